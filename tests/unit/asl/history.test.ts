import { HistoryRecorder, detailsKeyFor } from '../../../local/asl/history';

const clock = { now: () => new Date('2024-01-01T00:00:00Z'), sleep: async () => undefined };

describe('Class: HistoryRecorder', () => {
  it('numbers events from 1 and chains each thread to its own previous event', () => {
    // Prepare
    const events: unknown[] = [];
    const history = new HistoryRecorder(clock, (event) => events.push(event));
    const root = history.thread();
    root.add('ExecutionStarted', { input: '{}' });
    root.add('ParallelStateStarted');
    const left = root.fork();
    const right = root.fork();

    // Act
    left.add('PassStateEntered', { name: 'L' });
    right.add('PassStateEntered', { name: 'R' });
    left.add('PassStateExited', { name: 'L' });
    root.join([left, right]);
    root.add('ParallelStateSucceeded');

    // Assess
    expect(history.events.map((event) => [event.id, event.previousEventId, event.type])).toEqual([
      [1, undefined, 'ExecutionStarted'],
      [2, 1, 'ParallelStateStarted'],
      [3, 2, 'PassStateEntered'],
      [4, 2, 'PassStateEntered'],
      [5, 3, 'PassStateExited'],
      [6, 5, 'ParallelStateSucceeded'],
    ]);
    expect(events).toHaveLength(6);
  });
});

describe('Function: detailsKeyFor()', () => {
  it.each([
    ['TaskStateEntered', 'stateEnteredEventDetails'],
    ['MapStateExited', 'stateExitedEventDetails'],
    ['TaskScheduled', 'taskScheduledEventDetails'],
    ['MapIterationStarted', 'mapIterationStartedEventDetails'],
    ['LambdaFunctionTimedOut', 'lambdaFunctionTimedOutEventDetails'],
    ['ExecutionAborted', 'executionAbortedEventDetails'],
    ['MapRunFailed', 'mapRunFailedEventDetails'],
    ['EvaluationFailed', 'evaluationFailedEventDetails'],
  ] as const)('puts the details of %s under %s', (type, key) => {
    // Act & Assess
    expect(detailsKeyFor(type)).toBe(key);
  });
});
