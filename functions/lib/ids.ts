/**
 * The ids a run is named by, in one place: the API's path and body patterns (api/openapi.yaml), the state
 * machine's input check (statemachines/analysis.asl.json), the functions and the CLI all hold the same rules, and a
 * contract test keeps them equal.
 *
 * The execution name is `<customerId>_<runId>`. A customer id has no `_`, so the first `_` splits a name back into
 * its two ids and two different pairs never make the same name (with `-`, customer `alpha-co` run `x-1` and customer
 * `alpha-co-x` run `1` did); 40 + 1 + 39 characters fit Step Functions' 80-character limit for every valid pair.
 */
import { InvalidEventError } from './errors';

/** 3–40 lower-case letters, digits and `-`, starting and ending with a letter or digit (a KMS alias and S3 prefix part). */
const CUSTOMER_ID_PATTERN = /^[a-z0-9][a-z0-9-]{1,38}[a-z0-9]$/;
/** 1–39 letters, digits, `_` and `-`, starting with a letter or digit (an S3 key part: no `/`, no `.`). */
const RUN_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,38}$/;
/** Step Functions' longest execution name. */
const MAX_EXECUTION_NAME_LENGTH = 80;

const CUSTOMER_ID_RULE = '3-40 lower-case letters, digits or "-", starting and ending with a letter or digit';
const RUN_ID_RULE = '1-39 letters, digits, "_" or "-", starting with a letter or digit';

/** What is wrong with a customer id, or undefined when it is valid. */
const customerIdProblem = (value: unknown): string | undefined =>
  typeof value === 'string' && CUSTOMER_ID_PATTERN.test(value) ? undefined : `must be ${CUSTOMER_ID_RULE}`;

/** What is wrong with a run id, or undefined when it is valid. */
const runIdProblem = (value: unknown): string | undefined =>
  typeof value === 'string' && RUN_ID_PATTERN.test(value) ? undefined : `must be ${RUN_ID_RULE}`;

/**
 * The customer id of an event field, or {@link InvalidEventError} naming the field.
 *
 * @example
 * const customerId = requireCustomerId(event.customerId, 'customerId');
 */
const requireCustomerId = (value: unknown, field: string): string => {
  const problem = customerIdProblem(value);
  if (problem) throw new InvalidEventError(field, problem);
  return value as string;
};

/** The run id of an event field, or {@link InvalidEventError} naming the field. */
const requireRunId = (value: unknown, field: string): string => {
  const problem = runIdProblem(value);
  if (problem) throw new InvalidEventError(field, problem);
  return value as string;
};

/**
 * The name of a run's execution: unique per (customer, run) and at most 80 characters.
 *
 * @example
 * executionName('alpha-co', 'x-1'); // 'alpha-co_x-1'
 */
const executionName = (customerId: string, runId: string): string => `${requireCustomerId(customerId, 'customerId')}_${requireRunId(runId, 'runId')}`;

export {
  CUSTOMER_ID_PATTERN,
  CUSTOMER_ID_RULE,
  MAX_EXECUTION_NAME_LENGTH,
  RUN_ID_PATTERN,
  RUN_ID_RULE,
  customerIdProblem,
  executionName,
  requireCustomerId,
  requireRunId,
  runIdProblem,
};
