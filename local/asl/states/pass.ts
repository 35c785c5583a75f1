/**
 * Pass (spec: "Pass State"): hands its input on, or its `Result`, through the usual I/O processing; in JSONata,
 * its Output (default: the input).
 */
import { jsonPathEffectiveInput, jsonPathStateOutput, stateOutput } from '../io';
import type { StateRun } from '../runtime';
import type { PassState } from '../types';
import type { StateExecutor, StateOutcome } from './types';

/** A JSONata Pass has no Arguments: its Output and Assign read `$states.input`. */
const runJsonataPass = async (run: StateRun<PassState>): Promise<StateOutcome> => {
  const { output, assigned } = await stateOutput(run, run.input, { hasResult: false });
  return { output, assigned, next: run.state.Next };
};

/**
 * Runs a Pass state (a JSONPath one synchronously).
 *
 * @example
 * const { output, next } = await runPass(run);
 */
const runPass: StateExecutor<PassState> = (run) => {
  if (run.language === 'JSONata') return runJsonataPass(run);
  const input = jsonPathEffectiveInput(run, { parameters: true });
  const { output, assigned } = jsonPathStateOutput(run, run.state.Result !== undefined ? run.state.Result : input, { hasResult: false });
  return { output, assigned, next: run.state.Next };
};

export { runPass };
