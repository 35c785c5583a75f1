/**
 * Lambda invocations of the local pool, as the benchmark sees them: the pool's `onInvoke` start and end events give
 * each invocation's duration (what Lambda bills: the handler, plus the init of a cold environment, which Lambda
 * bills for managed runtimes since August 2025), and the REPORT lines the pool writes to each function's log give
 * the init duration of cold starts, as CloudWatch Logs does.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

/** One finished invocation. */
type Invocation = { functionName: string; requestId: string; millis: number; error?: string };

/** What the pool's `onInvoke` option receives. */
type InvokeEvent = { phase: 'start' | 'end'; functionName: string; requestId: string; error?: string };

/** Collects invocations between {@link InvocationTracker.take} calls. */
type InvocationTracker = {
  onInvoke(event: InvokeEvent): void;
  /** The invocations finished since the last call, and forgets them. */
  take(): Invocation[];
};

/**
 * @example
 * const tracker = createInvocationTracker();
 * const app = await startLocalApp({ onInvoke: tracker.onInvoke, … });
 */
const createInvocationTracker = (now: () => number = () => performance.now()): InvocationTracker => {
  const started = new Map<string, number>();
  let finished: Invocation[] = [];
  return {
    onInvoke: (event) => {
      if (event.phase === 'start') {
        started.set(event.requestId, now());
        return;
      }
      const begin = started.get(event.requestId);
      started.delete(event.requestId);
      if (begin === undefined) return;
      finished.push({ functionName: event.functionName, requestId: event.requestId, millis: now() - begin, ...(event.error ? { error: event.error } : {}) });
    },
    take: () => {
      const taken = finished;
      finished = [];
      return taken;
    },
  };
};

const REPORT_LINE = /^REPORT RequestId: (\S+) Duration: (\d+(?:\.\d+)?) ms(?: Init Duration: (\d+(?:\.\d+)?) ms)?/;

/**
 * Init durations by request id, from REPORT lines (`REPORT RequestId: … Duration: … ms Init Duration: … ms`); a
 * request without `Init Duration` ran warm and maps to 0.
 *
 * @example
 * parseReportLines('REPORT RequestId: r1 Duration: 40 ms Init Duration: 180 ms\n').get('r1'); // 180
 */
const parseReportLines = (text: string): Map<string, number> => {
  const inits = new Map<string, number>();
  for (const line of text.split('\n')) {
    const match = REPORT_LINE.exec(line);
    if (match) inits.set(match[1], match[3] === undefined ? 0 : Number(match[3]));
  }
  return inits;
};

/**
 * Reads the init duration of each invocation from the functions' logs under `logDir`, waiting (up to `waitMillis`)
 * for log writes still in flight. Invocations whose REPORT line never appears are left out of the map.
 */
const initDurations = async (logDir: string, invocations: readonly Invocation[], waitMillis = 3000): Promise<Map<string, number>> => {
  const deadline = Date.now() + waitMillis;
  for (;;) {
    const inits = new Map<string, number>();
    for (const functionName of new Set(invocations.map((invocation) => invocation.functionName))) {
      const path = join(logDir, `${functionName}.log`);
      if (existsSync(path)) for (const [id, millis] of parseReportLines(readFileSync(path, 'utf8'))) inits.set(id, millis);
    }
    if (invocations.every((invocation) => inits.has(invocation.requestId)) || Date.now() >= deadline) return inits;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

export { createInvocationTracker, initDurations, parseReportLines };
export type { Invocation, InvocationTracker, InvokeEvent };
