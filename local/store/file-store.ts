/**
 * An {@link EngineStore} on the local file system, so state machines, executions, their histories and map runs
 * survive a restart of the local runtime.
 *
 * Layout under the state directory:
 *
 * ```
 * engine.lock                      owner process id (one process per directory)
 * state-machines/<sha256>.json     one record per state machine
 * executions/<sha256>.json         one record per execution
 * map-runs/<sha256>.json           one record per map run
 * history/<sha256>.jsonl           one history event per line, append-only
 * ```
 *
 * Records are replaced atomically (temporary file, then rename); histories are only appended to. Without
 * `durable`, this survives the process dying at any point (the operating system still writes what it was
 * given) but not a power loss; with it, every write is flushed to disk first.
 *
 * On {@link FileEngineStore.open}, executions and map runs still RUNNING belong to a process that is gone: they
 * are marked ABORTED as recovery.ts explains, before the engine loads anything.
 */
import type { HistoryEvent } from '@aws-sdk/client-sfn';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { EngineSnapshot, EngineStore, ExecutionRecord, MapRunRecord, StateMachineRecord } from '../asl/store';
import { StoreClosedError } from './errors';
import { HistoryLog } from './history-log';
import { acquireDirectoryLock } from './lock';
import type { DirectoryLock } from './lock';
import { fileKey, RecordDirectory } from './record-directory';
import { abortInterruptedExecution, abortInterruptedMapRun } from './recovery';

/** Options of {@link FileEngineStore.open}. */
type FileEngineStoreOptions = {
  /**
   * Flush every write to disk before it counts as done (survives power loss; much slower).
   * @default false
   */
  durable?: boolean;
  /**
   * Most history files kept open for appending at once.
   * @default 64
   */
  maxOpenHistoryFiles?: number;
  /**
   * The clock used to date the recovery of interrupted executions (tests pin it).
   * @default () => new Date()
   */
  now?: () => Date;
};

/** What {@link FileEngineStore.open} found and did. */
type RecoveryReport = {
  /** Executions that were RUNNING when the previous process stopped, now ABORTED. */
  abortedExecutionArns: readonly string[];
  /**
   * Their records as now saved (ABORTED, with the stop time and cause): what the process that opened the store
   * tells the rest of the system, since nobody saw these executions end (local/app delivers their status-change
   * events once its rules are wired).
   */
  abortedExecutions: readonly ExecutionRecord[];
  /** Map runs that were RUNNING when the previous process stopped, now ABORTED. */
  abortedMapRunArns: readonly string[];
};

class FileEngineStore implements EngineStore {
  /** The absolute state directory. */
  public readonly directory: string;
  /** What opening the store recovered from the previous process. */
  public readonly recovery: RecoveryReport;
  readonly #stateMachines: RecordDirectory<StateMachineRecord>;
  readonly #executions: RecordDirectory<ExecutionRecord>;
  readonly #mapRuns: RecordDirectory<MapRunRecord>;
  readonly #history: HistoryLog;
  readonly #lock: DirectoryLock;
  #closed = false;

  private constructor(parts: {
    directory: string;
    stateMachines: RecordDirectory<StateMachineRecord>;
    executions: RecordDirectory<ExecutionRecord>;
    mapRuns: RecordDirectory<MapRunRecord>;
    history: HistoryLog;
    lock: DirectoryLock;
    recovery: RecoveryReport;
  }) {
    this.directory = parts.directory;
    this.#stateMachines = parts.stateMachines;
    this.#executions = parts.executions;
    this.#mapRuns = parts.mapRuns;
    this.#history = parts.history;
    this.#lock = parts.lock;
    this.recovery = parts.recovery;
  }

  /**
   * Opens (creating if needed) the store in `directory`, takes its lock, and recovers what a stopped process
   * left running. Throws StateDirectoryLockedError when another live store holds the directory.
   *
   * @example
   * const store = await FileEngineStore.open('.local/engine');
   * const engine = new Engine({ store, integrations });
   * // …
   * await store.close();
   */
  public static async open(directory: string, options: FileEngineStoreOptions = {}): Promise<FileEngineStore> {
    const root = resolve(directory);
    const durable = options.durable ?? false;
    await mkdir(root, { recursive: true });
    const lock = await acquireDirectoryLock(join(root, 'engine.lock'));
    try {
      const stateMachines = new RecordDirectory<StateMachineRecord>(join(root, 'state-machines'), { durable });
      const executions = new RecordDirectory<ExecutionRecord>(join(root, 'executions'), { durable });
      const mapRuns = new RecordDirectory<MapRunRecord>(join(root, 'map-runs'), { durable });
      const historyDirectory = join(root, 'history');
      await Promise.all([stateMachines.prepare(), executions.prepare(), mapRuns.prepare(), mkdir(historyDirectory, { recursive: true })]);
      const history = new HistoryLog({
        pathOf: (executionArn) => join(historyDirectory, `${fileKey(executionArn)}.jsonl`),
        durable,
        maxOpenFiles: options.maxOpenHistoryFiles ?? 64,
      });
      const recovery = await recover({ executions, mapRuns, history }, (options.now ?? (() => new Date()))());
      return new FileEngineStore({ directory: root, stateMachines, executions, mapRuns, history, lock, recovery });
    } catch (error) {
      await lock.release();
      throw error;
    }
  }

