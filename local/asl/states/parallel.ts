/**
 * Parallel (spec: "Parallel State"): runs every branch on the effective input (shared: no state changes it), each in its own variable
 * scope and history thread; the result is the array of branch outputs in branch order. When a branch fails, the
 * other branches are stopped (their running states record `…Aborted`) and the state fails with the branch's error
 * as a {@link BranchFailedError}: a Catch may name that error or `States.BranchFailed`.
 *
 * Events, as Step Functions records them: ParallelStateStarted; each branch's events, its first linked to
 * ParallelStateStarted; then ParallelStateSucceeded, or, when a branch fails, the failed branch's open Task's
 * TaskStateAborted and the other branches' `…Aborted` events, all linked to the event that failed, and
 * ParallelStateFailed (recorded by the interpreter, and only when no retrier takes the error: a retried attempt
 * goes straight on to its next ParallelStateStarted).
 */
import { BranchFailedError, ContainerFailedError, ExecutionInterruptedError, toStatesError } from '../errors';
import { sharedSignal } from '../signals';
import { effectiveInput, stateOutput } from '../io';
import type { ParallelState } from '../types';
import type { StateExecutor } from './types';

/** Runs a Parallel state: every branch, then the array of their outputs. */
const runParallel: StateExecutor<ParallelState> = async (run) => {
  const { frame } = run;
  const execution = frame.execution;
  const input = await effectiveInput(run, { parameters: true });
  frame.thread.add('ParallelStateStarted');
  const group = new AbortController();
  const signal = sharedSignal(AbortSignal.any([frame.signal, group.signal]));
  const threads = run.state.Branches.map(() => frame.thread.fork());
  let failure: unknown;
  let failedEventId = 0;
  const settled = await Promise.allSettled(
    run.state.Branches.map(async (branch, index) => {
      const variables = frame.variables.child();
      try {
        return await execution.runStates(branch, input, { execution, variables, thread: threads[index], signal });
      } catch (error) {
        if (failure === undefined && !signal.aborted) {
          failure = error;
          failedEventId = threads[index].closeAfterFailure();
          group.abort(new ExecutionInterruptedError('siblingFailed', { causeEventId: failedEventId }));
        }
        throw error;
      } finally {
        variables.release();
      }
    }),
  );
  if (frame.signal.aborted) throw frame.signal.reason;
  if (failure !== undefined) {
    frame.thread.linkTo(failedEventId);
    throw new ContainerFailedError(new BranchFailedError(toStatesError(failure)), 'ParallelStateFailed');
  }
  // ParallelStateSucceeded and ParallelStateExited both follow the event that ended the last branch (as a Map's do).
  frame.thread.join(threads);
  const lastBranchEvent = frame.thread.lastId;
  frame.thread.add('ParallelStateSucceeded');
  frame.thread.linkTo(lastBranchEvent);
  const results = settled.map((outcome) => (outcome.status === 'fulfilled' ? outcome.value : null));
  const { output, assigned } = await stateOutput(run, results, { hasResult: true });
  return { output, assigned, next: run.state.Next };
};

export { runParallel };
