/**
 * Succeed (spec: "Succeed State"): ends the state list (the execution, a branch or an iteration) successfully,
 * after InputPath/OutputPath (JSONPath) or Output (JSONata).
 */
import { effectiveInput, jsonPathEffectiveInput, jsonPathStateOutput, stateOutput } from '../io';
import type { StateRun } from '../runtime';
import type { SucceedState } from '../types';
import type { StateExecutor, StateOutcome } from './types';

const runJsonataSucceed = async (run: StateRun<SucceedState>): Promise<StateOutcome> => {
  const input = await effectiveInput(run, { parameters: false });
  const { output } = await stateOutput(run, input, { hasResult: false });
  return { output };
};

/** Runs a Succeed state: its outcome has no `next`, which ends the state list. */
const runSucceed: StateExecutor<SucceedState> = (run) => {
  if (run.language === 'JSONata') return runJsonataSucceed(run);
  const { output } = jsonPathStateOutput(run, jsonPathEffectiveInput(run, { parameters: false }), { hasResult: false });
  return { output };
};

export { runSucceed };
