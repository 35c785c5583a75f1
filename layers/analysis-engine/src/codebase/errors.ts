/** Errors of the code-base phase, matched by `name`. */
import { AnalysisEngineError } from '../errors';

/**
 * The units handed to {@link assessCodebase} do not have the agreed shape.
 *
 * @example
 * throw new InvalidCodebaseInputError('units[3].loc', 'must be a non-negative number');
 */
class InvalidCodebaseInputError extends AnalysisEngineError {
  /** Where the problem is, as a property path such as `units[3].loc`. */
  public readonly field: string;
  /** What is wrong there. */
  public readonly problem: string;

  public constructor(field: string, problem: string, options?: { cause?: unknown }) {
    super(`Invalid code-base input: ${field} ${problem}`, options);
    this.name = 'InvalidCodebaseInputError';
    this.field = field;
    this.problem = problem;
  }
}

export { InvalidCodebaseInputError };
