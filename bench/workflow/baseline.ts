/**
 * The baseline: the raw analyzer loop over the same units the workflow analyses. The archive is split with the same
 * splitter the split-source Lambda runs, each stored unit is read back and shaped exactly as analyze-units shapes it
 * (stored file names as paths), and `analyzeUnit` runs over all of them in one worker thread that loads the same
 * analysis-engine layer bundle the Lambdas load, then the code-base phase (`assessCodebase`) over the units' facts, as
 * aggregate-findings runs it (the AngularJS pack's cross-file joins and recommendation; nothing for ABAP units). No
 * S3, no DynamoDB, no workflow: what is left is the analysis.
 */
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import type { Unit } from 'analysis-engine';
import { bufferByteSource, parseUnit, splitArchive, type SourceUnit, type UnitSummary } from '../../functions/lib/source';
import { BenchmarkTimeoutError, BaselineFailedError } from './errors';

/** The units of an archive, as analyze-units hands them to the analyzer. */
type SplitUnits = { units: Unit[]; loc: number; splitMillis: number };

/**
 * One pass of the raw loop. `millis` covers the units and the code-base phase; `codebaseMillis` is the phase alone
 * (absent from results saved before it was measured). `cpuMillis` is the process's CPU time over the pass: the main
 * thread only waits meanwhile, so it is the analyzer thread's CPU time (Node 20 has no per-thread CPU clock).
 */
type BaselinePass = { millis: number; cpuMillis: number; loc: number; findings: number; parseErrors: number; codebaseMillis?: number; codebaseFindings?: number };

/** What {@link measureRawAnalyzer} measured. */
type BaselineResult = {
  units: number;
  /** Every pass, in the order run (the first one also pays for JIT compilation). */
  passes: BaselinePass[];
  /** The fastest pass: the raw loop's lines per second. */
  best: BaselinePass & { locPerSecond: number };
  /** Time to require the layer bundle in the worker. */
  loadMillis: number;
  /** V8 heap of the worker after the last pass: used and committed, in bytes. */
  heapUsedBytes: number;
  heapTotalBytes: number;
  /**
   * Highest used heap of the worker over the load and every pass, bytes: V8's figures before each collection (its GC
   * profiler), as the Lambda pool measures its environments (local/lambda/heap.ts). Absent from older results.
   */
  peakHeapUsedBytes?: number;
};

/** Options of {@link measureRawAnalyzer}. */
type BaselineOptions = {
  units: readonly Unit[];
  /** The built analysis-engine layer bundle (…/nodejs/node_modules/analysis-engine/index.js). */
  layerBundle: string;
  /** @default 2 */
  passes?: number;
  /** The worker is terminated after this long. @default 600_000 */
  timeoutMillis?: number;
};

/**
 * Splits an archive in memory and returns its units shaped as analyze-units shapes them.
 *
 * @example
 * const { units, loc } = await unitsOfArchive(bytes);
 */
/**
 * Splits an archive in memory with the splitter split-source runs: each unit's summary and stored bytes.
 *
 * @example
 * const { summaries, bodies } = await splitInMemory(bytes);
 */
const splitInMemory = async (bytes: Buffer): Promise<{ summaries: UnitSummary[]; bodies: Map<string, Buffer> }> => {
  const bodies = new Map<string, Buffer>();
  let summaries: UnitSummary[] = [];
  await splitArchive(bufferByteSource(bytes), {
    put: async (unit: SourceUnit, body: Buffer) => {
      bodies.set(unit.unitId, body);
    },
    commit: async (result) => {
      summaries = result.units;
    },
  });
  return { summaries, bodies };
};

