/**
 * A caller is one customer, through the real local HTTP API: customer alpha, with the credentials
 * `npm run customer -- credentials alpha --json` prints, reaches its own routes and nothing of customer bravo's.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createApiClient, writeRuntimeFile, type ApiClient } from '../../local/app';
import { startTestApp, type TestApp } from './helpers/app';

const ROOT = join(__dirname, '..', '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');

const runCli = (args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> =>
  new Promise((resolve) => {
    const child = spawn(TSX, ['local/cli/app/customer.ts', ...args], { cwd: ROOT, env: { ...process.env, CI: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });

describe('Feature: tenant isolation through the local REST API', () => {
  let t: TestApp;
  let removeRuntimeFile: () => void;
  let alpha: ApiClient;
  let bravoSource: { bucket: string; key: string };
  let printed: { accessKeyId: string; secretAccessKey: string };

  beforeAll(async () => {
    t = await startTestApp();
    // As `npm run local` does: commands attach to this runtime.
    removeRuntimeFile = writeRuntimeFile(t.app);
    await t.onboard('alpha');
    await t.onboard('bravo');
    bravoSource = await t.uploadSource('bravo', 'examples/abap-erp-custom');
    const bravo = await t.app.apiAs({ kind: 'customer', customerId: 'bravo' });
    const started = await bravo.request<{ executionArn: string }>('POST', '/customers/bravo/analyses', { source: bravoSource, runId: 'secret-run' });
    await t.app.engine.waitForExecution(started.body.executionArn);
    const cli = await runCli(['credentials', 'alpha', '--json', '--state-dir', t.app.stateDir]);
    if (cli.code !== 0) throw new Error(`customer credentials failed: ${cli.stderr}`);
    printed = JSON.parse(cli.stdout);
    alpha = createApiClient({ baseUrl: t.app.endpoints.restApi, region: t.app.manifest.region, credentials: printed });
  }, 240_000);

  afterAll(async () => {
    removeRuntimeFile?.();
    await t?.close();
  });

  it('prints the customer’s credentials as {"accessKeyId", "secretAccessKey"}', () => {
    expect(Object.keys(printed).sort()).toEqual(['accessKeyId', 'secretAccessKey']);
    expect(printed.accessKeyId).toMatch(/^AKIA[A-Z2-7]{16}$/);
  });

  it.each([
    ['read a run and its summary', 'GET', '/customers/bravo/analyses/secret-run', undefined],
    ['get an upload URL', 'POST', '/customers/bravo/uploads', { fileName: 'src.zip' }],
    ['start a run', 'POST', '/customers/bravo/analyses', { runId: 'hijack', source: { bucket: 'upgrade-impact-local-databucket', key: 'uploads/bravo/x/src.zip' } }],
  ])('does not let alpha %s of bravo: 403', async (_what, method, path, body) => {
    // Act
    const answer = await alpha.request<{ Message: string }>(method, path, body);

    // Assess
    expect(answer.status).toBe(403);
    expect(answer.body.Message).toMatch(/is not authorized to perform: execute-api:Invoke/);
  });

  it('starts nothing for bravo when alpha tries', async () => {
    expect(await t.runRecord('bravo', 'hijack')).toBeUndefined();
  });

  it('answers alpha 404 for an unknown run of its own, and serves its own routes', async () => {
    // Act
    const missing = await alpha.request<{ error: string }>('GET', '/customers/alpha/analyses/never');
    const upload = await alpha.request('POST', '/customers/alpha/uploads', { fileName: 'src.zip' });

    // Assess
    expect(missing).toMatchObject({ status: 404, body: { error: 'RunNotFound' } });
    expect(upload.status).toBe(201);
  });

  it('refuses alpha’s key with another secret, and the emulators’ well-known local key', async () => {
    // Act
    const forged = await createApiClient({ baseUrl: t.app.endpoints.restApi, region: t.app.manifest.region, credentials: { ...printed, secretAccessKey: 'guess' } }).request(
      'GET',
      '/customers/alpha/analyses/never',
    );
    const wellKnown = await createApiClient({ baseUrl: t.app.endpoints.restApi, region: t.app.manifest.region, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }).request(
      'GET',
      '/customers/alpha/analyses/never',
    );

    // Assess
    expect([forged.status, wellKnown.status]).toEqual([403, 403]);
  });
});
