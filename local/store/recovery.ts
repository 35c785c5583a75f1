/**
 * What becomes of work that was running when the previous process stopped.
 *
 * The engine does the same when it loads a RUNNING record; the store does it first, when it opens, so any engine
 * (or tool) reading the directory sees a consistent picture, and so the stop time can come from the history.
 *
 * The engine keeps a running execution's progress in memory (the current state, pending waits, open task
 * tokens), so nothing can resume it after a restart. AWS has no status for "the service went away", so the store
 * uses the one that means "stopped from outside before it finished": ABORTED, as StopExecution would leave it,
 * with error {@link INTERRUPTED_ERROR} and a cause that says so. The history gets the matching
 * `ExecutionAborted` event, so GetExecutionHistory ends as it does for any stopped execution. The stop time is
 * the last moment the execution was seen alive: its last history event (or its start).
 *
 * Map runs still RUNNING become ABORTED too, their running items and child executions counted as aborted.
 */
import type { HistoryEvent } from '@aws-sdk/client-sfn';
import { ENGINE_RESTARTED_ERROR } from '../asl/engine';
import type { ExecutionRecord, MapRunCounts, MapRunRecord } from '../asl/store';

/**
 * The `error` of an execution the restart interrupted: the engine's own name for it, so an execution reads the
 * same whether the store recovered it (a crash) or the engine closed it (a clean shutdown).
 */
const INTERRUPTED_ERROR = ENGINE_RESTARTED_ERROR;

const interruptedCause = (restartedAt: Date): string =>
  `The local engine process stopped while this execution was running; executions do not resume after a restart (detected at ${restartedAt.toISOString()})`;

/**
 * The record and the closing history event for an execution found RUNNING at start.
 *
 * @example
 * const { record, event } = abortInterruptedExecution(execution, history, new Date());
 */
const abortInterruptedExecution = (
  execution: ExecutionRecord,
  history: readonly HistoryEvent[],
  restartedAt: Date
): { record: ExecutionRecord; event: HistoryEvent } => {
  const last = history.at(-1);
  const stopDate = last?.timestamp ?? execution.startDate;
  const cause = interruptedCause(restartedAt);
  return {
    record: { ...execution, status: 'ABORTED', stopDate, error: INTERRUPTED_ERROR, cause },
    event: {
      id: (last?.id ?? 0) + 1,
      previousEventId: last?.id ?? 0,
      timestamp: stopDate,
      type: 'ExecutionAborted',
      executionAbortedEventDetails: { error: INTERRUPTED_ERROR, cause },
    },
  };
};

const abortRunning = (counts: MapRunCounts): MapRunCounts => ({
  ...counts,
  aborted: counts.aborted + counts.running,
  running: 0,
});

/** The record of a map run found RUNNING at start. */
const abortInterruptedMapRun = (mapRun: MapRunRecord, stopDate: Date): MapRunRecord => ({
  ...mapRun,
  status: 'ABORTED',
  stopDate,
  itemCounts: abortRunning(mapRun.itemCounts),
  executionCounts: abortRunning(mapRun.executionCounts),
});

export { abortInterruptedExecution, abortInterruptedMapRun, INTERRUPTED_ERROR };
