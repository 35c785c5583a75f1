/**
 * Errors for field values that are the wrong kind of value at run time (a TimeoutSecondsPath that points at a
 * string, a JSONata Seconds that yields a negative number). JSONata states report them as
 * States.QueryEvaluationError, JSONPath states as States.Runtime, as Step Functions does.
 */
import { StatesError, StatesErrorNames } from '../errors';
import { describeType } from '../jsonpath/errors';
import type { StateRun } from '../runtime';

/**
 * The error for a field whose value is unusable.
 *
 * @example
 * throw invalidFieldValue(run, 'TimeoutSeconds', 'must be a positive integer', value);
 */
const invalidFieldValue = (run: StateRun, field: string, problem: string, value: unknown): StatesError =>
  new StatesError(
    run.language === 'JSONata' ? StatesErrorNames.QueryEvaluationError : StatesErrorNames.Runtime,
    `The value of the field '${field}' in state '${run.name}' ${problem}, but it is ${describeType(value)}`,
  );

/** The value as a positive integer, or the error for it. */
const positiveInteger = (run: StateRun, field: string, value: unknown, options: { allowZero?: boolean; max?: number } = {}): number => {
  const min = options.allowZero ? 0 : 1;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || (options.max !== undefined && value > options.max)) {
    const range = options.max === undefined ? `>= ${min}` : `between ${min} and ${options.max}`;
    throw invalidFieldValue(run, field, `must be an integer ${range}`, value);
  }
  return value;
};

/** The value as a number between `min` and `max`, or the error for it. */
const numberBetween = (run: StateRun, field: string, value: unknown, min: number, max: number): number => {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw invalidFieldValue(run, field, `must be a number between ${min} and ${max}`, value);
  }
  return value;
};

export { invalidFieldValue, numberBetween, positiveInteger };
