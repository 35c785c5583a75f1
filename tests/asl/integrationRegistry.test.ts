/**
 * The engine with the real integration registry (local/asl/integrations): lambda:invoke with a Lambda invoker
 * written in the test, a plain function ARN, and states:startExecution (.sync:2) running a child on the same
 * engine through EngineServices.
 */
import { Engine } from '../../local/asl';
import { createIntegrationRegistry } from '../../local/asl/integrations';
import type { LambdaInvoker } from '../../local/asl/integrations/lambdaInvoker';
import { ROLE_ARN, eventTypes } from './helpers/engine';

/** A Lambda invoker: `double` doubles `n`; `reject` fails with a handler error. */
const invoker: LambdaInvoker = async (request) => {
  const event = JSON.parse(request.payload) as { n: number };
  if (request.functionName === 'reject') {
    return { statusCode: 200, functionError: 'Unhandled', executedVersion: '$LATEST', payload: JSON.stringify({ errorType: 'CustomerNotEntitledError', errorMessage: 'suspended', trace: [] }) };
  }
  return { statusCode: 200, executedVersion: '$LATEST', payload: JSON.stringify({ n: event.n * 2 }) };
};

const newEngine = (): Engine => new Engine({ integrations: createIntegrationRegistry({ lambda: invoker }), timeScale: 0.001 });

describe('Feature: engine with the integration registry', () => {
  it('invokes a Lambda function through lambda:invoke and through its plain ARN', async () => {
    // Prepare
    const engine = newEngine();
    const { stateMachineArn } = await engine.createStateMachine({
      name: 'lambdas',
      roleArn: ROLE_ARN,
      definition: JSON.stringify({
        QueryLanguage: 'JSONata',
        StartAt: 'Optimized',
        States: {
          Optimized: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Arguments: { FunctionName: 'double', Payload: '{% $states.input %}' }, Output: '{% $states.result.Payload %}', Next: 'Legacy' },
          Legacy: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:double', End: true },
        },
      }),
    });

    // Act
    const { executionArn } = await engine.startExecution({ stateMachineArn, input: '{"n":3}' });
    const result = await engine.waitForExecution(executionArn);

    // Assess
    expect(result).toMatchObject({ status: 'SUCCEEDED', output: '{"n":12}' });
    expect(await eventTypes(engine, executionArn)).toContain('LambdaFunctionSucceeded');
  });

  it('fails the task with the function error type as the ASL error name', async () => {
    // Prepare
    const engine = newEngine();
    const { stateMachineArn } = await engine.createStateMachine({
      name: 'rejects',
      roleArn: ROLE_ARN,
      definition: JSON.stringify({ StartAt: 'Call', States: { Call: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'reject', Payload: { n: 1 } }, End: true } } }),
    });

    // Act
    const { executionArn } = await engine.startExecution({ stateMachineArn });
    const result = await engine.waitForExecution(executionArn);

    // Assess
    expect(result).toMatchObject({ status: 'FAILED', error: 'CustomerNotEntitledError' });
  });

  it('runs a child state machine with states:startExecution.sync:2 and records TaskSubmitted', async () => {
    // Prepare
    const engine = newEngine();
    const child = await engine.createStateMachine({
      name: 'child',
      roleArn: ROLE_ARN,
      definition: JSON.stringify({ QueryLanguage: 'JSONata', StartAt: 'Work', States: { Work: { Type: 'Pass', Output: '{% {"seen": $states.input.v} %}', End: true } } }),
    });
    const parent = await engine.createStateMachine({
      name: 'parent',
      roleArn: ROLE_ARN,
      definition: JSON.stringify({
        QueryLanguage: 'JSONata',
        StartAt: 'Run child',
        States: {
          'Run child': {
            Type: 'Task',
            Resource: 'arn:aws:states:::states:startExecution.sync:2',
            Arguments: { StateMachineArn: child.stateMachineArn, Input: { v: '{% $states.input.v %}' } },
            Output: '{% $states.result.Output %}',
            End: true,
          },
        },
      }),
    });

    // Act
    const { executionArn } = await engine.startExecution({ stateMachineArn: parent.stateMachineArn, input: '{"v":42}' });
    const result = await engine.waitForExecution(executionArn);

    // Assess
    expect(result).toMatchObject({ status: 'SUCCEEDED', output: '{"seen":42}' });
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
    const { executions } = await engine.listExecutions({ stateMachineArn: child.stateMachineArn });
    expect(executions).toHaveLength(1);
  });
});
