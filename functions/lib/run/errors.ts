import { UpgradeImpactError } from '../errors';

/** The map run's results are missing or not in the layout ResultWriter writes. */
class MapResultsError extends UpgradeImpactError {
  public constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'MapResultsError';
  }
}

/** What a customer's plan allows was exceeded by this run (archive size, units, lines). */
class PlanLimitExceededError extends UpgradeImpactError {
  public readonly limit: string;
  public readonly allowed: number;
  public readonly actual: number;

  public constructor(limit: string, allowed: number, actual: number, options?: ErrorOptions) {
    super(`The customer's plan allows ${limit} of at most ${allowed}; this run has ${actual}`, options);
    this.name = 'PlanLimitExceededError';
    this.limit = limit;
    this.allowed = allowed;
    this.actual = actual;
  }
}

/**
 * A code-base phase placed a finding in a unit the run cannot take it: a unit the run does not have, or one that was
 * not analysed (such a unit carries no findings). An engine defect, so the run fails instead of dropping the finding.
 */
class CodebaseFindingPlacementError extends UpgradeImpactError {
  /** `id@version` of the rule pack whose code-base phase placed the finding. */
  public readonly rulePack: string;
  public readonly ruleId: string;
  public readonly unitId: string;

  public constructor(rulePack: string, ruleId: string, unitId: string, reason: string, options?: ErrorOptions) {
    super(`The code-base phase of ${rulePack} placed a ${ruleId} finding in unit ${unitId}, which ${reason}`, options);
    this.name = 'CodebaseFindingPlacementError';
    this.rulePack = rulePack;
    this.ruleId = ruleId;
    this.unitId = unitId;
  }
}

export { CodebaseFindingPlacementError, MapResultsError, PlanLimitExceededError };
