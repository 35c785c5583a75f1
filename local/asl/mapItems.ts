/**
 * The parts of a Map state shared by inline and distributed mode: where the items come from (ItemsPath / Items)
 * and how many run at once (MaxConcurrency / MaxConcurrencyPath).
 */
import { StatesError, StatesErrorNames } from './errors';
import { describeType } from './jsonpath/errors';
import { fieldValue, pathScope } from './io';
import { readPath } from './jsonpath';
import type { StateRun } from './runtime';
import type { MapState } from './types';
import { positiveInteger } from './states/fieldErrors';

/**
 * The items of a Map whose items are in its input: JSONPath ItemsPath (default `$`) on the effective input, or
 * JSONata / literal Items. They must form an array.
 *
 * @example
 * const items = await itemsOf(run, effectiveInput); // [ ... ]
 */
const itemsOf = async (run: StateRun<MapState>, input: unknown): Promise<unknown[]> => {
  const { state } = run;
  let items: unknown;
  let field: string;
  if (run.language === 'JSONata') {
    field = 'Items';
    items = state.Items === undefined ? run.input : await fieldValue(run, { field, value: state.Items, pathInput: input });
  } else {
    field = 'ItemsPath';
    items = state.ItemsPath === undefined ? input : readPath(state.ItemsPath, pathScope(run, input), field);
  }
  if (!Array.isArray(items)) {
    const name = run.language === 'JSONata' ? StatesErrorNames.QueryEvaluationError : StatesErrorNames.Runtime;
    throw new StatesError(name, `The field '${field}' of Map state '${run.name}' must give an array, but it is ${describeType(items)}`);
  }
  return items;
};

/** MaxConcurrency (literal, JSONata, or MaxConcurrencyPath on the effective input); 0 means no limit. */
const concurrencyOf = async (run: StateRun<MapState>, input: unknown): Promise<number> => {
  const { state } = run;
  if (state.MaxConcurrency === undefined && state.MaxConcurrencyPath === undefined) return 0;
  const value = await fieldValue(run, { field: 'MaxConcurrency', value: state.MaxConcurrency, path: state.MaxConcurrencyPath, pathInput: input });
  return positiveInteger(run, state.MaxConcurrencyPath === undefined ? 'MaxConcurrency' : 'MaxConcurrencyPath', value, { allowZero: true });
};

export { concurrencyOf, itemsOf };
