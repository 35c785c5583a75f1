import { renderSummary, renderTable, type BenchmarkResult } from '../report';
import { median } from '../stats';

describe('Function: renderTable()', () => {
  it('pads every column to its widest cell, left or right as asked', () => {
    // Act
    const table = renderTable(['name', 'lines/s'], [['raw', '27,161'], ['end to end', '5,102']], ['left', 'right']);

    // Assess
    expect(table.split('\n')).toEqual(['name        lines/s', '----------  -------', 'raw          27,161', 'end to end    5,102']);
  });
});

describe('Function: median()', () => {
  it.each([
    [[3, 1, 2], 2],
    [[4, 1, 3, 2], 2.5],
    [[7], 7],
  ])('of %p is %p', (values, expected) => {
    // Act & Assess
    expect(median(values)).toBe(expected);
  });

  it('refuses an empty list', () => {
    // Act & Assess
    expect(() => median([])).toThrow(RangeError);
  });
});

// Only the fields the summary reads; the rest of a result is what the per-pack report prints.
const packResult = (pack: 'abap' | 'angularjs' | undefined, figures: { loc: number; rawLocPerSecond: number; firstMillis: number; warmMillis: number; rerunMillis: number; analyzePeak?: number; encryptPeak?: number }): BenchmarkResult =>
  ({
    ...(pack ? { pack } : {}),
    corpus: { loc: figures.loc, units: 100 },
    lambdaConcurrency: 2,
    baseline: { best: { locPerSecond: figures.rawLocPerSecond }, peakHeapUsedBytes: 64 * 1024 * 1024 },
    runs: [
      { label: 'first run, fresh runtime', loc: figures.loc, millis: figures.firstMillis, unitsFromCache: 0 },
      { label: 'first run, warm runtime', loc: figures.loc, millis: figures.warmMillis, unitsFromCache: 0 },
      { label: 're-run (findings cache)', loc: figures.loc, millis: figures.rerunMillis, unitsFromCache: 100 },
    ],
    memory:
      figures.analyzePeak === undefined
        ? {}
        : {
            workers: [
              { logicalId: 'AnalyzeUnitsFunction', environments: 2, invocations: 12, coldStarts: 2, peakHeapUsedBytes: figures.analyzePeak, peakHeapTotalBytes: figures.analyzePeak, timedOut: 0, outOfMemory: 0 },
              { logicalId: 'EncryptReportFunction', environments: 1, invocations: 3, coldStarts: 1, peakHeapUsedBytes: figures.encryptPeak ?? 0, peakHeapTotalBytes: figures.encryptPeak ?? 0, timedOut: 0, outOfMemory: 0 },
            ],
          },
  }) as unknown as BenchmarkResult;

describe('Function: renderSummary()', () => {
  it('gives one row per pack: the raw loop, the warm first run, their ratio, the re-run and the peak heap per worker', () => {
    // Prepare
    const mib = 1024 * 1024;
    const abap = packResult('abap', { loc: 100_000, rawLocPerSecond: 20_000, firstMillis: 12_500, warmMillis: 10_000, rerunMillis: 4_000, analyzePeak: 150 * mib, encryptPeak: 90 * mib });
    const angular = packResult('angularjs', { loc: 100_000, rawLocPerSecond: 400_000, firstMillis: 25_000, warmMillis: 20_000, rerunMillis: 5_000, analyzePeak: 120 * mib, encryptPeak: 300 * mib });

    // Act
    const lines = renderSummary([abap, angular]).split('\n');

    // Assess
    expect(lines[0]).toBe('Summary');
    expect(lines[3].split(/\s{2,}/)).toEqual(['abap', '100,000', '100', '20,000', '10,000', '0.50', '25,000', '64.0', '150.0', '150.0 (AnalyzeUnits)']);
    expect(lines[4].split(/\s{2,}/)).toEqual(['angularjs', '100,000', '100', '400,000', '5,000', '0.01', '20,000', '64.0', '120.0', '300.0 (EncryptReport)']);
  });

  it('reads a result saved before packs and worker figures as ABAP, with dashes for the heap it lacks', () => {
    // Prepare
    const old = packResult(undefined, { loc: 200_000, rawLocPerSecond: 17_635, firstMillis: 14_970, warmMillis: 18_110, rerunMillis: 7_550 });

    // Act
    const row = renderSummary([old]).split('\n')[3].split(/\s{2,}/);

    // Assess
    expect(row).toEqual(['abap', '200,000', '100', '17,635', '11,044', '0.63', '26,490', '64.0', '-', '-']);
  });
});
