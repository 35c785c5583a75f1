/**
 * Fail (spec: "Fail State"): stops the state list with an error. Error and Cause are literals, JSONata
 * expressions (JSONata states) or, through ErrorPath and CausePath, a path or an intrinsic function on the state
 * input (JSONPath states).
 */
import { StatesError } from '../errors';
import { fieldValue } from '../io';
import type { FailState } from '../types';
import { invalidFieldValue } from './fieldErrors';
import type { StateExecutor } from './types';

const stringField = async (
  run: Parameters<StateExecutor<FailState>>[0],
  field: 'Error' | 'Cause',
  path: string | undefined,
): Promise<string> => {
  const value = await fieldValue(run, { field, value: run.state[field], path, pathInput: run.input });
  if (value === undefined) return '';
  if (typeof value !== 'string') throw invalidFieldValue(run, path === undefined ? field : `${field}Path`, 'must be a string', value);
  return value;
};

/** Runs a Fail state: always throws the StatesError it names. */
const runFail: StateExecutor<FailState> = async (run) => {
  const error = await stringField(run, 'Error', run.state.ErrorPath);
  const cause = await stringField(run, 'Cause', run.state.CausePath);
  throw new StatesError(error, cause);
};

export { runFail };
