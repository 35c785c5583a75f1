/**
 * Logger, Tracer and Metrics, built once per process with one service name and shared by every handler
 * (Powertools pattern: utilities are module-level singletons so their state survives warm invocations).
 *
 * Tracer switches itself off where AWS_EXECUTION_ENV is unset (the local runtime and tests), so the same
 * handlers run unchanged outside Lambda.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';

/** One service name for logs, traces and metrics. */
const serviceName = process.env.POWERTOOLS_SERVICE_NAME ?? 'upgrade-impact';

const logger = new Logger({ serviceName });
const tracer = new Tracer({ serviceName });
const metrics = new Metrics({ serviceName, namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? 'UpgradeImpact' });

export { logger, metrics, serviceName, tracer };
