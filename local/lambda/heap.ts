/**
 * The V8 heap of one local Lambda execution environment (one worker thread, one isolate), measured per invocation.
 *
 * A sample at the end of an invocation misses the high-water mark: the garbage an invocation made is usually gone by
 * then, and a worker busy in synchronous analysis cannot run a sampling timer. Between two collections the used heap
 * only grows, so its maxima are just before each collection; V8's GC profiler (`v8.GCProfiler`, Node ≥ 18.15) records
 * the heap statistics before and after every collection, which makes the peak exact: the largest of the sample at the
 * start, the figures before each collection, and the sample at the end.
 */
import { GCProfiler, getHeapStatistics } from 'node:v8';

/** Heap figures of one invocation, bytes (`used` is V8's `used_heap_size`, `total` its committed `total_heap_size`). */
type HeapFigures = {
  /** Used heap when the invocation ended. */
  usedBytes: number;
  /** Committed heap when the invocation ended. */
  totalBytes: number;
  /** Highest used heap during the invocation (the init of a cold start included). */
  invocationPeakUsedBytes: number;
  /** Highest committed heap during the invocation. */
  invocationPeakTotalBytes: number;
  /** Highest used heap of this environment since it started. */
  environmentPeakUsedBytes: number;
};

/** Measures one invocation at a time; `stop` must follow each `start`. */
type HeapMeter = {
  start(): void;
  stop(): HeapFigures;
};

/**
 * Creates the meter of one environment (it keeps that environment's peak across invocations).
 *
 * @example
 * const meter = createHeapMeter();
 * meter.start();
 * await handler(event, context);
 * const { invocationPeakUsedBytes } = meter.stop();
 */
const createHeapMeter = (): HeapMeter => {
  const profiler = new GCProfiler();
  let environmentPeak = 0;
  let startUsed = 0;
  let startTotal = 0;
  return {
    start: () => {
      const heap = getHeapStatistics();
      startUsed = heap.used_heap_size;
      startTotal = heap.total_heap_size;
      profiler.start();
    },
    stop: () => {
      // Sampled before stop(): stop() parses the profiler's record into objects on this same heap.
      const end = getHeapStatistics();
      const collections = profiler.stop()?.statistics ?? [];
      let peakUsed = Math.max(startUsed, end.used_heap_size);
      let peakTotal = Math.max(startTotal, end.total_heap_size);
      for (const collection of collections) {
        peakUsed = Math.max(peakUsed, collection.beforeGC.heapStatistics.usedHeapSize);
        peakTotal = Math.max(peakTotal, collection.beforeGC.heapStatistics.totalHeapSize, collection.afterGC.heapStatistics.totalHeapSize);
      }
      environmentPeak = Math.max(environmentPeak, peakUsed);
      return {
        usedBytes: end.used_heap_size,
        totalBytes: end.total_heap_size,
        invocationPeakUsedBytes: peakUsed,
        invocationPeakTotalBytes: peakTotal,
        environmentPeakUsedBytes: environmentPeak,
      };
    },
  };
};

export { createHeapMeter };
export type { HeapFigures, HeapMeter };
