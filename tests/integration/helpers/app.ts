/**
 * Brings the whole local application up for an integration test: real emulators on free loopback ports, the real
 * engine and handlers, a fresh state directory; and a few steps a test repeats (onboard, upload, run, wait).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeExecutionCommand, StartExecutionCommand, type DescribeExecutionOutput } from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { executionName } from '../../../functions/lib/ids';
import { archiveOf, createReporter, ensureCustomer, startLocalApp, type ApiClient, type LocalApp, type LocalAppOptions } from '../../../local/app';

type TestApp = {
  app: LocalApp;
  api: ApiClient;
  table: string;
  bucket: string;
  analysisArn: string;
  onboard(customerId: string, status?: 'ACTIVE' | 'SUSPENDED'): Promise<void>;
  upload(customerId: string, bytes: Buffer, fileName: string): Promise<{ bucket: string; key: string }>;
  uploadSource(customerId: string, path: string): Promise<{ bucket: string; key: string }>;
  run(customerId: string, runId: string, source: { bucket: string; key: string }, options?: Record<string, number>): Promise<DescribeExecutionOutput>;
  runRecord(customerId: string, runId: string): Promise<Record<string, any> | undefined>;
  close(): Promise<void>;
};

type TestAppOptions = Pick<LocalAppOptions, 'faults'> & {
  /** Serve the local console too, on a free port. @default false */
  console?: boolean;
};

const startTestApp = async (options: TestAppOptions = {}): Promise<TestApp> => {
  const stateDir = mkdtempSync(join(tmpdir(), 'upgrade-impact-it-'));
  const app = await startLocalApp({
    stateDir,
    ports: { dynamodb: 0, s3: 0, eventbridge: 0, stepfunctions: 0, restApi: 0 },
    reporter: createReporter({ level: 'quiet' }),
    // Functions are built when a test first invokes them: a suite that never does builds nothing (and leaves no
    // build running past its end).
    warm: false,
    ...(options.faults === undefined ? {} : { faults: options.faults }),
    ...(options.console ? { console: { port: 0 } } : {}),
  });
  // The operator's client: every route. A customer's own client: apiAs(customerId).
  const api = await app.apiAs({ kind: 'operator' });
  const table = app.manifest.tables[0].name;
  const bucket = app.manifest.buckets[0].name;
  const analysis = app.manifest.stateMachines.find((machine) => machine.logicalId === 'AnalysisStateMachine')!;
  const documents = DynamoDBDocumentClient.from(app.clients.dynamodb);

  const upload = async (customerId: string, bytes: Buffer, fileName: string) => {
    const answer = await api.request<{ uploadUrl: string; headers: Record<string, string>; source: { bucket: string; key: string } }>(
      'POST',
      `/customers/${customerId}/uploads`,
      { fileName, contentLength: bytes.length },
    );
    if (answer.status !== 201) throw new Error(`upload refused: ${answer.status} ${JSON.stringify(answer.body)}`);
    const put = await fetch(answer.body.uploadUrl, { method: 'PUT', headers: answer.body.headers, body: bytes });
    if (!put.ok) throw new Error(`PUT failed: ${put.status}`);
    return answer.body.source;
  };

  return {
    app,
    api,
    table,
    bucket,
    analysisArn: analysis.aliasArn ?? analysis.arn,
    onboard: async (customerId, status = 'ACTIVE') => {
      await ensureCustomer(app.clients.dynamodb, customerId, { tableName: table, keystoreDir: app.keystoreDir, status });
    },
    upload,
    uploadSource: async (customerId, path) => {
      const { bytes, fileName } = await archiveOf(path);
      return upload(customerId, bytes, fileName);
    },
    run: async (customerId, runId, source, options = {}) => {
      const { executionArn } = await app.clients.sfn.send(
        new StartExecutionCommand({
          stateMachineArn: analysis.aliasArn ?? analysis.arn,
          name: executionName(customerId, runId),
          input: JSON.stringify({ customerId, runId, source, options }),
        }),
      );
      return app.engine.waitForExecution(executionArn!);
    },
    runRecord: async (customerId, runId) =>
      (await documents.send(new GetCommand({ TableName: table, Key: { PK: `CUSTOMER#${customerId}`, SK: `RUN#${runId}` } }))).Item,
    close: async () => {
      await app.stop();
      rmSync(stateDir, { recursive: true, force: true });
    },
  };
};

export { startTestApp };
export type { TestApp, TestAppOptions };
