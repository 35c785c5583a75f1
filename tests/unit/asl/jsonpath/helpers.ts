/**
 * Shared by the JSONPath unit tests: a scope builder and an assertion on StatesError name and cause.
 */
import { StatesError } from '../../../../local/asl/errors';
import type { PathScope } from '../../../../local/asl/jsonpath';

/** A scope whose `$` is `input`; context and variables default to empty. */
const scopeOf = (input: unknown, extra: Partial<Omit<PathScope, 'input'>> = {}): PathScope => ({
  input,
  context: extra.context ?? {},
  variables: extra.variables ?? {},
  ...(extra.states === undefined ? {} : { states: extra.states }),
});

/** Runs `act`, expects it to throw a StatesError named `error`, and returns it so the test can look at the cause. */
const expectStatesError = (act: () => unknown, error: string): StatesError => {
  let thrown: unknown;
  try {
    act();
  } catch (caught) {
    thrown = caught;
  }
  expect(thrown).toBeInstanceOf(StatesError);
  const statesError = thrown as StatesError;
  expect(statesError.error).toBe(error);
  return statesError;
};

export { expectStatesError, scopeOf };
