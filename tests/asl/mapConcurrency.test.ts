/**
 * How many inline Map iterations run at once: MaxConcurrency, and AWS's bound of 40 for inline mode.
 */
import { createMachine, integration, testEngine } from './helpers/engine';

/** A task that takes a few milliseconds and records how many of its calls were in flight at once. */
const tracked = () => {
  let running = 0;
  let peak = 0;
  return {
    peak: () => peak,
    handler: integration(async () => {
      running += 1;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running -= 1;
      return { ok: true };
    }),
  };
};

const mapOver = (maxConcurrency: number | undefined) => ({
  StartAt: 'Each',
  States: {
    Each: {
      Type: 'Map',
      ItemsPath: '$.items',
      ...(maxConcurrency === undefined ? {} : { MaxConcurrency: maxConcurrency }),
      ItemProcessor: { StartAt: 'Work', States: { Work: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true } } },
      End: true,
    },
  },
});

describe('Feature: inline Map concurrency', () => {
  it.each([
    [3, 'MaxConcurrency 3', 3],
    [40, 'MaxConcurrency 0 (no limit)', 0],
    [40, 'no MaxConcurrency', undefined],
    [40, 'MaxConcurrency 100', 100],
  ])('runs at most %i iterations at once with %s', async (peak, _what, maxConcurrency) => {
    // Prepare
    const work = tracked();
    const engine = testEngine({ Work: work.handler });
    const stateMachineArn = await createMachine(engine, mapOver(maxConcurrency));
    const items = Array.from({ length: 60 }, (_, index) => ({ index }));

    // Act
    const { executionArn } = await engine.startExecution({ stateMachineArn, input: JSON.stringify({ items }) });
    const result = await engine.waitForExecution(executionArn);

    // Assess
    expect(result.status).toBe('SUCCEEDED');
    expect(JSON.parse(result.output ?? '[]')).toHaveLength(60);
    expect(work.peak()).toBe(peak);
  });
});
