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

export { ConfigurationError, CustomerNotEntitledError, InvalidEventError, SourceNotFoundError, UpgradeImpactError };
