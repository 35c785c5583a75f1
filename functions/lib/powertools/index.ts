/**
 * Logger, Tracer and Metrics, built once per process with one service name and shared by every handler
 * (Powertools pattern: utilities are module-level singletons so their state survives warm invocations).
 *
 * The Tracer is Powertools' own where tracing is on (a deployed function: `Tracing: Active`), built at module scope
 * as before, so a deployed cold start pays for the X-Ray SDK in the init phase, where it always was. Where tracing is
 * off (the local runtime, `sam local`, tests: Powertools' own rule, {@link tracingActive}) Powertools' Tracer would
 * only pass calls through, yet loading it loads the X-Ray SDK (its largest package at init); there the same calls go
 * to a pass-through and the package is never loaded.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import type { Tracer } from '@aws-lambda-powertools/tracer';
import type { MiddlewareObj } from '@middy/core';

/** One service name for logs, traces and metrics. */
const serviceName = process.env.POWERTOOLS_SERVICE_NAME ?? 'upgrade-impact';

const logger = new Logger({ serviceName });
const metrics = new Metrics({ serviceName, namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? 'UpgradeImpact' });

/**
 * Whether Powertools' Tracer would trace in this environment (its `setTracingEnabled`): not switched off by
 * POWERTOOLS_TRACE_ENABLED, inside a Lambda execution environment (AWS_EXECUTION_ENV set), and neither SAM CLI's
 * local runtime (AWS_SAM_LOCAL) nor Amplify's mock.
 */
const tracingActive = (env: NodeJS.ProcessEnv = process.env): boolean =>
  (env.POWERTOOLS_TRACE_ENABLED ?? '').toLowerCase() !== 'false' &&
  Boolean(env.AWS_EXECUTION_ENV) &&
  env.AWS_EXECUTION_ENV !== 'AWS_Lambda_amplify-mock' &&
  !env.AWS_SAM_LOCAL;

/** What the handlers use of the Tracer: their AWS clients captured, and the handler wrapped (lib/middleware). */
type HandlerTracer = {
  captureAWSv3Client: Tracer['captureAWSv3Client'];
  /** The middy middleware that opens the invocation's subsegment; none where tracing is off. */
  middlewares: () => MiddlewareObj[];
};

/* eslint-disable @typescript-eslint/no-require-imports -- loaded only where tracing is on (see above) */
const poweredTracer = (): HandlerTracer => {
  const { Tracer: PowertoolsTracer } = require('@aws-lambda-powertools/tracer') as typeof import('@aws-lambda-powertools/tracer');
  const { captureLambdaHandler } = require('@aws-lambda-powertools/tracer/middleware') as typeof import('@aws-lambda-powertools/tracer/middleware');
  const powered = new PowertoolsTracer({ serviceName });
  return {
    captureAWSv3Client: (client) => powered.captureAWSv3Client(client),
    middlewares: () => [captureLambdaHandler(powered, { captureResponse: false })],
  };
};
/* eslint-enable @typescript-eslint/no-require-imports */

const passThroughTracer: HandlerTracer = { captureAWSv3Client: (client) => client, middlewares: () => [] };

const tracer: HandlerTracer = tracingActive() ? poweredTracer() : passThroughTracer;

export { logger, metrics, serviceName, tracer, tracingActive };
export type { HandlerTracer };
