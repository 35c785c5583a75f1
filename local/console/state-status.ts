/**
 * What happened to each state of an execution, read from its history as the Step Functions console reads it: each
 * time a state was entered is an occurrence with its input, output, error and cause as the history holds them (the
 * history holds ids, counts and errors, never customer code), its retries, and how it ended. A state's colour on the
 * graph is the most telling of its occurrences: failed, caught, running, retried, succeeded; a state never entered
 * was not reached.
 */
import type { HistoryEvent } from '@aws-sdk/client-sfn';

const StateStatuses = {
  Succeeded: 'succeeded',
  Retried: 'retried',
  Caught: 'caught',
  Failed: 'failed',
  Running: 'running',
  Aborted: 'aborted',
  NotReached: 'not-reached',
} as const;
type StateStatus = (typeof StateStatuses)[keyof typeof StateStatuses];

/** One time a state was entered. */
type Occurrence = {
  status: StateStatus;
  type: string;
  enteredEventId: number;
  startedAt: string;
  endedAt?: string;
  input?: string;
  output?: string;
  /** The error that ended the state (or that its Catch took). */
  error?: string;
  cause?: string;
  /** Attempts after the first (Retry). */
  retries: number;
  /** Errors of attempts that were retried. */
  retriedErrors: Array<{ error?: string; cause?: string }>;
  /** The map run this occurrence started (a distributed Map). */
  mapRunArn?: string;
};

type StateRecord = { name: string; status: StateStatus; occurrences: Occurrence[] };

/** Most telling first: a state that failed once is shown failed even if another occurrence succeeded. */
const PRECEDENCE: readonly StateStatus[] = ['failed', 'aborted', 'caught', 'running', 'retried', 'succeeded'];

/** Event types that end a state's attempt with an error (the execution's own end is handled apart). */
const isFailureEvent = (type: string): boolean =>
  /(Failed|TimedOut)$/.test(type) && !type.startsWith('Execution') && !type.startsWith('MapIteration') && type !== 'MapRunFailed';

/** Which state type an event belongs to: a `TaskFailed` to a Task, a `MapStateFailed` to a Map. */
const ownerTypeOf = (type: string): string | undefined => {
  if (/^(Task|LambdaFunction|Activity)/.test(type)) return 'Task';
  if (type.startsWith('Map')) return 'Map';
  if (type.startsWith('Parallel')) return 'Parallel';
  return undefined;
};

const detailsOf = (event: HistoryEvent): { error?: string; cause?: string } => {
  const details = Object.entries(event).find(([key, value]) => key.endsWith('EventDetails') && value && typeof value === 'object')?.[1] as
    | { error?: string; cause?: string }
    | undefined;
  return { error: details?.error, cause: details?.cause };
};

type OpenOccurrence = Occurrence & { name: string; pendingError: boolean };

/**
 * The state-by-state outcome of an execution.
 *
 * `parents` maps a nested state to its Map or Parallel (the graph knows it), so that entering a state inside a Map
 * does not end the Map; `catches` names the states that have a Catch (their caught errors end them as caught).
 *
 * @example
 * const states = stateRecords(events, { parents: graph.parents, catches: new Set(['Load customer']) });
 * states.get('Load customer')?.status; // 'succeeded'
 */
