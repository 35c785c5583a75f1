import type { DescribeExecutionOutput, StartExecutionInput } from '@aws-sdk/client-sfn';
import { ApiError } from '../../../../local/asl/api';
import { createStartExecutionIntegration } from '../../../../local/asl/integrations/states';
import type { EngineServices } from '../../../../local/asl/integrations/types';
import { EXECUTION_ARN, statesErrorOf, taskRequest } from './helpers';

const CHILD_MACHINE = 'arn:aws:states:us-east-1:123456789012:stateMachine:report';
const CHILD_EXECUTION = 'arn:aws:states:us-east-1:123456789012:execution:report:child-1';
const START_DATE = new Date('2024-01-02T03:04:05.000Z');
const STOP_DATE = new Date('2024-01-02T03:04:07.500Z');

type FakeEngine = EngineServices & {
  started: (StartExecutionInput & { parentExecutionArn?: string })[];
  stopped: { executionArn: string; error?: string; cause?: string }[];
};

/** An engine whose child executions end as `outcome` says (or never end, until the signal aborts). */
const fakeEngine = (outcome: Partial<DescribeExecutionOutput> | 'never' | Error): FakeEngine => {
  const started: FakeEngine['started'] = [];
  const stopped: FakeEngine['stopped'] = [];
  return {
    started,
    stopped,
    async startExecution(input) {
      started.push(input);
      if (outcome instanceof Error) throw outcome;
      return { executionArn: CHILD_EXECUTION, startDate: START_DATE };
    },
    awaitExecution(executionArn, signal) {
      if (outcome === 'never') {
        return new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(new Error('wait aborted'))));
      }
      return Promise.resolve({
        executionArn,
        stateMachineArn: CHILD_MACHINE,
        name: 'child-1',
        startDate: START_DATE,
        stopDate: STOP_DATE,
        input: '{"customerId":"c-1"}',
        inputDetails: { included: true },
        ...(outcome as Partial<DescribeExecutionOutput>),
      } as DescribeExecutionOutput);
    },
    async stopExecution(executionArn, error, cause) {
      stopped.push({ executionArn, ...(error === undefined ? {} : { error }), ...(cause === undefined ? {} : { cause }) });
    },
  };
};

const SUCCEEDED = { status: 'SUCCEEDED', output: '{"report":"s3://b/r.enc"}', outputDetails: { included: true } } as const;
const ARGS = { StateMachineArn: CHILD_MACHINE, Input: { customerId: 'c-1' }, Name: 'child-1' };

