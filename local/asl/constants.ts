/**
 * Named defaults and limits of the engine, each from the States Language spec or the AWS Step Functions developer
 * guide (quotas page, Retry/Task/Map reference).
 */

/** Retry defaults (spec: "Retrying after error"). */
const RetryDefaults = {
  intervalSeconds: 1,
  maxAttempts: 3,
  backoffRate: 2.0,
} as const;

/**
 * Task timeout when neither TimeoutSeconds nor TimeoutSecondsPath is set. The spec says 60; AWS documents
 * 99999999 seconds ("If not provided, the default value is 99999999"), which is what the cloud does.
 */
const DEFAULT_TASK_TIMEOUT_SECONDS = 99_999_999;

/** Maximum size of a state's input or output, and of an execution input (AWS quota: 256 KiB, UTF-8 bytes). */
const PAYLOAD_LIMIT_BYTES = 256 * 1024;

/** Variable limits (AWS "Passing data between states with variables" → limits). */
const VariableLimits = {
  /** Size of one variable's value. */
  maxValueBytes: 256 * 1024,
  /** Combined size of the values one Assign sets. */
  maxAssignBytes: 256 * 1024,
  /** Combined size of all variables stored in one execution. */
  maxTotalBytes: 10 * 1024 * 1024,
  /** Length of a variable name. */
  maxNameLength: 80,
} as const;

/**
 * The longest a Wait state may wait, in seconds: 2^31 - 1. A Timestamp further ahead fails the state with AWS's
 * "Wait state delay is too long." (executions recorded on AWS: 24,855 days ahead is accepted, 24,856 days refused).
 */
const MAX_WAIT_DELAY_SECONDS = 2_147_483_647;

/**
 * Iterations an inline Map runs at once, whatever its MaxConcurrency (0 included): AWS "Using Map state in Inline
 * mode": "In this mode, the Map state supports up to 40 concurrent iterations."
 */
const INLINE_MAP_MAX_CONCURRENCY = 40;

/** Distributed Map defaults (AWS "Distributed mode" reference). */
const DistributedMapDefaults = {
  /** Child executions at once when MaxConcurrency is absent or 0 ("up to 10,000 parallel child workflow executions"). */
  maxConcurrency: 10_000,
  /** ItemBatcher: the byte limit of a batch may not exceed 256 KiB. */
  maxInputBytesPerBatch: 256 * 1024,
  /** ReaderConfig.MaxItems upper bound. */
  maxItemsLimit: 100_000_000,
  /** Result files hold at most 5 GB each; locally the engine splits them by entry count instead. */
  resultFileEntries: 10_000,
} as const;

/** Name limits of the control plane (StartExecution / CreateStateMachine). */
const NameLimits = {
  maxLength: 80,
} as const;

/** Default page size of List* and GetExecutionHistory (AWS: 100; maximum 1000). */
const PageSize = { default: 100, max: 1000 } as const;

/** The account and region the engine reports in ARNs when the caller sets none. */
const DefaultArnParts = { partition: 'aws', region: 'us-east-1', accountId: '123456789012' } as const;

export {
  DEFAULT_TASK_TIMEOUT_SECONDS,
  DefaultArnParts,
  DistributedMapDefaults,
  INLINE_MAP_MAX_CONCURRENCY,
  MAX_WAIT_DELAY_SECONDS,
  NameLimits,
  PAYLOAD_LIMIT_BYTES,
  PageSize,
  RetryDefaults,
  VariableLimits,
};
