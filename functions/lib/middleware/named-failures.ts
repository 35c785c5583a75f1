/**
 * Names what an invocation failed with for the workflow and the customer (functions/lib/aws/failures.ts): a
 * transient AWS failure becomes `TransientServiceError`, which the definitions retry; anything else keeps its name
 * and fails the run at once. The full error, stack included, goes to the function's log; what leaves the function
 * carries the name and the reason (and the unit, when the work was on one), not the stack.
 */
import type { MiddlewareObj, Request } from '@middy/core';
import { nameFailure } from '../aws/failures';
import { logger } from '../powertools';

/** @example middy(handler).use(namedFailures()) */
const namedFailures = (): MiddlewareObj => {
  const namedFailuresMiddlewareOnError = (request: Request): void => {
    if (request.error === null || request.error === undefined) return;
    // The whole error, stack included, for whoever reads the log; the invocation's own line (invocation-log.ts) gives
    // the name and reason the workflow sees.
    logger.error('Unhandled error', request.error as Error);
    request.error = nameFailure(request.error);
  };
  return { onError: namedFailuresMiddlewareOnError };
};

export { namedFailures };
