/**
 * Task (spec: "Task State"; AWS service integrations): resolves the Resource to an integration, evaluates
 * Parameters/Arguments, invokes it within TimeoutSeconds (and HeartbeatSeconds for callback tasks), and records the
 * task events as Step Functions does:
 *
 * - a service integration: TaskScheduled → TaskStarted → [TaskSubmitted] → TaskSucceeded | TaskFailed | TaskTimedOut;
 * - a plain Lambda function ARN: LambdaFunctionScheduled → LambdaFunctionStarted → LambdaFunctionSucceeded |
 *   LambdaFunctionFailed | LambdaFunctionTimedOut.
 *
 * `.waitForTaskToken`: the token is minted before Parameters/Arguments are evaluated (so `$$.Task.Token` can be
 * passed on), the integration is invoked (its response recorded as TaskSubmitted), and the task then waits for
 * SendTaskSuccess/SendTaskFailure, unless the integration says it `completesCallback` (mocks). Credentials are
 * accepted and ignored: there is no IAM role to assume locally.
 */
import { deepClone } from '../clone';
import { DEFAULT_TASK_TIMEOUT_SECONDS } from '../constants';
import { StatesError, StatesErrorNames, toStatesError } from '../errors';
import { toEventJson } from '../history';
import { applyInputPath, effectiveInput, fieldValue, stateOutput } from '../io';
import type { ParsedResource, ServiceIntegration, TaskPattern, TaskRequest } from '../integrations/types';
import { assertPayloadSize } from '../payload';
import type { StateRun } from '../runtime';
import type { TaskState } from '../types';
import { invalidFieldValue, positiveInteger } from './fieldErrors';
import type { StateExecutor } from './types';

/** AWS: TimeoutSeconds and HeartbeatSeconds take 1 to 99999999. */
const MAX_TASK_SECONDS = 99_999_999;

const PATTERN_SUFFIX: Record<TaskPattern, string> = {
  requestResponse: '',
  sync: '.sync',
  'sync:2': '.sync:2',
  waitForTaskToken: '.waitForTaskToken',
};

/** The names TaskScheduled & co. use: `resourceType` is the service, `resource` the action with its pattern. */
const eventResource = (resource: Extract<ParsedResource, { kind: 'service' }>): { resourceType: string; resource: string } => ({
  resourceType: resource.service,
  resource: `${resource.action}${PATTERN_SUFFIX[resource.pattern]}`,
});

type Limits = { timeoutSeconds: number; heartbeatSeconds?: number; timeoutSet: boolean };

const resolveLimits = async (run: StateRun<TaskState>): Promise<Limits> => {
  const { state } = run;
  const pathInput = state.TimeoutSecondsPath !== undefined || state.HeartbeatSecondsPath !== undefined ? applyInputPath(run) : undefined;
  let timeoutSeconds = DEFAULT_TASK_TIMEOUT_SECONDS;
  const timeoutSet = state.TimeoutSeconds !== undefined || state.TimeoutSecondsPath !== undefined;
  if (timeoutSet) {
    const value = await fieldValue(run, { field: 'TimeoutSeconds', value: state.TimeoutSeconds, path: state.TimeoutSecondsPath, pathInput });
    timeoutSeconds = positiveInteger(run, state.TimeoutSecondsPath === undefined ? 'TimeoutSeconds' : 'TimeoutSecondsPath', value, { max: MAX_TASK_SECONDS });
  }
  let heartbeatSeconds: number | undefined;
  if (state.HeartbeatSeconds !== undefined || state.HeartbeatSecondsPath !== undefined) {
    const value = await fieldValue(run, { field: 'HeartbeatSeconds', value: state.HeartbeatSeconds, path: state.HeartbeatSecondsPath, pathInput });
    const field = state.HeartbeatSecondsPath === undefined ? 'HeartbeatSeconds' : 'HeartbeatSecondsPath';
    heartbeatSeconds = positiveInteger(run, field, value, { max: MAX_TASK_SECONDS });
    if (heartbeatSeconds >= timeoutSeconds) {
      throw invalidFieldValue(run, field, `must be smaller than TimeoutSeconds (${timeoutSeconds})`, heartbeatSeconds);
    }
  }
  return { timeoutSeconds, heartbeatSeconds, timeoutSet };
};

