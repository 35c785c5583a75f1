/**
 * Errors of the analysis engine. Handlers and the state machine match them by `name` (the class name), never by
 * message text.
 *
 * Bad customer source is not an error: it becomes parser-error findings. These errors mean the engine was called
 * wrongly (a malformed unit) or configured wrongly (a broken rule table).
 */

/** Base class of every analysis-engine error. */
class AnalysisEngineError extends Error {
  public constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AnalysisEngineError';
  }
}

/**
 * The unit handed to the engine does not have the agreed shape.
 *
 * @example
 * throw new InvalidUnitError('files[2].text', 'must be a string', { unitId: 'u-1' });
 */
class InvalidUnitError extends AnalysisEngineError {
  /** Where in the unit the problem is, as a property path such as `files[2].text`. */
  public readonly field: string;
  /** What is wrong there. */
  public readonly problem: string;
  /** The unit's id when it could be read. */
  public readonly unitId?: string;

  public constructor(field: string, problem: string, context: { unitId?: string; cause?: unknown } = {}) {
    super(`Invalid unit${context.unitId === undefined ? '' : ` ${JSON.stringify(context.unitId)}`}: ${field} ${problem}`, {
      cause: context.cause,
    });
    this.name = 'InvalidUnitError';
    this.field = field;
    this.problem = problem;
    this.unitId = context.unitId;
  }
}

/**
 * A rule table or analyzer configuration is inconsistent (unknown abaplint rule, duplicate rule id, effort that is
 * not a non-negative number, …). Raised when the analyzer is built, never per unit.
 */
class RulePackConfigError extends AnalysisEngineError {
  /** Rule pack being built. */
  public readonly rulePackId: string;
  /** Rule id (or configuration key) at fault. */
  public readonly ruleId: string;

  public constructor(rulePackId: string, ruleId: string, problem: string, options?: { cause?: unknown }) {
    super(`Rule pack ${rulePackId}, rule ${ruleId}: ${problem}`, options);
    this.name = 'RulePackConfigError';
    this.rulePackId = rulePackId;
    this.ruleId = ruleId;
  }
}

/** Two analyzers were registered for the same language. */
class DuplicateAnalyzerError extends AnalysisEngineError {
  /** The language registered twice. */
  public readonly language: string;

  public constructor(language: string, rulePackIds: readonly string[]) {
    super(`Two analyzers for language ${language}: rule packs ${rulePackIds.join(' and ')}`);
    this.name = 'DuplicateAnalyzerError';
    this.language = language;
  }
}

/**
 * A unit sandbox's worker could not start (its entry module failed to load or exited before it was ready): the engine
 * is broken or misinstalled, not the unit.
 */
class SandboxStartError extends AnalysisEngineError {
  /** The module the worker was to load. */
  public readonly entry: string;

  public constructor(entry: string, options?: { cause?: unknown }) {
    super(`The analysis sandbox could not start a worker from ${entry}`, options);
    this.name = 'SandboxStartError';
    this.entry = entry;
  }
}

export { AnalysisEngineError, DuplicateAnalyzerError, InvalidUnitError, RulePackConfigError, SandboxStartError };
