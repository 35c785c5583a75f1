/**
 * The parts of a Map state shared by inline and distributed mode: where the items come from (ItemsPath / Items)
 * and how many run at once (MaxConcurrency / MaxConcurrencyPath).
 */
import { ContainerFailedError, StatesError, StatesErrorNames, toStatesError } from './errors';
import { fieldValue, pathScope, templateValue } from './io';
import { expressionText, isJsonataExpression } from './jsonata/evaluate';
import { readPath } from './jsonpath';
import type { StateRun } from './runtime';
import type { MapState } from './types';
import { integerFromPath, itemsNotAnArray, positiveInteger } from './states/fieldErrors';

/**
 * The items of a Map whose items are in its input: JSONPath ItemsPath (default `$`) on the effective input, or
 * JSONata Items: an expression, or an array whose elements may be expressions (`[1, "{% $two %}", 3]`), evaluated
 * as a template is; without Items, the state input. They must form an array.
 *
 * @example
 * const items = await itemsOf(run, effectiveInput); // [ ... ]
 */
const itemsOf = async (run: StateRun<MapState>, input: unknown): Promise<unknown[]> => {
  const { state } = run;
  if (run.language === 'JSONata') {
    if (state.Items === undefined) {
      if (!Array.isArray(run.input)) throw itemsNotAnArray(run, run.input, 'input');
      return run.input;
    }
    const items = await templateValue(run, { field: 'Items', template: state.Items, pathInput: input });
    if (!Array.isArray(items)) {
      throw itemsNotAnArray(run, items, isJsonataExpression(state.Items) ? { expression: expressionText(state.Items) } : 'input');
    }
    return items;
  }
  const path = state.ItemsPath ?? '$';
  const items = state.ItemsPath === undefined ? input : readPath(path, pathScope(run, input), 'ItemsPath');
  if (!Array.isArray(items)) throw itemsNotAnArray(run, items, { path });
  return items;
};

/**
 * {@link itemsOf}, where items that are not an array fail the Map with MapStateFailed, as on AWS (a JSONata
 * expression's failure records EvaluationFailed first).
 */
const itemsOrFail = async (run: StateRun<MapState>, input: unknown): Promise<unknown[]> => {
  try {
    return await itemsOf(run, input);
  } catch (error) {
    throw new ContainerFailedError(toStatesError(error), 'MapStateFailed');
  }
};

/**
 * MaxConcurrency: a literal, a JSONata expression, or MaxConcurrencyPath on the effective input (read from the
 * value's text, as Step Functions reads it: "2" is 2); 0 or absent means no limit of the Map's own.
 */
const concurrencyOf = async (run: StateRun<MapState>, input: unknown): Promise<number> => {
  const { state } = run;
  if (state.MaxConcurrencyPath !== undefined) {
    const value = await fieldValue(run, { field: 'MaxConcurrency', path: state.MaxConcurrencyPath, value: undefined, pathInput: input });
    const concurrency = integerFromPath(run, 'MaxConcurrencyPath', state.MaxConcurrencyPath, value);
    // Ours: AWS's cause for a negative MaxConcurrencyPath value is not known; worded as its ToleratedFailureCount one.
    if (concurrency < 0) throw new StatesError(StatesErrorNames.Runtime, 'MaxConcurrency cannot be negative.');
    return concurrency;
  }
  if (state.MaxConcurrency === undefined) return 0;
  const value = await fieldValue(run, { field: 'MaxConcurrency', value: state.MaxConcurrency, pathInput: input });
  return positiveInteger(run, 'MaxConcurrency', value, { allowZero: true });
};

export { concurrencyOf, itemsOf, itemsOrFail };
