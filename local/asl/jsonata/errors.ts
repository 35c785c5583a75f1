/**
 * JSONata failures, as Step Functions names them: every evaluation problem is `States.QueryEvaluationError`, with a
 * cause that names the field and the expression (from the definition) but never the data being evaluated.
 */
import { StatesError, StatesErrorNames } from '../errors';

/**
 * A JSONata expression that failed to evaluate, or evaluated to something the field cannot take.
 *
 * @example
 * throw queryEvaluationError('Output', '$states.input.x', 'returned nothing (undefined)');
 */
const queryEvaluationError = (field: string, expression: string, problem: string): StatesError =>
  new StatesError(
    StatesErrorNames.QueryEvaluationError,
    `The JSONata expression '${expression}' specified for the field '${field}' ${problem}${/[.!?]$/.test(problem) ? '' : '.'}`,
  );

/** Thrown by the Step Functions JSONata functions on bad arguments; the evaluator turns it into a QueryEvaluationError. */
class JsonataFunctionError extends Error {
  public readonly functionName: string;

  public constructor(functionName: string, problem: string) {
    super(`$${functionName}: ${problem}`);
    this.name = 'JsonataFunctionError';
    this.functionName = functionName;
  }
}

export { JsonataFunctionError, queryEvaluationError };
