/**
 * States share values rather than copying them (nothing in the engine changes a value in place); what an
 * integration is given or gives back is copied, so an integration that changes objects cannot reach state data.
 */
import { createMachine, integration, testEngine } from './helpers/engine';

describe('Feature: values shared between states', () => {
  it('keeps state data and variables whole when an integration changes the arguments it was given', async () => {
    // Prepare
    const vandal = integration(async (request) => {
      const args = request.arguments as { order: { id: string; lines: number[] } };
      args.order.id = 'changed';
      args.order.lines.push(99);
      return { done: true };
    });
    const engine = testEngine({ Call: vandal });
    const stateMachineArn = await createMachine(engine, {
      StartAt: 'Keep',
      States: {
        Keep: { Type: 'Pass', Assign: { 'kept.$': '$.order' }, Next: 'Call' },
        Call: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { 'order.$': '$.order' }, ResultPath: '$.call', Next: 'Show' },
        Show: { Type: 'Pass', Parameters: { 'order.$': '$.order', 'kept.$': '$kept' }, End: true },
      },
    });

    // Act
    const { executionArn } = await engine.startExecution({ stateMachineArn, input: '{"order":{"id":"o-1","lines":[1,2]}}' });
    const result = await engine.waitForExecution(executionArn);

    // Assess
    expect(JSON.parse(result.output ?? 'null')).toEqual({ order: { id: 'o-1', lines: [1, 2] }, kept: { id: 'o-1', lines: [1, 2] } });
  });

  it('records each result as it was returned when an integration returns one object and changes it later', async () => {
    // Prepare
    const shared = { calls: 0 };
    const counter = integration(async () => {
      shared.calls += 1;
      return shared;
    });
    const engine = testEngine({ First: counter, Second: counter });
    const stateMachineArn = await createMachine(engine, {
      StartAt: 'First',
      States: {
        First: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', ResultPath: '$.first', Next: 'Second' },
        Second: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', ResultPath: '$.second', End: true },
      },
    });

    // Act
    const { executionArn } = await engine.startExecution({ stateMachineArn });
    const result = await engine.waitForExecution(executionArn);
    const { events } = await engine.getExecutionHistory({ executionArn });

    // Assess
    expect(JSON.parse(result.output ?? 'null')).toEqual({ first: { calls: 1 }, second: { calls: 2 } });
    expect(events?.filter((event) => event.type === 'TaskSucceeded').map((event) => event.taskSucceededEventDetails?.output)).toEqual(['{"calls":1}', '{"calls":2}']);
  });
});
