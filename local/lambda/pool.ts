/**
 * A pool of local Lambda execution environments: worker threads, at most one per core by default, each hosting
 * one function with that function's template environment, running one invocation at a time. A function's first
 * invocation in a worker pays its init (a cold start); later ones reuse it. When every worker is busy, calls wait;
 * when a function has no worker and the pool is full, an idle worker of another function is recycled. With a memory
 * limit, idle workers are also recycled, longest idle first, while the process's resident memory is above it (before
 * a new environment starts, and after a grace for those that went idle): Lambda reclaims idle environments too, and
 * their next invocation is a cold start.
 *
 * The template's Timeout and MemorySize are enforced per environment, as Lambda enforces them. Timeout: the worker is
 * terminated (Lambda's hard kill) and the call answers `Sandbox.Timedout`. MemorySize: the worker's V8 heap is
 * capped at it (`resourceLimits.maxOldGenerationSizeMb`); past it V8 stops the worker and the call answers
 * `Runtime.OutOfMemory`. A killed environment is gone: the function's next call starts a fresh one (a cold start), as
 * on Lambda. Worker threads rather than child processes: start-up is ~10x cheaper and terminate() still stops
 * runaway code; the costs are a shared process (a native crash takes the pool down) and a limit on the JavaScript
 * heap rather than on the whole environment's memory (Lambda counts native memory too, and the heaps of workers a
 * function starts itself, which have limits of their own).
 */
import { randomUUID } from 'node:crypto';
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { findFunction, type AppManifest, type FunctionManifest } from '../manifest';
import { bundleFunction, bundleWorkerRuntime } from './bundle';
import { LambdaPoolError } from './errors';
import type { CollectedMessage, CollectMessage, InitMessage, InitResultMessage, InvokeMessage, ResultMessage, WorkerFunction } from './protocol';

/** How often the pool compares the process's resident memory with its limit, when it has one. */
const MEMORY_WATCH_INTERVAL_MS = 1000;
/** How long an environment is idle before the memory limit's watch may recycle it. */
const DEFAULT_IDLE_GRACE_MS = 2000;
/** How long after idle environments collected their garbage the pool reads the process's memory again. */
const COLLECTION_SETTLE_MS = 300;
/** Young generation of each environment (V8's default is 48 MiB for heaps this size: 3 × a 16 MiB semi-space). */
const DEFAULT_YOUNG_GENERATION_MB = 16;

/** Lambda's synchronous invocation payload limit, request and response. */
const MAX_PAYLOAD_BYTES = 6 * 1024 * 1024;

type InvokeRequest = {
  functionName: string;
  qualifier?: string;
  payload: string;
  invocationType?: 'RequestResponse' | 'Event';
  clientContext?: string;
  signal?: AbortSignal;
};

type InvokeResult = {
  statusCode: number;
  payload: string;
  functionError?: 'Unhandled' | 'Handled';
  executedVersion: string;
  /** Cold-start init time of this invocation's environment, in ms (undefined when warm). */
  initMillis?: number;
  durationMillis: number;
  requestId: string;
};

type LambdaPoolOptions = {
  manifest: AppManifest;
  /** Where bundles are written. */
  buildDir: string;
  /** Environment every function gets on top of its template environment (endpoints, credentials, region). */
  environment?: Record<string, string>;
  /**
   * Layer logical id → directory to put on the module path (the built layer's nodejs/node_modules), or a function
   * that builds the layers and answers that, called once, before the first environment starts.
   */
  layerPaths?: Record<string, string> | (() => Promise<Record<string, string>>);
  /** Invocations that run at once. @default os.availableParallelism() */
  size?: number;
  /**
   * Execution environments kept, busy or idle; idle ones beyond it are recycled, longest idle first.
   * @default size + the number of functions in the template
   */
  maxEnvironments?: number;
  /**
   * The resident memory (RSS) of the whole process, MiB, above which idle execution environments are recycled,
   * longest idle first: before a new environment starts, and every second for environments idle for at least
   * `idleGraceMs`. Busy environments are never touched, so this bounds what idle ones hold, not what a run needs.
   * @default no limit
   */
  memoryLimitMb?: number;
  /**
   * How long an environment stays idle before the memory limit may recycle it (an environment that goes idle between
   * two invocations of a busy map keeps its warm state). A new environment's start may recycle any idle one.
   * @default 2000
   */
  idleGraceMs?: number;
  /**
   * Most V8 young-generation space of each environment, MiB (`resourceLimits.maxYoungGenerationSizeMb`); the old
   * generation is capped at the function's MemorySize.
   * @default 16
   */
  youngGenerationMb?: number;
  /** The process's resident memory in bytes. @default process.memoryUsage.rss */
  residentBytes?: () => number;
  /** Where each function's log (its stdout and stderr) is appended; none when unset. */
  logDir?: string;
  /** Receives each function's log output as it is written (e.g. to echo it on stderr, as `sam local invoke` does). */
  onLog?: (logicalId: string, chunk: string | Buffer) => void;
  /** Called for each invocation's start and end (progress and tracing). */
  onInvoke?: (event: { phase: 'start' | 'end'; functionName: string; requestId: string; error?: string }) => void;
};

