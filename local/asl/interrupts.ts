/**
 * Why a running state list was interrupted: the abort reasons the engine puts on its AbortSignals. They are not
 * ASL errors (no Retry or Catch sees them); they unwind the running states, each recording its `…Aborted` event.
 */

/** The ways a run is cut short. */
const InterruptKinds = {
  /** StopExecution (or a parent `.sync` task stopping its child). */
  stopped: 'stopped',
  /** The state machine's TimeoutSeconds ran out. */
  timedOut: 'timedOut',
  /** Another branch of the same Parallel, or another iteration of the same Map, failed. */
  siblingFailed: 'siblingFailed',
} as const;
type InterruptKind = (typeof InterruptKinds)[keyof typeof InterruptKinds];

/**
 * The reason of an aborted run.
 *
 * @example
 * controller.abort(new ExecutionInterruptedError('stopped', { error: 'Cancelled', cause: 'by operator' }));
 */
class ExecutionInterruptedError extends Error {
  public readonly kind: InterruptKind;
  public readonly error?: string;
  public readonly detail?: string;

  public constructor(kind: InterruptKind, options: { error?: string; cause?: string } = {}) {
    super(`Execution ${kind}${options.cause ? `: ${options.cause}` : ''}`);
    this.name = 'ExecutionInterruptedError';
    this.kind = kind;
    this.error = options.error;
    this.detail = options.cause;
  }
}

export { ExecutionInterruptedError, InterruptKinds };
export type { InterruptKind };
