/**
 * Reads the `FunctionName` of a Lambda Invoke request in every form the Invoke API accepts: a name
 * (`my-function`), a name with qualifier (`my-function:live`), a partial ARN (`123456789012:function:my-function`)
 * or a full ARN (`arn:aws:lambda:us-east-1:123456789012:function:my-function:3`).
 */
import { StatesError } from '../errors';

/** A function name reduced to name and qualifier. */
type FunctionReference = { functionName: string; qualifier?: string };

// The Invoke API's pattern for FunctionName (API reference), with the qualifier captured separately.
const FUNCTION_NAME =
  /^(?:arn:aws[a-zA-Z-]*:lambda:[a-z]{2}(?:-gov)?-[a-z]+-\d:)?(?:\d{12}:)?(?:function:)?([a-zA-Z0-9_-]{1,64})(?::(\$LATEST|[a-zA-Z0-9_-]{1,128}))?$/;

const QUALIFIER = /^(\$LATEST|[a-zA-Z0-9_-]{1,128})$/;

/** The error the Invoke API gives for a parameter it rejects, as the optimized integration reports it. */
const invalidParameter = (message: string): StatesError =>
  new StatesError(
    'Lambda.InvalidParameterValueException',
    `${message} (Service: AWSLambda; Status Code: 400; Error Code: InvalidParameterValueException; Request ID: null; Proxy: null)`,
  );

/**
 * Splits a FunctionName (and the separate Qualifier, if given) into name and qualifier.
 *
 * @throws StatesError `Lambda.InvalidParameterValueException` when the name fits none of the forms, or when it
 * carries a qualifier other than `Qualifier`, as the Invoke API rejects them.
 * @example
 * parseFunctionName('arn:aws:lambda:eu-west-1:123456789012:function:split-source:live');
 * // → { functionName: 'split-source', qualifier: 'live' }
 */
const parseFunctionName = (value: string, qualifier?: string): FunctionReference => {
  const match = FUNCTION_NAME.exec(value);
  if (match === null) {
    throw invalidParameter(
      `FunctionName '${value}' is not a function name, name:qualifier, partial ARN or function ARN`,
    );
  }
  if (qualifier !== undefined && !QUALIFIER.test(qualifier)) {
    throw invalidParameter(`Qualifier '${qualifier}' is not $LATEST, a version number or an alias name`);
  }
  const [, functionName, derived] = match;
  if (derived !== undefined && qualifier !== undefined && derived !== qualifier) {
    throw invalidParameter('The derived qualifier from the function name does not match the specified qualifier.');
  }
  const resolved = derived ?? qualifier;
  return resolved === undefined ? { functionName } : { functionName, qualifier: resolved };
};

export { invalidParameter, parseFunctionName };
export type { FunctionReference };
