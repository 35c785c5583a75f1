/**
 * `.waitForTaskToken` tasks: the token in `$$.Task.Token` / `$states.context.Task.Token`, SendTaskSuccess,
 * SendTaskFailure, SendTaskHeartbeat with HeartbeatSeconds, and the API errors for tokens that are not (or no
 * longer) usable.
 */
import { ApiError } from '../../local/asl';
import type { TaskRequest } from '../../local/asl/integrations/types';
import { createMachine, eventTypes, eventually, integration, testEngine } from './helpers/engine';

const CALLBACK = 'arn:aws:states:::sqs:sendMessage.waitForTaskToken';

const callbackMachine = (extra: Record<string, unknown> = {}) => ({
  QueryLanguage: 'JSONata',
  StartAt: 'Wait for approval',
  States: {
    'Wait for approval': {
      Type: 'Task',
      Resource: CALLBACK,
      Arguments: { QueueUrl: 'q', MessageBody: { token: '{% $states.context.Task.Token %}', id: '{% $states.input.id %}' } },
      End: true,
      ...extra,
    },
  },
});

/** An integration that records each request and answers like SQS SendMessage. */
const recordingQueue = () => {
  const requests: TaskRequest[] = [];
  return { requests, handler: integration(async (request) => (requests.push(request), { MessageId: `m-${requests.length}` })) };
};

