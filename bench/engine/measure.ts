/**
 * Timing: `warmups` untimed runs per engine (the JIT needs a few before a short run settles), then `runs` rounds
 * in which every engine runs once, in turn, each round starting with the next engine.
 * Interleaving matters on a shared machine: load that comes and goes then hits every engine alike instead of
 * whichever happened to be timed at that moment. Rotating who goes first matters too: the engine timed right after
 * another pays for what that one left behind (garbage to collect, callbacks still queued), which on a short run
 * such as the 1,000-state Pass chain moved the result by a factor of 3 when one engine always went first. The median
 * of each engine's runs is reported, being the figure least moved by a stray garbage collection.
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
 * Times `runs` executions of each prepared workload, interleaved, after `warmups` untimed ones; returns one
 * measurement per workload, in the order given.
 *
 * @example
 * const [ours, theirs] = await measureInterleaved([preparedOurs, preparedTheirs], 7, 3);
 */
const measureInterleaved = async (prepared: readonly PreparedWorkload[], runs: number, warmups: number): Promise<Measurement[]> => {
  for (let round = 0; round < warmups; round += 1) for (const workload of prepared) await workload.run();
  const samples = prepared.map((): number[] => []);
  for (let round = 0; round < runs; round += 1) {
    for (let turn = 0; turn < prepared.length; turn += 1) {
      const index = (round + turn) % prepared.length;
      const start = performance.now();
      await prepared[index].run();
      samples[index].push(performance.now() - start);
    }
  }
  return samples.map((samplesMs) => ({ medianMs: median(samplesMs), samplesMs }));
};

export { measureInterleaved, median };
export type { Measurement };
