/**
 * The one way a handler is wrapped: Tracer first, then Logger (with the invocation's context and the run's
 * correlation keys and a line as each invocation ends), then Metrics (cold start captured), then the smoke-test
 * answer for the PreTraffic hook. Order as middy's Powertools guide gives it. Last, the failure naming: its onError
 * runs first (middy runs them in reverse), so the others see the error the workflow will see.
 */
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import type { Context } from 'aws-lambda';
import { logger, metrics, tracer } from '../powertools';
import { correlationKeys } from './correlation';
import { invocationLog } from './invocation-log';
import { namedFailures } from './named-failures';
import { smokeTest, type SmokeCheck } from './smoke-test';

type HandlerOptions = {
  /** Readiness checks answered to the PreTraffic hook's smoke event. */
  smokeCheck?: SmokeCheck;
};

/**
 * @example
 * export const handler = lambdaHandler(async (event: SplitSourceEvent) => splitSource(event, deps()));
 */
const lambdaHandler = <E, R>(handler: (event: E, context: Context) => Promise<R>, options: HandlerOptions = {}) =>
  middy(handler)
    .use(tracer.middlewares())
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(correlationKeys())
    .use(invocationLog())
    .use(logMetrics(metrics, { captureColdStartMetric: true }))
    .use(smokeTest({ check: options.smokeCheck }))
    .use(namedFailures());

export { lambdaHandler };
export type { HandlerOptions };