/**
 * What the pool's environments of one function did since the pool started or since {@link LambdaPool.resetStats}.
 * Heap figures are V8's, per environment (one worker thread, one isolate); environments share the process, so their
 * resident memory cannot be told apart.
 */
type FunctionPoolStats = {
  logicalId: string;
  /** Execution environments started. */
  environments: number;
  /** Invocations that got an environment (timed out and failed ones included). */
  invocations: number;
  /** Invocations that paid the init of a new environment. */
  coldStarts: number;
  /** Highest used heap of any one of its environments during an invocation (0 when none reported). */
  peakHeapUsedBytes: number;
  /** Highest committed heap of any one of its environments during an invocation. */
  peakHeapTotalBytes: number;
  /** Environments killed at the template Timeout. */
  timedOut: number;
  /** Environments stopped at the template MemorySize. */
  outOfMemory: number;
  /** Idle environments recycled to keep the process under the pool's memory limit. */
  recycledForMemory: number;
  /** Garbage collections asked of its idle environments, over the memory limit, before any recycling. */
  collectedForMemory: number;
};

type Slot = {
  worker: Worker;
  fn: FunctionManifest;
  busy: boolean;
  /** When the environment last finished an invocation (for recycling the longest idle). */
  idleSince?: number;
  /** The message awaited: an invocation's result, or (for an init asked by prewarm) an init result. */
  pending?: { id: number; resolve: (result: ResultMessage) => void };
  /** The worker failed or exited (out of memory, a crash): the environment is never used again. */
  dead?: boolean;
  /** Running its init for {@link LambdaPool.prewarm}: a call for this function waits for it rather than start another. */
  warming?: boolean;
  /** A garbage collection asked of this idle environment (memory bound), until it answers. */
  collecting?: { id: number; resolve: () => void };
  /** The `idleSince` of the idle spell in which its garbage was last collected: once per spell is enough. */
  collectedIdleSince?: number;
};

/**
 * @example
 * const pool = new LambdaPool({ manifest, buildDir: '.local/build', environment });
 * const result = await pool.invoke({ functionName: 'SplitSourceFunction', payload: JSON.stringify(event) });
 * await pool.close();
 */
class LambdaPool {
  private readonly size: number;
  private readonly maxEnvironments: number;
  private readonly slots: Slot[] = [];
  private readonly waiting: (() => void)[] = [];
  private readonly bundles = new Map<string, Promise<string>>();
  private readonly logs = new Map<string, WriteStream>();
  private readonly counters = new Map<string, FunctionPoolStats>();
  private workerRuntime?: Promise<string>;
  private layers?: Promise<Record<string, string>>;
  private nextId = 1;
  private closed = false;
  private readonly memoryWatch?: NodeJS.Timeout;
  private trimming?: Promise<void>;

  public constructor(private readonly options: LambdaPoolOptions) {
    this.size = options.size ?? availableParallelism();
    this.maxEnvironments = Math.max(this.size, options.maxEnvironments ?? this.size + options.manifest.functions.length);
    if (options.memoryLimitMb !== undefined) {
      this.memoryWatch = setInterval(() => void this.trimToMemoryLimit(options.idleGraceMs ?? DEFAULT_IDLE_GRACE_MS), MEMORY_WATCH_INTERVAL_MS);
      // The watch never keeps a process alive that is otherwise done.
      this.memoryWatch.unref();
    }
  }