/** A promise that rejects with `error` after `seconds`, and never settles once `signal` aborts. */
const deadline = (run: StateRun, seconds: number, signal: AbortSignal, error: () => StatesError): Promise<never> =>
  run.frame.execution.engine.timers.deadlineSeconds(seconds, signal).then(
    () => Promise.reject(error()),
    () => new Promise<never>(() => undefined),
  );

/**
 * Rejects with the signal's reason when it aborts (the execution stopped, or a sibling branch failed); `dispose`
 * removes the listener, so long executions do not pile listeners up on a shared signal.
 */
const aborted = (signal: AbortSignal): { promise: Promise<never>; dispose(): void } => {
  let listener: (() => void) | undefined;
  const promise = new Promise<never>((_, reject) => {
    if (signal.aborted) reject(signal.reason);
    else {
      listener = () => reject(signal.reason);
      signal.addEventListener('abort', listener, { once: true });
    }
  });
  return { promise, dispose: () => listener && signal.removeEventListener('abort', listener) };
};

type Invocation = {
  run: StateRun<TaskState>;
  integration: ServiceIntegration;
  request: TaskRequest;
  pattern: TaskPattern;
  limits: Limits;
  recordSubmitted(output: unknown): void;
};

/**
 * Invokes the integration and, for callback tasks, waits for the token; races both against TimeoutSeconds,
 * HeartbeatSeconds and the frame's abort signal. The attempt's own signal is aborted afterwards in every case, so
 * the integration and the timers stop.
 */
const invoke = async ({ run, integration, request, pattern, limits, recordSubmitted }: Invocation, attempt: AbortController): Promise<unknown> => {
  const { tokens } = run.frame.execution.engine;
  const signal = request.signal;
  const stop = aborted(run.frame.signal);
  const racers: Promise<unknown>[] = [
    stop.promise,
    deadline(run, limits.timeoutSeconds, attempt.signal, () => new StatesError(StatesErrorNames.Timeout, `The task did not finish within ${limits.timeoutSeconds} seconds`)),
  ];
  const waitsForToken = pattern === 'waitForTaskToken' && !integration.completesCallback && run.taskToken !== undefined;
  let heartbeat: AbortController | undefined;
  let rejectHeartbeat: ((error: StatesError) => void) | undefined;
  const armHeartbeat = (): void => {
    if (limits.heartbeatSeconds === undefined) return;
    heartbeat?.abort();
    heartbeat = new AbortController();
    const seconds = limits.heartbeatSeconds;
    deadline(run, seconds, AbortSignal.any([attempt.signal, heartbeat.signal]), () => new StatesError(StatesErrorNames.HeartbeatTimeout, `No heartbeat was received within ${seconds} seconds`)).catch((error: StatesError) => rejectHeartbeat?.(error));
  };
  if (waitsForToken && limits.heartbeatSeconds !== undefined) {
    racers.push(new Promise<never>((_, reject) => (rejectHeartbeat = reject)));
  }
  const work = (async () => {
    if (!waitsForToken) return integration.invoke(request);
    const submitted = await integration.invoke(request);
    recordSubmitted(submitted);
    armHeartbeat();
    return tokens.wait(run.taskToken as string, signal, armHeartbeat);
  })();
  racers.push(work);
  try {
    return await Promise.race(racers);
  } finally {
    stop.dispose();
    attempt.abort(new StatesError(StatesErrorNames.Timeout, 'The task attempt ended'));
    work.catch(() => undefined);
  }
};

/**
 * Runs one attempt of a Task state (the interpreter calls it again for each retry, so each attempt mints its own
 * task token).
 */
const runTask: StateExecutor<TaskState> = async (run) => {
  const { state, frame } = run;
  const execution = frame.execution;
  const engine = execution.engine;
  const resource = engine.parseResource(state.Resource);
  if (resource.kind === 'activity') {
    throw new StatesError(StatesErrorNames.Runtime, `Activities are not supported by the local engine (state '${run.name}', resource '${resource.arn}')`);
  }
  const pattern: TaskPattern = resource.kind === 'service' ? resource.pattern : 'requestResponse';
  const limits = await resolveLimits(run);
  if (pattern === 'waitForTaskToken') run.taskToken = engine.tokens.mint(execution.executionArn, run.name);
  try {
    return await runAttempt(run, resource, pattern, limits);
  } finally {
    if (run.taskToken !== undefined) engine.tokens.close(run.taskToken);
  }
};

