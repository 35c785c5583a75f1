/**
 * The interpreter: runs a list of states (an execution, a Parallel branch, a Map iteration) from StartAt to its
 * end, dispatching each state to the executor of its Type through a table.
 *
 * For every state it: deep-clones the input (no state can change another's data), records `<Type>StateEntered`,
 * takes the variables as they are on entry, runs the executor, applies Retry (per-retrier attempt counts, backoff,
 * MaxDelaySeconds, jitter) and Catch, checks the output size, assigns the variables and records
 * `<Type>StateExited` with the assigned variables. A state cut short by a stop, a timeout or a failing sibling
 * records `<Type>StateAborted` (the four state types that can be in flight: Task, Wait, Map, Parallel).
 */
import type { HistoryEventType } from '@aws-sdk/client-sfn';
import { deepClone } from './clone';
import { BranchFailedError, StatesError, StatesErrorNames, toStatesError } from './errors';
import { findCatcher, findRetrier, maxAttempts, retryDelaySeconds } from './errorHandling';
import { toEventJson } from './history';
import { catchOutput } from './io';
import { assertPayloadSize } from './payload';
import type { Frame, StateListRunner, StateRun } from './runtime';
import { runChoice } from './states/choice';
import { runFail } from './states/fail';
import { runMap } from './states/map';
import { runParallel } from './states/parallel';
import { runPass } from './states/pass';
import { runSucceed } from './states/succeed';
import { runTask } from './states/task';
import type { StateExecutor, StateOutcome } from './states/types';
import { runWait } from './states/wait';
import type { StateDefinition, StateList, StateType } from './types';

/** One executor per state Type. */
const EXECUTORS: { readonly [T in StateType]: StateExecutor<Extract<StateDefinition, { Type: T }>> } = {
  Pass: runPass,
  Task: runTask,
  Choice: runChoice,
  Wait: runWait,
  Succeed: runSucceed,
  Fail: runFail,
  Parallel: runParallel,
  Map: runMap,
};

/** State types that can be cut short while running, and so have a `…StateAborted` event. */
const ABORTABLE: ReadonlySet<StateType> = new Set(['Task', 'Wait', 'Map', 'Parallel']);

const eventType = (type: StateType, suffix: 'Entered' | 'Exited' | 'Aborted'): HistoryEventType =>
  `${type}State${suffix}` as HistoryEventType;

/** Records the end of a state: checks the output size, assigns the variables, records the Exited event. */
const finishState = (run: StateRun, outcome: StateOutcome): StateOutcome => {
  const { frame } = run;
  assertPayloadSize(outcome.output, `the output of state '${run.name}'`);
  const details: Record<string, unknown> = { name: run.name, output: toEventJson(outcome.output), outputDetails: { truncated: false } };
  if (outcome.assigned !== undefined) {
    frame.variables.assign(outcome.assigned, run.name);
    details.assignedVariables = Object.fromEntries(Object.entries(outcome.assigned).map(([name, value]) => [name, toEventJson(value)]));
    details.assignedVariablesDetails = { truncated: false };
  }
  frame.thread.add(eventType(run.state.Type, 'Exited'), details);
  return outcome;
};

/** Errors of the engine's own evaluation, whose cause AWS prefixes with the state and its entered event. */
const EVALUATION_ERRORS: ReadonlySet<string> = new Set([
  StatesErrorNames.Runtime,
  StatesErrorNames.QueryEvaluationError,
  StatesErrorNames.IntrinsicFailure,
  StatesErrorNames.ResultPathMatchFailure,
]);

const CAUSE_PREFIX = 'An error occurred while executing the state';

/**
 * AWS reports evaluation errors as "An error occurred while executing the state 'X' (entered at the event id #2).
 * …": the same prefix here, added once (an error that already has it came from a nested state).
 */
const locateError = (error: StatesError, name: string, enteredEventId: number): StatesError => {
  if (!EVALUATION_ERRORS.has(error.error) || error.cause.startsWith(CAUSE_PREFIX)) return error;
  return new StatesError(error.error, `${CAUSE_PREFIX} '${name}' (entered at the event id #${enteredEventId}). ${error.cause}`, { origin: error });
};

/** Unwinds an aborted state: its Aborted event, then the abort reason. */
const abortState = (run: StateRun): never => {
  if (ABORTABLE.has(run.state.Type)) run.frame.thread.add(eventType(run.state.Type, 'Aborted'));
  throw run.frame.signal.reason;
};

/**
 * Runs one state to its outcome, with Retry and Catch.
 *
 * @example
 * const { output, next } = await runState('Load customer', definition.States['Load customer'], input, frame);
 */
const runState = async (name: string, state: StateDefinition, rawInput: unknown, frame: Frame): Promise<StateOutcome> => {
  if (frame.signal.aborted) throw frame.signal.reason;
  const execution = frame.execution;
  const engine = execution.engine;
  const input = deepClone(rawInput);
  const enteredTime = engine.timers.clock.now();
  const enteredEventId = frame.thread.add(eventType(state.Type, 'Entered'), { name, input: toEventJson(input), inputDetails: { truncated: false } });
  const variables = frame.variables.snapshot();
  const retries = new Map<number, number>();
  const retriers = 'Retry' in state ? state.Retry : undefined;
  const catchers = 'Catch' in state ? state.Catch : undefined;
  let retryCount = 0;
  for (;;) {
    const run: StateRun = {
      name,
      state,
      frame,
      input,
      language: state.QueryLanguage ?? execution.queryLanguage,
      enteredTime,
      retryCount,
      variables,
    };
    let error: StatesError;
    try {
      assertPayloadSize(input, `the input to state '${name}'`);
      const executor = EXECUTORS[state.Type] as StateExecutor;
      return finishState(run, await executor(run));
    } catch (thrown) {
      if (frame.signal.aborted) return abortState(run);
      error = thrown instanceof BranchFailedError ? thrown : locateError(toStatesError(thrown), name, enteredEventId);
    }
    if (error.error === StatesErrorNames.QueryEvaluationError) {
      frame.thread.add('EvaluationFailed', { error: error.error, cause: error.cause, state: name });
    }
    const match = findRetrier(retriers, error);
    if (match) {
      const used = retries.get(match.index) ?? 0;
      if (used < maxAttempts(match.retrier)) {
        retries.set(match.index, used + 1);
        try {
          await engine.timers.sleepSeconds(retryDelaySeconds(match.retrier, used, engine.random), frame.signal);
        } catch {
          return abortState(run);
        }
        retryCount += 1;
        continue;
      }
    }
    const catcher = findCatcher(catchers, error);
    if (!catcher) throw error;
    const caught = await catchOutput(run, catcher, error.toErrorOutput());
    return finishState(run, { output: caught.output, assigned: caught.assigned, next: catcher.Next });
  }
};

/**
 * Runs a list of states from StartAt until a state ends it; resolves with the last output, rejects with the
 * StatesError of a Fail state or an unhandled error, or with the abort reason.
 *
 * @example
 * const output = await runStates(definition, input, { execution, variables: VariableScope.root(), thread, signal });
 */
const runStates: StateListRunner = async (list: StateList, input: unknown, frame: Frame) => {
  let name = list.StartAt;
  let value = input;
  for (;;) {
    const state = list.States[name];
    if (!state) throw new StatesError(StatesErrorNames.Runtime, `The state '${name}' does not exist`);
    const outcome = await runState(name, state, value, frame);
    if (outcome.next === undefined) return outcome.output;
    name = outcome.next;
    value = outcome.output;
  }
};

export { runState, runStates };
