/**
 * Succeed (spec: "Succeed State"): ends the state list (the execution, a branch or an iteration) successfully,
 * after InputPath/OutputPath (JSONPath) or Output (JSONata).
 */
import { effectiveInput, stateOutput } from '../io';
import type { SucceedState } from '../types';
import type { StateExecutor } from './types';

/** Runs a Succeed state: its outcome has no `next`, which ends the state list. */
const runSucceed: StateExecutor<SucceedState> = async (run) => {
  const input = await effectiveInput(run, { parameters: false });
  const { output } = await stateOutput(run, input, { hasResult: false });
  return { output };
};

export { runSucceed };
