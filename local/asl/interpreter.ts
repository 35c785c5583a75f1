/**
 * The interpreter: runs a list of states (an execution, a Parallel branch, a Map iteration) from StartAt to its
 * end, dispatching each state to the executor of its Type through a table.
 *
 * For every state it: records `<Type>StateEntered`, takes the variables as they are on entry, runs the executor,
 * applies Retry (per-retrier attempt counts, backoff, MaxDelaySeconds, jitter) and Catch, checks the output size,
 * assigns the variables and records `<Type>StateExited` with the assigned variables. A state cut short by a failing
 * sibling (another branch of its Parallel, another iteration of its Map) records `<Type>StateAborted` (the four
 * state types that can be in flight: Task, Wait, Map, Parallel), linked to the event that failed; a stop or an
 * execution timeout records none (Step Functions closes the execution at once: ExecutionAborted follows
 * WaitStateEntered).
 *
 * A state's input is handed on as it is, not copied: no code of the engine changes a value in place (I/O processing,
 * intrinsics and JSONata build new values, sharing the parts they leave alone), so states can share data safely.
 * What crosses to or from an integration is copied at the boundary: a Task's arguments and its result.
 */
import type { HistoryEventType } from '@aws-sdk/client-sfn';
import { BranchFailedError, ContainerFailedError, ExecutionInterruptedError, StatesError, StatesErrorNames, toStatesError } from './errors';
import { findCatcher, findRetrier, maxAttempts, retryDelaySeconds } from './errorHandling';
import { NOT_TRUNCATED, toEventJson } from './history';
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

type Phase = 'Entered' | 'Exited' | 'Aborted';

/** `PassStateEntered` & co., made once: a fresh string per event would be hashed again on every lookup. */
const EVENT_TYPES = Object.fromEntries(
  Object.keys(EXECUTORS).map((type) => [type, { Entered: `${type}StateEntered`, Exited: `${type}StateExited`, Aborted: `${type}StateAborted` }]),
) as Record<StateType, Record<Phase, HistoryEventType>>;

const eventType = (type: StateType, phase: Phase): HistoryEventType => EVENT_TYPES[type][phase];

