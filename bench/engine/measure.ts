/**
 * Timing: one warm-up run (JIT, caches), then `runs` timed runs; the median is reported, being the figure least
 * moved by a stray garbage collection or another process on the shared cores.
 */
import { performance } from 'node:perf_hooks';
import type { PreparedWorkload } from './runner';

type Measurement = {
  /** Median wall time of one execution, in milliseconds. */
  medianMs: number;
  /** Every timed run, in milliseconds, in the order they ran. */
  samplesMs: number[];
};

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/**
 * Times `runs` executions after one warm-up.
 *
 * @example
 * const { medianMs } = await measure(prepared, 5);
 */
const measure = async (prepared: PreparedWorkload, runs: number): Promise<Measurement> => {
  await prepared.run();
  const samplesMs: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const start = performance.now();
    await prepared.run();
    samplesMs.push(performance.now() - start);
  }
  return { medianMs: median(samplesMs), samplesMs };
};

export { measure, median };
export type { Measurement };
