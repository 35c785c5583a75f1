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

export { EXECUTION_ARN, STATE_MACHINE_ARN, statesErrorOf, taskRequest, TEST_CREDENTIALS };
