/**
 * Choice (spec: "Choice State"): the first rule that matches gives the next state; else Default; else
 * States.NoChoiceMatched. JSONata rules are a `Condition` that must yield a boolean; JSONPath rules are comparison
 * operators and And/Or/Not, evaluated by the jsonpath module. A matched rule's own Assign and Output (AWS) replace
 * the state's; when Default is taken, the state's own Assign and Output apply.
 */
import { StatesError, StatesErrorNames } from '../errors';
import { effectiveInput, jsonPathEffectiveInput, jsonPathStateOutput, jsonataScope, pathScope, stateOutput } from '../io';
import { evaluateExpression, isJsonataExpression } from '../jsonata/evaluate';
import { queryEvaluationError } from '../jsonata/errors';
import { evaluateChoiceRule } from '../jsonpath';
import type { StateRun } from '../runtime';
import type { ChoiceRule, ChoiceState } from '../types';
import type { StateExecutor, StateOutcome } from './types';

const matchesJsonata = async (run: StateRun<ChoiceState>, rule: ChoiceRule, index: number): Promise<boolean> => {
  const field = `Choices[${index}].Condition`;
  if (typeof rule.Condition === 'boolean') return rule.Condition;
  if (!isJsonataExpression(rule.Condition)) {
    throw new StatesError(StatesErrorNames.QueryEvaluationError, `The field '${field}' of state '${run.name}' must be a JSONata expression or a boolean`);
  }
  const value = await evaluateExpression(rule.Condition, field, jsonataScope(run));
  if (typeof value !== 'boolean') throw queryEvaluationError(field, rule.Condition.slice(2, -2).trim(), 'did not return a boolean');
  return value;
};

/** Runs a Choice state: its outcome's `next` is the matched rule's Next or the Default. */
const noChoiceMatched = (run: StateRun<ChoiceState>): StatesError =>
  new StatesError(StatesErrorNames.NoChoiceMatched, `No Choice rule matched in state '${run.name}' and it has no Default`);

const runJsonataChoice = async (run: StateRun<ChoiceState>): Promise<StateOutcome> => {
  const input = await effectiveInput(run, { parameters: false });
  for (const [index, rule] of run.state.Choices.entries()) {
    if (await matchesJsonata(run, rule, index)) {
      const result = await stateOutput(run, input, { hasResult: false, assign: rule.Assign, output: rule.Output });
      return { ...result, next: rule.Next };
    }
  }
  if (run.state.Default === undefined) throw noChoiceMatched(run);
  const result = await stateOutput(run, input, { hasResult: false });
  return { ...result, next: run.state.Default };
};

const runChoice: StateExecutor<ChoiceState> = (run) => {
  if (run.language === 'JSONata') return runJsonataChoice(run);
  const input = jsonPathEffectiveInput(run, { parameters: false });
  const scope = pathScope(run, input);
  for (const rule of run.state.Choices) {
    if (evaluateChoiceRule(rule as Record<string, unknown>, scope)) {
      return { ...jsonPathStateOutput(run, input, { hasResult: false, assign: rule.Assign }), next: rule.Next };
    }
  }
  if (run.state.Default === undefined) throw noChoiceMatched(run);
  return { ...jsonPathStateOutput(run, input, { hasResult: false }), next: run.state.Default };
};

export { runChoice };
