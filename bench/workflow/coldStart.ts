/**
 * Cold-start init of each function bundle: the function is bundled as `sam build` bundles it (its
 * Metadata.BuildProperties, through the same esbuild path the local runtime uses), its layers are built as their
 * Makefile builds them (minified), and then the bundle is required N times in each of three hosts:
 *
 * - a worker thread started as the local Lambda pool starts one: from a script file, inheriting this process's
 *   `execArgv` (under tsx, its loader hooks: every `require` in the worker then goes through them);
 * - a clean worker thread (`execArgv: []`), which is what the pool's workers would cost without the host's hooks;
 * - a fresh node process: nothing shared, no module cache, closest to a Lambda execution environment.
 *
 * Only the `require` of the bundle is timed, from inside the thread or process, with the function's Lambda
 * environment set, so module-scope code (SDK clients, Powertools, the analyzers built when the layer loads) is in
 * the figure and thread or process start-up is not.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { functionEnvironment } from '../../local/app';
import { bundleFunction, LAMBDA_RUNTIME_MODULES } from '../../local/lambda';
import type { AppManifest, FunctionManifest } from '../../local/manifest';
import { BenchmarkTimeoutError, BundleLoadError } from './errors';
import { median } from './stats';

/** Load times of one bundle, in milliseconds, and the V8 heap right after the load. */
type LoadFigures = { medianMillis: number; minMillis: number; maxMillis: number; samples: number; heapUsedBytes: number };

/** One function's row of the cold-start table. */
type ColdStartRow = {
  logicalId: string;
  memoryMb: number;
  /** The function bundle (handler.js), bytes. */
  bundleBytes: number;
  /** Layers the function loads, bytes (the analysis-engine bundle for AnalyzeUnits). */
  layerBytes: number;
  /** esbuild time for the function bundle. */
  bundleMillis: number;
  /** Worker threads started as the local pool starts them (the host's execArgv inherited). */
  worker: LoadFigures;
  /** Worker threads without the host's execArgv. */
  cleanWorker: LoadFigures;
  process?: LoadFigures;
};

/** Options of {@link measureColdStarts}. */
type ColdStartOptions = {
  manifest: AppManifest;
  /** Where bundles and layers are written. */
  buildDir: string;
  /** Loads per function in fresh worker threads. @default 5 */
  workerLoads?: number;
  /** Loads per function in fresh processes; 0 skips them. @default 3 */
  processLoads?: number;
  /** Only these functions (logical ids); all when unset. */
  only?: readonly string[];
  /** Each single load is abandoned after this long. @default 60_000 */
  loadTimeoutMillis?: number;
};

type LoadMessage = { millis: number; handlerFound: boolean; heapUsedBytes: number };

type LayerBuild = { nodePath: string; bytes: number };

// One source for both hosts: `report` is postMessage in a worker and a marked stdout line in a process.
const LOADER_SOURCE = `
const { performance } = require('node:perf_hooks');
const input = typeof require('node:worker_threads').workerData === 'object' && require('node:worker_threads').workerData !== null
  ? require('node:worker_threads').workerData
  : JSON.parse(process.env.BENCH_LOAD_INPUT);
const report = (message) => {
  const { parentPort } = require('node:worker_threads');
  if (parentPort) parentPort.postMessage(message);
  else process.stdout.write('\\n@@bench-load ' + JSON.stringify(message) + '\\n');
};
process.env.NODE_PATH = input.nodePath.join(require('node:path').delimiter);
require('node:module').Module._initPaths();
const started = performance.now();
const loaded = require(input.bundle);
const millis = performance.now() - started;
report({ millis, handlerFound: typeof loaded[input.handlerExport] === 'function', heapUsedBytes: require('node:v8').getHeapStatistics().used_heap_size });
`;

const LOAD_MARKER = '@@bench-load ';