  /** Invokes a function by name, ARN or logical id, as Lambda's Invoke API would. */
  public async invoke(request: InvokeRequest): Promise<InvokeResult> {
    const fn = findFunction(this.options.manifest, request.functionName);
    if (!fn) throw new LambdaPoolError('ResourceNotFoundException', `Function not found: ${request.functionName}`);
    if (Buffer.byteLength(request.payload) > MAX_PAYLOAD_BYTES) {
      throw new LambdaPoolError('RequestEntityTooLargeException', `Request payload exceeds ${MAX_PAYLOAD_BYTES} bytes`);
    }
    const qualifier = request.qualifier ?? /:function:[^:]+:([^:]+)$/.exec(request.functionName)?.[1];
    const executedVersion = qualifier && qualifier !== '$LATEST' ? '1' : '$LATEST';
    if (request.invocationType === 'Event') {
      void this.run(fn, request, executedVersion).catch(() => undefined);
      return { statusCode: 202, payload: '', executedVersion, durationMillis: 0, requestId: randomUUID() };
    }
    return this.run(fn, request, executedVersion);
  }

  /**
   * Starts bundling every function, building the layers and the worker runtime in the background, so the first
   * invocation of each function pays only its init. Failures surface at that function's first invocation.
   */
  public warm(): void {
    for (const fn of this.options.manifest.functions) this.bundle(fn).catch(() => undefined);
    this.layerPaths().catch(() => undefined);
    this.runtime().catch(() => undefined);
  }

  /**
   * Prepares environments before they are asked for, as Lambda's proactive initialization does: for each function
   * named (a name given twice asks for two environments), starts an environment and runs its init, unless it already
   * has that many. One at a time, through the same slots as invocations, so it never takes more than one core from what
   * runs meanwhile (`npm start` warms the analysis functions while the archive is packed and uploaded). An environment
   * warmed this way logs Lambda's INIT_REPORT line and its first invocation is warm. Failures are left to that
   * function's first invocation, which reports them as usual.
   *
   * @example
   * void pool.prewarm(['SplitSourceFunction', 'AnalyzeUnitsFunction', 'AnalyzeUnitsFunction']);
   */
  public async prewarm(functionNames: readonly string[]): Promise<void> {
    const wanted = new Map<string, number>();
    for (const name of functionNames) wanted.set(name, (wanted.get(name) ?? 0) + 1);
    for (const name of functionNames) {
      const fn = findFunction(this.options.manifest, name);
      if (!fn) throw new LambdaPoolError('ResourceNotFoundException', `Function not found: ${name}`);
      const environments = this.slots.filter((slot) => !slot.dead && slot.fn.logicalId === fn.logicalId).length;
      if (this.closed || environments >= (wanted.get(name) ?? 1) || this.slots.length >= this.maxEnvironments) continue;
      const slot = await this.spawnWhenFree(fn);
      if (slot === undefined) return;
      slot.warming = true;
      const message: InitMessage = { type: 'init', id: this.nextId++ };
      const outcome = await new Promise<ResultMessage | InitResultMessage>((resolve) => {
        slot.pending = { id: message.id, resolve: resolve as (result: ResultMessage) => void };
        slot.worker.postMessage(message);
      });
      if (outcome.type === 'init-result' && outcome.error === undefined) {
        this.log(fn, `INIT_REPORT Init Duration: ${outcome.initMillis ?? 0} ms Phase: init Status: success\n`);
      }
      slot.warming = false;
      if (slot.dead) await this.discard(slot);
      else this.release(slot);
    }
  }

  /**
   * Per-function figures since the pool started or since the last {@link resetStats}, in template order; functions
   * with neither an environment nor an invocation are left out.
   *
   * @example
   * const [analyze] = pool.stats().filter((row) => row.logicalId === 'AnalyzeUnitsFunction');
   * console.log(analyze.invocations, analyze.peakHeapUsedBytes);
   */
  public stats(): FunctionPoolStats[] {
    return this.options.manifest.functions
      .map((fn) => this.counters.get(fn.logicalId))
      .filter((row): row is FunctionPoolStats => row !== undefined)
      .map((row) => ({ ...row }));
  }

  /** Starts the figures of {@link stats} afresh (environments already running keep running). */
  public resetStats(): void {
    this.counters.clear();
  }

