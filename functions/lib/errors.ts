/**
 * Errors the handlers raise by name. The state machine's Catch matches them on `name` (a Lambda error's
 * errorType), so a name here is part of the workflow's contract: never branch on message text.
 */

/** Base class of the application's own errors. */
class UpgradeImpactError extends Error {
  public constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'UpgradeImpactError';
  }
}

/** A setting the deployment must provide is missing or invalid. */
class ConfigurationError extends UpgradeImpactError {
  public constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ConfigurationError';
  }
}

/** The event a handler received does not have the shape it needs; `field` names what is wrong. */
class InvalidEventError extends UpgradeImpactError {
  public readonly field: string;

  public constructor(field: string, message: string, options?: ErrorOptions) {
    super(`${field}: ${message}`, options);
    this.name = 'InvalidEventError';
    this.field = field;
  }
}

/** The customer is unknown, suspended, or over the plan's limits. */
class CustomerNotEntitledError extends UpgradeImpactError {
  public readonly customerId: string;

  public constructor(customerId: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'CustomerNotEntitledError';
    this.customerId = customerId;
  }
}

/** The source archive named by the run does not exist or cannot be read. */
class SourceNotFoundError extends UpgradeImpactError {
  public readonly bucket: string;
  public readonly key: string;

  public constructor(bucket: string, key: string, options?: ErrorOptions) {
    super(`Source archive s3://${bucket}/${key} does not exist or cannot be read`, options);
    this.name = 'SourceNotFoundError';
    this.bucket = bucket;
    this.key = key;
  }
}

/** Where an AWS call failed: service, operation and what it addressed (bucket/key, table, key id). */
type FailedCall = { service: string; operation: string; target?: string; code: string; status?: number };

/** An AWS call failed; `call` says which. functions/lib/aws/failures.ts decides which of the two kinds it is. */
class ServiceCallError extends UpgradeImpactError {
  public readonly call: FailedCall;

  public constructor(message: string, call: FailedCall, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ServiceCallError';
    this.call = call;
  }
}

/**
 * An AWS call failed in a way that a later attempt can succeed: throttling, a 5xx, a timeout, a dropped connection.
 * The definitions retry it with backoff and jitter.
 */
class TransientServiceError extends ServiceCallError {
  public constructor(message: string, call: FailedCall, options?: ErrorOptions) {
    super(message, call, options);
    this.name = 'TransientServiceError';
  }
}

/** An AWS call was refused in a way no retry changes (access denied, a missing resource, a bad request). */
class PermanentServiceError extends ServiceCallError {
  public constructor(message: string, call: FailedCall, options?: ErrorOptions) {
    super(message, call, options);
    this.name = 'PermanentServiceError';
  }
}

/** The unit a failure happened on. */
type FailedUnit = { unitId: string; path: string };

/**
 * Records on an error which unit the work failed on, leaving its name and fields as they are (the first unit
 * recorded wins); the handler's failure naming puts the unit in front of the reason. Returns the error.
 *
 * @example
 * throw failedOnUnit(error, { unitId, path });
 */
const failedOnUnit = <E>(error: E, unit: FailedUnit): E => {
  if (typeof error === 'object' && error !== null && !('failedUnit' in error)) {
    Object.defineProperty(error, 'failedUnit', { value: { unitId: unit.unitId, path: unit.path }, enumerable: false });
  }
  return error;
};

/** The unit an error was recorded to have failed on. */
const failedUnitOf = (error: unknown): FailedUnit | undefined =>
  typeof error === 'object' && error !== null ? (error as { failedUnit?: FailedUnit }).failedUnit : undefined;

export {
  ConfigurationError,
  CustomerNotEntitledError,
  InvalidEventError,
  PermanentServiceError,
  ServiceCallError,
  SourceNotFoundError,
  TransientServiceError,
  UpgradeImpactError,
  failedOnUnit,
  failedUnitOf,
};
export type { FailedCall, FailedUnit };