describe('Feature: .waitForTaskToken', () => {
  it('passes the minted token to the integration and completes with SendTaskSuccess output', async () => {
    // Prepare
    const queue = recordingQueue();
    const engine = testEngine({ 'Wait for approval': queue.handler });
    const stateMachineArn = await createMachine(engine, callbackMachine());

    // Act
    const { executionArn } = await engine.startExecution({ stateMachineArn, input: '{"id":"r1"}' });
    await eventually(() => queue.requests.length === 1);
    const request = queue.requests[0];
    const token = request.context.taskToken as string;
    await engine.sendTaskSuccess({ taskToken: token, output: '{"approved":true}' });
    const result = await engine.waitForExecution(executionArn);

    // Assess
    expect(request.arguments).toEqual({ QueueUrl: 'q', MessageBody: { token, id: 'r1' } });
    expect(result.status).toBe('SUCCEEDED');
    expect(JSON.parse(result.output as string)).toEqual({ approved: true });
    expect(await eventTypes(engine, executionArn)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskSubmitted',
      'TaskSucceeded',
      'TaskStateExited',
      'ExecutionSucceeded',
    ]);
  });

  it('fails the task with the error and cause of SendTaskFailure, which a Catch can take', async () => {
    // Prepare
    const queue = recordingQueue();
    const engine = testEngine({ 'Wait for approval': queue.handler });
    const definition = callbackMachine({
      End: undefined,
      Next: 'Done',
      Catch: [{ ErrorEquals: ['Rejected'], Output: '{% $states.errorOutput %}', Next: 'Done' }],
    });
    (definition.States as Record<string, unknown>).Done = { Type: 'Succeed' };
    const stateMachineArn = await createMachine(engine, definition);

    // Act
    const { executionArn } = await engine.startExecution({ stateMachineArn, input: '{"id":"r2"}' });
    await eventually(() => queue.requests.length === 1);
    await engine.sendTaskFailure({ taskToken: queue.requests[0].context.taskToken as string, error: 'Rejected', cause: 'not today' });
    const result = await engine.waitForExecution(executionArn);

    // Assess
    expect(result.status).toBe('SUCCEEDED');
    expect(JSON.parse(result.output as string)).toEqual({ Error: 'Rejected', Cause: 'not today' });
  });

  it('exposes the token as $$.Task.Token in JSONPath Parameters', async () => {
    // Prepare
    const queue = recordingQueue();
    const engine = testEngine({ Notify: queue.handler });
    const stateMachineArn = await createMachine(engine, {
      StartAt: 'Notify',
      States: { Notify: { Type: 'Task', Resource: CALLBACK, Parameters: { 'token.$': '$$.Task.Token' }, End: true } },
    });

    // Act
    const { executionArn } = await engine.startExecution({ stateMachineArn });
    await eventually(() => queue.requests.length === 1);
    const token = queue.requests[0].context.taskToken as string;
    await engine.sendTaskSuccess({ taskToken: token, output: '"done"' });
    await engine.waitForExecution(executionArn);

    // Assess
    expect(queue.requests[0].arguments).toEqual({ token });
  });

  it('keeps a task with HeartbeatSeconds alive while heartbeats arrive', async () => {
    // Prepare
    const queue = recordingQueue();
    const engine = testEngine({ 'Wait for approval': queue.handler }, { timeScale: 0.01 });
    const stateMachineArn = await createMachine(engine, callbackMachine({ HeartbeatSeconds: 10, TimeoutSeconds: 1000 }));

    // Act
    const { executionArn } = await engine.startExecution({ stateMachineArn, input: '{"id":"r3"}' });
    await eventually(() => queue.requests.length === 1);
    const token = queue.requests[0].context.taskToken as string;
    // 20 heartbeats about 10 ms apart span more than twice the 100 ms heartbeat window.
    for (let beat = 0; beat < 20; beat += 1) {
      await engine.sendTaskHeartbeat({ taskToken: token });
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await engine.sendTaskSuccess({ taskToken: token, output: '{}' });
    const result = await engine.waitForExecution(executionArn);

    // Assess
    expect(result.status).toBe('SUCCEEDED');
  });

  it('fails with States.HeartbeatTimeout when no heartbeat arrives in time, and the token is then timed out', async () => {
    // Prepare
    const queue = recordingQueue();
    const engine = testEngine({ 'Wait for approval': queue.handler }, { timeScale: 0.005 });
    const stateMachineArn = await createMachine(engine, callbackMachine({ HeartbeatSeconds: 2, TimeoutSeconds: 1000 }));

    // Act
    const { executionArn } = await engine.startExecution({ stateMachineArn, input: '{"id":"r4"}' });
    const result = await engine.waitForExecution(executionArn);
    const late = engine.sendTaskSuccess({ taskToken: queue.requests[0].context.taskToken as string, output: '{}' });

    // Assess
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.HeartbeatTimeout' });
    expect(await eventTypes(engine, executionArn)).toContain('TaskTimedOut');
    await expect(late).rejects.toMatchObject({ name: 'TaskTimedOut' });
  });

  it('reads the heartbeat from HeartbeatSecondsPath (JSONPath) and times out without heartbeats', async () => {
    // Prepare
    const queue = recordingQueue();
    const engine = testEngine({ Notify: queue.handler }, { timeScale: 0.005 });
    const stateMachineArn = await createMachine(engine, {
      StartAt: 'Notify',
      States: { Notify: { Type: 'Task', Resource: CALLBACK, Parameters: { 'token.$': '$$.Task.Token' }, HeartbeatSecondsPath: '$.beat', TimeoutSeconds: 600, End: true } },
    });

    // Act
    const { executionArn } = await engine.startExecution({ stateMachineArn, input: '{"beat":2}' });
    const result = await engine.waitForExecution(executionArn);
    const { events } = await engine.getExecutionHistory({ executionArn });

    // Assess
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.HeartbeatTimeout' });
    expect(events?.find((event) => event.type === 'TaskScheduled')?.taskScheduledEventDetails).toMatchObject({ heartbeatInSeconds: 2, timeoutInSeconds: 600, resourceType: 'sqs', resource: 'sendMessage.waitForTaskToken' });
  });

  it('reads HeartbeatSeconds and TimeoutSeconds from JSONata expressions and times out without heartbeats', async () => {
    // Prepare
    const queue = recordingQueue();
    const engine = testEngine({ 'Wait for approval': queue.handler }, { timeScale: 0.005 });
    const stateMachineArn = await createMachine(engine, callbackMachine({ HeartbeatSeconds: '{% $states.input.beat %}', TimeoutSeconds: '{% $states.input.beat * 300 %}' }));

    // Act
    const { executionArn } = await engine.startExecution({ stateMachineArn, input: '{"id":"a-1","beat":2}' });
    const result = await engine.waitForExecution(executionArn);
    const { events } = await engine.getExecutionHistory({ executionArn });

    // Assess
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.HeartbeatTimeout' });
    expect(events?.find((event) => event.type === 'TaskScheduled')?.taskScheduledEventDetails).toMatchObject({ heartbeatInSeconds: 2, timeoutInSeconds: 600 });
  });

  it.each([
    ['a string that is no token', 'InvalidToken', 'not-a-token'],
    ['a well-formed token the engine never issued', 'TaskDoesNotExist', Buffer.from(JSON.stringify({ v: 1, id: 'x', e: 'arn' })).toString('base64url')],
  ])('answers SendTaskSuccess with %s as %s', async (_what, name, token) => {
    // Prepare
    const engine = testEngine();

    // Act
    const call = engine.sendTaskSuccess({ taskToken: token, output: '{}' });

    // Assess
    await expect(call).rejects.toBeInstanceOf(ApiError);
    await expect(call).rejects.toMatchObject({ name });
  });

  it('refuses output that is not JSON with InvalidOutput and a finished token with TaskDoesNotExist', async () => {
    // Prepare
    const queue = recordingQueue();
    const engine = testEngine({ 'Wait for approval': queue.handler });
    const stateMachineArn = await createMachine(engine, callbackMachine());
    const { executionArn } = await engine.startExecution({ stateMachineArn, input: '{"id":"r5"}' });
    await eventually(() => queue.requests.length === 1);
    const token = queue.requests[0].context.taskToken as string;

    // Act
    const notJson = engine.sendTaskSuccess({ taskToken: token, output: '{oops' });
    await expect(notJson).rejects.toMatchObject({ name: 'InvalidOutput' });
    await engine.sendTaskSuccess({ taskToken: token, output: '1' });
    await engine.waitForExecution(executionArn);
    const again = engine.sendTaskFailure({ taskToken: token, error: 'Late' });

    // Assess
    await expect(again).rejects.toMatchObject({ name: 'TaskDoesNotExist' });
  });

  it('takes the integration result as final when the integration completes the callback itself (mocks)', async () => {
    // Prepare
    const engine = testEngine({ 'Wait for approval': integration(async () => ({ mocked: true }), true) });
    const stateMachineArn = await createMachine(engine, callbackMachine());

    // Act
    const { executionArn } = await engine.startExecution({ stateMachineArn, input: '{"id":"r6"}' });
    const result = await engine.waitForExecution(executionArn);

    // Assess
    expect(JSON.parse(result.output as string)).toEqual({ mocked: true });
  });
});
