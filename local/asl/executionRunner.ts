/**
 * Runs one execution from ExecutionStarted to its closing event, and reports how it ended:
 * ExecutionSucceeded (output), ExecutionFailed (error, cause), ExecutionAborted (StopExecution's error and cause),
 * or ExecutionTimedOut (States.Timeout, when the state machine's TimeoutSeconds runs out).
 */
import { ExecutionInterruptedError, toStatesError } from './errors';
import { toEventJson } from './history';
import type { ExecutionRuntime } from './runtime';
import type { ExecutionStatus } from './store';
import { VariableScope } from './variables';

/** How an execution ended. */
type ExecutionEnd = {
  status: Exclude<ExecutionStatus, 'RUNNING'>;
  output?: string;
  error?: string;
  cause?: string;
};

/** The optional members of the closing event's details: an empty Error or Cause is left out, as AWS does. */
const errorDetails = (error: string | undefined, cause: string | undefined): { error?: string; cause?: string } => ({
  ...(error ? { error } : {}),
  ...(cause ? { cause } : {}),
});

/**
 * Runs the execution's definition with the execution input; `controller` is the execution's own (StopExecution
 * aborts it with an {@link ExecutionInterruptedError}).
 *
 * @example
 * const end = await runExecution(runtime, controller);
 * if (end.status === 'FAILED') console.log(end.error, end.cause);
 */
const runExecution = async (execution: ExecutionRuntime, controller: AbortController): Promise<ExecutionEnd> => {
  const root = execution.history.thread();
  root.add('ExecutionStarted', {
    input: toEventJson(execution.input),
    inputDetails: { truncated: false },
    roleArn: execution.roleArn,
  });
  // The first state is caused by the start request, as ExecutionStarted is: its previousEventId is 0.
  root.linkTo(0);
  const timeoutSeconds = execution.definition.TimeoutSeconds;
  const timer = new AbortController();
  if (typeof timeoutSeconds === 'number' && timeoutSeconds > 0) {
    execution.engine.timers.deadlineSeconds(timeoutSeconds, timer.signal).then(
      () => controller.abort(new ExecutionInterruptedError('timedOut', { error: 'States.Timeout', cause: `The execution did not finish within ${timeoutSeconds} seconds` })),
      () => undefined,
    );
  }
  try {
    const output = await execution.runStates(execution.definition, execution.input, {
      execution,
      variables: VariableScope.root(),
      thread: root,
      signal: controller.signal,
    });
    const json = toEventJson(output);
    root.add('ExecutionSucceeded', { output: json, outputDetails: { truncated: false } });
    return { status: 'SUCCEEDED', output: json };
  } catch (thrown) {
    if (controller.signal.aborted) {
      const reason = controller.signal.reason;
      const interrupt = reason instanceof ExecutionInterruptedError ? reason : new ExecutionInterruptedError('stopped');
      // Caused by a request (StopExecution) or a timer, not by an event: previousEventId 0, as AWS records a stop.
      if (interrupt.kind === 'timedOut') {
        root.addCausedBy('ExecutionTimedOut', 0, errorDetails(interrupt.error, interrupt.detail));
        return { status: 'TIMED_OUT', error: interrupt.error, cause: interrupt.detail };
      }
      root.addCausedBy('ExecutionAborted', 0, errorDetails(interrupt.error, interrupt.detail));
      return { status: 'ABORTED', error: interrupt.error, cause: interrupt.detail };
    }
    const error = toStatesError(thrown);
    root.add('ExecutionFailed', errorDetails(error.error, error.cause));
    return { status: 'FAILED', error: error.error || undefined, cause: error.cause || undefined };
  } finally {
    timer.abort();
  }
};

export { runExecution };
export type { ExecutionEnd };
