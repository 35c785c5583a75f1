/**
 * Runs end true however the runtime stops. `npm run local` runs as its own process (as a user starts it); a run
 * is started through it; then the process is killed (`kill -9`) or stopped (Ctrl-C, SIGINT) in the middle of the
 * Distributed Map. After a kill, the next start of the runtime closes the run record within seconds; after Ctrl-C,
 * the record is closed before the process exits.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeExecutionCommand, DescribeMapRunCommand, ListMapRunsCommand, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { executionName } from '../../functions/lib/ids';
import { createReporter, ensureCustomer, openSession, readRuntimeFile, startLocalApp, uploadArchive, archiveOf, type Session } from '../../local/app';
import { startDynamoDb } from '../../local/emulators/dynamodb';

const ROOT = join(__dirname, '..', '..');
const quiet = createReporter({ level: 'quiet' });

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const waitFor = async <T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
};

/** `npm run local` as its own process, on free ports, over the given state directory. */
const startLocalProcess = async (stateDir: string): Promise<ChildProcess> => {
  const ports = ['dynamodb', 's3', 'eventbridge', 'stepfunctions', 'rest-api'].flatMap((service) => [`--port-${service}`, '0']);
  const child = spawn(process.execPath, ['--import', 'tsx', 'local/cli/app/local.ts', '--state-dir', stateDir, '--quiet', ...ports], {
    cwd: ROOT,
    env: { ...process.env, CI: '1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  await waitFor(
    'npm run local to be ready',
    async () => {
      if (child.exitCode !== null) throw new Error(`npm run local exited ${child.exitCode}: ${stderr}`);
      return readRuntimeFile(stateDir)?.pid === child.pid ? true : undefined;
    },
    120_000,
  ).catch((error: Error) => {
    child.kill('SIGKILL');
    throw new Error(`${error.message}\n${stderr}`);
  });
  return child;
};

const exited = (child: ChildProcess): Promise<number | null> =>
  child.exitCode !== null || child.signalCode !== null ? Promise.resolve(child.exitCode) : new Promise((resolve) => child.once('exit', (code) => resolve(code)));

/** Starts a slow run (one unit per batch, one batch at a time) and resolves once the map has analysed a unit. */
const startRunAndWaitForTheMap = async (session: Session, customerId: string, runId: string): Promise<string> => {
  const table = session.manifest.tables[0].name;
  await ensureCustomer(session.clients.dynamodb, customerId, { tableName: table, keystoreDir: session.keystoreDir });
  const source = await uploadArchive(await session.apiAs({ kind: 'customer', customerId }), customerId, await archiveOf(join(ROOT, 'examples/abap-erp-custom')));
  const analysis = session.manifest.stateMachines.find((machine) => machine.logicalId === 'AnalysisStateMachine')!;
  const { executionArn } = await session.clients.sfn.send(
    new StartExecutionCommand({
      stateMachineArn: analysis.aliasArn ?? analysis.arn,
      name: executionName(customerId, runId),
      input: JSON.stringify({ customerId, runId, source, options: { maxConcurrency: 1, maxItemsPerBatch: 1 } }),
    }),
  );
  await waitFor(
    'the map to analyse a unit',
    async () => {
      const { mapRuns = [] } = await session.clients.sfn.send(new ListMapRunsCommand({ executionArn }));
      if (!mapRuns[0]) return undefined;
      const run = await session.clients.sfn.send(new DescribeMapRunCommand({ mapRunArn: mapRuns[0].mapRunArn }));
      return (run.itemCounts?.succeeded ?? 0) > 0 && (run.itemCounts?.pending ?? 0) > 0 ? true : undefined;
    },
    120_000,
  );
  return executionArn!;
};

const runKey = (customerId: string, runId: string) => ({ PK: `CUSTOMER#${customerId}`, SK: `RUN#${runId}` });

describe('Feature: a run record reaches a final state however the runtime stops', () => {
  const stateDir = mkdtempSync(join(tmpdir(), 'upgrade-impact-outcome-'));
  let child: ChildProcess | undefined;

  afterEach(async () => {
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await exited(child);
    }
  });

  afterAll(() => rmSync(stateDir, { recursive: true, force: true }));

  it('closes a run killed with kill -9 mid-map as FAILED, with the cause, within seconds of the next start', async () => {
    // Prepare
    child = await startLocalProcess(stateDir);
    const session = await openSession({ reporter: quiet, stateDir });
    const executionArn = await startRunAndWaitForTheMap(session, 'acme', 'killed');
    await session.close();

    // Act
    child.kill('SIGKILL');
    await exited(child);
    const restartedAt = Date.now();
    const app = await startLocalApp({ stateDir, reporter: quiet, ports: { dynamodb: 0, s3: 0, eventbridge: 0, stepfunctions: 0, restApi: 0 } });
    try {
      const documents = DynamoDBDocumentClient.from(app.clients.dynamodb);
      const record = await waitFor(
        'the run record to close',
        async () => {
          const { Item } = await documents.send(new GetCommand({ TableName: app.manifest.tables[0].name, Key: runKey('acme', 'killed'), ConsistentRead: true }));
          return Item?.status === 'RUNNING' ? undefined : Item;
        },
        30_000,
      );
      const closedWithin = Date.now() - restartedAt;
      const execution = await app.clients.sfn.send(new DescribeExecutionCommand({ executionArn }));

      // Assess
      expect(record).toMatchObject({ status: 'FAILED', error: 'Local.EngineRestarted', executionArn });
      expect(record.cause).toMatch(/stopped while this execution was running/);
      expect(record.failedAt).toEqual(expect.any(String));
      expect(execution.status).toBe('ABORTED');
      expect(closedWithin).toBeLessThan(30_000);
    } finally {
      await app.stop();
    }
  }, 300_000);

  it('closes a run stopped with Ctrl-C (SIGINT) as FAILED before the process exits', async () => {
    // Prepare
    child = await startLocalProcess(stateDir);
    const session = await openSession({ reporter: quiet, stateDir });
    const executionArn = await startRunAndWaitForTheMap(session, 'acme', 'interrupted');
    await session.close();

    // Act
    child.kill('SIGINT');
    const code = await exited(child);
    // DynamoDB alone, over the state the process left: nothing reconciles anything here.
    const dynamodb = await startDynamoDb({ port: 0, dataDir: join(stateDir, 'dynamodb') });
    const client = new DynamoDBClient({ endpoint: dynamodb.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    try {
      const { Item } = await DynamoDBDocumentClient.from(client).send(
        new GetCommand({ TableName: 'upgrade-impact-local-AnalysisTable', Key: runKey('acme', 'interrupted'), ConsistentRead: true }),
      );

      // Assess
      expect(code).toBe(0);
      expect(Item).toMatchObject({ status: 'FAILED', error: 'Local.EngineRestarted', executionArn });
      expect(Item!.cause).toEqual(expect.any(String));
    } finally {
      client.destroy();
      await dynamodb.stop();
    }
  }, 300_000);
});
