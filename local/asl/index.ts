/**
 * The local Amazon States Language engine: run a state machine definition, whole, on one machine, as AWS Step
 * Functions would (JSONata and JSONPath, every state type, Retry/Catch, variables, Map inline and distributed,
 * task tokens, execution history in the shape of GetExecutionHistory). See README.md.
 *
 * @example
 * import { Engine } from './local/asl';
 * const engine = new Engine({ integrations });
 * const { stateMachineArn } = await engine.createStateMachine({ name: 'demo', definition, roleArn });
 * const { executionArn } = await engine.startExecution({ stateMachineArn, input: '{}' });
 * const { status, output } = await engine.waitForExecution(executionArn);
 */
import { ApiError } from './api';
import type { StepFunctionsApi, StepFunctionsOperation } from './api';
import type { Clock } from './clock';
import { ENGINE_RESTARTED_ERROR, Engine } from './engine';
import type { EngineOptions } from './engine';
import { BranchFailedError, StatesError, StatesErrorNames, toStatesError } from './errors';
import type { StatesErrorName } from './errors';
import { ExecutionStatuses, InMemoryEngineStore, MapRunStatuses, StateMachineTypes } from './store';
import type {
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
import type { StateMachineDefinition } from './types';
import { validateDefinition } from './validation';

export {
  ApiError,
  BranchFailedError,
  ENGINE_RESTARTED_ERROR,
  Engine,
  ExecutionStatuses,
  InMemoryEngineStore,
  MapRunStatuses,
  StateMachineTypes,
  StatesError,
  StatesErrorNames,
  toStatesError,
  validateDefinition,
};
export type {
  Clock,
  EngineOptions,
  EngineSnapshot,
  EngineStore,
  ExecutionRecord,
  ExecutionStatus,
  MapRunCounts,
  MapRunRecord,
  MapRunStatus,
  StateMachineDefinition,
  StateMachineRecord,
  StateMachineType,
  StatesErrorName,
  StepFunctionsApi,
  StepFunctionsOperation,
};
