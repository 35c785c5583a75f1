import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createHeapMeter } from '../../../local/lambda/heap';

// A full collection on demand, so the test knows a peak came and went before the meter stops.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

describe('Function: createHeapMeter()', () => {
  it('reports the peak of an invocation whose garbage was collected before it ended', () => {
    // Prepare
    const meter = createHeapMeter();
    const size = 32 * 1024 * 1024;

    // Act: hold about 32 MiB of heap, drop it, collect
    meter.start();
    let held: number[][] | undefined = Array.from({ length: size / 8 / 1024 }, (_, index) => new Array<number>(1024).fill(index + 0.5));
    expect(held.length).toBe(size / 8 / 1024);
    held = undefined;
    collectGarbage();
    const figures = meter.stop();

    // Assess: the peak saw the array, the end sample does not
    expect(figures.invocationPeakUsedBytes).toBeGreaterThan(figures.usedBytes + size / 2);
    expect(figures.invocationPeakTotalBytes).toBeGreaterThanOrEqual(figures.invocationPeakUsedBytes);
    expect(figures.environmentPeakUsedBytes).toBe(figures.invocationPeakUsedBytes);
  });

  it('keeps the environment peak across invocations while each invocation reports its own', () => {
    // Prepare
    const meter = createHeapMeter();
    meter.start();
    let held: string[] | undefined = Array.from({ length: 200_000 }, (_, index) => `unit-${index}-${'x'.repeat(64)}`);
    expect(held.length).toBe(200_000);
    held = undefined;
    collectGarbage();
    const first = meter.stop();

    // Act: a small invocation after the big one
    meter.start();
    const second = meter.stop();

    // Assess
    expect(second.invocationPeakUsedBytes).toBeLessThan(first.invocationPeakUsedBytes);
    expect(second.environmentPeakUsedBytes).toBe(first.invocationPeakUsedBytes);
    expect(second.usedBytes).toBeGreaterThan(0);
  });
});
