/**
 * The embedded default: the whole application on one machine, driven by template.yaml. Starts, in order, the
 * emulator host thread with STS, the local DynamoDB (tables from the template) and the S3 server (buckets from the
 * template), off the main thread where the engine and the pool run; the EventBridge endpoint
 * (buses from the template), the Lambda pool (functions and layers from the template), the ASL engine with its
 * file store and the template's state machines, the Step Functions endpoint, and the REST API from
 * api/openapi.yaml, and, when asked, the local console. `stop()` ends them in reverse. State lives under the state directory and survives restarts.
 */
import { chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CreateBucketCommand, HeadBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CreateEventBusCommand, EventBridgeClient, ResourceAlreadyExistsException } from '@aws-sdk/client-eventbridge';
import { SFNClient } from '@aws-sdk/client-sfn';
import { Engine } from '../asl';
import { createIntegrationRegistry } from '../asl/integrations';
import { createTablesFromTemplate, type TableProperties } from '../emulators/dynamodb/tables';
import { startEventBridge } from '../emulators/eventbridge';
import { startEmulatorHost } from '../emulators/host';
import type { LocalConsole } from '../console';
import { startRestApi, type RestApi } from '../endpoints/rest-api';
import { startStepFunctionsEndpoint, stepFunctionsClientConfig, type StepFunctionsEndpoint } from '../endpoints/stepfunctions';
import { BUILD_STAMP, LambdaPool, buildKey, isBuildFresh, recordBuild } from '../lambda';
import { loadManifest, type AppManifest } from '../manifest';
import { FileEngineStore } from '../store';
import type { PolicyDocument, RoleDefinition } from '../iam';
import { FaultInjector, handKmsRatesToFunctions, parseFaults, withLambdaFaults, type FaultPlan } from '../faults';
import { LOCAL_KMS_FAULTS_ENV } from '../../functions/lib/crypto';
import { createApiClient, type ApiClient } from './api-client';
import { apiCallersOf } from './api-callers';
import { LocalCredentialStore, type Principal } from './credentials';
import { createReporter, type Reporter } from './reporter';
import { createRuleRouter, emittingStatusChanges, redeliverInterrupted, type BusEvent } from './event-rules';
import { deployStateMachines } from './state-machines';

/**
 * Credentials the local service endpoints (S3, DynamoDB, EventBridge, Step Functions) accept, as any would do. Not
 * the REST API's: that one accepts only keys of the local credential store (a customer's, or the operator's).
 */
const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' } as const;

/** Fixed default ports (`npm run local`); 0 everywhere picks free ports (`npm start`, tests). */
const DEFAULT_PORTS = { dynamodb: 8000, s3: 4568, eventbridge: 4010, stepfunctions: 8083, restApi: 3000 } as const;
/** STS picks a free port unless one is asked for: only the functions call it, through their environment. */
type Ports = { [K in keyof typeof DEFAULT_PORTS]: number } & { sts?: number };

/** What the local runtime lets idle Lambda environments fill, in resident memory of the whole process (MiB). */
const DEFAULT_MEMORY_LIMIT_MB = 512;

/** The memory bound asked for: the option, else `LOCAL_MEMORY_LIMIT_MB`, else the default; 0 is no bound. */
const memoryLimitOf = (asked: number | undefined): number | undefined => {
  const fromEnvironment = process.env.LOCAL_MEMORY_LIMIT_MB;
  const limit = asked ?? (fromEnvironment === undefined || fromEnvironment === '' ? DEFAULT_MEMORY_LIMIT_MB : Number(fromEnvironment));
  if (!Number.isFinite(limit) || limit < 0) throw new RangeError(`LOCAL_MEMORY_LIMIT_MB must be a number of MiB (0 for no bound), got '${fromEnvironment}'`);
  return limit === 0 ? undefined : limit;
};

/** The console's port under `npm run local` (and the one `npm start` links to). */
const DEFAULT_CONSOLE_PORT = 3001;

