/**
 * The local console: a web page over the local runtime that shows what the Step Functions console and a report
 * reader would, for every customer on this machine. Executions per state machine, an execution's definition drawn
 * as a graph and coloured by what happened, its history and map runs; each customer's runs and their reports
 * (decrypted on demand with the customer's key, charts and code excerpts); each function's invocations and log lines.
 *
 * It is an operator's tool: it listens on 127.0.0.1 only, answers only this machine, and says so on every page.
 * It reads through the same APIs as everyone else (the Step Functions endpoint, DynamoDB, S3) and writes nothing.
 */
import { join } from 'node:path';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { S3Client } from '@aws-sdk/client-s3';
import type { SFNClient } from '@aws-sdk/client-sfn';
import type { AppManifest } from '../manifest';
import { ConsoleBadRequestError } from './errors';
import { ExecutionsView } from './executions';
import { FunctionsView } from './functions';
import { runPath } from './paths';
import { ReportsView } from './reports';
import { RunsView } from './runs';
import { startConsoleServer, type Route } from './server';

type ConsoleOptions = {
  /** @default 0 (a free port) */
  port?: number;
  manifest: AppManifest;
  clients: { sfn: SFNClient; s3: S3Client; dynamodb: DynamoDBClient };
  keystoreDir: string;
  /** The functions' log directory (`<state>/logs`). */
  logDir: string;
  /** Called with each failure that is not the caller's fault. */
  onError?: (error: Error, path: string) => void;
};

type LocalConsole = {
  /** `http://127.0.0.1:<port>` */
  url: string;
  port: number;
  /** The page of a run: `<url>/runs/<customerId>/<runId>`. */
  runUrl(customerId: string, runId: string): string;
  close(): Promise<void>;
};

/** Where the page's files are: beside this module, served as they are (no build step). */
const STATIC_DIR = join(__dirname, 'static');

const integer = (value: string | null, name: string, fallback: number): number => {
  if (value === null || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) throw new ConsoleBadRequestError(`${name} must be a whole number`);
  return parsed;
};

/** `customerId/runId` → the pair; the run filter of the functions page. */
const runRef = (value: string | null): { customerId: string; runId: string } | undefined => {
  if (!value) return undefined;
  const slash = value.indexOf('/');
  if (slash <= 0 || slash === value.length - 1) throw new ConsoleBadRequestError('run must be <customerId>/<runId>');
  return { customerId: value.slice(0, slash), runId: value.slice(slash + 1) };
};

/**
 * @example
 * const console = await startConsole({ port: 0, manifest, clients, keystoreDir, logDir });
 * process.stderr.write(`Console: ${console.url}\n`);
 */
const startConsole = async (options: ConsoleOptions): Promise<LocalConsole> => {
  const { manifest, clients } = options;
  const tableName = manifest.tables[0]?.name ?? '';
  const bucket = manifest.buckets[0]?.name ?? '';
  const executions = new ExecutionsView(clients.sfn);
  const runs = new RunsView({ dynamodb: clients.dynamodb, tableName, keystoreDir: options.keystoreDir });
  const reports = new ReportsView({ s3: clients.s3, dynamodb: clients.dynamodb, bucket, tableName, keystoreDir: options.keystoreDir });
  const functions = new FunctionsView(manifest, options.logDir);

  const routes: Route[] = [
    {
      pattern: /^\/api\/overview$/,
      handle: async () => ({
        stackName: manifest.stackName,
        region: manifest.region,
        stateMachines: await executions.stateMachines(),
        analysisStateMachineArn: manifest.stateMachines.find((machine) => machine.logicalId === 'AnalysisStateMachine')?.arn,
      }),
    },
    {
      pattern: /^\/api\/executions$/,
      handle: async (_params, query) => {
        const stateMachineArn = query.get('stateMachineArn');
        if (!stateMachineArn) throw new ConsoleBadRequestError('stateMachineArn is required');
        return executions.list({ stateMachineArn, status: query.get('status') ?? undefined, nextToken: query.get('nextToken') ?? undefined });
      },
    },
    { pattern: /^\/api\/executions\/([^/]+)$/, handle: async ([executionArn]) => executions.detail(executionArn) },
    { pattern: /^\/api\/customers$/, handle: async () => runs.customers() },
    { pattern: /^\/api\/customers\/([^/]+)\/runs$/, handle: async ([customerId]) => runs.runs(customerId) },
    { pattern: /^\/api\/runs\/([^/]+)\/([^/]+)$/, handle: async ([customerId, runId]) => runs.run(customerId, runId) },
    { pattern: /^\/api\/runs\/([^/]+)\/([^/]+)\/report$/, handle: async ([customerId, runId]) => reports.view(customerId, runId) },
    {
      pattern: /^\/api\/runs\/([^/]+)\/([^/]+)\/report\/objects$/,
      handle: async ([customerId, runId], query) =>
        reports.objects(customerId, runId, {
          offset: integer(query.get('offset'), 'offset', 0),
          limit: integer(query.get('limit'), 'limit', 100),
          q: query.get('q') ?? undefined,
          severity: query.get('severity') || undefined,
          rule: query.get('rule') || undefined,
        }),
    },
    {
      pattern: /^\/api\/runs\/([^/]+)\/([^/]+)\/report\/objects\/(\d+)$/,
      handle: async ([customerId, runId, index]) => reports.object(customerId, runId, Number(index)),
    },
    { pattern: /^\/api\/functions$/, handle: async () => functions.list() },
    { pattern: /^\/api\/functions\/([^/]+)$/, handle: async ([logicalId], query) => functions.detail(logicalId, runRef(query.get('run'))) },
  ];

  const server = await startConsoleServer({ port: options.port, routes, staticDir: STATIC_DIR, onError: options.onError });
  return {
    url: server.url,
    port: server.port,
    runUrl: (customerId, runId) => `${server.url}${runPath(customerId, runId)}`,
    close: async () => {
      reports.clear();
      await server.close();
    },
  };
};

export { executionPath, runPath } from './paths';
export { startConsole };
export type { ConsoleOptions, LocalConsole };