const runAttempt = async (
  run: StateRun<TaskState>,
  resource: Exclude<ParsedResource, { kind: 'activity' }>,
  pattern: TaskPattern,
  limits: Limits,
): Promise<Awaited<ReturnType<StateExecutor>>> => {
  const { frame } = run;
  const execution = frame.execution;
  const engine = execution.engine;
  const args = await effectiveInput(run, { parameters: true });
  assertPayloadSize(args, 'taskInput', run.name);
  const integration = engine.integrations.resolve(resource, run.name, execution.executionArn);
  if (!integration) {
    throw new StatesError(StatesErrorNames.Runtime, `No service integration handles the resource '${resource.arn}' of state '${run.name}'`);
  }
  const lambda = resource.kind === 'lambda-function';
  const names = resource.kind === 'service' ? eventResource(resource) : undefined;
  if (lambda) {
    frame.thread.add('LambdaFunctionScheduled', {
      resource: resource.arn,
      input: toEventJson(args),
      inputDetails: { truncated: false },
      ...(limits.timeoutSet ? { timeoutInSeconds: limits.timeoutSeconds } : {}),
    });
    frame.thread.add('LambdaFunctionStarted');
  } else {
    frame.thread.add('TaskScheduled', {
      ...names,
      region: engine.arnParts.region,
      parameters: toEventJson(args),
      ...(limits.timeoutSet ? { timeoutInSeconds: limits.timeoutSeconds } : {}),
      ...(limits.heartbeatSeconds !== undefined ? { heartbeatInSeconds: limits.heartbeatSeconds } : {}),
    });
    frame.thread.add('TaskStarted', names);
  }
  const attempt = new AbortController();
  let submitted = false;
  const recordSubmitted = (output: unknown): void => {
    if (submitted || lambda) return;
    submitted = true;
    frame.thread.add('TaskSubmitted', { ...names, output: toEventJson(output), outputDetails: { truncated: false } });
  };
  const request: TaskRequest = {
    resource,
    // The integration gets a copy: the arguments share parts with state data and variables, and an integration
    // (an SDK middleware, an in-process handler) may change what it is given.
    arguments: deepClone(args),
    signal: AbortSignal.any([frame.signal, attempt.signal]),
    context: {
      executionArn: execution.executionArn,
      executionName: execution.executionName,
      stateMachineArn: execution.stateMachineArn,
      stateName: run.name,
      retryCount: run.retryCount,
      region: engine.arnParts.region,
      accountId: engine.arnParts.accountId,
      ...(run.taskToken !== undefined ? { taskToken: run.taskToken } : {}),
    },
    engine: engine.services,
    reportSubmitted: recordSubmitted,
  };
  let result: unknown;
  try {
    // A copy, as for the arguments: the engine shares and memoises values it never changes (see jsonText.ts), and an
    // integration may keep and change the object it returned.
    result = deepClone(await invoke({ run, integration, request, pattern, limits, recordSubmitted }, attempt));
    if (result === undefined) result = null;
    assertPayloadSize(result, 'taskResult', run.name);
  } catch (thrown) {
    if (frame.signal.aborted) throw thrown;
    const error = toStatesError(thrown, StatesErrorNames.TaskFailed);
    const timedOut = error.error === StatesErrorNames.Timeout || error.error === StatesErrorNames.HeartbeatTimeout;
    if (timedOut && run.taskToken !== undefined) engine.tokens.close(run.taskToken, 'timedOut');
    const details = { error: error.error, cause: error.cause };
    if (lambda) frame.thread.add(timedOut ? 'LambdaFunctionTimedOut' : 'LambdaFunctionFailed', details);
    else frame.thread.add(timedOut ? 'TaskTimedOut' : 'TaskFailed', { ...names, ...details });
    throw error;
  }
  const output = { output: toEventJson(result), outputDetails: { truncated: false } };
  if (lambda) frame.thread.add('LambdaFunctionSucceeded', output);
  else frame.thread.add('TaskSucceeded', { ...names, ...output });
  const { output: stateResult, assigned } = await stateOutput(run, result, { hasResult: true });
  return { output: stateResult, assigned, next: run.state.Next };
};

export { runTask };