type LocalAppOptions = {
  /** Project root (where template.yaml is). @default process.cwd() */
  root?: string;
  /** @default '<root>/.local' */
  stateDir?: string;
  /** Wipe the state directory first. @default false */
  fresh?: boolean;
  /** Ports by service; a service left out uses its default. */
  ports?: Partial<Ports>;
  /** Template parameter overrides. */
  parameters?: Record<string, string>;
  /** Lambda execution environments at once. @default one per core */
  lambdaConcurrency?: number;
  /**
   * The runtime's resident memory (MiB) above which the Lambda pool recycles idle execution environments, longest
   * idle first (their next invocation is a cold start, as after Lambda reclaims an environment); busy ones are never
   * touched. 0 turns the bound off.
   * @default process.env.LOCAL_MEMORY_LIMIT_MB, else {@link DEFAULT_MEMORY_LIMIT_MB}
   */
  memoryLimitMb?: number;
  reporter?: Reporter;
  /** Called for each Lambda invocation (progress). */
  onInvoke?: ConstructorParameters<typeof LambdaPool>[0]['onInvoke'];
  /** Build every function and the layers in the background as soon as the pool exists. @default true */
  warm?: boolean;
  /** Serve the local console on this loopback port (0: a free one). @default no console */
  console?: { port: number };
  /**
   * The fault switch (local/faults/spec.ts), or its plan. When given (even empty), every local service asks it before
   * serving a request, and `faults` can change it while the runtime runs.
   * @default process.env.LOCAL_FAULTS
   */
  faults?: string | FaultPlan;
  /**
   * Hold DynamoDB requests of role sessions to their role's policies (signature verified, leading keys checked).
   * Off only for the workflow benchmark: its counting proxy adds ReturnConsumedCapacity to the requests it forwards,
   * which a verifying DynamoDB rightly refuses as tampered (the policies are tested elsewhere).
   * @default true
   */
  verifyDynamoDbSessions?: boolean;
};

type LocalApp = {
  manifest: AppManifest;
  stateDir: string;
  endpoints: { dynamodb: string; s3: string; eventbridge: string; stepfunctions: string; restApi: string; sts: string; console?: string };
  /** The console, when it was asked for. */
  console?: LocalConsole;
  engine: Engine;
  pool: LambdaPool;
  /** Environment that points the AWS SDK and CLI at the local services (what the functions get, too). */
  environment: Record<string, string>;
  /** SDK clients on the local endpoints. */
  clients: { s3: S3Client; dynamodb: DynamoDBClient; sfn: SFNClient; eventbridge: EventBridgeClient };
  /** Directory of the local keystore (per-customer AES keys). */
  keystoreDir: string;
  eventLogPath: string;
  /** The fault switch, when the runtime was started with one (`LOCAL_FAULTS`). */
  faults?: FaultInjector;
  /** API keys of customers and the operator (in the keystore). */
  credentials: LocalCredentialStore;
  /** A REST API client signed as a customer (its key issued if it has none) or as the operator. */
  apiAs(principal: Principal): Promise<ApiClient>;
  stop(): Promise<void>;
};

/** Where a runtime with a fault switch keeps its counts, for commands attached to it (`npm start`). */
const faultCountsPath = (stateDir: string): string => join(stateDir, 'faults.json');

/** What every local function's environment adds to its template environment: the SDK pointed at the local services. */
const functionEnvironment = (
  region: string,
  endpoints: { dynamodb: string; s3: string; eventbridge: string; stepfunctions?: string; sts?: string },
  keystoreDir: string,
): Record<string, string> => ({
  AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
  AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
  AWS_REGION: region,
  AWS_DEFAULT_REGION: region,
  AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamodb,
  AWS_ENDPOINT_URL_S3: endpoints.s3,
  AWS_ENDPOINT_URL_EVENTBRIDGE: endpoints.eventbridge,
  ...(endpoints.stepfunctions ? { AWS_ENDPOINT_URL_SFN: endpoints.stepfunctions } : {}),
  ...(endpoints.sts ? { AWS_ENDPOINT_URL_STS: endpoints.sts } : {}),
  LOCAL_KEYSTORE_DIR: keystoreDir,
});

