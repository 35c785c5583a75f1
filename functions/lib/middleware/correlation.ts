/**
 * Adds the run's correlation keys (customerId, runId, and the execution when the workflow passes it) to every log
 * line of the invocation, wherever the event carries them (top level, or BatchInput for a Distributed Map batch).
 */
import type { MiddlewareObj, Request } from '@middy/core';
import { logger } from '../powertools';

const CORRELATION_KEYS = ['customerId', 'runId', 'executionArn'] as const;

const pick = (source: unknown): Record<string, string> => {
  const keys: Record<string, string> = {};
  if (typeof source !== 'object' || source === null) return keys;
  for (const key of CORRELATION_KEYS) {
    const value = (source as Record<string, unknown>)[key];
    if (typeof value === 'string') keys[key] = value;
  }
  return keys;
};

/** @example middy(handler).use(injectLambdaContext(logger)).use(correlationKeys()) */
const correlationKeys = (): MiddlewareObj => {
  const correlationKeysMiddlewareBefore = (request: Request): void => {
    const event = request.event as Record<string, unknown> | undefined;
    const pathParameters = event?.pathParameters as Record<string, unknown> | undefined;
    logger.appendKeys({ ...pick(pathParameters), ...pick(event?.BatchInput), ...pick(event) });
  };
  return { before: correlationKeysMiddlewareBefore };
};

export { correlationKeys };
