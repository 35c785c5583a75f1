/**
 * Why a running state list was interrupted: the abort reasons the engine puts on its AbortSignals. They are not
 * ASL errors (no Retry or Catch sees them); they unwind the running states, each recording its `…Aborted` event.
 */

import { setMaxListeners } from 'node:events';

/**
 * A signal shared by many concurrent listeners: the iterations of a Map or the branches of a Parallel each listen
 * to it while their tasks and waits run, so Node's leak warning (more than 10 listeners) does not apply.
 *
 * @example
 * const signal = sharedSignal(AbortSignal.any([frame.signal, group.signal]));
 */
const sharedSignal = (signal: AbortSignal): AbortSignal => {
  setMaxListeners(0, signal);
  return signal;
};

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

export { ExecutionInterruptedError, InterruptKinds, sharedSignal };
export type { InterruptKind };