/**
 * Builds each layer that ships a build.ts exporting buildLayer (the analysis-engine layer does), or reuses its last
 * build when nothing it was built from has changed (local/lambda/build-cache.ts).
 */
const buildLayers = async (manifest: AppManifest, buildDir: string): Promise<Record<string, string>> => {
  const paths: Record<string, string> = {};
  for (const layer of manifest.layers) {
    const script = join(layer.contentUri, 'build.ts');
    const outdir = join(buildDir, 'layers', layer.logicalId);
    const options = { outdir, minify: false, sourcemap: true };
    const stampFile = join(outdir, BUILD_STAMP);
    const key = buildKey(options, script);
    if (!isBuildFresh(stampFile, key)) {
      rmSync(stampFile, { force: true });
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { buildLayer } = require(script) as {
        buildLayer(options: { outdir: string; minify?: boolean; sourcemap?: boolean }): Promise<{ file: string; sources?: string[]; outputs?: string[] }>;
      };
      const built = await buildLayer(options);
      // A layer build that does not say what it read is built every time.
      if (built.sources && built.outputs) recordBuild(stampFile, key, built.sources, built.outputs);
    }
    paths[layer.logicalId] = join(outdir, 'nodejs', 'node_modules');
  }
  return paths;
};

/**
 * @example
 * const app = await startLocalApp({ ports: { dynamodb: 0, s3: 0, eventbridge: 0, stepfunctions: 0, restApi: 0 } });
 * await app.clients.sfn.send(new StartExecutionCommand({ stateMachineArn, input }));
 * await app.stop();
 */
