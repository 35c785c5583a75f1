/**
 * Errors raised while a state machine runs, named as Amazon States Language names them.
 *
 * `Retry` and `Catch` match `ErrorEquals` against {@link StatesError.error} (the same string as `name`), never
 * against message text. A handler's own error (for example `CustomerNotEntitledError`) travels as a StatesError
 * whose `error` is that handler error's `name`.
 */

/** Error names defined by the States Language spec and the AWS Step Functions documentation. */
const StatesErrorNames = {
  ALL: 'States.ALL',
  HeartbeatTimeout: 'States.HeartbeatTimeout',
  Timeout: 'States.Timeout',
  TaskFailed: 'States.TaskFailed',
  Permissions: 'States.Permissions',
  ResultPathMatchFailure: 'States.ResultPathMatchFailure',
  ParameterPathFailure: 'States.ParameterPathFailure',
  QueryEvaluationError: 'States.QueryEvaluationError',
  BranchFailed: 'States.BranchFailed',
  NoChoiceMatched: 'States.NoChoiceMatched',
  IntrinsicFailure: 'States.IntrinsicFailure',
  ExceedToleratedFailureThreshold: 'States.ExceedToleratedFailureThreshold',
  ItemReaderFailed: 'States.ItemReaderFailed',
  ResultWriterFailed: 'States.ResultWriterFailed',
  Runtime: 'States.Runtime',
  DataLimitExceeded: 'States.DataLimitExceeded',
} as const;

type StatesErrorName = (typeof StatesErrorNames)[keyof typeof StatesErrorNames];

/**
 * An error in the States Language sense: an error name (`Error`) and a human-readable cause (`Cause`).
 *
 * @example
 * throw new StatesError(StatesErrorNames.NoChoiceMatched, 'No Choice rule matched and there is no Default');
 */
class StatesError extends Error {
  /** The ASL error name that `ErrorEquals` matches, for example `States.Timeout` or `DynamoDB.ConditionalCheckFailedException`. */
  public readonly error: string;
  /** The ASL `Cause` text. Shadows `Error.cause`: in ASL a cause is always a string. */
  public override readonly cause: string;

  public constructor(error: string, cause = '', options?: { origin?: unknown }) {
    super(cause || error);
    this.name = error;
    this.error = error;
    this.cause = cause;
    if (options?.origin !== undefined) Object.defineProperty(this, 'origin', { value: options.origin, enumerable: false });
  }

  /** The `{Error, Cause}` pair a Catch hands to its next state. */
  public toErrorOutput(): { Error: string; Cause: string } {
    return { Error: this.error, Cause: this.cause };
  }
}

/**
 * Turns anything thrown into a StatesError: a StatesError passes through; any other error becomes `fallback` with
 * its message as cause (an engine bug must still surface as a named ASL error, never crash the execution).
 */
const toStatesError = (thrown: unknown, fallback: string = StatesErrorNames.Runtime): StatesError => {
  if (thrown instanceof StatesError) return thrown;
  const message = thrown instanceof Error ? thrown.message : String(thrown);
  return new StatesError(fallback, message, { origin: thrown });
};


/**
 * An error that came out of a Parallel branch. It keeps the branch's `Error` and `Cause` (a Catch on the Parallel
 * state matches the branch's own error name, as in Step Functions), and is also matched by `States.BranchFailed`
 * ("A branch of a Parallel state failed").
 *
 * @example
 * throw new BranchFailedError(toStatesError(branchError));
 */
class BranchFailedError extends StatesError {
  public constructor(branchError: StatesError) {
    super(branchError.error, branchError.cause, { origin: branchError });
  }
}

/**
 * The failure of a Parallel or Map attempt, with the event that closes the state if no retrier takes it
 * (`ParallelStateFailed`, `MapStateFailed`). Step Functions records that event only for the attempt that ends the
 * state: a retried attempt records none, and the next attempt's `…StateStarted` follows the event that failed. The
 * interpreter unwraps it: Retry and Catch see {@link failure}.
 *
 * @example
 * throw new ContainerFailedError(toStatesError(iterationError), 'MapStateFailed');
 */
class ContainerFailedError extends Error {
  public readonly failure: StatesError;
  public readonly closingEvent: 'ParallelStateFailed' | 'MapStateFailed';

  public constructor(failure: StatesError, closingEvent: 'ParallelStateFailed' | 'MapStateFailed') {
    super(failure.message);
    this.name = 'ContainerFailedError';
    this.failure = failure;
    this.closingEvent = closingEvent;
  }
}

/** The ways a run is cut short (the abort reasons on the engine's AbortSignals). */
const InterruptKinds = {
  /** StopExecution (or a parent `.sync` task stopping its child, or a map run stopping its children). */
  stopped: 'stopped',
  /** The state machine's TimeoutSeconds ran out. */
  timedOut: 'timedOut',
  /** Another branch of the same Parallel, or another iteration of the same Map, failed. */
  siblingFailed: 'siblingFailed',
} as const;
type InterruptKind = (typeof InterruptKinds)[keyof typeof InterruptKinds];

/**
 * The reason of an aborted run. Not an ASL error (no Retry or Catch sees it): it unwinds the running states, each
 * recording its `…Aborted` event, and the execution ends ABORTED or TIMED_OUT.
 *
 * @example
 * controller.abort(new ExecutionInterruptedError('stopped', { error: 'Cancelled', cause: 'by operator' }));
 */
class ExecutionInterruptedError extends Error {
  public readonly kind: InterruptKind;
  /** StopExecution's `error`, or States.Timeout. */
  public readonly error?: string;
  /** StopExecution's `cause`, or the timeout's. */
  public readonly detail?: string;
  /** For `siblingFailed`: the event that failed, which the `…Aborted` events of the stopped siblings link to. */
  public readonly causeEventId?: number;

  public constructor(kind: InterruptKind, options: { error?: string; cause?: string; causeEventId?: number } = {}) {
    super(`Execution ${kind}${options.cause ? `: ${options.cause}` : ''}`);
    this.name = 'ExecutionInterruptedError';
    this.kind = kind;
    this.error = options.error;
    this.detail = options.cause;
    this.causeEventId = options.causeEventId;
  }
}

/** Thrown by an aborted sleep when its signal carries no reason of its own. */
class SleepAbortedError extends Error {
  public constructor() {
    super('The wait was aborted');
    this.name = 'SleepAbortedError';
  }
}

export { BranchFailedError, ContainerFailedError, ExecutionInterruptedError, InterruptKinds, SleepAbortedError, StatesError, StatesErrorNames, toStatesError };
export type { InterruptKind, StatesErrorName };
