/**
 * End-to-end runs through the whole local workflow, measured: the application comes up as `npm start` brings it up
 * (template-driven, emulators on free loopback ports, the Lambda pool with one worker per core), a customer uploads
 * the archive through the REST API's presigned URL, and the run is started with StartExecution on the analysis
 * state machine's alias; the clock runs from StartExecution until the execution is SUCCEEDED (split, Distributed
 * Map over the pool, aggregate, encrypt, publish, mark published).
 *
 * Counting: function invocations from the pool's onInvoke events; each function's environments and their peak V8
 * heap from the pool's own figures (`LambdaPool.stats()`, reset at the start of each run); S3 requests and DynamoDB capacity units through
 * counting proxies in front of both emulators; the engine's own service calls (DynamoDB tasks, ItemReader,
 * ResultWriter, EventBridge) from the execution history and the ResultWriter's objects.
 */
import { performance } from 'node:perf_hooks';
import { join } from 'node:path';
import { GetItemCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { StartExecutionCommand } from '@aws-sdk/client-sfn';
import { executionName } from '../../functions/lib/ids';
import { createReporter, ensureCustomer, startLocalApp, uploadArchive, type ApiClient, type LocalApp, type SourceArchive } from '../../local/app';
import type { FunctionPoolStats } from '../../local/lambda';
import { expressGbSeconds, lambdaGbSeconds, type CostInputs } from './cost';
import { BenchmarkTimeoutError, RequestCountingError, RunFailedError } from './errors';
import { tallyWorkflow, type WorkflowTally } from './history';
import { createInvocationTracker, initDurations, type InvocationTracker } from './invocations';
import { startCountingProxy, type CountingProxy, type RequestCounts } from './requestCounter';

/** The function the Distributed Map's child executions invoke (their one state, "Analyze batch"). */
const MAP_CHILD_FUNCTION = 'AnalyzeUnitsFunction';

// dynalite's own implementation of DynamoDB's item-size rule; the engine's DynamoDB tasks bypass the proxy.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { capacityUnits } = require('dynalite/db') as { capacityUnits(item: Record<string, AttributeValue> | undefined, isRead: boolean, isConsistent: boolean): number };

/** The local application with the benchmark's instruments attached. */
type BenchApp = {
  app: LocalApp;
  api: ApiClient;
  tracker: InvocationTracker;
  /** Counting proxies in front of S3 and DynamoDB; absent when requests are not counted. */
  proxies?: { s3: CountingProxy; dynamodb: CountingProxy };
  logDir: string;
  table: string;
  stateMachineArn: string;
  close(): Promise<void>;
};

/** Lambda figures of one function in one run. */
type FunctionFigures = { invocations: number; coldStarts: number; initMillis: number; durationMillis: number; memoryMb: number; gbSeconds: number; errors: number };

/** Everything measured about one end-to-end run. */
type RunMeasurement = {
  label: string;
  customerId: string;
  runId: string;
  executionArn: string;
  uploadMillis: number;
  /** StartExecution until SUCCEEDED, wall clock. */
  millis: number;
  units: number;
  loc: number;
  unitsFromCache: number;
  tally: WorkflowTally;
  /** States entered, the execution's and its map children's. */
  statesEntered: number;
  functions: Record<string, FunctionFigures>;
  /** The pool's figures of each function over the run: environments started, invocations, peak heap per environment. */
  workers: FunctionPoolStats[];
  /** CPU time of the whole process (main thread and Lambda workers) from StartExecution to SUCCEEDED, ms. */
  processCpuMillis: number;
  /** Share of that time the main thread's event loop was busy (engine, emulators, endpoints, proxies), 0..1. */
  mainThreadUtilization: number;
  /** What the counting proxies saw; absent when requests were not counted. */
  requests?: { s3: RequestCounts; dynamodb: RequestCounts };
  /** The engine's own S3 requests (ItemReader GETs, ResultWriter PUTs) and DynamoDB units (its tasks). */
  engineCalls: { s3Tier1: number; s3Tier2: number; writeUnits: number; readUnits: number; events: number };
  cost: CostInputs;
};

/** Options of {@link startBenchApp}. */
type BenchAppOptions = {
  root: string;
  stateDir: string;
  /** Lambda execution environments. @default one per core */
  lambdaConcurrency?: number;
  /**
   * Put counting proxies in front of S3 and DynamoDB (their costs are then measured; each request costs the main
   * thread a little more work).
   * @default true
   */
  countRequests?: boolean;
};

/** Options of {@link measureRun}. */
type RunOptions = {
  label: string;
  customerId: string;
  runId: string;
  archive: SourceArchive;
  /** Units per map batch (the run's `maxItemsPerBatch`). */
  batch: number;
  /** The execution is stopped and the benchmark fails after this long. */
  timeoutMillis: number;
};

/**
 * Starts the local application on free ports over `stateDir`, with counting proxies in front of S3 and DynamoDB.
 *
 * @example
 * const bench = await startBenchApp({ root: process.cwd(), stateDir });
 * try { await measureRun(bench, { … }); } finally { await bench.close(); }
 */
const startBenchApp = async (options: BenchAppOptions): Promise<BenchApp> => {
  const tracker = createInvocationTracker();
  const app = await startLocalApp({
    root: options.root,
    stateDir: options.stateDir,
    fresh: true,
    ports: { dynamodb: 0, s3: 0, eventbridge: 0, stepfunctions: 0, restApi: 0 },
    reporter: createReporter({ level: 'quiet' }),
    lambdaConcurrency: options.lambdaConcurrency,
    onInvoke: tracker.onInvoke,
    // The counting proxy rewrites DynamoDB requests (requestCounter.ts): a verifying DynamoDB would refuse them.
    verifyDynamoDbSessions: !(options.countRequests ?? true),
  });
  let proxies: BenchApp['proxies'];
  if (options.countRequests ?? true) {
    proxies = { s3: await startCountingProxy('s3', app.endpoints.s3), dynamodb: await startCountingProxy('dynamodb', app.endpoints.dynamodb) };
    // The pool builds each worker's environment from this object when it starts the worker, and no function has
    // started yet: from here on the functions reach S3 and DynamoDB through the proxies (see docs/benchmarks.md).
    app.environment.AWS_ENDPOINT_URL_S3 = proxies.s3.endpoint;
    app.environment.AWS_ENDPOINT_URL_DYNAMODB = proxies.dynamodb.endpoint;
  }
  const analysis = app.manifest.stateMachines.find((machine) => machine.logicalId === 'AnalysisStateMachine');
  if (!analysis) throw new Error('template.yaml has no AnalysisStateMachine');
  return {
    app,
    api: await app.apiAs({ kind: 'operator' }),
    tracker,
    proxies,
    logDir: join(options.stateDir, 'logs'),
    table: app.manifest.tables[0].name,
    stateMachineArn: analysis.aliasArn ?? analysis.arn,
    close: async () => {
      await app.stop();
      await proxies?.s3.close();
      await proxies?.dynamodb.close();
    },
  };
};

const getItem = async (bench: BenchApp, pk: string, sk: string): Promise<Record<string, AttributeValue> | undefined> =>
  (await bench.app.clients.dynamodb.send(new GetItemCommand({ TableName: bench.table, Key: { PK: { S: pk }, SK: { S: sk } }, ConsistentRead: true }))).Item;

const countObjects = async (bench: BenchApp, bucket: string, prefix: string): Promise<number> => {
  let count = 0;
  let token: string | undefined;
  do {
    const page = await bench.app.clients.s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
    count += page.KeyCount ?? 0;
    token = page.NextContinuationToken;
  } while (token);
  return count;
};

const waitOrStop = async (bench: BenchApp, executionArn: string, label: string, timeoutMillis: number) => {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      bench.app.engine.waitForExecution(executionArn),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          void bench.app.engine.stopExecution(executionArn, 'BenchmarkTimeout', `stopped by the benchmark after ${timeoutMillis} ms`).catch(() => undefined);
          reject(new BenchmarkTimeoutError(`end-to-end run '${label}'`, timeoutMillis));
        }, timeoutMillis);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
};

