import { matchesPattern, statusChangeEvent } from '../../../local/app/event-rules';

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
