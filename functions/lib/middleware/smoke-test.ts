/**
 * Answers the CodeDeploy PreTraffic hook's smoke event (`{"smokeTest": true}`) before the handler runs: the new
 * version has loaded (its init ran), and the function's own checks pass (configuration present, dependencies
 * usable). Any other event goes on to the handler untouched.
 */
import { cleanupMiddlewares } from '@aws-lambda-powertools/commons';
import type { MiddlewareObj, Request } from '@middy/core';

type SmokeCheck = () => Promise<Record<string, unknown>> | Record<string, unknown>;

type SmokeTestOptions = {
  /** The function's own readiness checks; a throw fails the smoke test. @default no checks */
  check?: SmokeCheck;
};

type SmokeTestResult = { ok: true; functionName: string; functionVersion: string; checks: Record<string, unknown> };

const isSmokeEvent = (event: unknown): boolean =>
  typeof event === 'object' && event !== null && (event as { smokeTest?: unknown }).smokeTest === true;

/**
 * @example
 * middy(handler).use(smokeTest({ check: () => ({ table: tableName() }) }));
 */
const smokeTest = (options: SmokeTestOptions = {}): MiddlewareObj => {
  const smokeTestMiddlewareBefore = async (request: Request): Promise<SmokeTestResult | undefined> => {
    if (!isSmokeEvent(request.event)) return undefined;
    const checks = (await options.check?.()) ?? {};
    // Returning early skips the remaining middlewares' after hooks: flush Powertools (metrics, logger) first.
    await cleanupMiddlewares(request);
    return { ok: true, functionName: request.context.functionName, functionVersion: request.context.functionVersion, checks };
  };
  return { before: smokeTestMiddlewareBefore };
};

export { isSmokeEvent, smokeTest };
export type { SmokeCheck, SmokeTestOptions, SmokeTestResult };
