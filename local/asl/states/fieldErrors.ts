/**
 * Errors for field values that are the wrong kind of value at run time (a MaxConcurrencyPath that points at an
 * object, a SecondsPath that points at a negative number, JSONata Items that are not an array). JSONata states
 * report them as States.QueryEvaluationError, JSONPath states as States.Runtime, as Step Functions does; the
 * interpreter prefixes the cause with the state and its entered event, as AWS does.
 *
 * Where Step Functions' own wording is known (executions recorded on AWS; the developer guide gives none of these
 * texts) the cause is AWS's, value included: the same text the cloud writes into the execution's history. The few
 * causes marked "(ours)" have no AWS counterpart we could find and say the same in our words.
 */
import { StatesError, StatesErrorNames } from '../errors';
import { describeType } from '../jsonpath/errors';
import { jsonText } from '../jsonText';
import type { StateRun } from '../runtime';

/** A value as AWS quotes it in a path cause: a string as it is, anything else as its JSON text. */
const valueText = (value: unknown): string => (typeof value === 'string' ? value : jsonText(value));

/** The JSON type name AWS uses in causes: `array`, `object`, `string`, `number`, `boolean`, `null`. */
const jsonTypeName = (value: unknown): string => {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
};

const fieldError = (run: StateRun, cause: string): StatesError =>
  new StatesError(run.language === 'JSONata' ? StatesErrorNames.QueryEvaluationError : StatesErrorNames.Runtime, cause);

/**
 * The error for a field whose value is unusable (ours: the wording of checks AWS's recorded causes do not cover).
 *
 * @example
 * throw invalidFieldValue(run, 'TimeoutSeconds', 'must be a positive integer', value);
 */
const invalidFieldValue = (run: StateRun, field: string, problem: string, value: unknown): StatesError =>
  fieldError(run, `The value of the field '${field}' in state '${run.name}' ${problem}, but it is ${describeType(value)}`);

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

/** Java's `Integer.parseInt` of a value's text: an optional sign and decimal digits, within 32 bits. */
const INTEGER_TEXT = /^[+-]?\d+$/;
const INT_RANGE = { min: -(2 ** 31), max: 2 ** 31 - 1 } as const;

/**
 * A `…Path` field of a Map (MaxConcurrencyPath, ToleratedFailureCountPath, ItemReader MaxItemsPath, ItemBatcher
 * paths) read as an integer the way Step Functions reads it: from the value's text, so the number 1 and the string
 * "1" both give 1, and `{}`, "NoNumber" or 1.5 fail with AWS's cause
 * `The MaxConcurrencyPath field refers to value "NoNumber" which is not a valid integer: $.MaxConcurrencyValue`.
 *
 * @example
 * integerFromPath(run, 'MaxConcurrencyPath', '$.limit', '3'); // 3
 */
const integerFromPath = (run: StateRun, field: string, path: string, value: unknown): number => {
  const text = valueText(value);
  const parsed = INTEGER_TEXT.test(text) ? Number(text) : Number.NaN;
  if (!Number.isInteger(parsed) || parsed < INT_RANGE.min || parsed > INT_RANGE.max) {
    throw fieldError(run, `The ${field} field refers to value "${text}" which is not a valid integer: ${path}`);
  }
  return parsed;
};

/**
 * A `…Path` field read as a float from the value's text (ToleratedFailurePercentagePath), with AWS's cause
 * `The ToleratedFailurePercentagePath field refers to value "{}" which is not a valid float: $.pct`.
 */
const floatFromPath = (run: StateRun, field: string, path: string, value: unknown): number => {
  const text = valueText(value);
  // Java's Float.parseFloat of the text: a number, or a string holding one ("1.5", " 2 "); `{}`, true, null are not.
  const parsed = typeof value === 'number' ? value : typeof value === 'string' && text.trim() !== '' ? Number(text) : Number.NaN;
  if (!Number.isFinite(parsed)) {
    throw fieldError(run, `The ${field} field refers to value "${text}" which is not a valid float: ${path}`);
  }
  return parsed;
};

/**
 * The error for a Map's items that are not an array, in AWS's words: JSONata Items
 * (`The JSONata expression '$x' specified for the field 'Items' returned an unexpected result type. Expected 'array',
 * but was 'number' for value: 1`), a JSONata Map's input when it has no Items (`Map state input must be an array but
 * was: 1`), a JSONPath ItemsPath (`Reference path "$.items" must point to array.`).
 */
const itemsNotAnArray = (run: StateRun, items: unknown, source: { expression: string } | { path: string } | 'input'): StatesError => {
  if (source === 'input') return fieldError(run, `Map state input must be an array but was: ${jsonText(items)}`);
  if ('expression' in source) {
    return fieldError(
      run,
      `The JSONata expression '${source.expression}' specified for the field 'Items' returned an unexpected result type. Expected 'array', but was '${jsonTypeName(items)}' for value: ${jsonText(items)}`,
    );
  }
  // AWS names a context path by its path inside the context object: `$$.Execution.Input` as "$.Execution.Input".
  const shown = source.path.startsWith('$$') ? `$${source.path.slice(2)}` : source.path;
  return fieldError(run, `Reference path "${shown}" must point to array.`);
};

export { floatFromPath, integerFromPath, invalidFieldValue, itemsNotAnArray, numberBetween, positiveInteger, valueText };
