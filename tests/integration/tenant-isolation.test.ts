/**
 * A caller is one customer, through the real local HTTP API: customer alpha, with the credentials
 * `npm run customer -- credentials alpha --json` prints, reaches its own routes and nothing of customer bravo's.
 */
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createApiClient, ensureCustomer, writeRuntimeFile, type ApiClient } from '../../local/app';
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
    ['get an upload URL', 'POST', '/customers/bravo/uploads', { fileName: 'src.zip', contentLength: 10 }],
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
    const upload = await alpha.request('POST', '/customers/alpha/uploads', { fileName: 'src.zip', contentLength: 10 });

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

  it('keeps keys and credentials in a keystore only its owner reads (0700, files 0600)', () => {
    const modeOf = (path: string): number => statSync(path).mode & 0o777;
    expect(modeOf(t.app.keystoreDir)).toBe(0o700);
    const files = readdirSync(t.app.keystoreDir).filter((name) => name.endsWith('.json'));
    expect(files).toEqual(expect.arrayContaining(['_operator.credentials.json', 'alpha.credentials.json', 'alpha.key.json']));
    for (const file of files) expect(`${file} ${modeOf(join(t.app.keystoreDir, file)).toString(8)}`).toBe(`${file} 600`);
  });

  it('lets S3 itself hold an upload to the size the plan allowed: other sizes are refused at the PUT', async () => {
    // Prepare: a plan of 1,000 bytes
    await ensureCustomer(t.app.clients.dynamodb, 'small', { tableName: t.table, keystoreDir: t.app.keystoreDir, plan: { maxArchiveBytes: 1000 } });
    const small = await t.app.apiAs({ kind: 'customer', customerId: 'small' });

    // Act
    const tooLarge = await small.request<{ error: string }>('POST', '/customers/small/uploads', { fileName: 'src.zip', contentLength: 600 * 1024 * 1024 });
    const undeclared = await small.request<{ message: string }>('POST', '/customers/small/uploads', { fileName: 'src.zip' });
    const granted = await small.request<{ uploadUrl: string; headers: Record<string, string> }>('POST', '/customers/small/uploads', { fileName: 'src.zip', contentLength: 800 });
    const { 'content-length': _length, ...headers } = granted.body.headers;
    const bigger = await fetch(granted.body.uploadUrl, { method: 'PUT', headers, body: Buffer.alloc(5000, 1) });
    const exact = await fetch(granted.body.uploadUrl, { method: 'PUT', headers: granted.body.headers, body: Buffer.alloc(800, 1) });

    // Assess
    expect(tooLarge).toMatchObject({ status: 413, body: { error: 'PlanLimitExceeded' } });
    expect(undeclared.status).toBe(400);
    expect(undeclared.body.message).toMatch(/contentLength/);
    expect(bigger.status).toBe(403);
    expect(await bigger.text()).toMatch(/SignatureDoesNotMatch/);
    expect(exact.status).toBe(200);
  });
});
