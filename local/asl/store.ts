/**
 * Persistence for the engine: what it must remember across restarts (state machines, executions, their history,
 * map runs). The engine owns the data and calls the store on every change; a store only keeps what it is given.
 *
 * The engine calls a store one operation at a time, in order (it queues its writes), so an implementation needs no
 * locking of its own. Records carry `Date` objects where the Step Functions API has timestamps: an implementation
 * that serialises must hand them back as `Date`s from {@link EngineStore.load} and {@link EngineStore.readHistory}.
 */
import type { HistoryEvent } from '@aws-sdk/client-sfn';
import { deepClone } from './clone';

/** The state machine types Step Functions has. */
const StateMachineTypes = { STANDARD: 'STANDARD', EXPRESS: 'EXPRESS' } as const;
type StateMachineType = (typeof StateMachineTypes)[keyof typeof StateMachineTypes];

/** Execution statuses, as DescribeExecution reports them. */
const ExecutionStatuses = {
  RUNNING: 'RUNNING',
  SUCCEEDED: 'SUCCEEDED',
  FAILED: 'FAILED',
  TIMED_OUT: 'TIMED_OUT',
  ABORTED: 'ABORTED',
} as const;
type ExecutionStatus = (typeof ExecutionStatuses)[keyof typeof ExecutionStatuses];

/** Map run statuses, as DescribeMapRun reports them. */
const MapRunStatuses = { RUNNING: 'RUNNING', SUCCEEDED: 'SUCCEEDED', FAILED: 'FAILED', ABORTED: 'ABORTED' } as const;
type MapRunStatus = (typeof MapRunStatuses)[keyof typeof MapRunStatuses];

/** One state machine, as CreateStateMachine made it (DescribeStateMachine's fields). */
type StateMachineRecord = {
  stateMachineArn: string;
  name: string;
  /** The definition exactly as given (a JSON string). */
  definition: string;
  roleArn: string;
  type: StateMachineType;
  creationDate: Date;
  /** The state machine of a Distributed Map's child executions is not a user state machine: it is not listed. */
  hidden?: boolean;
  description?: string;
  revisionId?: string;
  loggingConfiguration?: { level?: string; includeExecutionData?: boolean };
  tracingConfiguration?: { enabled?: boolean };
};

/** One execution, as DescribeExecution reports it; saved on start and on every status change. */
type ExecutionRecord = {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  type: StateMachineType;
  status: ExecutionStatus;
  startDate: Date;
  stopDate?: Date;
  /** The execution input, a JSON string. */
  input: string;
  /** The execution output, a JSON string; only when SUCCEEDED. */
  output?: string;
  error?: string;
  cause?: string;
  /** Set when a Task (`states:startExecution`) started this execution. */
  parentExecutionArn?: string;
  /** Set when a Distributed Map run started this execution (a child workflow). */
  mapRunArn?: string;
  /** The number of items a Distributed Map child execution processed (1, or the batch size). */
  itemCount?: number;
  traceHeader?: string;
  redriveCount: number;
};

/** One Distributed Map run: DescribeMapRun's answer plus what ListMapRuns needs. */
type MapRunRecord = {
  mapRunArn: string;
  executionArn: string;
  /** The ARN ListMapRuns reports: the parent state machine's ARN followed by `/<label>`. */
  stateMachineArn: string;
  status: MapRunStatus;
  startDate: Date;
  stopDate?: Date;
  maxConcurrency: number;
  toleratedFailurePercentage: number;
  toleratedFailureCount: number;
  itemCounts: MapRunCounts;
  executionCounts: MapRunCounts;
  redriveCount: number;
};

/** Item and execution counts of a map run (MapRunItemCounts / MapRunExecutionCounts). */
type MapRunCounts = {
  pending: number;
  running: number;
  succeeded: number;
  failed: number;
  timedOut: number;
  aborted: number;
  total: number;
  resultsWritten: number;
  failuresNotRedrivable: number;
  pendingRedrive: number;
};

