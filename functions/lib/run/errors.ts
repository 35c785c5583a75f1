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

export { MapResultsError, PlanLimitExceededError };
