import type { Engine, ExecutionRecord } from '../../../local/asl';
import { createRuleRouter, matchesPattern, redeliverInterrupted, statusChangeEvent } from '../../../local/app/event-rules';
import { createReporter } from '../../../local/app/reporter';

describe('Function: matchesPattern()', () => {
  const event = {
    source: 'aws.states',
    'detail-type': 'Step Functions Execution Status Change',
    detail: { status: 'TIMED_OUT', stateMachineArn: 'arn:aws:states:us-east-1:1:stateMachine:app-analysis', tags: ['a', 'b'] },
  };

  it.each([
    ['exact values', { source: ['aws.states'] }, true],
    ['any of several values', { detail: { status: ['FAILED', 'TIMED_OUT'] } }, true],
    ['a value not listed', { detail: { status: ['FAILED'] } }, false],
    ['nested objects', { source: ['aws.states'], detail: { stateMachineArn: ['arn:aws:states:us-east-1:1:stateMachine:app-analysis'] } }, true],
    ['prefix', { detail: { stateMachineArn: [{ prefix: 'arn:aws:states:us-east-1:1:' }] } }, true],
    ['anything-but', { detail: { status: [{ 'anything-but': ['SUCCEEDED'] }] } }, true],
    ['anything-but the value', { detail: { status: [{ 'anything-but': 'TIMED_OUT' }] } }, false],
    ['exists: true', { detail: { status: [{ exists: true }] } }, true],
    ['exists: false on a missing key', { detail: { error: [{ exists: false }] } }, true],
    ['an array in the event', { detail: { tags: ['b'] } }, true],
    ['a missing key', { account: ['1'] }, false],
  ])('%s', (_name, pattern, expected) => {
    expect(matchesPattern(pattern as Record<string, unknown>, event)).toBe(expected);
  });
});

describe('Function: statusChangeEvent()', () => {
  it('builds the event Step Functions emits, with input, error and cause', () => {
    const event = statusChangeEvent(
      {
        executionArn: 'arn:aws:states:us-east-1:1:execution:m:e',
        stateMachineArn: 'arn:aws:states:us-east-1:1:stateMachine:m',
        name: 'e',
        type: 'STANDARD',
        status: 'FAILED',
        startDate: new Date('2026-01-01T00:00:00Z'),
        stopDate: new Date('2026-01-01T00:00:05.123Z'),
        input: '{"customerId":"acme"}',
        error: 'States.Runtime',
        cause: 'boom',
        redriveCount: 0,
      },
      'us-east-1',
      '1',
    );

    expect(event).toMatchObject({
      source: 'aws.states',
      'detail-type': 'Step Functions Execution Status Change',
      time: '2026-01-01T00:00:05Z',
      detail: { status: 'FAILED', input: '{"customerId":"acme"}', error: 'States.Runtime', cause: 'boom', output: null, stopDate: 1767225605123 },
    });
  });
});

describe('Function: redeliverInterrupted()', () => {
  const analysisArn = 'arn:aws:states:us-east-1:1:stateMachine:app-analysis';
  const outcomeArn = 'arn:aws:states:us-east-1:1:stateMachine:app-record-run-outcome';
  const rules = [
    {
      logicalId: 'Outcome',
      eventBusName: 'default',
      pattern: { source: ['aws.states'], detail: { status: ['ABORTED'], stateMachineArn: [analysisArn] } },
      targets: [{ arn: outcomeArn }],
    },
  ];
  const record = (overrides: Partial<ExecutionRecord>): ExecutionRecord => ({
    executionArn: `${analysisArn.replace(':stateMachine:', ':execution:')}:e`,
    stateMachineArn: analysisArn,
    name: 'e',
    type: 'STANDARD',
    status: 'ABORTED',
    startDate: new Date('2026-01-01T00:00:00Z'),
    stopDate: new Date('2026-01-01T00:00:05Z'),
    input: '{"customerId":"acme","runId":"r1"}',
    error: 'Local.EngineRestarted',
    cause: 'stopped',
    redriveCount: 0,
    ...overrides,
  });

  it('delivers the status change of an execution a crash aborted, and repeats an interrupted rule delivery, once each', async () => {
    // Prepare
    const started: { stateMachineArn: string; input: string }[] = [];
    const engine = {
      startExecution: async (input: { stateMachineArn: string; input: string }) => {
        started.push(input);
        return { executionArn: `exec-${started.length}`, startDate: new Date() };
      },
      waitForExecution: async () => ({}),
    } as unknown as Engine;
    const router = createRuleRouter(rules as never, engine, createReporter({ level: 'quiet' }));
    const interruptedDelivery = record({ stateMachineArn: outcomeArn, type: 'EXPRESS', input: '{"detail":{"status":"ABORTED"}}' });
    const mapChild = record({ mapRunArn: 'arn:aws:states:us-east-1:1:mapRun:app-analysis/m:1' });

    // Act
    const counts = redeliverInterrupted([record({}), interruptedDelivery, mapChild], router, 'us-east-1', '1');
    await router.settled();

    // Assess
    expect(counts).toEqual({ statusChanges: 1, targets: 1 });
    expect(started).toHaveLength(2);
    expect(started[0].stateMachineArn).toBe(outcomeArn);
    expect(JSON.parse(started[0].input)).toMatchObject({ source: 'aws.states', detail: { status: 'ABORTED', error: 'Local.EngineRestarted', input: '{"customerId":"acme","runId":"r1"}' } });
    expect(started[1]).toEqual({ stateMachineArn: outcomeArn, input: '{"detail":{"status":"ABORTED"}}' });
  });
});