function stateRecords(
  events: readonly HistoryEvent[],
  context: { parents: Readonly<Record<string, string>>; catches: ReadonlySet<string> },
): Map<string, StateRecord> {
  const records = new Map<string, StateRecord>();
  const open: OpenOccurrence[] = [];

  const isAncestor = (ancestor: string, name: string): boolean => {
    for (let parent = context.parents[name]; parent !== undefined; parent = context.parents[parent]) if (parent === ancestor) return true;
    return false;
  };
  const close = (occurrence: OpenOccurrence, status: StateStatus, at?: Date): void => {
    occurrence.status = status;
    if (at) occurrence.endedAt = at.toISOString();
    open.splice(open.indexOf(occurrence), 1);
  };
  const latestOpen = (ownerType?: string): OpenOccurrence | undefined => {
    for (let index = open.length - 1; index >= 0; index -= 1) if (ownerType === undefined || open[index].type === ownerType) return open[index];
    return undefined;
  };

  for (const event of events) {
    const type = event.type ?? '';
    if (type.endsWith('StateEntered')) {
      const name = event.stateEnteredEventDetails?.name ?? '?';
      // A state entered while another, not its container, holds an error: that error was caught.
      for (const other of [...open]) {
        if (other.pendingError && !isAncestor(other.name, name)) close(other, context.catches.has(other.name) ? 'caught' : 'failed', event.timestamp);
      }
      const occurrence: OpenOccurrence = {
        name,
        type: type.replace(/StateEntered$/, ''),
        status: 'running',
        enteredEventId: event.id ?? 0,
        startedAt: (event.timestamp ?? new Date(0)).toISOString(),
        input: event.stateEnteredEventDetails?.input,
        retries: 0,
        retriedErrors: [],
        pendingError: false,
      };
      open.push(occurrence);
      if (!records.has(name)) records.set(name, { name, status: 'running', occurrences: [] });
      records.get(name)!.occurrences.push(occurrence);
    } else if (type.endsWith('StateExited')) {
      const name = event.stateExitedEventDetails?.name;
      // Iterations of an inline Map run side by side and their events interleave: an exit goes to an occurrence of
      // the state that holds no error, when there is one, so the failed iteration stays failed.
      const candidates = open.filter((candidate) => candidate.name === name).reverse();
      const occurrence = candidates.find((candidate) => !candidate.pendingError) ?? candidates[0];
      if (occurrence) {
        occurrence.output = event.stateExitedEventDetails?.output;
        close(occurrence, occurrence.pendingError ? 'caught' : occurrence.retries > 0 ? 'retried' : 'succeeded', event.timestamp);
      }
    } else if (type.endsWith('StateAborted')) {
      // AWS records a Task that fails uncaught inside a branch or iteration as TaskFailed then TaskStateAborted: the
      // state that holds the error failed; one without an error was cut short by a sibling.
      const occurrence = latestOpen(type.replace(/StateAborted$/, ''));
      if (occurrence) close(occurrence, occurrence.pendingError ? 'failed' : 'aborted', event.timestamp);
    } else if (type === 'MapRunStarted') {
      const occurrence = latestOpen('Map');
      if (occurrence) occurrence.mapRunArn = event.mapRunStartedEventDetails?.mapRunArn;
    } else if (type === 'TaskScheduled' || type === 'LambdaFunctionScheduled') {
      const occurrence = latestOpen('Task');
      if (occurrence?.pendingError) {
        // Scheduled again after an error: the Retry took it.
        occurrence.retries += 1;
        occurrence.retriedErrors.push({ error: occurrence.error, cause: occurrence.cause });
        occurrence.error = undefined;
        occurrence.cause = undefined;
        occurrence.pendingError = false;
      }
    } else if (isFailureEvent(type)) {
      const occurrence = latestOpen(ownerTypeOf(type)) ?? latestOpen();
      if (occurrence) {
        Object.assign(occurrence, detailsOf(event));
        occurrence.pendingError = true;
      }
    } else if (type.startsWith('Execution') && type !== 'ExecutionStarted') {
      const details = detailsOf(event);
      const outcome: StateStatus = type === 'ExecutionSucceeded' ? 'succeeded' : type === 'ExecutionAborted' ? 'aborted' : 'failed';
      for (const occurrence of [...open].reverse()) {
        // A Fail state ends the execution with its own error; a state cut short takes the execution's.
        if (outcome !== 'succeeded' && occurrence.error === undefined) Object.assign(occurrence, details);
        close(occurrence, outcome, event.timestamp);
      }
    }
  }
  for (const record of records.values()) {
    record.status = PRECEDENCE.find((status) => record.occurrences.some((occurrence) => occurrence.status === status)) ?? 'succeeded';
    for (const occurrence of record.occurrences) delete (occurrence as Partial<OpenOccurrence>).pendingError;
    for (const occurrence of record.occurrences) delete (occurrence as Partial<OpenOccurrence>).name;
  }
  return records;
}

export { StateStatuses, stateRecords };
export type { Occurrence, StateRecord, StateStatus };
