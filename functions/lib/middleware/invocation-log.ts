/**
 * One structured line per invocation, as it ends: `Invocation succeeded`, or `Invocation failed` with the error's
 * name and message (never its stack, never the event). With the Lambda context and the run's correlation keys on it,
 * it is the line to filter a function's invocations by run with (CloudWatch Logs Insights in the cloud, the local
 * console here); the platform's REPORT line adds the duration and memory.
 */
import type { MiddlewareObj, Request } from '@middy/core';
import { logger } from '../powertools';

/** An error message longer than this is cut: the line is for finding the invocation, the cause is in the execution. */
const MESSAGE_CHARS = 500;

/** @example middy(handler).use(injectLambdaContext(logger)).use(correlationKeys()).use(invocationLog()) */
const invocationLog = (): MiddlewareObj => {
  const invocationLogMiddlewareAfter = (): void => {
    logger.info('Invocation succeeded');
  };
  const invocationLogMiddlewareOnError = (request: Request): void => {
    const error = request.error;
    logger.error('Invocation failed', { errorName: error?.name ?? 'Error', errorMessage: (error?.message ?? '').slice(0, MESSAGE_CHARS) });
  };
  return { after: invocationLogMiddlewareAfter, onError: invocationLogMiddlewareOnError };
};

export { invocationLog };
