/**
 * The local Amazon States Language engine: run a state machine definition, whole, on one machine, as AWS Step
 * Functions would (JSONata and JSONPath, every state type, Retry/Catch, variables, Map inline and distributed,
 * task tokens, execution history in the shape of GetExecutionHistory).
 *
 * @example
 * import { Engine } from './local/asl';
 * const engine = new Engine({ integrations });
 * const { stateMachineArn } = await engine.createStateMachine({ name: 'demo', definition, roleArn });
 * const { executionArn } = await engine.startExecution({ stateMachineArn, input: '{}' });
 * const { status, output } = await engine.waitForExecution(executionArn);
 */
export { ApiError } from './api';
export type { StepFunctionsApi, StepFunctionsOperation } from './api';
export { ENGINE_RESTARTED_ERROR, Engine } from './engine';
export type { EngineOptions } from './engine';
export { BranchFailedError, StatesError, StatesErrorNames, toStatesError } from './errors';
export type { StatesErrorName } from './errors';
export { ExecutionStatuses, InMemoryEngineStore, MapRunStatuses, StateMachineTypes } from './store';
export type {
  EngineSnapshot,
  EngineStore,
  ExecutionRecord,
  ExecutionStatus,
  MapRunCounts,
  MapRunRecord,
  MapRunStatus,
  StateMachineRecord,
  StateMachineType,
} from './store';
export { validateDefinition } from './validation';
export type { Clock } from './clock';
export type { StateMachineDefinition } from './types';
