/**
 * Pass (spec: "Pass State"): hands its input on, or its `Result`, through the usual I/O processing; in JSONata,
 * its Output (default: the input).
 */
import { effectiveInput, stateOutput } from '../io';
import type { PassState } from '../types';
import type { StateExecutor } from './types';

/**
 * Runs a Pass state.
 *
 * @example
 * const { output, next } = await runPass(run);
 */
const runPass: StateExecutor<PassState> = async (run) => {
  const input = await effectiveInput(run, { parameters: true });
  const hasResult = run.language === 'JSONPath' && run.state.Result !== undefined;
  const { output, assigned } = await stateOutput(run, hasResult ? run.state.Result : input, { hasResult: false });
  return { output, assigned, next: run.state.Next };
};

export { runPass };
