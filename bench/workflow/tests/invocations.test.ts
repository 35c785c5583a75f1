import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInvocationTracker, initDurations, parseReportLines } from '../invocations';

describe('Function: createInvocationTracker()', () => {
  it('times each invocation from its start to its end event and hands them over once', () => {
    // Prepare
    let clock = 0;
    const tracker = createInvocationTracker(() => clock);

    // Act
    tracker.onInvoke({ phase: 'start', functionName: 'A', requestId: 'r1' });
    clock = 10;
    tracker.onInvoke({ phase: 'start', functionName: 'B', requestId: 'r2' });
    clock = 25;
    tracker.onInvoke({ phase: 'end', functionName: 'A', requestId: 'r1' });
    clock = 40;
    tracker.onInvoke({ phase: 'end', functionName: 'B', requestId: 'r2', error: 'Sandbox.Timedout' });
    const first = tracker.take();
    const second = tracker.take();

    // Assess
    expect(first).toEqual([
      { functionName: 'A', requestId: 'r1', millis: 25 },
      { functionName: 'B', requestId: 'r2', millis: 30, error: 'Sandbox.Timedout' },
    ]);
    expect(second).toEqual([]);
  });

  it('ignores an end without a start', () => {
    // Prepare
    const tracker = createInvocationTracker(() => 0);

    // Act
    tracker.onInvoke({ phase: 'end', functionName: 'A', requestId: 'unknown' });

    // Assess
    expect(tracker.take()).toEqual([]);
  });
});

describe('Function: parseReportLines()', () => {
  it('reads init durations of cold starts and 0 for warm invocations', () => {
    // Prepare
    const log = [
      'START RequestId: r1 Version: $LATEST',
      'END RequestId: r1',
      'REPORT RequestId: r1 Duration: 812 ms Init Duration: 640 ms',
      'some handler output',
      'REPORT RequestId: r2 Duration: 37 ms',
    ].join('\n');

    // Act
    const inits = parseReportLines(log);

    // Assess
    expect([...inits]).toEqual([
      ['r1', 640],
      ['r2', 0],
    ]);
  });
});

describe('Function: initDurations()', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'bench-invocations-'));
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads each function log once its REPORT lines are there', async () => {
    // Prepare
    writeFileSync(join(dir, 'SplitSourceFunction.log'), 'REPORT RequestId: a Duration: 5 ms Init Duration: 120 ms\n');
    writeFileSync(join(dir, 'AnalyzeUnitsFunction.log'), 'REPORT RequestId: b Duration: 9 ms\n');

    // Act
    const inits = await initDurations(dir, [
      { functionName: 'SplitSourceFunction', requestId: 'a', millis: 125 },
      { functionName: 'AnalyzeUnitsFunction', requestId: 'b', millis: 9 },
    ]);

    // Assess
    expect(inits.get('a')).toBe(120);
    expect(inits.get('b')).toBe(0);
  });

  it('gives up after the wait and leaves out invocations never reported', async () => {
    // Act
    const inits = await initDurations(dir, [{ functionName: 'SplitSourceFunction', requestId: 'missing', millis: 1 }], 20);

    // Assess
    expect(inits.has('missing')).toBe(false);
  });
});
