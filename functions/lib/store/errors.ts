/** Errors of the table adapter. */
import { UpgradeImpactError } from '../errors';

class CustomerAlreadyExistsError extends UpgradeImpactError {
  public readonly customerId: string;

  public constructor(customerId: string, options?: ErrorOptions) {
    super(`Customer ${customerId} already exists`, options);
    this.name = 'CustomerAlreadyExistsError';
    this.customerId = customerId;
  }
}

class CustomerNotFoundError extends UpgradeImpactError {
  public readonly customerId: string;

  public constructor(customerId: string, options?: ErrorOptions) {
    super(`Customer ${customerId} is not onboarded`, options);
    this.name = 'CustomerNotFoundError';
    this.customerId = customerId;
  }
}

/**
 * The run item is missing or no longer RUNNING (failed or published by another path): its summary is not rewritten.
 */
class RunNotRunningError extends UpgradeImpactError {
  public readonly customerId: string;
  public readonly runId: string;

  public constructor(customerId: string, runId: string, options?: ErrorOptions) {
    super(`Run ${runId} of customer ${customerId} does not exist or is no longer RUNNING; its summary was not recorded`, options);
    this.name = 'RunNotRunningError';
    this.customerId = customerId;
    this.runId = runId;
  }
}

/** DynamoDB kept refusing part of a batch (throttling) after every retry. */
class BatchIncompleteError extends UpgradeImpactError {
  public readonly remaining: number;

  public constructor(operation: string, remaining: number, options?: ErrorOptions) {
    super(`${operation} left ${remaining} items unprocessed after retries`, options);
    this.name = 'BatchIncompleteError';
    this.remaining = remaining;
  }
}

export { BatchIncompleteError, CustomerAlreadyExistsError, CustomerNotFoundError, RunNotRunningError };
