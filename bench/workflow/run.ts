/**
 * The workflow benchmark (DESIGN §8): how much the workflow adds to the analysis, or gains with two cores.
 *
 *   npm run bench:workflow -- [--loc 200000] [--batch 25] [--seed 1] [--passes 2] [--loads 5] [--process-loads 3]
 *                              [--concurrency <workers>] [--timeout 1800] [--json result.json] [--keep]
 *
 * In one run, on one generated abapGit code base: the raw analyzer loop (one thread), three end-to-end runs through
 * the whole local workflow (a fresh runtime with a cold findings cache, a warm runtime with a cold cache for a second
 * customer, and that customer's re-run of the same archive, served from the cache), the state transitions per second
 * of the engine, the cold-start init of every function bundle, peak memory, and the cost per million lines in the
 * cloud from the measured quantities. Everything runs under a fresh temporary directory on free loopback ports and
 * is removed afterwards; a run past --timeout is stopped with a message naming the phase.
 *
 * Exit codes: 0 measured and printed; 1 bad option, a failed run, or the time limit reached.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, platform, release, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { archiveOf, buildLayers } from '../../local/app';
import { loadManifest } from '../../local/manifest';
import { generateAbapCorpus } from '../corpus/abap/generate';
import { measureRawAnalyzer, unitsOfArchive } from './baseline';
import { measureColdStarts } from './coldStart';
import { costOf } from './cost';
import { BenchmarkTimeoutError, WorkflowBenchmarkError } from './errors';
import { lifetimePeakRssBytes, sampleMemory } from './memory';
import { USAGE, parseOptions, type Options } from './options';
import { renderReport, type BenchmarkResult } from './report';
import { measureRun, startBenchApp, type BenchApp, type RunMeasurement } from './workflowRun';

const ROOT = resolve(__dirname, '..', '..');

const log = (message: string): void => {
  process.stderr.write(`[bench:workflow] ${message}\n`);
};

const main = async (): Promise<number> => {
  let options: Options | undefined;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${USAGE}\n`);
    return 1;
  }
  if (!options) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (options.fromJson) {
    try {
      process.stdout.write(renderReport(JSON.parse(readFileSync(resolve(options.fromJson), 'utf8')) as BenchmarkResult));
      return 0;
    } catch (error) {
      process.stderr.write(`--from-json ${options.fromJson}: ${(error as Error).message}\n`);
      return 1;
    }
  }
  const { loc, batch, seed, passes, loads, processLoads, concurrency, timeoutSeconds } = options;
  const deadline = Date.now() + timeoutSeconds * 1000;
  const remaining = (): number => Math.max(1000, deadline - Date.now());
  const work = mkdtempSync(join(tmpdir(), 'bench-workflow-'));
  let phase = 'setup';
  let bench: BenchApp | undefined;
  let cleaned = false;
  const cleanup = async (): Promise<void> => {
    if (cleaned) return;
    cleaned = true;
    await bench?.close().catch((error: Error) => log(`stopping the local runtime: ${error.message}`));
    if (options.keep) log(`kept ${work}`);
    else rmSync(work, { recursive: true, force: true });
  };
  // The backstop: whatever hangs, the process ends at the deadline, cleaned up, saying where it was.
  const backstop = setTimeout(() => {
    log(new BenchmarkTimeoutError(phase, timeoutSeconds * 1000).message);
    void cleanup().finally(() => process.exit(1));
  }, timeoutSeconds * 1000);
  backstop.unref();
  const interrupted = (): void => {
    log(`interrupted during ${phase}; cleaning up`);
    void cleanup().finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);

  try {
    const startedAt = new Date().toISOString();
    const loadAverageStart = loadavg();
    const manifest = loadManifest(join(ROOT, 'template.yaml'));

    phase = 'corpus';
    const codeDir = join(work, 'code');
    // No seeds that fail to parse: the benchmark compares throughput on code the analyzer parses whole.
    const corpus = generateAbapCorpus({ lines: loc, seed, outDir: codeDir, parserErrors: false });
    const archive = await archiveOf(codeDir);
    log(`corpus: ${corpus.loc} lines in ${corpus.files.length} files, archive ${(archive.bytes.length / 1024).toFixed(0)} KiB`);

    phase = 'raw analyzer loop';
    const layerPaths = await buildLayers(manifest, join(work, 'baseline-build'));
    const layerBundle = join(layerPaths.AnalysisEngineLayer ?? Object.values(layerPaths)[0], 'analysis-engine', 'index.js');
    const split = await unitsOfArchive(archive.bytes);
    const baselineMemory = sampleMemory();
    const baseline = await measureRawAnalyzer({ units: split.units, layerBundle, passes, timeoutMillis: remaining() });
    const baselinePeaks = baselineMemory.stop();
    log(`raw analyzer loop: ${Math.round(baseline.best.locPerSecond)} lines/s over ${split.units.length} units`);

    phase = 'end-to-end runs';
    const endToEndMemory = sampleMemory();
    bench = await startBenchApp({ root: ROOT, stateDir: join(work, 'state'), lambdaConcurrency: concurrency, countRequests: options.countRequests });
    const plan = [
      { label: 'first run, fresh runtime', customerId: 'bench-a', runId: 'run-1' },
      { label: 'first run, warm runtime', customerId: 'bench-b', runId: 'run-1' },
      { label: 're-run (findings cache)', customerId: 'bench-b', runId: 'run-2' },
    ];
    const runs: RunMeasurement[] = [];
    for (const step of plan) {
      phase = `end-to-end run '${step.label}'`;
      const run = await measureRun(bench, { ...step, archive, batch, timeoutMillis: remaining() });
      runs.push(run);
      log(`${step.label}: ${run.loc} lines in ${(run.millis / 1000).toFixed(1)} s, ${Math.round((run.loc / run.millis) * 1000)} lines/s`);
    }
    await bench.close();
    bench = undefined;
    const endToEndPeaks = endToEndMemory.stop();

    phase = 'cold-start harness';
    const coldStarts = await measureColdStarts({ manifest, buildDir: join(work, 'cold-start'), workerLoads: loads, processLoads, loadTimeoutMillis: Math.min(60_000, remaining()) });
    log(`cold starts: ${coldStarts.length} functions`);

    const cpu = cpus()[0]?.model ?? 'unknown CPU';
    const result: BenchmarkResult = {
      startedAt,
      machine: { cores: availableParallelism(), cpu, node: process.version, platform: `${platform()} ${release()}`, memoryBytes: totalmem(), loadAverageStart, loadAverageEnd: loadavg() },
      corpus: { loc: corpus.loc, seed, files: corpus.files.length, objects: corpus.objects, archiveBytes: archive.bytes.length, units: split.units.length, splitMillis: split.splitMillis },
      batch,
      lambdaConcurrency: concurrency,
      baseline,
      runs,
      coldStarts,
      memory: { baseline: baselinePeaks, endToEnd: endToEndPeaks, lifetimePeakRssBytes: lifetimePeakRssBytes() },
      costs: options.countRequests ? runs.map((run) => ({ label: run.label, breakdown: costOf(run.cost) })) : [],
    };
    process.stdout.write(renderReport(result));
    if (options.json) writeFileSync(resolve(options.json), `${JSON.stringify(result, null, 2)}\n`);
    return 0;
  } catch (error) {
    const message = error instanceof WorkflowBenchmarkError ? error.message : `${phase}: ${(error as Error).stack ?? String(error)}`;
    log(`failed: ${message}`);
    return 1;
  } finally {
    clearTimeout(backstop);
    await cleanup();
  }
};

void main().then((code) => {
  process.exitCode = code;
});
