/**
 * Retry timing through the engine: the waits the interpreter asks its clock for between attempts.
 */
import { StatesError } from '../../local/asl/errors';
import { createMachine, integration, testEngine } from './helpers/engine';

/** A task that fails `failures` times with Lambda.TooManyRequestsException, then succeeds. */
const flaky = (failures: number) => {
  let calls = 0;
  return integration(async () => {
    calls += 1;
    if (calls <= failures) throw new StatesError('Lambda.TooManyRequestsException', 'Rate exceeded');
    return { ok: true };
  });
};

const definition = (retrier: Record<string, unknown>) => ({
  StartAt: 'Call',
  States: { Call: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Retry: [{ ErrorEquals: ['States.ALL'], ...retrier }], End: true } },
});

describe('Feature: Retry delays', () => {
  it.each([
    ['IntervalSeconds × BackoffRate^n', { IntervalSeconds: 2, BackoffRate: 3, MaxAttempts: 3 }, 1, [2000, 6000, 18000]],
    ['capped by MaxDelaySeconds', { IntervalSeconds: 2, BackoffRate: 3, MaxAttempts: 3, MaxDelaySeconds: 5 }, 1, [2000, 5000, 5000]],
    ['a random part of each with JitterStrategy FULL', { IntervalSeconds: 2, BackoffRate: 3, MaxAttempts: 3, MaxDelaySeconds: 5, JitterStrategy: 'FULL' }, 0.5, [1000, 2500, 2500]],
    ['the defaults (1 s, rate 2.0)', {}, 1, [1000, 2000, 4000]],
  ])('waits %s between attempts', async (_what, retrier, random, waits) => {
    // Prepare
    const slept: number[] = [];
    const engine = testEngine({ Call: flaky(3) }, { timeScale: 1, random: () => random, sleep: async (ms) => void slept.push(ms) });
    const stateMachineArn = await createMachine(engine, definition(retrier));

    // Act
    const { executionArn } = await engine.startExecution({ stateMachineArn });
    const result = await engine.waitForExecution(executionArn);

    // Assess
    expect(result.status).toBe('SUCCEEDED');
    expect(slept.map(Math.round)).toEqual(waits);
  });

  it('gives up after MaxAttempts retries with the last error', async () => {
    // Prepare
    const slept: number[] = [];
    const engine = testEngine({ Call: flaky(10) }, { timeScale: 1, sleep: async (ms) => void slept.push(ms) });
    const stateMachineArn = await createMachine(engine, definition({ MaxAttempts: 2 }));

    // Act
    const { executionArn } = await engine.startExecution({ stateMachineArn });
    const result = await engine.waitForExecution(executionArn);

    // Assess
    expect(result).toMatchObject({ status: 'FAILED', error: 'Lambda.TooManyRequestsException' });
    expect(slept).toHaveLength(2);
  });
});