describe('Function: createStartExecutionIntegration()', () => {
  it('starts the child with the parent linked and returns ExecutionArn and StartDate (request-response)', async () => {
    // Prepare
    const engine = fakeEngine(SUCCEEDED);

    // Act
    const result = await createStartExecutionIntegration().invoke(
      taskRequest('arn:aws:states:::states:startExecution', ARGS, { engine }),
    );

    // Assess
    expect(engine.started).toEqual([
      { stateMachineArn: CHILD_MACHINE, input: '{"customerId":"c-1"}', name: 'child-1', parentExecutionArn: EXECUTION_ARN },
    ]);
    expect(Object.keys(result as object)).toEqual(['ExecutionArn', 'SdkHttpMetadata', 'SdkResponseMetadata', 'StartDate']);
    expect(result).toMatchObject({
      ExecutionArn: CHILD_EXECUTION,
      SdkHttpMetadata: { HttpStatusCode: 200, HttpHeaders: { 'Content-Type': 'application/x-amz-json-1.0' } },
      SdkResponseMetadata: { RequestId: expect.any(String) },
      StartDate: START_DATE.getTime(),
    });
  });

  it.each([
    [undefined, '{}'],
    ['{"raw":true}', '{"raw":true}'],
    [[1, 2], '[1,2]'],
  ])('sends the Input %j as %s', async (input, text) => {
    // Prepare
    const engine = fakeEngine(SUCCEEDED);

    // Act
    await createStartExecutionIntegration().invoke(
      taskRequest('arn:aws:states:::states:startExecution', { StateMachineArn: CHILD_MACHINE, ...(input === undefined ? {} : { Input: input }) }, { engine }),
    );

    // Assess
    expect(engine.started[0].input).toBe(text);
  });

  it('waits for the child with .sync and returns DescribeExecution with Output as JSON text', async () => {
    // Act
    const result = await createStartExecutionIntegration().invoke(
      taskRequest('arn:aws:states:::states:startExecution.sync', ARGS, { engine: fakeEngine(SUCCEEDED) }),
    );

    // Assess
    expect(result).toEqual({
      ExecutionArn: CHILD_EXECUTION,
      StateMachineArn: CHILD_MACHINE,
      Name: 'child-1',
      StartDate: START_DATE.getTime(),
      StopDate: STOP_DATE.getTime(),
      Input: '{"customerId":"c-1"}',
      InputDetails: { Included: true },
      Status: 'SUCCEEDED',
      Output: '{"report":"s3://b/r.enc"}',
      OutputDetails: { Included: true },
    });
    expect(Object.keys(result as object)).toEqual([
      'ExecutionArn',
      'Input',
      'InputDetails',
      'Name',
      'Output',
      'OutputDetails',
      'StartDate',
      'StateMachineArn',
      'Status',
      'StopDate',
    ]);
  });

  it('reports the StartExecution response as submitted before waiting with .sync', async () => {
    // Prepare
    const submitted: unknown[] = [];
    const request = {
      ...taskRequest('arn:aws:states:::states:startExecution.sync', ARGS, { engine: fakeEngine(SUCCEEDED) }),
      reportSubmitted: (response: unknown) => submitted.push(response),
    };

    // Act
    await createStartExecutionIntegration().invoke(request);

    // Assess
    expect(submitted).toEqual([expect.objectContaining({ ExecutionArn: CHILD_EXECUTION, StartDate: START_DATE.getTime() })]);
  });

  it('parses Input and Output as JSON with .sync:2', async () => {
    // Act
    const result = (await createStartExecutionIntegration().invoke(
      taskRequest('arn:aws:states:::states:startExecution.sync:2', ARGS, { engine: fakeEngine(SUCCEEDED) }),
    )) as Record<string, unknown>;

    // Assess
    expect(result.Output).toEqual({ report: 's3://b/r.enc' });
    expect(result.Input).toEqual({ customerId: 'c-1' });
    expect(result.Status).toBe('SUCCEEDED');
  });

  it.each(['FAILED', 'TIMED_OUT', 'ABORTED'])('fails with States.TaskFailed carrying the child %s as cause', async (status) => {
    // Prepare
    const engine = fakeEngine({ status: status as 'FAILED', error: 'CustomerNotEntitledError', cause: 'customer suspended' });

    // Act
    const error = await statesErrorOf(
      createStartExecutionIntegration().invoke(taskRequest('arn:aws:states:::states:startExecution.sync:2', ARGS, { engine })),
    );

    // Assess: DescribeExecution as JSON text, members in alphabetical order, as Step Functions writes it
    expect(error.error).toBe('States.TaskFailed');
    expect(error.cause).toBe(
      `{"Cause":"customer suspended","Error":"CustomerNotEntitledError","ExecutionArn":"${CHILD_EXECUTION}",` +
        `"Input":"{\\"customerId\\":\\"c-1\\"}","InputDetails":{"Included":true},"Name":"child-1",` +
        `"StartDate":${START_DATE.getTime()},"StateMachineArn":"${CHILD_MACHINE}","Status":"${status}",` +
        `"StopDate":${STOP_DATE.getTime()}}`,
    );
  });

  it('stops the .sync child when the parent is stopped, and rethrows the abort reason', async () => {
    // Prepare
    const engine = fakeEngine('never');
    const controller = new AbortController();
    const reason = new Error('execution stopped');
    const pending = createStartExecutionIntegration().invoke(
      taskRequest('arn:aws:states:::states:startExecution.sync', ARGS, { engine, signal: controller.signal, stateName: 'Run report' }),
    );
    await new Promise((resolve) => setImmediate(resolve));

    // Act
    controller.abort(reason);

    // Assess
    await expect(pending).rejects.toBe(reason);
    expect(engine.stopped).toEqual([
      { executionArn: CHILD_EXECUTION, cause: `The parent execution ${EXECUTION_ARN} stopped waiting in state 'Run report'` },
    ]);
  });

  it('returns at once for .waitForTaskToken (the engine waits for the token)', async () => {
    // Act
    const result = await createStartExecutionIntegration().invoke(
      taskRequest('arn:aws:states:::states:startExecution.waitForTaskToken', ARGS, { engine: fakeEngine('never') }),
    );

    // Assess
    expect(result).toMatchObject({ ExecutionArn: CHILD_EXECUTION, StartDate: START_DATE.getTime() });
  });

  it.each([
    ['ExecutionAlreadyExists', 'StepFunctions.ExecutionAlreadyExistsException'],
    ['StateMachineDoesNotExist', 'StepFunctions.StateMachineDoesNotExistException'],
    ['ValidationException', 'StepFunctions.ValidationException'],
  ])('reports the refused StartExecution %s as %s', async (name, expected) => {
    // Prepare
    const engine = fakeEngine(new ApiError(name, 'refused for the test'));

    // Act
    const error = await statesErrorOf(
      createStartExecutionIntegration().invoke(taskRequest('arn:aws:states:::states:startExecution.sync', ARGS, { engine })),
    );

    // Assess
    expect(error.error).toBe(expected);
    expect(error.cause).toMatch(new RegExp(`^refused for the test \\(Service: AWSStepFunctions; Status Code: 400; Error Code: ${name};`));
  });

  it.each([
    [{ Input: {} }, "The field 'StateMachineArn' of states:startExecution is required"],
    [{ StateMachineArn: CHILD_MACHINE, Name: 7 }, "The field 'Name' of states:startExecution must be a string"],
    [{ StateMachineArn: CHILD_MACHINE, TraceHeader: 'x' }, "The field 'TraceHeader' is not supported by Step Functions"],
  ])('rejects %j with States.Runtime', async (args, message) => {
    // Act
    const error = await statesErrorOf(
      createStartExecutionIntegration().invoke(taskRequest('arn:aws:states:::states:startExecution', args, { engine: fakeEngine(SUCCEEDED) })),
    );

    // Assess
    expect(error.error).toBe('States.Runtime');
    expect(error.cause).toContain(message);
  });
});
