/**
 * Peak memory of this process during a phase, sampled: resident set size (the process's worker threads included,
 * since they share it) and the main thread's V8 heap. The lifetime peak RSS comes from the kernel
 * (`process.resourceUsage().maxRSS`), which no sampling interval can miss.
 */

/** Peaks seen between start and stop, bytes. */
type MemoryPeaks = { rssBytes: number; mainHeapUsedBytes: number; samples: number };

/** A running sampler. */
type MemorySampler = { stop(): MemoryPeaks };

/**
 * Samples memory every `intervalMillis` until stopped.
 *
 * @example
 * const sampler = sampleMemory();
 * await work();
 * const { rssBytes } = sampler.stop();
 */
const sampleMemory = (intervalMillis = 100): MemorySampler => {
  const peaks: MemoryPeaks = { rssBytes: 0, mainHeapUsedBytes: 0, samples: 0 };
  const sample = (): void => {
    const usage = process.memoryUsage();
    peaks.rssBytes = Math.max(peaks.rssBytes, usage.rss);
    peaks.mainHeapUsedBytes = Math.max(peaks.mainHeapUsedBytes, usage.heapUsed);
    peaks.samples += 1;
  };
  sample();
  const timer = setInterval(sample, intervalMillis);
  timer.unref();
  return {
    stop: () => {
      clearInterval(timer);
      sample();
      return { ...peaks };
    },
  };
};

/** The process's peak resident set size over its whole life, bytes. */
const lifetimePeakRssBytes = (): number => process.resourceUsage().maxRSS * 1024;

export { lifetimePeakRssBytes, sampleMemory };
export type { MemoryPeaks, MemorySampler };