  /** Terminates every worker, once the builds {@link warm} started have settled. */
  public async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.memoryWatch);
    // A slot still being spawned has no worker yet; spawn sees the pool closed and starts none.
    await Promise.all(this.slots.splice(0).map((slot) => slot.worker?.terminate()));
    // A build left running would outlive its caller (a test's environment, the CLI's state directory).
    await Promise.allSettled([...this.bundles.values(), this.layers, this.workerRuntime]);
    for (const log of this.logs.values()) log.end();
    this.logs.clear();
  }

  private async run(fn: FunctionManifest, request: InvokeRequest, executedVersion: string): Promise<InvokeResult> {
    const requestId = randomUUID();
    const slot = await this.acquire(fn);
    this.counterOf(fn).invocations += 1;
    const started = Date.now();
    const deadlineMs = started + fn.timeoutSeconds * 1000;
    this.options.onInvoke?.({ phase: 'start', functionName: fn.logicalId, requestId });
    this.log(fn, `START RequestId: ${requestId} Version: ${executedVersion}\n`);
    const message: InvokeMessage = {
      type: 'invoke',
      id: this.nextId++,
      payload: request.payload,
      context: {
        awsRequestId: requestId,
        functionName: fn.functionName,
        functionVersion: executedVersion,
        invokedFunctionArn: request.qualifier ? `${fn.arn}:${request.qualifier}` : request.functionName.startsWith('arn:') ? request.functionName : fn.arn,
        memoryLimitInMB: String(fn.memoryMb),
        logGroupName: `/aws/lambda/${fn.functionName}`,
        logStreamName: `local/${slot.worker.threadId}`,
        deadlineMs,
        clientContext: request.clientContext,
      },
    };
    let timer: NodeJS.Timeout | undefined;
    let onAbort: (() => void) | undefined;
    try {
      const outcome = await new Promise<ResultMessage | { timedOut: true } | { aborted: true }>((resolve) => {
        slot.pending = { id: message.id, resolve };
        timer = setTimeout(() => resolve({ timedOut: true }), Math.max(0, deadlineMs - Date.now()));
        onAbort = () => resolve({ aborted: true });
        request.signal?.addEventListener('abort', onAbort, { once: true });
        slot.worker.postMessage(message);
      });
      const durationMillis = Date.now() - started;
      if ('timedOut' in outcome || 'aborted' in outcome) {
        // The environment is killed, as Lambda does on timeout; the next call gets a fresh one.
        await this.discard(slot);
        if ('aborted' in outcome) throw new LambdaPoolError('AbortError', `Invocation ${requestId} was aborted`);
        this.counterOf(fn).timedOut += 1;
        const errorMessage = `${new Date().toISOString()} ${requestId} Task timed out after ${fn.timeoutSeconds.toFixed(2)} seconds`;
        this.log(fn, `END RequestId: ${requestId}\nREPORT RequestId: ${requestId} Duration: ${durationMillis} ms Memory Size: ${fn.memoryMb} MB Status: timeout\n`);
        this.options.onInvoke?.({ phase: 'end', functionName: fn.logicalId, requestId, error: 'Sandbox.Timedout' });
        return {
          statusCode: 200,
          functionError: 'Unhandled',
          payload: JSON.stringify({ errorType: 'Sandbox.Timedout', errorMessage }),
          executedVersion,
          durationMillis,
          requestId,
        };
      }
      // A killed environment is replaced: the function's next call starts a fresh one.
      if (slot.dead) await this.discard(slot);
      else this.release(slot);
      this.record(fn, outcome);
      // Lambda's REPORT line (Init Duration right after Duration, as the benchmarks read it); Max Memory Used is this
      // environment's committed V8 heap, since worker threads share one process.
      const memory = ` Memory Size: ${fn.memoryMb} MB${outcome.heap ? ` Max Memory Used: ${Math.ceil(outcome.heap.invocationPeakTotalBytes / 1048576)} MB` : ''}`;
      this.log(fn, `END RequestId: ${requestId}\nREPORT RequestId: ${requestId} Duration: ${durationMillis} ms${outcome.initMillis !== undefined ? ` Init Duration: ${outcome.initMillis} ms` : ''}${memory}\n`);
      if (outcome.ok) {
        if (Buffer.byteLength(outcome.payload) > MAX_PAYLOAD_BYTES) {
          this.options.onInvoke?.({ phase: 'end', functionName: fn.logicalId, requestId, error: 'Function.ResponseSizeTooLarge' });
          return {
            statusCode: 200,
            functionError: 'Unhandled',
            payload: JSON.stringify({ errorType: 'Function.ResponseSizeTooLarge', errorMessage: `Response payload size exceeded maximum allowed payload size (${MAX_PAYLOAD_BYTES} bytes).` }),
            executedVersion,
            durationMillis,
            requestId,
          };
        }
        this.options.onInvoke?.({ phase: 'end', functionName: fn.logicalId, requestId });
        return { statusCode: 200, payload: outcome.payload, executedVersion, initMillis: outcome.initMillis, durationMillis, requestId };
      }
      this.options.onInvoke?.({ phase: 'end', functionName: fn.logicalId, requestId, error: outcome.errorType });
      return {
        statusCode: 200,
        functionError: 'Unhandled',
        payload: JSON.stringify({ errorType: outcome.errorType, errorMessage: outcome.errorMessage, trace: outcome.trace }),
        executedVersion,
        initMillis: outcome.initMillis,
        durationMillis,
        requestId,
      };
    } finally {
      clearTimeout(timer);
      if (onAbort) request.signal?.removeEventListener('abort', onAbort);
    }
  }

  private async acquire(fn: FunctionManifest): Promise<Slot> {
    let trimmed = false;
    for (;;) {
      if (this.closed) throw new LambdaPoolError('ServiceException', 'The local Lambda pool is closed');
      const idle = this.slots.find((slot) => !slot.busy && !slot.dead && slot.fn.logicalId === fn.logicalId);
      if (idle) {
        idle.busy = true;
        return idle;
      }
      // An environment of this function is being warmed: it is ready sooner than a new one would be.
      if (this.slots.some((slot) => slot.warming && !slot.dead && slot.fn.logicalId === fn.logicalId)) {
        await new Promise<void>((resolve) => this.waiting.push(resolve));
        continue;
      }
      // At most `size` invocations run at once (one per core); idle environments of other functions stay warm,
      // as Lambda keeps them, until there are `maxEnvironments` and the longest idle one is recycled.
      const busy = this.slots.filter((slot) => slot.busy).length;
      if (busy < this.size) {
        if (this.slots.length < this.maxEnvironments) {
          // A new environment adds a whole isolate: under the memory limit, idle ones make room first (then look again).
          if (!trimmed && this.options.memoryLimitMb !== undefined) {
            trimmed = true;
            await this.trimToMemoryLimit(0);
            continue;
          }
          return this.spawn(fn);
        }
        const recyclable = this.slots
          .filter((slot) => !slot.busy)
          .sort((a, b) => (a.idleSince ?? 0) - (b.idleSince ?? 0))[0];
        if (recyclable) {
          await this.discard(recyclable);
          continue;
        }
      }
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
  }

  /** A new environment of `fn` once fewer than `size` are busy (undefined when the pool closed or is full). */
  private async spawnWhenFree(fn: FunctionManifest): Promise<Slot | undefined> {
    for (;;) {
      if (this.closed || this.slots.length >= this.maxEnvironments) return undefined;
      if (this.slots.filter((slot) => slot.busy).length < this.size) return this.spawn(fn);
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
  }

  private async spawn(fn: FunctionManifest): Promise<Slot> {
    // Reserve the place before awaiting the build, so concurrent calls do not overfill the pool.
    const slot = { fn, busy: true } as Slot;
    this.slots.push(slot);
    try {
      const [runtime, bundle, layerPaths] = await Promise.all([this.runtime(), this.bundle(fn), this.layerPaths()]);
      if (this.closed) throw new LambdaPoolError('ServiceException', 'The local Lambda pool is closed');
      const data: WorkerFunction = {
        bundle,
        handlerExport: fn.handlerExport,
        environment: this.environmentOf(fn),
        nodePath: fn.layers.map((layer) => layerPaths[layer]).filter((path): path is string => Boolean(path)),
      };
      // execArgv [] : the worker runs plain JavaScript; inheriting the host's loader flags (tsx) would route every
      // require of the bundle through its hooks and triple the cold start.
      slot.worker = new Worker(runtime, {
        workerData: data,
        stdout: true,
        stderr: true,
        env: {},
        execArgv: [],
        // MemorySize, as Lambda caps the environment: past it V8 stops this worker (ERR_WORKER_OUT_OF_MEMORY). The young
        // generation is capped too: V8 would let each isolate's grow to 48 MiB, resident in every environment kept.
        resourceLimits: { maxOldGenerationSizeMb: fn.memoryMb, maxYoungGenerationSizeMb: this.options.youngGenerationMb ?? DEFAULT_YOUNG_GENERATION_MB },
      });
      this.counterOf(fn).environments += 1;
      slot.worker.stdout.on('data', (chunk: Buffer) => this.log(fn, chunk));
      slot.worker.stderr.on('data', (chunk: Buffer) => this.log(fn, chunk));
      slot.worker.on('message', (result: ResultMessage | CollectedMessage) => {
        if (result.type === 'collected') {
          if (slot.collecting?.id === result.id) slot.collecting.resolve();
          return;
        }
        if (slot.pending?.id === result.id) slot.pending.resolve(result);
      });
      slot.worker.on('error', (error: Error & { code?: string }) => {
        slot.dead = true;
        const pending = slot.pending;
        if (pending === undefined) return;
        if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') {
          this.counterOf(fn).outOfMemory += 1;
          // Lambda's answer when an environment exceeds its memory: the runtime is killed.
          pending.resolve({ type: 'result', id: pending.id, ok: false, errorType: 'Runtime.OutOfMemory', errorMessage: 'Runtime exited with error: signal: killed', trace: [] });
          return;
        }
        pending.resolve({ type: 'result', id: pending.id, ok: false, errorType: 'Runtime.ExitError', errorMessage: error.message, trace: [] });
      });
      slot.worker.on('exit', (code) => {
        slot.dead = true;
        slot.collecting?.resolve();
        slot.pending?.resolve({
          type: 'result',
          id: slot.pending.id,
          ok: false,
          errorType: 'Runtime.ExitError',
          errorMessage: `RequestId: exited with code ${code}`,
          trace: [],
        });
        this.remove(slot);
      });
      return slot;
    } catch (error) {
      this.remove(slot);
      throw error;
    }
  }

  private counterOf(fn: FunctionManifest): FunctionPoolStats {
    let counter = this.counters.get(fn.logicalId);
    if (!counter) {
      counter = { logicalId: fn.logicalId, environments: 0, invocations: 0, coldStarts: 0, peakHeapUsedBytes: 0, peakHeapTotalBytes: 0, timedOut: 0, outOfMemory: 0, recycledForMemory: 0, collectedForMemory: 0 };
      this.counters.set(fn.logicalId, counter);
    }
    return counter;
  }

  private record(fn: FunctionManifest, outcome: ResultMessage): void {
    const counter = this.counterOf(fn);
    if (outcome.initMillis !== undefined) counter.coldStarts += 1;
    // The invocation's own peak, not the environment's: after resetStats the figures cover only what came since.
    if (outcome.heap) {
      counter.peakHeapUsedBytes = Math.max(counter.peakHeapUsedBytes, outcome.heap.invocationPeakUsedBytes);
      counter.peakHeapTotalBytes = Math.max(counter.peakHeapTotalBytes, outcome.heap.invocationPeakTotalBytes);
    }
  }

  /** The Lambda environment: template variables, then the runtime's own (they win, as on Lambda). */
  private environmentOf(fn: FunctionManifest): Record<string, string> {
    const { manifest } = this.options;
    return {
      ...this.options.environment,
      ...fn.environment,
      AWS_LAMBDA_FUNCTION_NAME: fn.functionName,
      AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memoryMb),
      AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${fn.functionName}`,
      AWS_REGION: manifest.region,
      AWS_DEFAULT_REGION: manifest.region,
      TZ: 'UTC',
      // Powertools: readable logs, and Tracer off (no X-Ray daemon here) because AWS_EXECUTION_ENV stays unset.
      POWERTOOLS_DEV: 'true',
      AWS_SAM_LOCAL: 'true',
    };
  }

  private bundle(fn: FunctionManifest): Promise<string> {
    let bundle = this.bundles.get(fn.logicalId);
    if (!bundle) {
      bundle = bundleFunction(fn, this.options.buildDir).then((result) => result.outfile);
      this.bundles.set(fn.logicalId, bundle);
    }
    return bundle;
  }

  private layerPaths(): Promise<Record<string, string>> {
    const { layerPaths } = this.options;
    this.layers ??= typeof layerPaths === 'function' ? layerPaths() : Promise.resolve(layerPaths ?? {});
    return this.layers;
  }

  private runtime(): Promise<string> {
    this.workerRuntime ??= bundleWorkerRuntime(join(this.options.buildDir, '_runtime'));
    return this.workerRuntime;
  }

  private release(slot: Slot): void {
    slot.busy = false;
    slot.idleSince = Date.now();
    slot.pending = undefined;
    this.waiting.shift()?.();
  }

  /**
   * Recycles idle environments, longest idle first, while the process's resident memory is above the limit; only
   * those idle for at least `minIdleMs`. Trims run one after another; the memory figure is read again after each
   * recycling (a terminated worker's isolate is released when terminate() resolves).
   */
  private trimToMemoryLimit(minIdleMs: number): Promise<void> {
    const limitMb = this.options.memoryLimitMb;
    if (limitMb === undefined || this.closed) return Promise.resolve();
    const trim = async (): Promise<void> => {
      const residentBytes = this.options.residentBytes ?? (() => process.memoryUsage.rss());
      const over = (): boolean => !this.closed && residentBytes() > limitMb * 1024 * 1024;
      const idle = (): Slot[] => {
        const now = Date.now();
        return this.slots.filter((slot) => !slot.busy && !slot.warming && !slot.dead && slot.worker !== undefined && now - (slot.idleSince ?? now) >= minIdleMs);
      };
      if (!over()) return;
      // First the garbage: an idle isolate never collects on its own, and what its last invocation left is often
      // most of what it holds. Recycling (a cold start later) only if that was not enough.
      const uncollected = idle().filter((slot) => slot.collectedIdleSince !== slot.idleSince);
      if (uncollected.length > 0) {
        await Promise.all(uncollected.map((slot) => this.collect(slot)));
        // V8 hands the freed pages back to the system on a background thread, shortly after the collection.
        await new Promise((resolve) => setTimeout(resolve, COLLECTION_SETTLE_MS));
      }
      while (over()) {
        const oldest = idle().sort((a, b) => (a.idleSince ?? 0) - (b.idleSince ?? 0))[0];
        if (!oldest) return;
        this.counterOf(oldest.fn).recycledForMemory += 1;
        await this.discard(oldest);
      }
    };
    const next = (this.trimming ?? Promise.resolve()).then(trim);
    this.trimming = next;
    return next.finally(() => {
      if (this.trimming === next) this.trimming = undefined;
    });
  }

  /** Asks an idle environment to collect its garbage; resolves when it has (or has died, or after a second). */
  private collect(slot: Slot): Promise<void> {
    slot.collectedIdleSince = slot.idleSince;
    this.counterOf(slot.fn).collectedForMemory += 1;
    return new Promise<void>((resolve) => {
      const message: CollectMessage = { type: 'collect', id: this.nextId++ };
      const timer = setTimeout(() => done(), 1000);
      const done = (): void => {
        clearTimeout(timer);
        if (slot.collecting?.id === message.id) slot.collecting = undefined;
        resolve();
      };
      slot.collecting = { id: message.id, resolve: done };
      slot.worker.postMessage(message);
    });
  }

  private async discard(slot: Slot): Promise<void> {
    this.remove(slot);
    slot.pending = undefined;
    await slot.worker?.terminate();
  }

  private remove(slot: Slot): void {
    const index = this.slots.indexOf(slot);
    if (index >= 0) {
      this.slots.splice(index, 1);
      this.waiting.shift()?.();
    }
  }

  private log(fn: FunctionManifest, chunk: string | Buffer): void {
    this.options.onLog?.(fn.logicalId, chunk);
    const { logDir } = this.options;
    if (!logDir) return;
    let stream = this.logs.get(fn.logicalId);
    if (!stream) {
      mkdirSync(logDir, { recursive: true });
      stream = createWriteStream(join(logDir, `${fn.logicalId}.log`), { flags: 'a' });
      this.logs.set(fn.logicalId, stream);
    }
    stream.write(chunk);
  }
}

export { LambdaPool, MAX_PAYLOAD_BYTES };
export type { FunctionPoolStats, InvokeRequest, InvokeResult, LambdaPoolOptions };
