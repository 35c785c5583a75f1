import {
  loadMockConfig,
  MockConfigError,
  MockStateMachineNotFoundError,
  MockTestCaseNotFoundError,
  withMockedResponses,
} from '../../../../local/asl/integrations';
import type { IntegrationRegistry, MockConfigProblem, ServiceIntegration } from '../../../../local/asl/integrations';
import { statesErrorOf, taskRequest } from './helpers';

const LAMBDA_OK = { StatusCode: 200, Payload: { StatusCode: 200, body: 'Hello from Lambda!' } };

/** The developer guide's example configuration, extended with a state the test case leaves to the base registry. */
const exampleConfig = {
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
    LambdaMockedResourceNotReady: {
      '0': { Throw: { Error: 'Lambda.ResourceNotReadyException', Cause: 'Lambda resource is not ready.' } },
    },
    MockedSQSSuccess: {
      '0': { Return: { MD5OfMessageBody: '3bcb6e8e-7h85-4375-b0bc-1a59812c6e51', MessageId: '3bcb6e8e-8b51-4375-b0bc-1a59812c6e51' } },
    },
    MockedLambdaRetry: {
      '0': { Throw: { Error: 'Lambda.ResourceNotReadyException', Cause: 'Lambda resource is not ready.' } },
      '1-2': { Throw: { Error: 'Lambda.TimeoutException', Cause: 'Lambda timed out.' } },
      '3': { Return: LAMBDA_OK },
    },
  },
};

const LAMBDA = 'arn:aws:states:::lambda:invoke';
const SQS = 'arn:aws:states:::aws-sdk:sqs:sendMessage';

/** A base registry that answers every resource with a marker, and counts calls. */
const baseRegistry = (): IntegrationRegistry & { calls: string[] } => {
  const calls: string[] = [];
  const integration: ServiceIntegration = {
    async invoke(request) {
      calls.push(request.context.stateName);
      return { from: 'base', state: request.context.stateName };
    },
  };
  return { calls, resolve: () => integration };
};

const invokeState = async (registry: IntegrationRegistry, arn: string, stateName: string, executionArn?: string): Promise<unknown> => {
  const request = taskRequest(arn, {}, { stateName, ...(executionArn === undefined ? {} : { executionArn }) });
  const integration = registry.resolve(request.resource, stateName, request.context.executionArn);
  if (integration === undefined) throw new Error(`nothing resolves ${stateName}`);
  return integration.invoke(request);
};

