import type { FunctionPoolStats } from '../../../local/lambda';
import { largestWorker, mergeWorkerStats } from '../workers';

const row = (logicalId: string, figures: Partial<FunctionPoolStats>): FunctionPoolStats => ({
  logicalId,
  environments: 0,
  invocations: 0,
  coldStarts: 0,
  peakHeapUsedBytes: 0,
  peakHeapTotalBytes: 0,
  timedOut: 0,
  outOfMemory: 0,
  recycledForMemory: 0,
  collectedForMemory: 0,
  ...figures,
});

describe('Function: mergeWorkerStats()', () => {
  it('sums the counts of each function over the runs and keeps the highest heap peaks', () => {
    // Prepare: a fresh run that starts two environments, then a warm run that starts none
    const first = [row('SplitSourceFunction', { environments: 1, invocations: 1, coldStarts: 1, peakHeapUsedBytes: 40, peakHeapTotalBytes: 60 }), row('AnalyzeUnitsFunction', { environments: 2, invocations: 39, coldStarts: 2, peakHeapUsedBytes: 180, peakHeapTotalBytes: 200 })];
    const second = [row('AnalyzeUnitsFunction', { invocations: 39, peakHeapUsedBytes: 150, peakHeapTotalBytes: 210 }), row('EncryptReportFunction', { environments: 1, invocations: 1, coldStarts: 1, peakHeapUsedBytes: 90, peakHeapTotalBytes: 100 })];

    // Act
    const merged = mergeWorkerStats([first, second]);

    // Assess
    expect(merged).toEqual([
      row('SplitSourceFunction', { environments: 1, invocations: 1, coldStarts: 1, peakHeapUsedBytes: 40, peakHeapTotalBytes: 60 }),
      row('AnalyzeUnitsFunction', { environments: 2, invocations: 78, coldStarts: 2, peakHeapUsedBytes: 180, peakHeapTotalBytes: 210 }),
      row('EncryptReportFunction', { environments: 1, invocations: 1, coldStarts: 1, peakHeapUsedBytes: 90, peakHeapTotalBytes: 100 }),
    ]);
  });

  it('leaves the rows it was given unchanged', () => {
    // Prepare
    const first = [row('AnalyzeUnitsFunction', { invocations: 3 })];

    // Act
    mergeWorkerStats([first, [row('AnalyzeUnitsFunction', { invocations: 4 })]]);

    // Assess
    expect(first[0].invocations).toBe(3);
  });
});

describe('Function: largestWorker()', () => {
  it('picks the function whose environment held the most heap', () => {
    // Act & Assess
    expect(largestWorker([row('A', { peakHeapUsedBytes: 5 }), row('B', { peakHeapUsedBytes: 9 }), row('C', { peakHeapUsedBytes: 7 })])?.logicalId).toBe('B');
  });

  it('answers undefined when no worker reported a heap figure', () => {
    // Act & Assess
    expect(largestWorker([row('A', { invocations: 1 })])).toBeUndefined();
    expect(largestWorker([])).toBeUndefined();
  });
});
