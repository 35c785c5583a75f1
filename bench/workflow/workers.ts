/**
 * Memory of the local Lambda workers over several runs: the pool's per-run figures of each function
 * (`LambdaPool.stats()`) joined into one row per function.
 */
import type { FunctionPoolStats } from '../../local/lambda';

/**
 * One row per function, in the order first seen: environments, invocations and cold starts summed, heap peaks the
 * highest of any run (a peak is per environment, so it is never summed).
 *
 * @example
 * mergeWorkerStats([run1.workers, run2.workers]).find((row) => row.logicalId === 'AnalyzeUnitsFunction')?.peakHeapUsedBytes;
 */
const mergeWorkerStats = (runs: readonly (readonly FunctionPoolStats[])[]): FunctionPoolStats[] => {
  const merged = new Map<string, FunctionPoolStats>();
  for (const rows of runs) {
    for (const row of rows) {
      const seen = merged.get(row.logicalId);
      if (!seen) {
        merged.set(row.logicalId, { ...row });
        continue;
      }
      seen.environments += row.environments;
      seen.invocations += row.invocations;
      seen.coldStarts += row.coldStarts;
      seen.timedOut += row.timedOut;
      seen.outOfMemory += row.outOfMemory;
      seen.recycledForMemory += row.recycledForMemory;
      seen.collectedForMemory += row.collectedForMemory;
      seen.peakHeapUsedBytes = Math.max(seen.peakHeapUsedBytes, row.peakHeapUsedBytes);
      seen.peakHeapTotalBytes = Math.max(seen.peakHeapTotalBytes, row.peakHeapTotalBytes);
    }
  }
  return [...merged.values()];
};

/**
 * The function whose environments reached the highest used heap, or undefined when no figure was reported.
 *
 * @example
 * const top = largestWorker(rows); // { logicalId: 'EncryptReportFunction', peakHeapUsedBytes: 301_989_888, … }
 */
const largestWorker = (rows: readonly FunctionPoolStats[]): FunctionPoolStats | undefined =>
  rows.reduce<FunctionPoolStats | undefined>((top, row) => (row.peakHeapUsedBytes > (top?.peakHeapUsedBytes ?? 0) ? row : top), undefined);

export { largestWorker, mergeWorkerStats };