/** Everything but history, as {@link EngineStore.load} returns it at engine start. */
type EngineSnapshot = {
  stateMachines: StateMachineRecord[];
  executions: ExecutionRecord[];
  mapRuns: MapRunRecord[];
};

/**
 * Where the engine keeps its state. Implementations: {@link InMemoryEngineStore} (the default; nothing survives the
 * process) and the file-backed store of the local runtime.
 *
 * @example
 * const store = new InMemoryEngineStore();
 * const engine = new Engine({ integrations, store });
 * await engine.ready();
 */
type EngineStore = {
  /** Creates or replaces a state machine. */
  saveStateMachine(record: StateMachineRecord): Promise<void>;
  /** Deletes a state machine (its executions and their history stay, as in Step Functions). */
  deleteStateMachine(stateMachineArn: string): Promise<void>;
  /** Creates or replaces an execution record; called on start and on every status change. */
  saveExecution(record: ExecutionRecord): Promise<void>;
  /**
   * Appends events, in order, to an execution's history. Event ids start at 1 and have no gaps. The events are not
   * changed after this call (the engine records each once and never touches it again): a store may keep them as
   * they are.
   */
  appendHistory(executionArn: string, events: readonly HistoryEvent[]): Promise<void>;
  /** Creates or replaces a map run record; called on start, on count changes and at the end. */
  saveMapRun(record: MapRunRecord): Promise<void>;
  /** Everything saved so far (used once, at engine start). */
  load(): Promise<EngineSnapshot>;
  /** An execution's whole history, oldest first; empty when nothing is saved for it. */
  readHistory(executionArn: string): Promise<HistoryEvent[]>;
};

const clone = <T>(value: T): T => deepClone(value);

/**
 * Keeps everything in memory: the engine's default store. Records are copied in and out, so callers can never
 * change what is stored by mutating an object afterwards; history events, which nobody changes once appended, are
 * copied on the way out only.
 *
 * @example
 * const store = new InMemoryEngineStore();
 * await store.saveStateMachine(record);
 * const { stateMachines } = await store.load();
 */
class InMemoryEngineStore implements EngineStore {
  readonly #stateMachines = new Map<string, StateMachineRecord>();
  readonly #executions = new Map<string, ExecutionRecord>();
  readonly #mapRuns = new Map<string, MapRunRecord>();
  readonly #history = new Map<string, HistoryEvent[]>();

  public async saveStateMachine(record: StateMachineRecord): Promise<void> {
    this.#stateMachines.set(record.stateMachineArn, clone(record));
  }

  public async deleteStateMachine(stateMachineArn: string): Promise<void> {
    this.#stateMachines.delete(stateMachineArn);
  }

  public async saveExecution(record: ExecutionRecord): Promise<void> {
    this.#executions.set(record.executionArn, clone(record));
  }

  public async appendHistory(executionArn: string, events: readonly HistoryEvent[]): Promise<void> {
    const history = this.#history.get(executionArn) ?? [];
    // Kept as given, without a copy per event (most of what an execution costs otherwise): see appendHistory's contract.
    for (const event of events) history.push(event);
    this.#history.set(executionArn, history);
  }

  public async saveMapRun(record: MapRunRecord): Promise<void> {
    this.#mapRuns.set(record.mapRunArn, clone(record));
  }

  public async load(): Promise<EngineSnapshot> {
    return {
      stateMachines: [...this.#stateMachines.values()].map(clone),
      executions: [...this.#executions.values()].map(clone),
      mapRuns: [...this.#mapRuns.values()].map(clone),
    };
  }

  public async readHistory(executionArn: string): Promise<HistoryEvent[]> {
    return (this.#history.get(executionArn) ?? []).map(clone);
  }
}

export { ExecutionStatuses, InMemoryEngineStore, MapRunStatuses, StateMachineTypes };
export type {
  EngineSnapshot,
  EngineStore,
  ExecutionRecord,
  ExecutionStatus,
  MapRunCounts,
  MapRunRecord,
  MapRunStatus,
  StateMachineRecord,
  StateMachineType,
};
