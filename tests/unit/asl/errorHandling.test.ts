import { BranchFailedError, StatesError } from '../../../local/asl/errors';
import { findCatcher, findRetrier, matchesErrorEquals, retryDelaySeconds } from '../../../local/asl/errorHandling';

describe('Function: matchesErrorEquals()', () => {
  it.each([
    [['States.ALL'], 'CustomerNotEntitledError', true],
    [['States.ALL'], 'States.Timeout', true],
    [['States.ALL'], 'States.Runtime', false],
    [['States.ALL'], 'States.DataLimitExceeded', false],
    [['States.TaskFailed'], 'Lambda.ServiceException', true],
    [['States.TaskFailed'], 'States.Timeout', false],
    [['States.TaskFailed'], 'States.HeartbeatTimeout', true],
    [['States.Runtime'], 'States.Runtime', true],
    [['States.DataLimitExceeded'], 'States.DataLimitExceeded', true],
    [['A', 'B'], 'B', true],
    [['A'], 'a', false],
    [['States.BranchFailed'], 'Whatever', false],
  ])('matches ErrorEquals %j against %s: %s', (errorEquals, name, expected) => {
    // Act
    const matched = matchesErrorEquals(errorEquals, new StatesError(name));

    // Assess
    expect(matched).toBe(expected);
  });

  it('matches States.BranchFailed against an error that came out of a Parallel branch, keeping its own name', () => {
    // Prepare
    const error = new BranchFailedError(new StatesError('Broken', 'why'));

    // Act & Assess
    expect(matchesErrorEquals(['States.BranchFailed'], error)).toBe(true);
    expect(matchesErrorEquals(['Broken'], error)).toBe(true);
    expect(error.toErrorOutput()).toEqual({ Error: 'Broken', Cause: 'why' });
  });
});

describe('Function: findRetrier()', () => {
  it('returns the first matching retrier with its index', () => {
    // Prepare
    const retriers = [{ ErrorEquals: ['A'] }, { ErrorEquals: ['States.ALL'] }];

    // Act
    const match = findRetrier(retriers, new StatesError('B'));

    // Assess
    expect(match?.index).toBe(1);
  });

  it('never retries States.Runtime, even when a retrier names it', () => {
    // Act
    const match = findRetrier([{ ErrorEquals: ['States.Runtime'] }], new StatesError('States.Runtime'));

    // Assess
    expect(match).toBeUndefined();
  });
});

describe('Function: findCatcher()', () => {
  it('returns the first catcher that matches, or undefined', () => {
    // Prepare
    const catchers = [
      { ErrorEquals: ['A'], Next: 'one' },
      { ErrorEquals: ['States.ALL'], Next: 'two' },
    ];

    // Act & Assess
    expect(findCatcher(catchers, new StatesError('A'))?.Next).toBe('one');
    expect(findCatcher(catchers, new StatesError('Z'))?.Next).toBe('two');
    expect(findCatcher(catchers, new StatesError('States.Runtime'))).toBeUndefined();
  });
});

describe('Function: retryDelaySeconds()', () => {
  it.each([
    [{ ErrorEquals: ['X'] }, 0, 1],
    [{ ErrorEquals: ['X'] }, 2, 4],
    [{ ErrorEquals: ['X'], IntervalSeconds: 3, BackoffRate: 1.5 }, 2, 6.75],
    [{ ErrorEquals: ['X'], IntervalSeconds: 2, BackoffRate: 3, MaxDelaySeconds: 10 }, 3, 10],
  ])('waits the interval times the backoff rate to the power of the attempt, capped: %j attempt %i → %d s', (retrier, attempt, seconds) => {
    // Act & Assess
    expect(retryDelaySeconds(retrier, attempt)).toBeCloseTo(seconds);
  });

  it('waits a random part of the delay with JitterStrategy FULL', () => {
    // Prepare
    const retrier = { ErrorEquals: ['X'], IntervalSeconds: 10, JitterStrategy: 'FULL' as const };

    // Act & Assess
    expect(retryDelaySeconds(retrier, 0, () => 0.25)).toBeCloseTo(2.5);
    expect(retryDelaySeconds(retrier, 0, () => 0)).toBe(0);
  });
});
