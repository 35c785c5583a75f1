/**
 * A session with the local services for a one-shot command (npm start, invoke, trace, report, customer): attach
 * to a running `npm run local` when there is one (its endpoints are in <stateDir>/runtime.json), otherwise bring
 * the application up in this process on free ports, over the same state directory, for the command's lifetime.
 */
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { S3Client } from '@aws-sdk/client-s3';
import { SFNClient } from '@aws-sdk/client-sfn';
import { stepFunctionsClientConfig } from '../endpoints/stepfunctions';
import { loadManifest, type AppManifest } from '../manifest';
import { createApiClient, type ApiClient } from './api-client';
import { LocalCredentialStore, type Principal } from './credentials';
import type { FaultCounts } from '../faults';
import { LOCAL_CREDENTIALS, faultCountsPath, functionEnvironment, startLocalApp, type LocalApp, type LocalAppOptions } from './app';
import type { Reporter } from './reporter';

type Endpoints = LocalApp['endpoints'];

type RuntimeFile = { pid: number; startedAt: string; endpoints: Endpoints; keystoreDir: string; eventLogPath: string };

type Session = {
  manifest: AppManifest;
  endpoints: Endpoints;
  clients: LocalApp['clients'];
  /** The REST API as a customer (its key issued if it has none) or as the operator. */
  apiAs(principal: Principal): Promise<ApiClient>;
  keystoreDir: string;
  eventLogPath: string;
  stateDir: string;
  /** The environment a function gets here (the SDK pointed at these services). */
  environment: Record<string, string>;
  /** Set when this process runs the services (not attached to `npm run local`). */
  app?: LocalApp;
  /** What the runtime's fault switch injected and saw retried so far; undefined when it runs without one. */
  faultCounts(): FaultCounts | undefined;
  close(): Promise<void>;
};

/** The counts a runtime with a fault switch keeps in its state directory (for a command attached to it). */
const readFaultCounts = (stateDir: string): FaultCounts | undefined => {
  try {
    return (JSON.parse(readFileSync(faultCountsPath(stateDir), 'utf8')) as { counts: FaultCounts }).counts;
  } catch {
    return undefined;
  }
};

const runtimeFilePath = (stateDir: string): string => join(stateDir, 'runtime.json');

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Records a long-running local runtime's endpoints so one-shot commands can attach to it. */
const writeRuntimeFile = (app: LocalApp): (() => void) => {
  const path = runtimeFilePath(app.stateDir);
  const file: RuntimeFile = { pid: process.pid, startedAt: new Date().toISOString(), endpoints: app.endpoints, keystoreDir: app.keystoreDir, eventLogPath: app.eventLogPath };
  writeFileSync(path, `${JSON.stringify(file, null, 2)}\n`);
  return () => rmSync(path, { force: true });
};

const readRuntimeFile = (stateDir: string): RuntimeFile | undefined => {
  const path = runtimeFilePath(stateDir);
  if (!existsSync(path)) return undefined;
  try {
    const file = JSON.parse(readFileSync(path, 'utf8')) as RuntimeFile;
    return isAlive(file.pid) ? file : undefined;
  } catch {
    return undefined;
  }
};

type SessionOptions = Omit<LocalAppOptions, 'ports'> & { reporter: Reporter };

/**
 * @example
 * const session = await openSession({ reporter });
 * try { … session.clients.sfn … } finally { await session.close(); }
 */
const openSession = async (options: SessionOptions): Promise<Session> => {
  const root = resolve(options.root ?? process.cwd());
  const stateDir = resolve(options.stateDir ?? join(root, '.local'));
  const running = options.fresh ? undefined : readRuntimeFile(stateDir);
  if (running) {
    const manifest = loadManifest(join(root, 'template.yaml'), { parameters: options.parameters });
    const base = { region: manifest.region, credentials: LOCAL_CREDENTIALS };
    const clients = {
      s3: new S3Client({ ...base, endpoint: running.endpoints.s3, forcePathStyle: true }),
      dynamodb: new DynamoDBClient({ ...base, endpoint: running.endpoints.dynamodb }),
      sfn: new SFNClient(stepFunctionsClientConfig(running.endpoints.stepfunctions, manifest.region)),
      eventbridge: new EventBridgeClient({ ...base, endpoint: running.endpoints.eventbridge }),
    };
    options.reporter.verbose(`Attached to the local runtime of process ${running.pid}`);
    if (process.env.LOCAL_FAULTS !== undefined) {
      options.reporter.warn(`LOCAL_FAULTS applies to the process that runs the services: the local runtime of process ${running.pid} uses the switch it was started with`);
    }
    // A counts file left by an earlier runtime without a switch would be stale: only a fresh one counts.
    const countsFresh = (): boolean => {
      try {
        return statSync(faultCountsPath(stateDir)).mtimeMs >= Date.parse(running.startedAt) - 1000;
      } catch {
        return false;
      }
    };
    return {
      manifest,
      endpoints: running.endpoints,
      clients,
      apiAs: async (principal) =>
        createApiClient({ baseUrl: running.endpoints.restApi, region: manifest.region, credentials: await new LocalCredentialStore(running.keystoreDir).ensure(principal) }),
      keystoreDir: running.keystoreDir,
      eventLogPath: running.eventLogPath,
      stateDir,
      environment: functionEnvironment(manifest.region, running.endpoints, running.keystoreDir),
      faultCounts: () => (countsFresh() ? readFaultCounts(stateDir) : undefined),
      close: async () => {
        for (const client of Object.values(clients)) client.destroy();
      },
    };
  }
  const app = await startLocalApp({ ...options, root, stateDir, ports: { dynamodb: 0, s3: 0, eventbridge: 0, stepfunctions: 0, restApi: 0 } });
  return {
    manifest: app.manifest,
    endpoints: app.endpoints,
    clients: app.clients,
    apiAs: (principal) => app.apiAs(principal),
    keystoreDir: app.keystoreDir,
    eventLogPath: app.eventLogPath,
    stateDir: app.stateDir,
    environment: app.environment,
    app,
    faultCounts: () => app.faults?.counts(),
    close: () => app.stop(),
  };
};

export { openSession, readRuntimeFile, runtimeFilePath, writeRuntimeFile };
export type { RuntimeFile, Session, SessionOptions };
