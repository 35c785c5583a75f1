/**
 * Execution history in the shape of GetExecutionHistory: `HistoryEvent`s with ids from 1, `previousEventId`, a
 * timestamp, and the typed `…EventDetails` member that goes with the event type (input and output as JSON strings).
 *
 * `previousEventId` links each event to the event that caused it, as Step Functions does (the Step Functions
 * Local guide's example: ExecutionStarted and the first TaskStateEntered both have 0, each later event the one
 * before it in its own line; executions recorded on AWS show the rest), which is not always the event before it:
 *
 * - the first state of an execution links to 0, like ExecutionStarted: both are caused by the start request;
 * - the events of concurrent Parallel branches and Map iterations interleave in one list; each branch or iteration is
 *   a {@link HistoryThread} chaining its own events, from the event that opened it (ParallelStateStarted,
 *   MapIterationStarted);
 * - an event caused by something other than its line's last event names its cause (see {@link HistoryThread.addCausedBy}):
 *   the aborted states of a failed Parallel or Map link to the event that failed, MapStateSucceeded and
 *   MapStateExited both to the event that ended the map's work, ExecutionAborted to 0 (a StopExecution request).
 */
import type { HistoryEvent, HistoryEventType } from '@aws-sdk/client-sfn';
import type { Clock } from './clock';
import { jsonText } from './jsonText';

/** The detail members of a HistoryEvent (`taskScheduledEventDetails`, `stateEnteredEventDetails`, …). */
type EventDetailsKey = Exclude<keyof HistoryEvent, 'id' | 'type' | 'timestamp' | 'previousEventId'>;

const detailsKeys = new Map<HistoryEventType, EventDetailsKey>();

/** `XStateEntered` → `stateEnteredEventDetails`, `XStateExited` → `stateExitedEventDetails`, else `<type>EventDetails`. */
const detailsKeyFor = (type: HistoryEventType): EventDetailsKey => {
  let key = detailsKeys.get(type);
  if (key === undefined) {
    if (type.endsWith('StateEntered')) key = 'stateEnteredEventDetails';
    else if (type.endsWith('StateExited')) key = 'stateExitedEventDetails';
    else key = `${type.charAt(0).toLowerCase()}${type.slice(1)}EventDetails` as EventDetailsKey;
    detailsKeys.set(type, key);
  }
  return key;
};

/** `inputDetails` / `outputDetails` of an event whose data is whole (all of them: payloads over 256 KiB fail first). */
const NOT_TRUNCATED: { readonly truncated: false } = Object.freeze({ truncated: false });

/** Serialises a value for an event's `input` / `output` field (once per value: see jsonText.ts). */
const toEventJson = (value: unknown): string => jsonText(value);

/**
 * All events of one execution, in order. An event is never changed once recorded, so the store may keep the very
 * objects it is given, and readers get copies (apiShapes.ts).
 *
 * @example
 * const history = new HistoryRecorder(clock, (event) => store.append(event));
 * const root = history.thread();
 * root.add('ExecutionStarted', { input: '{}', inputDetails: { truncated: false } });
 */
class HistoryRecorder {
  readonly #clock: Clock;
  readonly #sink: ((event: HistoryEvent) => void) | undefined;
  readonly #events: HistoryEvent[] = [];

  public constructor(clock: Clock, sink?: (event: HistoryEvent) => void) {
    this.#clock = clock;
    this.#sink = sink;
  }

  /** Every event so far (the live list: do not change it). */
  public get events(): readonly HistoryEvent[] {
    return this.#events;
  }

  /** Id of the latest event, 0 before the first. */
  public get lastId(): number {
    return this.#events.length;
  }

  /** A thread whose first event chains to `previousEventId` (0: the execution's first event, which has none). */
  public thread(previousEventId = 0): HistoryThread {
    return new HistoryThread(this, previousEventId);
  }

  /**
   * Appends an event caused by the event `previousEventId` (0: by no event); `details` goes under the member the
   * type calls for; `timestamp` defaults to now. Returns the new event's id.
   */
  public add(type: HistoryEventType, details: object | undefined, previousEventId: number, timestamp?: Date): number {
    const id = this.#events.length + 1;
    const event: HistoryEvent = { timestamp: timestamp ?? this.#clock.now(), type, id, previousEventId };
    if (details !== undefined) (event as unknown as Record<string, unknown>)[detailsKeyFor(type)] = details;
    this.#events.push(event);
    this.#sink?.(event);
    return id;
  }
}

/** One line of events: the top level of an execution, a Parallel branch, or a Map iteration. */
class HistoryThread {
  readonly #recorder: HistoryRecorder;
  /** The cause of this line's next event: usually its latest event. */
  #last: number;

  /**
   * The `…Aborted` event of the state this line failed in without leaving it (a Task whose error no Catch took):
   * the Parallel or Map around it records that event when it fails, as Step Functions does.
   */
  public unclosedState: HistoryEventType | undefined;

  public constructor(recorder: HistoryRecorder, previousEventId: number) {
    this.#recorder = recorder;
    this.#last = previousEventId;
  }

  /** Id of this thread's latest event (or of the cause set by {@link linkTo}). */
  public get lastId(): number {
    return this.#last;
  }

  /** Records an event chained to this thread's previous one (at `timestamp`, default now); returns its id. */
  public add(type: HistoryEventType, details?: object, timestamp?: Date): number {
    this.#last = this.#recorder.add(type, details, this.#last, timestamp);
    return this.#last;
  }

  /** Records an event caused by the event `causeId` rather than by this thread's latest; it becomes the latest. */
  public addCausedBy(type: HistoryEventType, causeId: number, details?: object): number {
    this.#last = this.#recorder.add(type, details, causeId, undefined);
    return this.#last;
  }

  /** Makes `causeId` the cause of this thread's next event, recording nothing (0: the next event has no cause). */
  public linkTo(causeId: number): void {
    this.#last = causeId;
  }

  /** A new thread whose first event is caused by `causeId` (default: this thread's latest event). */
  public fork(causeId: number = this.#last): HistoryThread {
    return new HistoryThread(this.#recorder, causeId);
  }

  /**
   * Ends this line after its state list failed: returns the event that failed (its latest), after recording the
   * `…Aborted` event of the state it failed in without leaving it, if any, linked to that event. The container's
   * other lines and its `…Failed` event link to the returned id.
   */
  public closeAfterFailure(): number {
    const failedEventId = this.#last;
    if (this.unclosedState !== undefined) this.addCausedBy(this.unclosedState, failedEventId);
    this.unclosedState = undefined;
    return failedEventId;
  }

  /** Continues this thread after forked threads ended: the next event chains to the latest of them. */
  public join(threads: readonly HistoryThread[]): void {
    for (const thread of threads) this.#last = Math.max(this.#last, thread.lastId);
  }
}

export { HistoryRecorder, HistoryThread, NOT_TRUNCATED, detailsKeyFor, toEventJson };
export type { EventDetailsKey };