/** The function's Lambda environment, with endpoints nobody listens on: init must not need the network. */
const lambdaEnvironment = (manifest: AppManifest, fn: FunctionManifest, keystoreDir: string): Record<string, string> => ({
  ...functionEnvironment(manifest.region, { dynamodb: 'http://127.0.0.1:9', s3: 'http://127.0.0.1:9', eventbridge: 'http://127.0.0.1:9' }, keystoreDir),
  ...fn.environment,
  AWS_LAMBDA_FUNCTION_NAME: fn.functionName,
  AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
  AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memoryMb),
  AWS_REGION: manifest.region,
  AWS_DEFAULT_REGION: manifest.region,
  TZ: 'UTC',
  POWERTOOLS_DEV: 'true',
  AWS_SAM_LOCAL: 'true',
});

const withTimeout = async <T>(what: string, millis: number, work: (settle: { onTimeout(stop: () => void): void }) => Promise<T>): Promise<T> => {
  let timer: NodeJS.Timeout | undefined;
  let stop: (() => void) | undefined;
  try {
    return await Promise.race([
      work({ onTimeout: (fn) => (stop = fn) }),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          stop?.();
          reject(new BenchmarkTimeoutError(what, millis));
        }, millis);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
};

type WorkerHost = { loaderFile: string; clean: boolean };

const loadInWorker = (fn: FunctionManifest, input: Record<string, unknown>, env: Record<string, string>, host: WorkerHost, timeoutMillis: number): Promise<LoadMessage> =>
  withTimeout(`cold start of ${fn.logicalId} in a worker`, timeoutMillis, async ({ onTimeout }) => {
    // From a file, as the pool starts its workers: an eval'd worker does not get the host's loader hooks.
    const worker = new Worker(host.loaderFile, { workerData: input, env, stdout: true, stderr: true, ...(host.clean ? { execArgv: [] } : {}) });
    onTimeout(() => void worker.terminate());
    // Module-scope logging is the function's business; drain it so a full pipe never blocks the load.
    worker.stdout.resume();
    worker.stderr.resume();
    try {
      return await new Promise<LoadMessage>((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', (error) => reject(new BundleLoadError(fn.logicalId, `require failed in a worker: ${error.message}`, { cause: error })));
        worker.once('exit', (code) => reject(new BundleLoadError(fn.logicalId, `worker exited with code ${code} before the bundle loaded`)));
      });
    } finally {
      await worker.terminate();
    }
  });

const loadInProcess = (fn: FunctionManifest, input: Record<string, unknown>, env: Record<string, string>, timeoutMillis: number): Promise<LoadMessage> =>
  withTimeout(`cold start of ${fn.logicalId} in a process`, timeoutMillis, ({ onTimeout }) => {
    const child = spawn(process.execPath, ['-e', LOADER_SOURCE], { env: { ...env, BENCH_LOAD_INPUT: JSON.stringify(input) }, stdio: ['ignore', 'pipe', 'pipe'] });
    onTimeout(() => child.kill('SIGKILL'));
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-2000)));
    return new Promise<LoadMessage>((resolve, reject) => {
      child.once('error', (error) => reject(new BundleLoadError(fn.logicalId, `could not start node: ${error.message}`, { cause: error })));
      child.once('close', (code) => {
        const line = stdout.split('\n').find((candidate) => candidate.startsWith(LOAD_MARKER));
        if (!line) return reject(new BundleLoadError(fn.logicalId, `process exited with code ${code} before the bundle loaded: ${stderr.trim().split('\n').pop() ?? ''}`));
        resolve(JSON.parse(line.slice(LOAD_MARKER.length)) as LoadMessage);
      });
    });
  });

const figures = (loads: readonly LoadMessage[]): LoadFigures => {
  const millis = loads.map((load) => load.millis);
  return {
    medianMillis: median(millis),
    minMillis: Math.min(...millis),
    maxMillis: Math.max(...millis),
    samples: loads.length,
    heapUsedBytes: median(loads.map((load) => load.heapUsedBytes)),
  };
};

