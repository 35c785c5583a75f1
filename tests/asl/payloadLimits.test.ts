/**
 * The 256 KiB payload quota at the points a definition cannot reach from a case file: a task result, and the
 * quota's exact edge.
 */
import { createMachine, integration, testEngine } from './helpers/engine';

const LIMIT = 256 * 1024;

/** A JSON string value whose JSON text (with its quotes) is exactly `bytes` bytes. */
const stringOfJsonBytes = (bytes: number): string => 'x'.repeat(bytes - 2);

describe('Feature: payload size quota', () => {
  it('fails a task whose result is over 256 KiB with States.DataLimitExceeded, naming the state', async () => {
    // Prepare
    const engine = testEngine({ Fetch: integration(async () => stringOfJsonBytes(LIMIT + 1)) });
    const stateMachineArn = await createMachine(engine, { StartAt: 'Fetch', States: { Fetch: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true } } });

    // Act
    const { executionArn } = await engine.startExecution({ stateMachineArn });
    const result = await engine.waitForExecution(executionArn);

    // Assess
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.DataLimitExceeded' });
    expect(result.cause).toContain("the result of the task of state 'Fetch'");
  });

  it.each([
    ['exactly 256 KiB', LIMIT, 'SUCCEEDED'],
    ['one byte more', LIMIT + 1, 'FAILED'],
  ])('takes a state output of %s: %s', async (_what, bytes, status) => {
    // Prepare
    const engine = testEngine();
    const stateMachineArn = await createMachine(engine, { StartAt: 'Make', States: { Make: { Type: 'Pass', Result: stringOfJsonBytes(bytes), End: true } } });

    // Act
    const { executionArn } = await engine.startExecution({ stateMachineArn });
    const result = await engine.waitForExecution(executionArn);

    // Assess
    expect(result.status).toBe(status);
  });

  it('counts UTF-8 bytes, not characters', async () => {
    // Prepare: 'é' is 2 bytes in UTF-8, so this string is under the quota in characters and over it in bytes.
    const engine = testEngine();
    const value = 'é'.repeat(LIMIT / 2);
    const stateMachineArn = await createMachine(engine, { StartAt: 'Make', States: { Make: { Type: 'Pass', Result: value, End: true } } });

    // Act
    const { executionArn } = await engine.startExecution({ stateMachineArn });
    const result = await engine.waitForExecution(executionArn);

    // Assess
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.DataLimitExceeded' });
  });
});
