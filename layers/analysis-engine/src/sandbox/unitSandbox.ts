/**
 * A unit sandbox: analyses units in a worker thread that a deadline can stop. abaplint and the script parsers are
 * synchronous: an analysis that runs away (an exponential SQL condition, a heap that fills up) cannot be interrupted
 * in its own thread, and in a Lambda it would take the whole batch down with it. Here the worker is terminated when a
 * unit exceeds its time budget, V8 stops it when its heap passes the memory budget, and the unit ends `time-budget`
 * or `memory-budget`; a fresh worker starts at once for the next unit. A worker that ends in any other way ends its
 * unit as `analyzer-error`. The worker is kept warm between units and invocations.
 *
 * Units waiting their turn travel to the worker together, in groups (one message for up to `groupMaxUnits` units or
 * `groupMaxBytes` of source), and the worker answers each unit as soon as it is done: a small unit costs no round
 * trip of its own, and the caller always knows which unit the worker is on. Each unit's time budget runs from the
 * answer before it (the moment the worker takes it up), so a unit gets its whole budget whatever its neighbours did.
 * When the worker has to be stopped, the units answered keep their analyses, the units after the one in progress go
 * on in a fresh worker, and the one in progress is the only one that can fail: stopped at its time budget, it ends
 * `time-budget`; when the worker ran out of memory or died, it is analysed again alone in a fresh worker (the heap or
 * the crash might have been its neighbours' doing), and only what happens then is its outcome.
 *
 * A unit may also carry a deadline: the moment its caller's own time runs out (a pack's invocation, whose units all
 * wait in one queue). No unit runs past it, and a unit whose turn comes after it is not started: it ends `time-budget`
 * at once, without a worker restart, so the caller still has time to keep what the units before it found.
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
  /** Most units sent to the worker in one message (1: one round trip per unit). @default 256 */
  groupMaxUnits?: number;
  /** Most source text sent to the worker in one message, bytes (a larger unit travels alone). @default 4 MiB */
  groupMaxBytes?: number;
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
  /** Messages sent to the worker, each a group of units. */
  groups: number;
  /** Units analysed again alone after their worker ran out of memory or died while on them in a group. */
  retriedAlone: number;
};

/** What one unit's analysis may take. */
type UnitAnalyzeOptions = {
  /** Time the unit's analysis may take from the moment the worker has it, ms. @default the sandbox's timeBudgetMs */
  timeBudgetMs?: number;
  /** When the caller's time runs out, ms since the epoch (`Date.now()`): the unit ends by then. @default none */
  deadline?: number;
};

