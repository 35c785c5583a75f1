import type { HistoryEvent } from '@aws-sdk/client-sfn';
import { tallyHistory } from '../history';

const at = (second: number): Date => new Date(Date.UTC(2026, 0, 1, 0, 0, second));

describe('Function: tallyHistory()', () => {
  it('counts states entered, tasks by resource, retries and time per state', () => {
    // Prepare
    const events: HistoryEvent[] = [
      { id: 1, timestamp: at(0), type: 'ExecutionStarted' },
      { id: 2, timestamp: at(0), type: 'TaskStateEntered', stateEnteredEventDetails: { name: 'Load customer' } },
      { id: 3, timestamp: at(0), type: 'TaskScheduled', taskScheduledEventDetails: { resourceType: 'dynamodb', resource: 'getItem', region: 'us-east-1', parameters: '{}' } },
      { id: 4, timestamp: at(1), type: 'TaskStateExited', stateExitedEventDetails: { name: 'Load customer' } },
      { id: 5, timestamp: at(1), type: 'ChoiceStateEntered', stateEnteredEventDetails: { name: 'Check entitlement' } },
      { id: 6, timestamp: at(1), type: 'ChoiceStateExited', stateExitedEventDetails: { name: 'Check entitlement' } },
      { id: 7, timestamp: at(1), type: 'TaskStateEntered', stateEnteredEventDetails: { name: 'Split source into units' } },
      { id: 8, timestamp: at(1), type: 'TaskScheduled', taskScheduledEventDetails: { resourceType: 'lambda', resource: 'invoke', region: 'us-east-1', parameters: '{}' } },
      { id: 9, timestamp: at(2), type: 'TaskFailed' },
      { id: 10, timestamp: at(4), type: 'TaskScheduled', taskScheduledEventDetails: { resourceType: 'lambda', resource: 'invoke', region: 'us-east-1', parameters: '{}' } },
      { id: 11, timestamp: at(6), type: 'TaskStateExited', stateExitedEventDetails: { name: 'Split source into units' } },
      { id: 12, timestamp: at(6), type: 'ExecutionSucceeded' },
    ];

    // Act
    const tally = tallyHistory(events);

    // Assess
    expect(tally.entered).toBe(3);
    expect(tally.retries).toBe(1);
    expect(tally.tasks).toEqual({ 'dynamodb:getItem': 1, 'lambda:invoke': 2 });
    expect(tally.stateMillis).toEqual({ 'Load customer': 1000, 'Check entitlement': 0, 'Split source into units': 5000 });
  });

  it('counts nothing in an empty history', () => {
    // Act & Assess
    expect(tallyHistory([])).toEqual({ entered: 0, retries: 0, tasks: {}, stateMillis: {} });
  });
});
