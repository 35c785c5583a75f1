/**
 * Failures of path, payload-template, intrinsic and Choice evaluation, as the States Language names them.
 *
 * The ASL engine reports errors as {@link StatesError} (local/asl/errors.ts) so that Retry and Catch can match them
 * by name; these helpers only build them with consistent causes. Causes name the path, field and function involved;
 * they quote the data being processed only where Step Functions' own cause does (an unmatched template path quotes
 * the input it searched, see readPath.ts), since a state's input may hold customer data and a cause ends up in
 * execution history.
 */
import { StatesError, StatesErrorNames } from '../errors';

/**
 * A path or definition problem found while a state runs (`States.Runtime`): not retriable in AWS, catchable.
 *
 * @example
 * throw runtimeError(`The JSONPath '$.a' specified for the field 'x.$' could not be found in the input`);
 */
const runtimeError = (cause: string): StatesError => new StatesError(StatesErrorNames.Runtime, cause);

/**
 * An intrinsic function that failed (`States.IntrinsicFailure`); the cause starts with the function name.
 *
 * @example
 * throw intrinsicFailure('States.ArrayRange', 'the third argument (step) must not be 0');
 */
const intrinsicFailure = (fn: string, problem: string): StatesError =>
  new StatesError(StatesErrorNames.IntrinsicFailure, `Invalid arguments in ${fn}: ${problem}`);

/**
 * A ResultPath that cannot be applied to the state input (`States.ResultPathMatchFailure`).
 *
 * @example
 * throw resultPathMatchFailure(`Unable to apply ResultPath '$.x' to input: the input is a string, not an object`);
 */
const resultPathMatchFailure = (cause: string): StatesError =>
  new StatesError(StatesErrorNames.ResultPathMatchFailure, cause);

/**
 * A syntax problem inside a path or an intrinsic function call, at a position of the text. Used only inside the
 * parsers, which turn it into a `States.Runtime` StatesError naming the text and the field it came from.
 */
class JsonPathSyntaxError extends Error {
  public readonly position: number;
  public readonly problem: string;

  public constructor(position: number, problem: string, options?: { cause?: unknown }) {
    super(`${problem} (at position ${position})`, options);
    this.name = 'JsonPathSyntaxError';
    this.position = position;
    this.problem = problem;
  }
}

/** The JSON type of a value, for causes that must say what was found without quoting it. */
const describeType = (value: unknown): string => {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'number') return Number.isInteger(value) ? 'an integer' : 'a number';
  return `a ${typeof value}`;
};

export { JsonPathSyntaxError, describeType, intrinsicFailure, resultPathMatchFailure, runtimeError };