/** Analyses units one after the other in a worker thread; see the module comment. */
type UnitSandbox = {
  /**
   * Analyses one unit. Calls made while another unit is analysed wait their turn (the budget starts when the worker
   * takes the unit). Rejects only for a malformed unit (`InvalidUnitError`) or a worker that cannot start at all
   * (`SandboxStartError`): whatever the unit's code does, it resolves.
   */
  analyze(unit: unknown, options?: UnitAnalyzeOptions): Promise<UnitAnalysis>;
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

/** A worker and what it has said that nobody has taken yet (answers can come faster than they are taken). */
type RunningWorker = { thread: Worker; ready: Promise<void>; inbox: Outcome[]; wake?: () => void; exited: boolean; unitsTaken: number };

/** A unit waiting for the worker. `alone`: it goes in a group of its own, into a fresh worker. */
type Waiting = {
  unit: Unit;
  timeBudgetMs: number;
  deadline: number;
  bytes: number;
  alone: boolean;
  resolve: (analysis: UnitAnalysis) => void;
  reject: (error: unknown) => void;
};

const DEFAULT_TIME_BUDGET_MS = 60_000;
const DEFAULT_STACK_MB = 16;
const DEFAULT_GROUP_MAX_UNITS = 256;
const DEFAULT_GROUP_MAX_BYTES = 4 * 1024 * 1024;

/** The engine's entry: the bundle this code was built into, or the TypeScript index beside it. */
const defaultEntry = (): string => (__filename.endsWith('.ts') ? join(__dirname, '..', 'index.ts') : __filename);

const formatSeconds = (ms: number): string => `${(ms / 1000).toLocaleString('en-US', { maximumFractionDigits: 1 })} s`;

/** Source text a unit sends to the worker (UTF-16 length: what bounds a group, not an exact byte count). */
const unitBytes = (unit: Unit): number => [...unit.files, ...(unit.context ?? [])].reduce((sum, file) => sum + file.text.length, 0);

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
  const groupMaxUnits = Math.max(1, Math.floor(options.groupMaxUnits ?? DEFAULT_GROUP_MAX_UNITS));
  const groupMaxBytes = options.groupMaxBytes ?? DEFAULT_GROUP_MAX_BYTES;
  const stats: UnitSandboxStats = { workersStarted: 0, unitsAnalysed: 0, timeBudget: 0, memoryBudget: 0, crashed: 0, groups: 0, retriedAlone: 0 };
  let current: RunningWorker | undefined;
  const waiting: Waiting[] = [];
  let pumping = false;
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
    const running: RunningWorker = { thread, exited: false, ready: Promise.resolve(), inbox: [], unitsTaken: 0 };
    const tell = (outcome: Outcome): void => {
      running.inbox.push(outcome);
      running.wake?.();
    };
    running.ready = new Promise<void>((resolve, reject) => {
      let isReady = false;
      thread.on('message', (message: SandboxMessage) => {
        if (message.type === 'ready') {
          isReady = true;
          resolve();
        } else tell({ kind: 'message', message });
      });
      thread.on('error', (error: Error & { code?: string }) => {
        if (!isReady) reject(new SandboxStartError(entry, { cause: error }));
        tell(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? { kind: 'memory-budget' } : { kind: 'crashed' });
      });
      thread.on('exit', () => {
        running.exited = true;
        if (current === running) current = undefined;
        if (!isReady) reject(new SandboxStartError(entry));
        tell({ kind: 'crashed' });
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

  /** The worker's next word, or `time-budget` when none comes within `timeBudgetMs`. */
  const nextOutcome = async (worker: RunningWorker, timeBudgetMs: number): Promise<Outcome> => {
    const queued = worker.inbox.shift();
    if (queued !== undefined) return queued;
    let timer: NodeJS.Timeout | undefined;
    await new Promise<void>((resolve) => {
      worker.wake = resolve;
      // At the deadline, answers already on their way are taken first: when this thread was busy past the deadline,
      // the timer and the answer are both due, and the timer's phase of the event loop comes before the message's.
      timer = setTimeout(() => setImmediate(resolve), timeBudgetMs);
    });
    clearTimeout(timer);
    worker.wake = undefined;
    return worker.inbox.shift() ?? { kind: 'time-budget' };
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

  /** A unit whose caller's time ran out before or while it was analysed: it is tried again by the next run. */
  const outOfTime = (waiter: Waiting): UnitAnalysis => {
    stats.timeBudget += 1;
    return stopped(waiter.unit, {
      code: NotAnalyzedCodes.TIME_BUDGET,
      message: 'The time of the units analysed with this one ran out before its analysis ended; it is analysed in the next run',
    });
  };

  /** Ends, without starting them, the waiting units whose deadline has passed. */
  const settleExpired = (): void => {
    const now = Date.now();
    for (let index = waiting.length - 1; index >= 0; index -= 1) {
      if (waiting[index].deadline > now) continue;
      const [expired] = waiting.splice(index, 1);
      expired.resolve(outOfTime(expired));
    }
  };

  /** The outcome of a unit whose worker had to be stopped while on it. */
  const stoppedBy = (outcome: Outcome, waiter: Waiting): UnitAnalysis => {
    if (outcome.kind === 'time-budget' && waiter.deadline <= Date.now()) return outOfTime(waiter);
    if (outcome.kind === 'time-budget') {
      stats.timeBudget += 1;
      return stopped(waiter.unit, {
        code: NotAnalyzedCodes.TIME_BUDGET,
        message: `The analysis took longer than its budget of ${formatSeconds(waiter.timeBudgetMs)} and was stopped; the parser cannot handle this code in reasonable time`,
      });
    }
    if (outcome.kind === 'memory-budget') {
      stats.memoryBudget += 1;
      return stopped(waiter.unit, {
        code: NotAnalyzedCodes.MEMORY_BUDGET,
        message: `The analysis needed more than its memory budget of ${options.memoryBudgetMb.toLocaleString('en-US')} MiB and was stopped`,
      });
    }
    stats.crashed += 1;
    return stopped(waiter.unit, { code: NotAnalyzedCodes.ANALYZER_ERROR, message: 'The analyzer stopped unexpectedly on this unit; none of its findings are listed' });
  };

  /** Takes the next group off the front of the waiting line: a unit that must go alone, or a run of the others. */
  const takeGroup = (): Waiting[] => {
    const group = [waiting.shift()!];
    if (group[0].alone) return group;
    let bytes = group[0].bytes;
    while (waiting.length > 0 && group.length < groupMaxUnits && !waiting[0].alone && bytes + waiting[0].bytes <= groupMaxBytes) {
      bytes += waiting[0].bytes;
      group.push(waiting.shift()!);
    }
    return group;
  };

  /** Sends one group and settles its units; units it could not reach go back to the front of the line. */
  const runGroup = async (worker: RunningWorker, group: Waiting[]): Promise<void> => {
    const fresh = worker.unitsTaken === 0;
    const request: AnalyzeRequest = { id: nextId++, units: group.map((waiter) => waiter.unit), options: options.maxFindings === undefined ? {} : { maxFindings: options.maxFindings } };
    worker.thread.ref();
    stats.groups += 1;
    worker.thread.postMessage(request);
    try {
      for (let index = 0; index < group.length; index += 1) {
        const waiter = group[index];
        worker.unitsTaken += 1;
        // The unit's budget, cut short by its deadline (never below zero: an answer already due is still taken).
        const budgetMs = Math.max(0, Math.min(waiter.timeBudgetMs, waiter.deadline - Date.now()));
        let outcome = await nextOutcome(worker, budgetMs);
        // Answers of an earlier request cannot be in this worker's inbox (a request is answered whole), but be sure.
        while (outcome.kind === 'message' && outcome.message.type !== 'ready' && outcome.message.id !== request.id) outcome = await nextOutcome(worker, budgetMs);
        if (outcome.kind === 'message') {
          const message = outcome.message;
          if (message.type === 'result') {
            stats.unitsAnalysed += 1;
            waiter.resolve(JSON.parse(message.analysis) as UnitAnalysis);
          } else if (message.type === 'failure') waiter.reject(Object.assign(new Error(message.error.message), { name: message.error.name }));
          continue;
        }
        // The worker is gone or must go; its replacement starts now, ahead of the next group.
        if (current === worker) current = undefined;
        if (!worker.exited) await worker.thread.terminate();
        current ??= start();
        const rest = group.slice(index + 1);
        if (outcome.kind !== 'time-budget' && !waiter.alone && !(fresh && group.length === 1)) {
          // Out of memory or dead with other units' work in its heap: the unit has its own try, in a fresh worker.
          stats.retriedAlone += 1;
          waiting.unshift({ ...waiter, alone: true }, ...rest);
        } else {
          waiter.resolve(stoppedBy(outcome, waiter));
          waiting.unshift(...rest);
        }
        return;
      }
    } finally {
      worker.thread.unref();
    }
  };

  /** Feeds the worker while units wait; one pump at a time. */
  const pump = async (): Promise<void> => {
    if (pumping) return;
    pumping = true;
    try {
      for (settleExpired(); waiting.length > 0; settleExpired()) {
        current ??= start();
        const worker = current;
        try {
          // Units that arrive during the worker's cold start join the first group.
          await untilReady(worker);
        } catch (error) {
          // No worker at all: the units waiting now fail with it; the next call tries a new worker.
          for (const waiter of waiting.splice(0)) waiter.reject(error);
          return;
        }
        // Units whose deadline passed during the cold start are not sent.
        settleExpired();
        if (waiting.length === 0) break;
        await runGroup(worker, takeGroup());
      }
    } finally {
      pumping = false;
    }
  };

  return {
    analyze: (value, perUnit = {}) => {
      let unit: Unit;
      try {
        unit = validateUnit(value);
      } catch (error) {
        return Promise.reject(error);
      }
      const timeBudgetMs = perUnit.timeBudgetMs ?? options.timeBudgetMs ?? DEFAULT_TIME_BUDGET_MS;
      const deadline = perUnit.deadline ?? Number.POSITIVE_INFINITY;
      return new Promise<UnitAnalysis>((resolve, reject) => {
        waiting.push({ unit, timeBudgetMs, deadline, bytes: unitBytes(unit), alone: false, resolve, reject });
        // Calls made in the same turn (a batch handed over at once) wait for this one and travel in one group.
        queueMicrotask(() => void pump());
      });
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

export type { UnitAnalyzeOptions, UnitSandbox, UnitSandboxOptions, UnitSandboxStats };
export { createUnitSandbox };
