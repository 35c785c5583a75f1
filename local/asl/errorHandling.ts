/**
 * Retry and Catch: which rule an error matches, and how long to wait before a retry (spec: "Error names",
 * "Retrying after error", "Fallback states"; AWS adds MaxDelaySeconds, JitterStrategy and the rules below).
 *
 * Matching, per the AWS error-handling guide:
 * - an ErrorEquals name matches the error of the same name;
 * - `States.ALL` matches every error except `States.Runtime` and `States.DataLimitExceeded`, which are terminal;
 * - `States.TaskFailed` matches every error except `States.Timeout` (and the terminal ones);
 * - `States.BranchFailed` matches any error that came out of a Parallel branch ({@link BranchFailedError});
 * - `States.Runtime` is never retried ("A States.Runtime error isn't retriable"); a Catch naming it explicitly
 *   catches it.
 */
import { RetryDefaults } from './constants';
import { BranchFailedError, StatesError, StatesErrorNames } from './errors';
import type { Catcher, Retrier } from './types';

const TERMINAL_ERRORS: ReadonlySet<string> = new Set([StatesErrorNames.Runtime, StatesErrorNames.DataLimitExceeded]);

/**
 * True when `errorEquals` names this error.
 *
 * @example
 * matchesErrorEquals(['States.TaskFailed'], new StatesError('Lambda.ServiceException')); // true
 */
const matchesErrorEquals = (errorEquals: readonly string[], error: StatesError): boolean =>
  errorEquals.some((name) => {
    if (name === error.error) return true;
    if (TERMINAL_ERRORS.has(error.error)) return false;
    if (name === StatesErrorNames.ALL) return true;
    if (name === StatesErrorNames.TaskFailed) return error.error !== StatesErrorNames.Timeout;
    if (name === StatesErrorNames.BranchFailed) return error instanceof BranchFailedError;
    return false;
  });

/** The first retrier whose ErrorEquals matches, with its index (retry counts are kept per retrier). */
const findRetrier = (retriers: readonly Retrier[] | undefined, error: StatesError): { retrier: Retrier; index: number } | undefined => {
  if (!retriers || error.error === StatesErrorNames.Runtime) return undefined;
  const index = retriers.findIndex((retrier) => matchesErrorEquals(retrier.ErrorEquals, error));
  return index < 0 ? undefined : { retrier: retriers[index], index };
};

/** The first catcher whose ErrorEquals matches. */
const findCatcher = (catchers: readonly Catcher[] | undefined, error: StatesError): Catcher | undefined =>
  catchers?.find((catcher) => matchesErrorEquals(catcher.ErrorEquals, error));

/**
 * Seconds to wait before retry number `attempt + 1` of a retrier that has already retried `attempt` times:
 * IntervalSeconds × BackoffRate^attempt, capped by MaxDelaySeconds; with JitterStrategy FULL, a random time between
 * 0 and that. `random` is injectable for tests.
 *
 * @example
 * retryDelaySeconds({ ErrorEquals: ['X'], IntervalSeconds: 2, BackoffRate: 3 }, 2); // 18
 */
const retryDelaySeconds = (retrier: Retrier, attempt: number, random: () => number = Math.random): number => {
  const interval = retrier.IntervalSeconds ?? RetryDefaults.intervalSeconds;
  const backoff = retrier.BackoffRate ?? RetryDefaults.backoffRate;
  let delay = interval * backoff ** attempt;
  if (retrier.MaxDelaySeconds !== undefined) delay = Math.min(delay, retrier.MaxDelaySeconds);
  if (retrier.JitterStrategy === 'FULL') delay = random() * delay;
  return delay;
};

/** How many retries a retrier allows. */
const maxAttempts = (retrier: Retrier): number => retrier.MaxAttempts ?? RetryDefaults.maxAttempts;

export { findCatcher, findRetrier, matchesErrorEquals, maxAttempts, retryDelaySeconds };
