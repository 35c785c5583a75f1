import { HistoryRecorder, detailsKeyFor } from '../../../local/asl/history';

const clock = { now: () => new Date('2024-01-01T00:00:00Z'), sleep: async () => undefined };

describe('Class: HistoryRecorder', () => {
  it('numbers events from 1 and links each event to its cause: its thread\'s previous event, or the one named', () => {
    // Prepare
    const events: unknown[] = [];
    const history = new HistoryRecorder(clock, (event) => events.push(event));
    const root = history.thread();
    root.add('ExecutionStarted', { input: '{}' });
    root.linkTo(0);
    root.add('ParallelStateEntered', { name: 'P' });
    root.add('ParallelStateStarted');
    const left = root.fork();
    const right = root.fork();

    // Act
    left.add('PassStateEntered', { name: 'L' });
    right.add('PassStateEntered', { name: 'R' });
    left.add('PassStateExited', { name: 'L' });
    right.addCausedBy('WaitStateAborted', 6);
    root.join([left, right]);
    root.add('ParallelStateFailed');

    // Assess
    expect(history.events.map((event) => [event.id, event.previousEventId, event.type])).toEqual([
      [1, 0, 'ExecutionStarted'],
      [2, 0, 'ParallelStateEntered'],
      [3, 2, 'ParallelStateStarted'],
      [4, 3, 'PassStateEntered'],
      [5, 3, 'PassStateEntered'],
      [6, 4, 'PassStateExited'],
      [7, 6, 'WaitStateAborted'],
      [8, 7, 'ParallelStateFailed'],
    ]);
    expect(events).toHaveLength(8);
  });

  it('closes a line that failed in a Task: its TaskStateAborted follows the failed event, which it returns', () => {
    // Prepare
    const history = new HistoryRecorder(clock);
    const branch = history.thread();
    branch.add('TaskStateEntered', { name: 'T' });
    const failed = branch.add('TaskFailed');
    branch.unclosedState = 'TaskStateAborted';

    // Act
    const failedEventId = branch.closeAfterFailure();

    // Assess
    expect(failedEventId).toBe(failed);
    expect(history.events.map((event) => [event.id, event.previousEventId, event.type])).toEqual([
      [1, 0, 'TaskStateEntered'],
      [2, 1, 'TaskFailed'],
      [3, 2, 'TaskStateAborted'],
    ]);
    expect(branch.unclosedState).toBeUndefined();
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
