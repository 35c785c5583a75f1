/**
 * A unit sandbox: analyses units one at a time in a worker thread that a deadline can stop. abaplint and the script
 * parsers are synchronous: an analysis that runs away (an exponential SQL condition, a heap that fills up) cannot be
 * interrupted in its own thread, and in a Lambda it would take the whole batch down with it. Here the worker is
 * terminated when a unit exceeds its time budget, V8 stops it when its heap passes the memory budget, and the unit
 * ends `time-budget` or `memory-budget`; a fresh worker starts at once for the next unit. A worker that ends in any
 * other way ends its unit as `analyzer-error`. The worker is kept warm between units and invocations.
 */
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

import { NotAnalyzedCodes } from '../constants';
import { effortByClass } from '../effortByClass';
import { SandboxStartError } from '../errors';
import type { NotAnalyzedReason, Unit, UnitAnalysis } from '../types';
import { validateUnit } from '../validateUnit';
import { SANDBOX_WORKER_FLAG } from './protocol';
import type { AnalyzeRequest, SandboxMessage } from './protocol';

/** Options of {@link createUnitSandbox}. */
type UnitSandboxOptions = {
  /** Heap the worker may use (V8's old generation), MiB. A unit that needs more ends as `memory-budget`. */
  memoryBudgetMb: number;
  /**
   * Time one unit's analysis may take, ms, from the moment the worker has it; {@link UnitSandbox.analyze} can pass
   * another per unit. A unit that takes longer ends as `time-budget`.
   * @default 60_000
   */
  timeBudgetMs?: number;
  /**
   * The worker's stack, MiB: parsers recurse per nesting level, and the engine's source limits assume this much.
   * @default 16
   */
  stackSizeMb?: number;
  /** Keep at most this many findings per unit (see `analyzeUnit`). @default no cap */
  maxFindings?: number;
  /**
   * The module the worker loads: the engine's entry, which serves as a sandbox worker when started as one.
   * @default this engine's own file: the layer bundle, or src/index.ts through tsx when running from sources
   */
  entry?: string;
};

/** What a sandbox did since it was created. */
type UnitSandboxStats = {
  /** Workers started (the first one and one after each stop). */
  workersStarted: number;
  /** Units that came back analysed or with the analyzer's own notAnalyzed reason. */
  unitsAnalysed: number;
  /** Units stopped at their time budget. */
  timeBudget: number;
  /** Units stopped at the memory budget. */
  memoryBudget: number;
  /** Units whose worker ended in another way. */
  crashed: number;
};

/** Analyses units one at a time in a worker thread; see the module comment. */
type UnitSandbox = {
  /**
   * Analyses one unit. Calls made while another unit is analysed wait their turn (the budget starts when the worker
   * takes the unit). Rejects only for a malformed unit (`InvalidUnitError`) or a worker that cannot start at all
   * (`SandboxStartError`): whatever the unit's code does, it resolves.
   */
  analyze(unit: unknown, options?: { timeBudgetMs?: number }): Promise<UnitAnalysis>;
  /** Starts the worker if none is running and waits until it is ready (a cold start paid ahead of the first unit). */
  warm(): Promise<void>;
  /** Terminates the worker; the sandbox can still be used afterwards (it starts a new one). */
  close(): Promise<void>;
  stats(): UnitSandboxStats;
};

type Outcome =
  | { kind: 'message'; message: SandboxMessage }
  | { kind: 'time-budget' }
  | { kind: 'memory-budget' }
  | { kind: 'crashed' };

type RunningWorker = { thread: Worker; ready: Promise<void>; settle?: (outcome: Outcome) => void; exited: boolean };

const DEFAULT_TIME_BUDGET_MS = 60_000;
const DEFAULT_STACK_MB = 16;

/** The engine's entry: the bundle this code was built into, or the TypeScript index beside it. */
const defaultEntry = (): string => (__filename.endsWith('.ts') ? join(__dirname, '..', 'index.ts') : __filename);

const formatSeconds = (ms: number): string => `${(ms / 1000).toLocaleString('en-US', { maximumFractionDigits: 1 })} s`;

/**
 * Creates a sandbox. The worker starts on the first {@link UnitSandbox.analyze} or {@link UnitSandbox.warm}.
 *
 * @example
 * const sandbox = createUnitSandbox({ memoryBudgetMb: 1024 });
 * const analysis = await sandbox.analyze(unit, { timeBudgetMs: 10_000 });
 * if (analysis.notAnalyzed?.code === 'time-budget') console.log(analysis.notAnalyzed.message);
 * await sandbox.close();
 */