const functionFigures = (bench: BenchApp, invocations: ReturnType<InvocationTracker['take']>, inits: Map<string, number>): Record<string, FunctionFigures> => {
  const figures: Record<string, FunctionFigures> = {};
  for (const fn of bench.app.manifest.functions) {
    const mine = invocations.filter((invocation) => invocation.functionName === fn.logicalId);
    if (mine.length === 0) continue;
    figures[fn.logicalId] = {
      invocations: mine.length,
      coldStarts: mine.filter((invocation) => (inits.get(invocation.requestId) ?? 0) > 0).length,
      initMillis: mine.reduce((sum, invocation) => sum + (inits.get(invocation.requestId) ?? 0), 0),
      durationMillis: mine.reduce((sum, invocation) => sum + invocation.millis, 0),
      memoryMb: fn.memoryMb,
      gbSeconds: lambdaGbSeconds(mine.map((invocation) => invocation.millis), fn.memoryMb),
      errors: mine.filter((invocation) => invocation.error).length,
    };
  }
  return figures;
};

/**
 * Onboards the customer if needed, uploads the archive, runs one analysis, and measures it.
 *
 * @example
 * const cold = await measureRun(bench, { label: 'first run', customerId: 'bench-a', runId: 'r1', archive, batch: 25, timeoutMillis: 600_000 });
 */
