/**
 * Mocked service integrations in the format of Step Functions Local's mock configuration file, run through the
 * engine: the developer guide's LambdaSQSIntegration state machine and its test cases.
 */
import { Engine } from '../../local/asl';
import { loadMockConfig, withMockedResponses } from '../../local/asl/integrations';
import { ROLE_ARN, eventTypes } from './helpers/engine';

const LAMBDA_OK = { StatusCode: 200, Payload: { StatusCode: 200, body: 'Hello from Lambda!' } };
const SQS_OK = { MD5OfMessageBody: '3bcb6e8e-7h85-4375-b0bc-1a59812c6e51', MessageId: '3bcb6e8e-8b51-4375-b0bc-1a59812c6e51' };

/** The guide's state machine: a Lambda invocation with Retry, then an SQS message. */
const definition = {
  Comment: 'This state machine is called: LambdaSQSIntegration',
  StartAt: 'LambdaState',
  States: {
    LambdaState: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Parameters: { 'Payload.$': '$', FunctionName: 'HelloWorldFunction' },
      Retry: [{ ErrorEquals: ['States.ALL'], IntervalSeconds: 2, MaxAttempts: 3, BackoffRate: 2 }],
      Next: 'SQSState',
    },
    SQSState: {
      Type: 'Task',
      Resource: 'arn:aws:states:::sqs:sendMessage',
      Parameters: { QueueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/myQueue', 'MessageBody.$': '$' },
      End: true,
    },
  },
};

/** The guide's mock configuration: Return and Throw responses, one of them repeated over a range ("1-2"). */
const config = loadMockConfig({
  StateMachines: {
    LambdaSQSIntegration: {
      TestCases: {
        HappyPath: { LambdaState: 'MockedLambdaSuccess', SQSState: 'MockedSQSSuccess' },
        RetryPath: { LambdaState: 'MockedLambdaRetry', SQSState: 'MockedSQSSuccess' },
        HybridPath: { LambdaState: 'MockedLambdaSuccess' },
      },
    },
  },
  MockedResponses: {
    MockedLambdaSuccess: { '0': { Return: LAMBDA_OK } },
    MockedSQSSuccess: { '0': { Return: SQS_OK } },
    MockedLambdaRetry: {
      '0': { Throw: { Error: 'Lambda.ResourceNotReadyException', Cause: 'Lambda resource is not ready.' } },
      '1-2': { Throw: { Error: 'Lambda.TimeoutException', Cause: 'Lambda timed out.' } },
      '3': { Return: LAMBDA_OK },
    },
  },
});

const runTestCase = async (testCase: string) => {
  const engine = new Engine({ integrations: withMockedResponses(undefined, config, 'LambdaSQSIntegration', testCase), timeScale: 0.001 });
  const { stateMachineArn } = await engine.createStateMachine({ name: 'LambdaSQSIntegration', definition: JSON.stringify(definition), roleArn: ROLE_ARN });
  const { executionArn } = await engine.startExecution({ stateMachineArn: stateMachineArn as string, input: '{"greeting":"hi"}' });
  const result = await engine.waitForExecution(executionArn);
  return { result, events: await eventTypes(engine, executionArn) };
};

describe('Feature: mocked service integrations (Step Functions Local format)', () => {
  it('answers every mocked state with its Return (HappyPath)', async () => {
    // Act
    const { result, events } = await runTestCase('HappyPath');

    // Assess
    expect(result.status).toBe('SUCCEEDED');
    expect(JSON.parse(result.output ?? 'null')).toEqual(SQS_OK);
    expect(events.filter((type) => type === 'TaskSucceeded')).toHaveLength(2);
  });

  it('gives each retry the next response: a Throw, a Throw repeated over "1-2", then the Return (RetryPath)', async () => {
    // Act
    const { result, events } = await runTestCase('RetryPath');

    // Assess
    expect(result.status).toBe('SUCCEEDED');
    expect(events).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      ...['TaskScheduled', 'TaskStarted', 'TaskFailed'],
      ...['TaskScheduled', 'TaskStarted', 'TaskFailed'],
      ...['TaskScheduled', 'TaskStarted', 'TaskFailed'],
      ...['TaskScheduled', 'TaskStarted', 'TaskSucceeded'],
      'TaskStateExited',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskSucceeded',
      'TaskStateExited',
      'ExecutionSucceeded',
    ]);
  });

  it('leaves a state the test case does not mock to the base registry; with none, the task fails with States.Runtime (HybridPath)', async () => {
    // Act
    const { result } = await runTestCase('HybridPath');

    // Assess
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
    expect(result.cause).toContain('SQSState');
  });
});