const createUnitSandbox = (options: UnitSandboxOptions): UnitSandbox => {
  const entry = options.entry ?? defaultEntry();
  const stats: UnitSandboxStats = { workersStarted: 0, unitsAnalysed: 0, timeBudget: 0, memoryBudget: 0, crashed: 0 };
  let current: RunningWorker | undefined;
  let queue: Promise<unknown> = Promise.resolve();
  let nextId = 1;

  const start = (): RunningWorker => {
    const workerData = { [SANDBOX_WORKER_FLAG]: true };
    const resourceLimits = { maxOldGenerationSizeMb: options.memoryBudgetMb, stackSizeMb: options.stackSizeMb ?? DEFAULT_STACK_MB };
    // From TypeScript sources (tests, tsx scripts) the worker needs tsx's loader; the layer bundle is plain JavaScript.
    const thread = entry.endsWith('.ts')
      ? new Worker(`require(${JSON.stringify(require.resolve('tsx/cjs'))});require(${JSON.stringify(entry)});`, { eval: true, workerData, resourceLimits })
      : new Worker(entry, { workerData, resourceLimits });
    stats.workersStarted += 1;
    // An idle worker does not keep its process alive; the waits below hold a reference while they last.
    thread.unref();
    const running: RunningWorker = { thread, exited: false, ready: Promise.resolve() };
    running.ready = new Promise<void>((resolve, reject) => {
      let isReady = false;
      thread.on('message', (message: SandboxMessage) => {
        if (message.type === 'ready') {
          isReady = true;
          resolve();
        } else running.settle?.({ kind: 'message', message });
      });
      thread.on('error', (error: Error & { code?: string }) => {
        if (!isReady) reject(new SandboxStartError(entry, { cause: error }));
        running.settle?.(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? { kind: 'memory-budget' } : { kind: 'crashed' });
      });
      thread.on('exit', () => {
        running.exited = true;
        if (current === running) current = undefined;
        if (!isReady) reject(new SandboxStartError(entry));
        running.settle?.({ kind: 'crashed' });
      });
    });
    // A worker started ahead of use may fail before anyone awaits it; the next analyze sees the rejection.
    running.ready.catch(() => undefined);
    return running;
  };

  /** Waits for a worker's cold start, holding the process open meanwhile (an idle worker does not). */
  const untilReady = async (worker: RunningWorker): Promise<void> => {
    worker.thread.ref();
    try {
      await worker.ready;
    } finally {
      worker.thread.unref();
    }
  };

  const stopped = (unit: Unit, reason: NotAnalyzedReason): UnitAnalysis => ({
    unitId: unit.unitId,
    language: unit.language,
    findings: [],
    loc: unit.loc,
    parseErrors: 0,
    omittedFindings: 0,
    effortMinutes: 0,
    effortByClass: effortByClass([]),
    notAnalyzed: reason,
  });

  const run = async (unit: Unit, timeBudgetMs: number): Promise<UnitAnalysis> => {
    current ??= start();
    const worker = current;
    await untilReady(worker);
    const request: AnalyzeRequest = { id: nextId++, unit, options: options.maxFindings === undefined ? {} : { maxFindings: options.maxFindings } };
    let timer: NodeJS.Timeout | undefined;
    const outcome = await new Promise<Outcome>((resolve) => {
      worker.settle = resolve;
      timer = setTimeout(() => resolve({ kind: 'time-budget' }), timeBudgetMs);
      worker.thread.ref();
      worker.thread.postMessage(request);
    });
    clearTimeout(timer);
    worker.thread.unref();
    worker.settle = undefined;
    if (outcome.kind === 'message') {
      if (outcome.message.type === 'result') {
        stats.unitsAnalysed += 1;
        return outcome.message.analysis;
      }
      if (outcome.message.type === 'failure') throw Object.assign(new Error(outcome.message.error.message), { name: outcome.message.error.name });
    }
    // The worker is gone or must go; its replacement starts now, ahead of the next unit.
    if (current === worker) current = undefined;
    if (!worker.exited) await worker.thread.terminate();
    current ??= start();
    if (outcome.kind === 'time-budget') {
      stats.timeBudget += 1;
      return stopped(unit, {
        code: NotAnalyzedCodes.TIME_BUDGET,
        message: `The analysis took longer than its budget of ${formatSeconds(timeBudgetMs)} and was stopped; the parser cannot handle this code in reasonable time`,
      });
    }
    if (outcome.kind === 'memory-budget') {
      stats.memoryBudget += 1;
      return stopped(unit, {
        code: NotAnalyzedCodes.MEMORY_BUDGET,
        message: `The analysis needed more than its memory budget of ${options.memoryBudgetMb.toLocaleString('en-US')} MiB and was stopped`,
      });
    }
    stats.crashed += 1;
    return stopped(unit, { code: NotAnalyzedCodes.ANALYZER_ERROR, message: 'The analyzer stopped unexpectedly on this unit; none of its findings are listed' });
  };

  return {
    analyze: (value, perUnit = {}) => {
      let unit: Unit;
      try {
        unit = validateUnit(value);
      } catch (error) {
        return Promise.reject(error);
      }
      const result = queue.then(() => run(unit, perUnit.timeBudgetMs ?? options.timeBudgetMs ?? DEFAULT_TIME_BUDGET_MS));
      queue = result.catch(() => undefined);
      return result;
    },
    warm: async () => {
      current ??= start();
      await untilReady(current);
    },
    close: async () => {
      const worker = current;
      current = undefined;
      if (worker !== undefined && !worker.exited) await worker.thread.terminate();
    },
    stats: () => ({ ...stats }),
  };
};

export type { UnitSandbox, UnitSandboxOptions, UnitSandboxStats };
export { createUnitSandbox };
