/**
 * A StepFunctionsApi whose every method is a jest mock answering `{}`; tests override the ones they need.
 */
import type { StepFunctionsApi } from '../../../../local/asl/api';

type FakeStepFunctionsApi = { [K in keyof StepFunctionsApi]: jest.Mock };

const methods: readonly (keyof StepFunctionsApi)[] = [
  'createStateMachine',
  'describeStateMachine',
  'listStateMachines',
  'deleteStateMachine',
  'startExecution',
  'startSyncExecution',
  'describeExecution',
  'listExecutions',
  'stopExecution',
  'getExecutionHistory',
  'describeMapRun',
  'listMapRuns',
  'sendTaskSuccess',
  'sendTaskFailure',
  'sendTaskHeartbeat',
];

const createFakeApi = (): FakeStepFunctionsApi =>
  Object.fromEntries(methods.map((method) => [method, jest.fn().mockResolvedValue({})])) as FakeStepFunctionsApi;

export { createFakeApi, methods };
export type { FakeStepFunctionsApi };