/** Builds each layer with its own build.ts (the layer's Makefile runs the same), as deployed: minified. */
const buildLayersAsDeployed = async (manifest: AppManifest, buildDir: string): Promise<Map<string, LayerBuild>> => {
  const layers = new Map<string, LayerBuild>();
  for (const layer of manifest.layers) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { buildLayer } = require(join(layer.contentUri, 'build.ts')) as { buildLayer(options: { outdir: string }): Promise<{ file: string; bytes: number }> };
    const outdir = join(buildDir, 'layers', layer.logicalId);
    const built = await buildLayer({ outdir });
    layers.set(layer.logicalId, { nodePath: join(outdir, 'nodejs', 'node_modules'), bytes: built.bytes });
  }
  return layers;
};

/**
 * Bundles every function (or `only` those) and measures the time to require each bundle in fresh workers and
 * processes, one load at a time.
 *
 * @example
 * const rows = await measureColdStarts({ manifest, buildDir: '/tmp/build', workerLoads: 5, processLoads: 3 });
 */
const measureColdStarts = async (options: ColdStartOptions): Promise<ColdStartRow[]> => {
  const workerLoads = Math.max(1, options.workerLoads ?? 5);
  const processLoads = Math.max(0, options.processLoads ?? 3);
  const timeoutMillis = options.loadTimeoutMillis ?? 60_000;
  const layers = await buildLayersAsDeployed(options.manifest, options.buildDir);
  mkdirSync(options.buildDir, { recursive: true });
  const loaderFile = join(options.buildDir, 'cold-start-loader.js');
  writeFileSync(loaderFile, LOADER_SOURCE);
  const functions = options.manifest.functions.filter((fn) => !options.only || options.only.includes(fn.logicalId));
  const rows: ColdStartRow[] = [];
  for (const fn of functions) {
    const bundle = await bundleFunction(fn, join(options.buildDir, 'functions'));
    const fnLayers = fn.layers.map((id) => layers.get(id)).filter((layer): layer is LayerBuild => layer !== undefined);
    // Layers first, then the runtime's own packages (the SDK v3), in Lambda's NODE_PATH order.
    const input = { bundle: bundle.outfile, handlerExport: fn.handlerExport, nodePath: [...fnLayers.map((layer) => layer.nodePath), LAMBDA_RUNTIME_MODULES] };
    const env = lambdaEnvironment(options.manifest, fn, join(options.buildDir, 'keystore'));
    const inWorkers: LoadMessage[] = [];
    const inCleanWorkers: LoadMessage[] = [];
    // Interleaved, so load that comes and goes on a shared machine hits both kinds of worker alike.
    for (let load = 0; load < workerLoads; load += 1) {
      inWorkers.push(await loadInWorker(fn, input, env, { loaderFile, clean: false }, timeoutMillis));
      inCleanWorkers.push(await loadInWorker(fn, input, env, { loaderFile, clean: true }, timeoutMillis));
    }
    const inProcesses: LoadMessage[] = [];
    for (let load = 0; load < processLoads; load += 1) inProcesses.push(await loadInProcess(fn, input, env, timeoutMillis));
    if (![...inWorkers, ...inCleanWorkers, ...inProcesses].every((load) => load.handlerFound)) {
      throw new BundleLoadError(fn.logicalId, `the bundle loaded but exports no function '${fn.handlerExport}'`);
    }
    rows.push({
      logicalId: fn.logicalId,
      memoryMb: fn.memoryMb,
      bundleBytes: statSync(bundle.outfile).size,
      layerBytes: fnLayers.reduce((sum, layer) => sum + layer.bytes, 0),
      bundleMillis: bundle.millis,
      worker: figures(inWorkers),
      cleanWorker: figures(inCleanWorkers),
      ...(inProcesses.length > 0 ? { process: figures(inProcesses) } : {}),
    });
  }
  return rows;
};

export { lambdaEnvironment, measureColdStarts };
export type { ColdStartOptions, ColdStartRow, LoadFigures };
