import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createIntegrationRegistry, type LocalIntegrationRegistry } from '../../../../local/asl/integrations';
import { parseResource } from '../../../../local/asl/integrations/resource';
import type { EngineServices, TaskRequest } from '../../../../local/asl/integrations/types';
import { StatesError } from '../../../../local/asl/errors';

const EXECUTION_ARN = 'arn:aws:states:us-east-1:123456789012:execution:analysis:cust-1-run-1';
const STATE_MACHINE_ARN = 'arn:aws:states:us-east-1:123456789012:stateMachine:analysis';

/** Fake credentials for SDK clients pointed at loopback test servers. */
const TEST_CREDENTIALS = { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'local-secret' };

const unusedEngine: EngineServices = {
  startExecution: () => Promise.reject(new Error('startExecution is not expected in this test')),
  awaitExecution: () => Promise.reject(new Error('awaitExecution is not expected in this test')),
  stopExecution: () => Promise.reject(new Error('stopExecution is not expected in this test')),
};

/** A Task request for a Resource ARN, with the rest filled in. */
const taskRequest = (
  resourceArn: string,
  args: unknown,
  overrides: { signal?: AbortSignal; engine?: EngineServices; stateName?: string; executionArn?: string; retryCount?: number } = {},
): TaskRequest => ({
  resource: parseResource(resourceArn),
  arguments: args,
  signal: overrides.signal ?? new AbortController().signal,
  context: {
    executionArn: overrides.executionArn ?? EXECUTION_ARN,
    executionName: 'cust-1-run-1',
    stateMachineArn: STATE_MACHINE_ARN,
    stateName: overrides.stateName ?? 'Task',
    retryCount: overrides.retryCount ?? 0,
    region: 'us-east-1',
    accountId: '123456789012',
  },
  engine: overrides.engine ?? unusedEngine,
});

/** Awaits a promise that must reject with a StatesError, and returns that error. */
const statesErrorOf = async (promise: Promise<unknown>): Promise<StatesError> => {
  try {
    await promise;
  } catch (error) {
    if (error instanceof StatesError) return error;
    throw error;
  }
  throw new Error('expected a StatesError, but the promise resolved');
};

/**
 * An integration registry whose SDK clients all talk to a small in-test HTTP endpoint answering with `handle`.
 *
 * @example
 * const endpoint = await registryOverHttp(handle);
 * afterAll(() => endpoint.close());
 */
const registryOverHttp = async (
  handle: (request: IncomingMessage, response: ServerResponse) => void,
  clientConfig: Record<string, unknown> = {},
): Promise<{ registry: LocalIntegrationRegistry; close(): Promise<void> }> => {
  const server: Server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const registry = createIntegrationRegistry({
    clientConfig: () => ({ region: 'us-east-1', endpoint, credentials: TEST_CREDENTIALS, maxAttempts: 1, ...clientConfig }),
  });
  return {
    registry,
    close: async () => {
      registry.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
};

export { EXECUTION_ARN, registryOverHttp, STATE_MACHINE_ARN, statesErrorOf, taskRequest, TEST_CREDENTIALS };