const measureRun = async (bench: BenchApp, options: RunOptions): Promise<RunMeasurement> => {
  const { app } = bench;
  const { customerId, runId, label } = options;
  await ensureCustomer(app.clients.dynamodb, customerId, { tableName: bench.table, keystoreDir: app.keystoreDir });
  bench.tracker.take();
  app.pool.resetStats();
  bench.proxies?.s3.reset();
  bench.proxies?.dynamodb.reset();

  const uploadStarted = performance.now();
  const source = await uploadArchive(bench.api, customerId, options.archive);
  const uploadMillis = performance.now() - uploadStarted;

  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const loopBefore = performance.eventLoopUtilization();
  const { executionArn } = await app.clients.sfn.send(
    new StartExecutionCommand({
      stateMachineArn: bench.stateMachineArn,
      name: executionName(customerId, runId),
      input: JSON.stringify({ customerId, runId, source, options: { maxItemsPerBatch: options.batch } }),
    }),
  );
  const outcome = await waitOrStop(bench, executionArn!, label, options.timeoutMillis);
  const millis = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  const mainThreadUtilization = performance.eventLoopUtilization(loopBefore).utilization;
  if (outcome.status !== 'SUCCEEDED') throw new RunFailedError(label, outcome.status ?? 'UNKNOWN', outcome.error, outcome.cause);

  const requests = bench.proxies ? { s3: bench.proxies.s3.counts(), dynamodb: bench.proxies.dynamodb.counts() } : undefined;
  if (requests?.s3.requests === 0) throw new RequestCountingError('s3', 'no S3 request went through the proxy: the functions did not get its endpoint');
  if (requests?.dynamodb.requests === 0) throw new RequestCountingError('dynamodb', 'no DynamoDB request went through the proxy: the functions did not get its endpoint');
  const invocations = bench.tracker.take();
  const workers = app.pool.stats();
  const inits = await initDurations(bench.logDir, invocations);
  const functions = functionFigures(bench, invocations, inits);

  const tally = await tallyWorkflow(app.clients.sfn, executionArn!);
  const runItem = await getItem(bench, `CUSTOMER#${customerId}`, `RUN#${runId}`);
  const profile = await getItem(bench, `CUSTOMER#${customerId}`, 'PROFILE');
  const summary = JSON.parse(runItem?.summary?.S ?? '{}') as { units?: number; loc?: number; unitsFromCache?: number };
  // Engine-side calls. DynamoDB: Load customer reads the profile (strongly consistent); Record run started writes
  // the small first version of the run item (1 WRU); Mark run published rewrites the full item.
  const tasks = tally.parent.tasks;
  const readUnits = (tasks['dynamodb:getItem'] ?? 0) * capacityUnits(profile, true, true);
  const writeUnits = (tasks['dynamodb:putItem'] ?? 0) * 1 + (tasks['dynamodb:updateItem'] ?? 0) * capacityUnits(runItem, false, false);
  const bucket = app.manifest.buckets[0].name;
  const resultObjects = await countObjects(bench, bucket, `runs/${customerId}/${runId}/map/`);
  const engineCalls = { s3Tier1: resultObjects, s3Tier2: tally.mapRuns, writeUnits, readUnits, events: tasks['events:putEvents'] ?? 0 };

  const lambdaRequests = Object.values(functions).reduce((sum, fn) => sum + fn.invocations, 0);
  // Express duration: locally every child the map starts (MaxConcurrency 50) waits for one of the pool's few workers,
  // so its measured duration is mostly queueing that Lambda's own concurrency would not impose. A child is one Lambda
  // task, so it is billed here for the duration of its invocation, rounded up to 100 ms as Express rounds.
  const childInvocations = invocations.filter((invocation) => invocation.functionName === MAP_CHILD_FUNCTION);
  const childBilledMillis = childInvocations.reduce((sum, invocation) => sum + Math.max(100, Math.ceil(invocation.millis / 100) * 100), 0);
  const cost: CostInputs = {
    loc: summary.loc ?? 0,
    lambdaRequests,
    lambdaGbSeconds: Object.values(functions).reduce((sum, fn) => sum + fn.gbSeconds, 0),
    // Distributed Map: one transition per child execution started, on top of the states entered.
    standardTransitions: tally.parent.entered + tally.parent.retries + tally.children.executions,
    expressRequests: tally.children.executions,
    expressGbSeconds: expressGbSeconds(childBilledMillis),
    s3Tier1Requests: (requests?.s3.s3Tier1 ?? 0) + engineCalls.s3Tier1,
    s3Tier2Requests: (requests?.s3.s3Tier2 ?? 0) + engineCalls.s3Tier2,
    dynamodbWriteUnits: (requests?.dynamodb.writeUnits ?? 0) + engineCalls.writeUnits,
    dynamodbReadUnits: (requests?.dynamodb.readUnits ?? 0) + engineCalls.readUnits,
    events: engineCalls.events,
  };
  return {
    label,
    customerId,
    runId,
    executionArn: executionArn!,
    uploadMillis,
    millis,
    units: summary.units ?? 0,
    loc: summary.loc ?? 0,
    unitsFromCache: summary.unitsFromCache ?? 0,
    tally,
    statesEntered: tally.parent.entered + tally.children.entered,
    functions,
    workers,
    processCpuMillis: (cpu.user + cpu.system) / 1000,
    mainThreadUtilization,
    ...(requests ? { requests } : {}),
    engineCalls,
    cost,
  };
};

export { measureRun, startBenchApp };
export type { BenchApp, BenchAppOptions, FunctionFigures, RunMeasurement, RunOptions };