  public async saveStateMachine(record: StateMachineRecord): Promise<void> {
    this.#assertOpen('saveStateMachine');
    await this.#stateMachines.save(record.stateMachineArn, record);
  }

  public async deleteStateMachine(stateMachineArn: string): Promise<void> {
    this.#assertOpen('deleteStateMachine');
    await this.#stateMachines.delete(stateMachineArn);
  }

  public async saveExecution(record: ExecutionRecord): Promise<void> {
    this.#assertOpen('saveExecution');
    await this.#executions.save(record.executionArn, record);
    // A finished execution's history is complete (were the closing event appended after this, the append
    // simply reopens the file), so its handle need not hold one of the open-file slots.
    if (record.status !== 'RUNNING') await this.#history.release(record.executionArn);
  }

  public async appendHistory(executionArn: string, events: readonly HistoryEvent[]): Promise<void> {
    this.#assertOpen('appendHistory');
    await this.#history.append(executionArn, events);
  }

  public async saveMapRun(record: MapRunRecord): Promise<void> {
    this.#assertOpen('saveMapRun');
    await this.#mapRuns.save(record.mapRunArn, record);
  }

  public async load(): Promise<EngineSnapshot> {
    this.#assertOpen('load');
    const [stateMachines, executions, mapRuns] = await Promise.all([
      this.#stateMachines.list(),
      this.#executions.list(),
      this.#mapRuns.list(),
    ]);
    // Directory order is arbitrary; hand records over in creation order, as the engine made them.
    stateMachines.sort((a, b) => a.creationDate.getTime() - b.creationDate.getTime());
    executions.sort((a, b) => a.startDate.getTime() - b.startDate.getTime());
    mapRuns.sort((a, b) => a.startDate.getTime() - b.startDate.getTime());
    return { stateMachines, executions, mapRuns };
  }

  public async readHistory(executionArn: string): Promise<HistoryEvent[]> {
    this.#assertOpen('readHistory');
    return this.#history.read(executionArn);
  }

  /** Closes open files and releases the directory lock; later calls are refused with StoreClosedError. */
  public async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#history.closeAll();
    await this.#lock.release();
  }

  #assertOpen(operation: string): void {
    if (this.#closed) throw new StoreClosedError(this.directory, operation);
  }
}

const recover = async (
  parts: {
    executions: RecordDirectory<ExecutionRecord>;
    mapRuns: RecordDirectory<MapRunRecord>;
    history: HistoryLog;
  },
  restartedAt: Date
): Promise<RecoveryReport> => {
  const running = (await parts.executions.list()).filter((execution) => execution.status === 'RUNNING');
  const stopDates = new Map<string, Date>();
  const aborted: ExecutionRecord[] = [];
  for (const execution of running) {
    const history = await parts.history.repair(execution.executionArn);
    const { record, event } = abortInterruptedExecution(execution, history, restartedAt);
    await parts.history.append(execution.executionArn, [event]);
    await parts.history.release(execution.executionArn);
    await parts.executions.save(record.executionArn, record);
    stopDates.set(record.executionArn, record.stopDate ?? restartedAt);
    aborted.push(record);
  }
  const runningMapRuns = (await parts.mapRuns.list()).filter((mapRun) => mapRun.status === 'RUNNING');
  for (const mapRun of runningMapRuns) {
    await parts.mapRuns.save(mapRun.mapRunArn, abortInterruptedMapRun(mapRun, stopDates.get(mapRun.executionArn) ?? restartedAt));
  }
  return {
    abortedExecutionArns: running.map((execution) => execution.executionArn),
    abortedExecutions: aborted,
    abortedMapRunArns: runningMapRuns.map((mapRun) => mapRun.mapRunArn),
  };
};

export { FileEngineStore };
export type { FileEngineStoreOptions, RecoveryReport };
