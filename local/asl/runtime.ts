/**
 * The objects an execution runs with: what the engine lends every execution ({@link EngineRuntime}), what one
 * execution holds ({@link ExecutionRuntime}), where a list of states runs ({@link Frame}: a scope of variables, a
 * history thread, an abort signal) and the one state being run ({@link StateRun}).
 */
import type { ArnParts } from './arns';
import type { Timers } from './clock';
import type { HistoryRecorder, HistoryThread } from './history';
import type { EngineServices, IntegrationRegistry, ParsedResource } from './integrations/types';
import type { S3ClientSettings } from './distributed/s3';
import type { TaskTokens } from './taskTokens';
import type { QueryLanguage, StateDefinition, StateList, StateMachineDefinition } from './types';
import type { VariableScope } from './variables';
import type { StartChildExecution } from './distributed/children';
import type { MapRunRegistry } from './distributed/mapRunRegistry';

/** What every execution of one engine shares. */
type EngineRuntime = {
  integrations: IntegrationRegistry;
  parseResource(arn: string): ParsedResource;
  services: EngineServices;
  timers: Timers;
  tokens: TaskTokens;
  arnParts: ArnParts;
  /** Random numbers for retry jitter (injectable for tests). */
  random(): number;
  /** How Distributed Map reaches S3 (ItemReader, ResultWriter). */
  s3: S3ClientSettings;
  /** Starts a Distributed Map child execution and resolves with its final description. */
  startChildExecution: StartChildExecution;
  mapRuns: MapRunRegistry;
};

/** Runs a list of states to its end; implemented by the interpreter. */
type StateListRunner = (list: StateList, input: unknown, frame: Frame) => Promise<unknown>;

/** One execution. */
type ExecutionRuntime = {
  engine: EngineRuntime;
  executionArn: string;
  executionName: string;
  stateMachineArn: string;
  stateMachineName: string;
  roleArn: string;
  startTime: Date;
  input: unknown;
  redriveCount: number;
  definition: StateMachineDefinition;
  /** The top-level QueryLanguage: the default of every state, nested ones included. */
  queryLanguage: QueryLanguage;
  history: HistoryRecorder;
  runStates: StateListRunner;
  /** For a Distributed Map child execution: the item(s) it was started for (`$$.Map.Item` is not set there). */
  mapRunArn?: string;
};

/** Where a list of states runs. */
type Frame = {
  execution: ExecutionRuntime;
  variables: VariableScope;
  thread: HistoryThread;
  /** Aborted when the execution stops or times out, or when a sibling branch/iteration fails. */
  signal: AbortSignal;
};

/** `$$.Map.Item` (inline: Index and Value; distributed: also Source). */
type MapItemContext = { Index: number; Value: unknown; Source?: string };

/** The context object (`$$` in JSONPath, `$states.context` in JSONata), as AWS fills it. */
type ContextObject = {
  Execution: { Id: string; Input: unknown; Name: string; RoleArn: string; StartTime: string; RedriveCount: number };
  State: { EnteredTime: string; Name: string; RetryCount: number };
  StateMachine: { Id: string; Name: string };
  Task?: { Token: string };
  Map?: { Item: MapItemContext };
};

/** One state being run. */
type StateRun<S extends StateDefinition = StateDefinition> = {
  name: string;
  state: S;
  frame: Frame;
  /** The state input, deep-cloned when the state started (`$` before InputPath, `$states.input`). */
  input: unknown;
  language: QueryLanguage;
  enteredTime: Date;
  /** Retries so far of this state (`$$.State.RetryCount`). */
  retryCount: number;
  /** The variables as they were when the state was entered. */
  variables: Readonly<Record<string, unknown>>;
  /** Set for `.waitForTaskToken` tasks before their Parameters/Arguments are evaluated. */
  taskToken?: string;
};

/** The context object of each state run, built on first use (most states never read it). */
const contexts = new WeakMap<StateRun, ContextObject>();

const buildContext = (run: StateRun): ContextObject => {
  const execution = run.frame.execution;
  const context: ContextObject = {
    Execution: {
      Id: execution.executionArn,
      Input: execution.input,
      Name: execution.executionName,
      RoleArn: execution.roleArn,
      StartTime: execution.startTime.toISOString(),
      RedriveCount: execution.redriveCount,
    },
    State: { EnteredTime: run.enteredTime.toISOString(), Name: run.name, RetryCount: run.retryCount },
    StateMachine: { Id: execution.stateMachineArn, Name: execution.stateMachineName },
  };
  if (run.taskToken !== undefined) context.Task = { Token: run.taskToken };
  return context;
};

/**
 * The context object for a state (and, in a Map's ItemSelector, for one item). One object per state run, shared
 * by every expression of the run, as values are never changed in place; it is built again only when a
 * `.waitForTaskToken` task has minted its token since.
 *
 * @example
 * const context = contextObject(run); // context.State.Name === run.name
 */
const contextObject = (run: StateRun, mapItem?: MapItemContext): ContextObject => {
  let context = contexts.get(run);
  if (context === undefined || context.Task?.Token !== run.taskToken) {
    context = buildContext(run);
    contexts.set(run, context);
  }
  return mapItem ? { ...context, Map: { Item: mapItem } } : context;
};

export { contextObject };
export type { ContextObject, EngineRuntime, ExecutionRuntime, Frame, MapItemContext, StateListRunner, StateRun };
