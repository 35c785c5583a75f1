/**
 * How a Distributed Map run starts its child workflow executions: through the engine, as executions of their own
 * (own ARN, own history, own variable scope), linked to the map run.
 */
import type { ExecutionRecord } from '../store';
import type { StateMachineDefinition } from '../types';

/** The state machine a map run's children execute (the ItemProcessor, as a machine of its own). */
type ChildMachine = {
  stateMachineArn: string;
  name: string;
  definition: StateMachineDefinition;
  type: 'STANDARD' | 'EXPRESS';
};

/** One child execution to run. */
type ChildExecutionRequest = {
  machine: ChildMachine;
  mapRunArn: string;
  parentExecutionArn: string;
  roleArn: string;
  input: unknown;
  /** Items the child processes (1, or the batch size), for ListExecutions' itemCount. */
  itemCount: number;
  signal: AbortSignal;
};

/** Starts a child execution; resolves with its final record once it has ended. */
type StartChildExecution = (request: ChildExecutionRequest) => Promise<ExecutionRecord>;

export type { ChildExecutionRequest, ChildMachine, StartChildExecution };