const startLocalApp = async (options: LocalAppOptions = {}): Promise<LocalApp> => {
  const started = Date.now();
  const root = resolve(options.root ?? process.cwd());
  const stateDir = resolve(options.stateDir ?? join(root, '.local'));
  const reporter = options.reporter ?? createReporter();
  const ports: Ports = { ...DEFAULT_PORTS, ...options.ports };
  const memoryLimitMb = memoryLimitOf(options.memoryLimitMb);
  if (options.fresh) rmSync(stateDir, { recursive: true, force: true });
  const dirs = {
    dynamodb: join(stateDir, 'dynamodb'),
    s3: join(stateDir, 's3'),
    eventbridge: join(stateDir, 'events'),
    engine: join(stateDir, 'engine'),
    keystore: join(stateDir, 'keystore'),
    build: join(stateDir, 'build'),
    logs: join(stateDir, 'logs'),
  };
  for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true });
  // Keys and API credentials: the owner's alone, however the directory came to be.
  chmodSync(dirs.keystore, 0o700);
  const credentials = new LocalCredentialStore(dirs.keystore);
  await credentials.ensure({ kind: 'operator' });

  // Read the manifest once; everything below is configured from it.
  const manifest = loadManifest(join(root, 'template.yaml'), { parameters: options.parameters });
  const { region } = manifest;
  const stops: (() => Promise<void>)[] = [];
  const stop = async (): Promise<void> => {
    for (const stopOne of stops.reverse()) await stopOne().catch((error: Error) => reporter.warn(`stop: ${error.message}`));
    stops.length = 0;
  };

  // The fault switch, when one is given: every service below asks it before serving a request.
  const faultSpec = options.faults ?? process.env.LOCAL_FAULTS;
  const faults = faultSpec === undefined ? undefined : new FaultInjector(typeof faultSpec === 'string' ? parseFaults(faultSpec) : faultSpec);
  if (faults) {
    handKmsRatesToFunctions(faults, join(stateDir, 'kms-faults.json'));
    // Written at every change: a command attached to this runtime (npm start) reads exact counts before and after.
    const writeCounts = (): void => writeFileSync(faultCountsPath(stateDir), `${JSON.stringify({ plan: faults.plan, counts: faults.counts() })}\n`);
    faults.onCounts(writeCounts);
    faults.onPlan(writeCounts);
  }

  // Role sessions: STS issues them (a function acting for one customer assumes TenantDataAccessRole with its tag), S3
  // and DynamoDB hold their requests to the role's policies from the template, as IAM does. The three run together
  // on the emulator host thread, where the sessions live.
  const roles: RoleDefinition[] = manifest.logicalIdsOfType('AWS::IAM::Role').map((logicalId) => {
    const properties = manifest.resourceProperties(logicalId)!;
    const arn = String(manifest.resolve({ 'Fn::GetAtt': [logicalId, 'Arn'] }));
    return {
      arn,
      name: arn.slice(arn.lastIndexOf('/') + 1),
      trust: properties.AssumeRolePolicyDocument as PolicyDocument,
      policies: ((properties.Policies ?? []) as { PolicyDocument: PolicyDocument }[]).map((policy) => policy.PolicyDocument),
    };
  });

  let hostStarting: ReturnType<typeof startEmulatorHost> | undefined;
  try {
    // 0–2. STS, DynamoDB (dynalite) and S3 on the emulator host thread, off this thread where the engine and the
    // Lambda pool run; the fault switch stays here and is asked by message.
    hostStarting = startEmulatorHost({
      config: {
        accountId: manifest.accountId,
        region,
        roles,
        sts: { port: options.ports?.sts ?? 0 },
        dynamodb: {
          port: ports.dynamodb,
          dataDir: dirs.dynamodb,
          faults: faults !== undefined,
          ...(options.verifyDynamoDbSessions === false
            ? {}
            : {
                verifySessions: {
                  hashKeys: manifest.tables.map((table): [string, string] => [
                    table.name,
                    String(((table.properties.KeySchema ?? []) as { AttributeName: string; KeyType: string }[]).find((key) => key.KeyType === 'HASH')?.AttributeName),
                  ]),
                },
              }),
        },
        s3: { port: ports.s3, dataDir: dirs.s3, faults: faults !== undefined, keys: { [LOCAL_CREDENTIALS.accessKeyId]: LOCAL_CREDENTIALS.secretAccessKey } },
      },
      ...(faults ? { faults: { dynamodb: faults.gate('dynamodb'), s3: faults.gate('s3') } } : {}),
      onExit: (error) => reporter.error(error.message),
    });
    // While the host thread loads its modules, this thread starts what does not need it.
    hostStarting.catch(() => undefined);
    const clientBase = { region, credentials: LOCAL_CREDENTIALS };

    // 3. EventBridge on this thread (its rules route events to the engine), buses from the template; accepted events
    // go to the local event log. Rules need the engine, which starts later: events accepted before then (none, at
    // start) wait for it.
    let routeEvents: ((events: readonly BusEvent[]) => void) | undefined;
    const eventbridge = await startEventBridge({
      port: ports.eventbridge,
      dataDir: dirs.eventbridge,
      onAccepted: (events) => routeEvents?.(events as unknown as BusEvent[]),
      faults: faults?.gate('events'),
    });
    stops.push(() => eventbridge.stop());
    const eventbridgeClient = new EventBridgeClient({ ...clientBase, endpoint: eventbridge.endpoint });
    stops.push(async () => eventbridgeClient.destroy());
    for (const bus of manifest.eventBuses) {
      await eventbridgeClient.send(new CreateEventBusCommand({ Name: bus.name })).catch((error: unknown) => {
        if (!(error instanceof ResourceAlreadyExistsException)) throw error;
      });
    }

    const host = await hostStarting;
    stops.push(() => host.stop());
    const { sts, dynamodb, s3 } = host;

    // 1. DynamoDB tables from the template.
    const dynamodbClient = new DynamoDBClient({ ...clientBase, endpoint: dynamodb.endpoint });
    stops.push(async () => dynamodbClient.destroy());
    await createTablesFromTemplate(
      dynamodbClient,
      manifest.tables.map((table) => ({ ...(table.properties as TableProperties), TableName: table.name })),
    );
    reporter.verbose(`DynamoDB    ${dynamodb.endpoint}  tables: ${manifest.tables.map((t) => t.name).join(', ')}`);

    // 2. S3 buckets from the template.
    const s3Client = new S3Client({ ...clientBase, endpoint: s3.endpoint, forcePathStyle: true });
    stops.push(async () => s3Client.destroy());
    for (const bucket of manifest.buckets) {
      const exists = await s3Client.send(new HeadBucketCommand({ Bucket: bucket.name })).then(() => true, () => false);
      if (!exists) await s3Client.send(new CreateBucketCommand({ Bucket: bucket.name }));
    }
    reporter.verbose(`S3          ${s3.endpoint}  buckets: ${manifest.buckets.map((b) => b.name).join(', ')}`);

    // 4. The Lambda pool: the functions' environment points the SDK at the local services.
    const environment = functionEnvironment(region, { dynamodb: dynamodb.endpoint, s3: s3.endpoint, eventbridge: eventbridge.endpoint, sts: sts.endpoint }, dirs.keystore);
    if (faults) environment[LOCAL_KMS_FAULTS_ENV] = join(stateDir, 'kms-faults.json');
    // Layers are built when the first function starts (commands that only read state never pay for it).
    const layerPaths = (): Promise<Record<string, string>> => buildLayers(manifest, dirs.build);
    const pool = new LambdaPool({
      manifest,
      buildDir: dirs.build,
      environment,
      layerPaths,
      logDir: dirs.logs,
      size: options.lambdaConcurrency,
      memoryLimitMb,
      onInvoke: options.onInvoke,
    });
    stops.push(() => pool.close());
    if (options.warm ?? true) pool.warm();

    // 5. The engine, its store, and the template's state machines.
    const endpointOf: Record<string, string> = { dynamodb: dynamodb.endpoint, s3: s3.endpoint, eventbridge: eventbridge.endpoint, events: eventbridge.endpoint };
    const fileStore = await FileEngineStore.open(dirs.engine);
    const store = emittingStatusChanges(fileStore, (event) => routeEvents?.([{ eventBusName: 'default', event }]), region, manifest.accountId);
    const invokeFunction = async (request: Parameters<LambdaPool['invoke']>[0]) => {
      const result = await pool.invoke(request);
      return { statusCode: result.statusCode, payload: result.payload, functionError: result.functionError, executedVersion: result.executedVersion, requestId: result.requestId };
    };
    const invokeForWorkflow = faults ? withLambdaFaults(faults, invokeFunction) : invokeFunction;
    const integrations = createIntegrationRegistry({
      lambda: (request) =>
        invokeForWorkflow({
          functionName: request.functionName,
          qualifier: request.qualifier,
          payload: request.payload,
          invocationType: request.invocationType,
          clientContext: request.clientContext,
          signal: request.signal,
        }),
      clientConfig: (service) => ({
        ...clientBase,
        ...(endpointOf[service] ? { endpoint: endpointOf[service] } : {}),
        ...(service === 's3' ? { forcePathStyle: true } : {}),
      }),
    });
    const engine = new Engine({
      integrations,
      store,
      region,
      accountId: manifest.accountId,
      clientConfig: { ...clientBase, endpoint: s3.endpoint, forcePathStyle: true },
    });
    const router = createRuleRouter(manifest.rules, engine, reporter);
    // Stopping: the engine stops what runs (as StopExecution would), the rules still see those executions end and
    // their targets run to the end (a run record is closed, not left RUNNING), and only then do the rules go.
    stops.push(async () => {
      await engine.close();
      await router.settled();
      await engine.flush();
      routeEvents = undefined;
      await fileStore.close();
      integrations.destroy();
    });
    await deployStateMachines(engine, manifest, reporter);
    routeEvents = router.route;
    // What the previous process left running ended while nothing watched (a crash, kill -9): the rules see it now.
    const redelivered = redeliverInterrupted(fileStore.recovery.abortedExecutions, router, region, manifest.accountId);
    if (redelivered.statusChanges + redelivered.targets > 0) {
      reporter.status(
        `Recovered from an interrupted run of the local runtime: ${redelivered.statusChanges} execution(s) ended ABORTED, ${redelivered.targets} rule delivery(ies) repeated`,
      );
    }

    // 6. The Step Functions endpoint, and the REST API that starts runs through it.
    const sfnEndpoint: StepFunctionsEndpoint = await startStepFunctionsEndpoint(engine, { port: ports.stepfunctions });
    stops.push(() => sfnEndpoint.close());
    const sfnClient = new SFNClient({ ...stepFunctionsClientConfig(sfnEndpoint.url, region) });
    stops.push(async () => sfnClient.destroy());
    environment.AWS_ENDPOINT_URL_SFN = sfnEndpoint.url;
    const restApi: RestApi = await startRestApi({
      manifest,
      port: ports.restApi,
      callers: apiCallersOf(manifest, credentials),
      sfn: sfnClient,
      dynamodb: dynamodbClient,
      invokeLambda: async (functionArn, payload) => {
        const result = await pool.invoke({ functionName: functionArn, payload });
        return { functionError: result.functionError, payload: result.payload };
      },
      onRequest: (entry) => reporter.verbose(`${entry.method} ${entry.path} → ${entry.status}`),
    });
    stops.push(() => restApi.close());

    // 7. The console, over the services above (read only, loopback only).
    let localConsole: LocalConsole | undefined;
    if (options.console) {
      // Loaded only here: one-shot commands that never serve the page do not pay for its libraries.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { startConsole } = require('../console') as typeof import('../console');
      localConsole = await startConsole({
        port: options.console.port,
        manifest,
        clients: { sfn: sfnClient, s3: s3Client, dynamodb: dynamodbClient },
        keystoreDir: dirs.keystore,
        logDir: dirs.logs,
        onError: (error, path) => reporter.warn(`console ${path}: ${error.name}: ${error.message}`),
      });
      stops.push(() => localConsole!.close());
    }

    reporter.debug(`local runtime ready in ${Date.now() - started} ms`);
    return {
      manifest,
      stateDir,
      endpoints: {
        dynamodb: dynamodb.endpoint,
        s3: s3.endpoint,
        eventbridge: eventbridge.endpoint,
        stepfunctions: sfnEndpoint.url,
        restApi: restApi.url,
        sts: sts.endpoint,
        ...(localConsole ? { console: localConsole.url } : {}),
      },
      ...(localConsole ? { console: localConsole } : {}),
      engine,
      pool,
      environment,
      clients: { s3: s3Client, dynamodb: dynamodbClient, sfn: sfnClient, eventbridge: eventbridgeClient },
      keystoreDir: dirs.keystore,
      eventLogPath: join(dirs.eventbridge, 'events.jsonl'),
      ...(faults ? { faults } : {}),
      credentials,
      apiAs: async (principal) => createApiClient({ baseUrl: restApi.url, region, credentials: await credentials.ensure(principal) }),
      stop,
    };
  } catch (error) {
    // A step that failed while the host was still starting: the host stops too once it has started.
    await hostStarting?.then((host) => host.stop(), () => undefined);
    await stop();
    throw error;
  }
};

export { DEFAULT_CONSOLE_PORT, DEFAULT_MEMORY_LIMIT_MB, DEFAULT_PORTS, LOCAL_CREDENTIALS, buildLayers, faultCountsPath, functionEnvironment, startLocalApp };
export type { LocalApp, LocalAppOptions, Ports };