/** Records the end of a state: checks the output size, assigns the variables, records the Exited event. */
const finishState = (run: StateRun, outcome: StateOutcome): StateOutcome => {
  const { frame } = run;
  assertPayloadSize(outcome.output, 'stateOutput', run.name);
  const details: Record<string, unknown> = { name: run.name, output: toEventJson(outcome.output), outputDetails: NOT_TRUNCATED };
  if (outcome.assigned !== undefined) {
    frame.variables.assign(outcome.assigned, run.name);
    details.assignedVariables = Object.fromEntries(Object.entries(outcome.assigned).map(([name, value]) => [name, toEventJson(value)]));
    details.assignedVariablesDetails = NOT_TRUNCATED;
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

/**
 * Unwinds an aborted state: its Aborted event when a failing sibling stopped it (linked to the event that failed),
 * then the abort reason.
 */
const abortState = (run: StateRun): never => {
  const reason: unknown = run.frame.signal.reason;
  if (ABORTABLE.has(run.state.Type) && reason instanceof ExecutionInterruptedError && reason.kind === 'siblingFailed') {
    run.frame.thread.addCausedBy(eventType(run.state.Type, 'Aborted'), reason.causeEventId ?? run.frame.thread.lastId);
  }
  throw reason;
};

/** One attempt of a state: its executor, then its end; synchronous when the executor is. */
const attempt = (run: StateRun): StateOutcome | Promise<StateOutcome> => {
  assertPayloadSize(run.input, 'stateInput', run.name);
  const outcome = (EXECUTORS[run.state.Type] as StateExecutor)(run);
  return outcome instanceof Promise ? outcome.then((value) => finishState(run, value)) : finishState(run, outcome);
};

/** The state's Entered event, and the event that caused it (EvaluationFailed events may link to that cause). */
type Entered = { id: number; cause: number };

/**
 * Records an EvaluationFailed event. An expression that fails while the state is being entered (Arguments, Items,
 * the Output of a Pass: nothing recorded since Entered) links it to the cause of the Entered event, as Step
 * Functions does; a Wait's Seconds or Timestamp, and anything after the state's own events, link to the latest.
 */
const recordEvaluationFailed = (run: StateRun, entered: Entered, error: StatesError): void => {
  const details = { error: error.error, cause: error.cause, state: run.name };
  const { thread } = run.frame;
  if (run.state.Type !== 'Wait' && thread.lastId === entered.id) thread.addCausedBy('EvaluationFailed', entered.cause, details);
  else thread.add('EvaluationFailed', details);
};

/**
 * After a failed attempt: the next attempts the matching retrier allows (each retrier counts its own), then the
 * matching catcher, else the error goes on. A Parallel or Map attempt's closing `…StateFailed` event is recorded
 * only when no retrier takes the error.
 */
const recover = async (failed: StateRun, entered: Entered, firstError: unknown): Promise<StateOutcome> => {
  const { name, state, frame } = failed;
  const engine = frame.execution.engine;
  const retriers = 'Retry' in state ? state.Retry : undefined;
  const catchers = 'Catch' in state ? state.Catch : undefined;
  const retries = new Map<number, number>();
  let run = failed;
  let thrown = firstError;
  for (;;) {
    if (frame.signal.aborted) return abortState(run);
    const closingEvent = thrown instanceof ContainerFailedError ? thrown.closingEvent : undefined;
    const raw = thrown instanceof ContainerFailedError ? thrown.failure : thrown;
    const error = raw instanceof BranchFailedError ? raw : locateError(toStatesError(raw), name, entered.id);
    if (error.error === StatesErrorNames.QueryEvaluationError) recordEvaluationFailed(run, entered, error);
    const match = findRetrier(retriers, error);
    const used = match ? (retries.get(match.index) ?? 0) : 0;
    if (match && used < maxAttempts(match.retrier)) {
      retries.set(match.index, used + 1);
      try {
        await engine.timers.sleepSeconds(retryDelaySeconds(match.retrier, used, engine.random), frame.signal);
      } catch {
        return abortState(run);
      }
      // A fresh run per attempt: its own retry count, and no task token of the attempt before.
      run = { name, state, frame, input: run.input, language: run.language, enteredTime: run.enteredTime, retryCount: run.retryCount + 1, variables: run.variables };
      try {
        return await attempt(run);
      } catch (next) {
        thrown = next;
        continue;
      }
    }
    if (closingEvent !== undefined) frame.thread.add(closingEvent);
    const catcher = findCatcher(catchers, error);
    if (!catcher) {
      // A Task left by an uncaught error is still open: the Parallel or Map around it records its TaskStateAborted.
      if (state.Type === 'Task') frame.thread.unclosedState = eventType('Task', 'Aborted');
      throw error;
    }
    const caught = await catchOutput(run, catcher, error.toErrorOutput());
    return finishState(run, { output: caught.output, assigned: caught.assigned, next: catcher.Next });
  }
};

/**
 * Runs one state to its outcome, with Retry and Catch. A state whose executor is synchronous and succeeds at once
 * (a JSONPath Pass, Choice, Succeed) gives its outcome directly rather than a promise of it.
 *
 * @example
 * const { output, next } = await runState('Load customer', definition.States['Load customer'], input, frame);
 */
const runState = (name: string, state: StateDefinition, input: unknown, frame: Frame): StateOutcome | Promise<StateOutcome> => {
  if (frame.signal.aborted) throw frame.signal.reason;
  const execution = frame.execution;
  // One moment for the Entered event and `$$.State.EnteredTime`.
  const enteredTime = execution.engine.timers.clock.now();
  const enteredCause = frame.thread.lastId;
  const enteredId = frame.thread.add(eventType(state.Type, 'Entered'), { name, input: toEventJson(input), inputDetails: NOT_TRUNCATED }, enteredTime);
  const run: StateRun = {
    name,
    state,
    frame,
    input,
    language: state.QueryLanguage ?? execution.queryLanguage,
    enteredTime,
    retryCount: 0,
    variables: frame.variables.snapshot(),
  };
  let outcome: StateOutcome | Promise<StateOutcome>;
  try {
    outcome = attempt(run);
  } catch (thrown) {
    return recover(run, { id: enteredId, cause: enteredCause }, thrown);
  }
  return outcome instanceof Promise ? outcome.catch((thrown: unknown) => recover(run, { id: enteredId, cause: enteredCause }, thrown)) : outcome;
};

/**
 * States run back to back without a promise (a chain of JSONPath Pass states) would keep the event loop from
 * timers and I/O, and so from StopExecution, execution timeouts and other executions: after this many, the
 * interpreter lets the event loop turn.
 */
const TRANSITIONS_PER_TURN = 1000;
let transitionsSinceTurn = 0;

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

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
    let outcome = runState(name, state, value, frame);
    if (outcome instanceof Promise) outcome = await outcome;
    else if (++transitionsSinceTurn >= TRANSITIONS_PER_TURN) {
      transitionsSinceTurn = 0;
      await nextTurn();
    }
    if (outcome.next === undefined) return outcome.output;
    name = outcome.next;
    value = outcome.output;
  }
};

export { runState, runStates };
