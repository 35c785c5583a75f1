/**
 * Parallel (spec: "Parallel State"): runs every branch on the effective input (shared: no state changes it), each in its own variable
 * scope and history thread; the result is the array of branch outputs in branch order. When a branch fails, the
 * other branches are stopped (their running states record `…Aborted`) and the state fails with the branch's error
 * as a {@link BranchFailedError}: a Catch may name that error or `States.BranchFailed`.
 *
 * Events: ParallelStateStarted, the branches' events, ParallelStateSucceeded | ParallelStateFailed.
 */
import { BranchFailedError, ExecutionInterruptedError, toStatesError } from '../errors';
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
  const settled = await Promise.allSettled(
    run.state.Branches.map(async (branch, index) => {
      const variables = frame.variables.child();
      try {
        return await execution.runStates(branch, input, { execution, variables, thread: threads[index], signal });
      } catch (error) {
        if (failure === undefined && !signal.aborted) {
          failure = error;
          group.abort(new ExecutionInterruptedError('siblingFailed'));
        }
        throw error;
      } finally {
        variables.release();
      }
    }),
  );
  frame.thread.join(threads);
  if (frame.signal.aborted) throw frame.signal.reason;
  if (failure !== undefined) {
    frame.thread.add('ParallelStateFailed');
    throw new BranchFailedError(toStatesError(failure));
  }
  frame.thread.add('ParallelStateSucceeded');
  const results = settled.map((outcome) => (outcome.status === 'fulfilled' ? outcome.value : null));
  const { output, assigned } = await stateOutput(run, results, { hasResult: true });
  return { output, assigned, next: run.state.Next };
};

export { runParallel };