const unitsOfArchive = async (bytes: Buffer): Promise<SplitUnits> => {
  const started = performance.now();
  const { summaries, bodies } = await splitInMemory(bytes);
  const splitMillis = performance.now() - started;
  const units = summaries.map((summary): Unit => {
    const stored = parseUnit(bodies.get(summary.unitId)!, summary.unitId);
    return {
      unitId: summary.unitId,
      language: stored.language,
      objectType: stored.objectType,
      objectName: stored.objectName,
      path: summary.path,
      files: stored.files.map((file) => ({ path: file.name, name: file.name, text: file.text })),
      loc: summary.loc,
    };
  });
  return { units, loc: summaries.reduce((sum, unit) => sum + unit.loc, 0), splitMillis };
};

// Plain CommonJS run with `eval`: the worker needs no TypeScript loader, only the layer bundle.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { performance } = require('node:perf_hooks');
const v8 = require('node:v8');
const profiler = new v8.GCProfiler();
profiler.start();
const loadStarted = performance.now();
const engine = require(workerData.bundle);
const loadMillis = performance.now() - loadStarted;
const passes = [];
for (let pass = 0; pass < workerData.passes; pass += 1) {
  let loc = 0, findings = 0, parseErrors = 0;
  const facts = [];
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (const unit of workerData.units) {
    const result = engine.analyzeUnit(unit);
    loc += result.loc;
    findings += result.findings.length + result.omittedFindings;
    parseErrors += result.parseErrors;
    facts.push({ unitId: result.unitId, path: unit.path, language: result.language, loc: result.loc, facts: result.facts });
  }
  const codebaseStarted = performance.now();
  const assessments = engine.assessCodebase(facts);
  const codebaseMillis = performance.now() - codebaseStarted;
  const codebaseFindings = assessments.reduce((sum, assessment) => sum + assessment.findings.length, 0);
  const millis = performance.now() - started;
  const used = process.cpuUsage(cpu);
  passes.push({ millis, cpuMillis: (used.user + used.system) / 1000, loc, findings: findings + codebaseFindings, parseErrors, codebaseMillis, codebaseFindings });
}
const heap = v8.getHeapStatistics();
let peakHeapUsedBytes = heap.used_heap_size;
for (const collection of profiler.stop().statistics) peakHeapUsedBytes = Math.max(peakHeapUsedBytes, collection.beforeGC.heapStatistics.usedHeapSize);
parentPort.postMessage({ loadMillis, passes, heapUsedBytes: heap.used_heap_size, heapTotalBytes: heap.total_heap_size, peakHeapUsedBytes });
`;

/**
 * Runs `analyzeUnit` over `units` in one fresh worker thread, `passes` times, and reports the fastest pass.
 *
 * @example
 * const baseline = await measureRawAnalyzer({ units, layerBundle });
 * console.log(baseline.best.locPerSecond);
 */
const measureRawAnalyzer = async (options: BaselineOptions): Promise<BaselineResult> => {
  const passes = Math.max(1, options.passes ?? 2);
  const timeoutMillis = options.timeoutMillis ?? 600_000;
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { bundle: options.layerBundle, units: options.units, passes } });
  let timer: NodeJS.Timeout | undefined;
  try {
    const message = await new Promise<Omit<BaselineResult, 'units' | 'best'>>((resolve, reject) => {
      timer = setTimeout(() => reject(new BenchmarkTimeoutError('raw analyzer loop', timeoutMillis)), timeoutMillis);
      worker.once('message', resolve);
      worker.once('error', (error) => reject(new BaselineFailedError(`the analyzer worker failed: ${error.message}`, { cause: error })));
      worker.once('exit', (code) => reject(new BaselineFailedError(`the analyzer worker exited with code ${code} before reporting`)));
    });
    const fastest = [...message.passes].sort((a, b) => a.millis - b.millis)[0];
    return { ...message, units: options.units.length, best: { ...fastest, locPerSecond: (fastest.loc / fastest.millis) * 1000 } };
  } finally {
    clearTimeout(timer);
    await worker.terminate();
  }
};

export { measureRawAnalyzer, splitInMemory, unitsOfArchive };
export type { BaselineOptions, BaselinePass, BaselineResult, SplitUnits };