const problemsOf = (json: unknown): readonly MockConfigProblem[] => {
  try {
    loadMockConfig(json);
  } catch (error) {
    if (error instanceof MockConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a MockConfigError');
};

describe('Function: loadMockConfig()', () => {
  it("accepts the developer guide's example, as an object or as JSON text", () => {
    // Act
    const fromObject = loadMockConfig(exampleConfig);
    const fromText = loadMockConfig(JSON.stringify(exampleConfig));

    // Assess
    expect(fromObject).toEqual(exampleConfig);
    expect(fromText).toEqual(exampleConfig);
  });

  it.each([
    ['not JSON', '{', [{ path: '$', message: expect.stringContaining('not valid JSON') }]],
    ['not an object', [], [{ path: '$', message: 'expected an object with StateMachines and MockedResponses, got an array' }]],
    [
      'missing sections',
      {},
      [
        { path: '$.StateMachines', message: 'expected an object of state machines, got nothing' },
        { path: '$.MockedResponses', message: 'expected an object of mocked responses, got nothing' },
      ],
    ],
    [
      'an unknown top-level field',
      { StateMachines: {}, MockedResponses: {}, Mocks: {} },
      [{ path: '$.Mocks', message: 'unknown field (expected StateMachines and MockedResponses)' }],
    ],
    [
      'a test case naming an undefined response',
      { StateMachines: { M: { TestCases: { T: { 'Load customer': 'Nope' } } } }, MockedResponses: {} },
      [{ path: "$.StateMachines.M.TestCases.T['Load customer']", message: "names the mocked response 'Nope', which MockedResponses does not define" }],
    ],
    [
      'a state machine without TestCases',
      { StateMachines: { M: { Cases: {} } }, MockedResponses: {} },
      [
        { path: '$.StateMachines.M.Cases', message: 'unknown field (expected TestCases)' },
        { path: '$.StateMachines.M.TestCases', message: 'expected an object of test cases, got nothing' },
      ],
    ],
    [
      'a bad invocation key',
      { StateMachines: {}, MockedResponses: { R: { '0': { Return: 1 }, first: { Return: 2 } } } },
      [{ path: '$.MockedResponses.R.first', message: `'first' is not an invocation number ("0", "1", …) or an inclusive range ("1-2")` }],
    ],
    [
      'a reversed range',
      { StateMachines: {}, MockedResponses: { R: { '0': { Return: 1 }, '3-1': { Return: 2 } } } },
      [{ path: "$.MockedResponses.R['3-1']", message: "the range '3-1' ends before it starts" }],
    ],
    [
      'overlapping ranges',
      { StateMachines: {}, MockedResponses: { R: { '0-2': { Return: 1 }, '2': { Return: 2 } } } },
      [{ path: "$.MockedResponses.R['2']", message: 'invocation 2 is already covered by another key' }],
    ],
    [
      'a gap',
      { StateMachines: {}, MockedResponses: { R: { '0': { Return: 1 }, '3': { Return: 2 } } } },
      [{ path: '$.MockedResponses.R', message: 'no response for invocations 1-2: every invocation up to the last one mocked needs a response' }],
    ],
    [
      'Return and Throw together',
      { StateMachines: {}, MockedResponses: { R: { '0': { Return: 1, Throw: { Error: 'E', Cause: 'c' } } } } },
      [{ path: "$.MockedResponses.R['0']", message: 'has both Return and Throw; a response is one or the other' }],
    ],
    [
      'neither Return nor Throw',
      { StateMachines: {}, MockedResponses: { R: { '0': { Result: 1 } } } },
      [
        { path: "$.MockedResponses.R['0'].Result", message: 'unknown field (expected Return or Throw)' },
        { path: "$.MockedResponses.R['0']", message: 'has neither Return nor Throw' },
      ],
    ],
    [
      'a Throw without Error and with a non-string Cause',
      { StateMachines: {}, MockedResponses: { R: { '0': { Throw: { Cause: 5 } } } } },
      [
        { path: "$.MockedResponses.R['0'].Throw.Error", message: 'must be a non-empty string (the error name Retry and Catch match)' },
        { path: "$.MockedResponses.R['0'].Throw.Cause", message: 'must be a string' },
      ],
    ],
    ['an empty mocked response', { StateMachines: {}, MockedResponses: { R: {} } }, [{ path: '$.MockedResponses.R', message: 'expected a non-empty object keyed by invocation number or range' }]],
  ])('reports %s with its path', (_name, json, problems) => {
    // Act & Assess
    expect(problemsOf(json)).toEqual(problems);
  });

  it('lists every problem in the error message', () => {
    // Act
    const act = (): unknown => loadMockConfig({ StateMachines: [], MockedResponses: { R: { x: { Return: 1 } } } });

    // Assess
    expect(act).toThrow('Invalid mock configuration (2 problems):\n  $.StateMachines: expected an object of state machines');
  });
});

describe('Function: withMockedResponses()', () => {
  it('answers mocked states from the configuration and marks them as completing callbacks', async () => {
    // Prepare
    const base = baseRegistry();
    const registry = withMockedResponses(base, loadMockConfig(exampleConfig), 'LambdaSQSIntegration', 'HappyPath');

    // Act
    const lambda = await invokeState(registry, LAMBDA, 'LambdaState');
    const sqs = await invokeState(registry, SQS, 'SQSState');
    const integration = registry.resolve(taskRequest(LAMBDA, {}).resource, 'LambdaState', 'x');

    // Assess
    expect(lambda).toEqual(LAMBDA_OK);
    expect(sqs).toEqual(exampleConfig.MockedResponses.MockedSQSSuccess['0'].Return);
    expect(integration?.completesCallback).toBe(true);
    expect(base.calls).toEqual([]);
  });

  it('gives every invocation, retries included, the next response by range', async () => {
    // Prepare
    const registry = withMockedResponses(undefined, loadMockConfig(exampleConfig), 'LambdaSQSIntegration', 'RetryPath');

    // Act
    const outcomes: unknown[] = [];
    for (let attempt = 0; attempt < 4; attempt += 1) {
      outcomes.push(
        await invokeState(registry, LAMBDA, 'LambdaState').catch((error: { error: string; cause: string }) => ({
          error: error.error,
          cause: error.cause,
        })),
      );
    }

    // Assess
    expect(outcomes).toEqual([
      { error: 'Lambda.ResourceNotReadyException', cause: 'Lambda resource is not ready.' },
      { error: 'Lambda.TimeoutException', cause: 'Lambda timed out.' },
      { error: 'Lambda.TimeoutException', cause: 'Lambda timed out.' },
      LAMBDA_OK,
    ]);
  });

  it('fails an invocation beyond the mocked ones with States.Runtime', async () => {
    // Prepare
    const registry = withMockedResponses(undefined, loadMockConfig(exampleConfig), 'LambdaSQSIntegration', 'HappyPath');
    await invokeState(registry, LAMBDA, 'LambdaState');

    // Act
    const error = await statesErrorOf(invokeState(registry, LAMBDA, 'LambdaState'));

    // Assess
    expect(error.error).toBe('States.Runtime');
    expect(error.cause).toBe(
      "The mocked response 'MockedLambdaSuccess' of state 'LambdaState' (test case 'HappyPath') has no response for invocation 1",
    );
  });

  it('counts invocations per execution', async () => {
    // Prepare
    const registry = withMockedResponses(undefined, loadMockConfig(exampleConfig), 'LambdaSQSIntegration', 'HappyPath');

    // Act
    const first = await invokeState(registry, LAMBDA, 'LambdaState', 'arn:aws:states:us-east-1:123456789012:execution:m:one');
    const second = await invokeState(registry, LAMBDA, 'LambdaState', 'arn:aws:states:us-east-1:123456789012:execution:m:two');

    // Assess
    expect(first).toEqual(LAMBDA_OK);
    expect(second).toEqual(LAMBDA_OK);
  });

  it('returns a fresh copy of Return each time', async () => {
    // Prepare
    const config = loadMockConfig({
      StateMachines: { M: { TestCases: { T: { S: 'R' } } } },
      MockedResponses: { R: { '0-1': { Return: { list: [1] } } } },
    });
    const registry = withMockedResponses(undefined, config, 'M', 'T');

    // Act
    const first = (await invokeState(registry, LAMBDA, 'S')) as { list: number[] };
    first.list.push(2);
    const second = await invokeState(registry, LAMBDA, 'S');

    // Assess
    expect(second).toEqual({ list: [1] });
  });

  it('falls through to the base registry for states the test case does not mock', async () => {
    // Prepare
    const base = baseRegistry();
    const registry = withMockedResponses(base, loadMockConfig(exampleConfig), 'LambdaSQSIntegration', 'HybridPath');

    // Act
    const lambda = await invokeState(registry, LAMBDA, 'LambdaState');
    const sqs = await invokeState(registry, SQS, 'SQSState');

    // Assess
    expect(lambda).toEqual(LAMBDA_OK);
    expect(sqs).toEqual({ from: 'base', state: 'SQSState' });
    expect(base.calls).toEqual(['SQSState']);
  });

  it('resolves an unmocked state to undefined without a base registry', () => {
    // Prepare
    const registry = withMockedResponses(undefined, loadMockConfig(exampleConfig), 'LambdaSQSIntegration', 'HybridPath');

    // Act
    const integration = registry.resolve(taskRequest(SQS, {}).resource, 'SQSState', 'x');

    // Assess
    expect(integration).toBeUndefined();
  });

  it('refuses a state machine the configuration does not have', () => {
    // Act
    const act = (): unknown => withMockedResponses(undefined, loadMockConfig(exampleConfig), 'Analysis', 'HappyPath');

    // Assess
    expect(act).toThrow(MockStateMachineNotFoundError);
    expect(act).toThrow("no state machine named 'Analysis' under StateMachines (it has: LambdaSQSIntegration)");
  });

  it('refuses a test case the state machine does not have', () => {
    // Act
    const act = (): unknown => withMockedResponses(undefined, loadMockConfig(exampleConfig), 'LambdaSQSIntegration', 'SadPath');

    // Assess
    expect(act).toThrow(MockTestCaseNotFoundError);
    expect(act).toThrow("no test case 'SadPath' for state machine 'LambdaSQSIntegration' (it has: HappyPath, RetryPath, HybridPath)");
  });
});
