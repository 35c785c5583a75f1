/**
 * The workflow benchmark (DESIGN §8): how much the workflow adds to the analysis, or gains with two cores.
 *
 *   npm run bench:workflow -- [--pack abap|angularjs|all] [--loc 200000] [--batch <units>] [--seed 1] [--passes 2]
 *                              [--loads 5] [--process-loads 3] [--concurrency <workers>] [--timeout 1800]
 *                              [--json result.json] [--keep]
 *
 * For each rule pack asked for, on one generated code base of that pack: the raw analyzer loop (one thread), three
 * end-to-end runs through the whole local workflow (a fresh runtime with a cold findings cache, a warm runtime with a
 * cold cache for a second customer, and that customer's re-run of the same archive, served from the cache), the
 * state transitions per second of the engine, peak memory (the process, and the heap of each Lambda worker from the
 * pool's own figures), and the cost per million lines in the cloud from the measured quantities; then, once, the
 * cold-start init of every function bundle (the bundles do not depend on the pack). With `--pack all` a summary table
 * follows. Everything runs under a fresh temporary directory on free loopback ports and is removed afterwards; a run
 * past --timeout (the whole command) is stopped with a message naming the phase.
 *
 * Exit codes: 0 measured and printed; 1 bad option, a failed run, or the time limit reached.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, platform, release, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { archiveOf, buildLayers } from '../../local/app';
import { loadManifest } from '../../local/manifest';
import { measureRawAnalyzer, unitsOfArchive } from './baseline';
import { measureColdStarts, type ColdStartRow } from './coldStart';
import { costOf } from './cost';
import { BenchmarkTimeoutError, WorkflowBenchmarkError } from './errors';
import { lifetimePeakRssBytes, sampleMemory } from './memory';
import { USAGE, packsOf, parseOptions, type Options } from './options';
import { generatePackCorpus, type Pack } from './packs';
import { renderReports, type BenchmarkResult } from './report';
import { mergeWorkerStats } from './workers';
import { measureRun, startBenchApp, type BenchApp, type RunMeasurement } from './workflowRun';

const ROOT = resolve(__dirname, '..', '..');

const log = (message: string): void => {
  process.stderr.write(`[bench:workflow] ${message}\n`);
};

/** What {@link measurePack} leaves for the report: everything but the cold starts, measured once for all packs. */
type PackMeasurement = Omit<BenchmarkResult, 'coldStarts'>;

/** The state one benchmark command shares between its phases: where it works, and how long it has left. */
type Session = {
  options: Options;
  work: string;
  /** The analysis-engine layer bundle the raw loop loads, built once for every pack. */
  layerBundle(): Promise<string>;
  remaining(): number;
  setPhase(phase: string): void;
  /** The running local application, so that cleanup can stop it wherever the run ends. */
  setBench(bench: BenchApp | undefined): void;
};

/** Saved with --json: one pack's result as it always was, or every pack's under `results`. */
type SavedResults = BenchmarkResult | { results: BenchmarkResult[] };

const resultsOf = (saved: SavedResults): BenchmarkResult[] => ('results' in saved ? saved.results : [saved]);

const machineFigures = (loadAverageStart: number[]): BenchmarkResult['machine'] => ({
  cores: availableParallelism(),
  cpu: cpus()[0]?.model ?? 'unknown CPU',
  node: process.version,
  platform: `${platform()} ${release()}`,
  memoryBytes: totalmem(),
  loadAverageStart,
  loadAverageEnd: loadavg(),
});

/** One pack: corpus, raw analyzer loop, three end-to-end runs on a fresh local application. */
const measurePack = async (session: Session, pack: Pack, batch: number): Promise<PackMeasurement> => {
  const { options, work, remaining, setPhase } = session;
  const { loc, seed, passes, concurrency } = options;
  const startedAt = new Date().toISOString();
  const loadAverageStart = loadavg();
  const dir = join(work, pack);

  setPhase(`${pack}: corpus`);
  const codeDir = join(dir, 'code');
  const corpus = await generatePackCorpus(pack, { loc, seed, outDir: codeDir });
  const archive = await archiveOf(codeDir);
  // The tree is in the archive now; on a 1M-line code base it is tens of thousands of files.
  if (!options.keep) rmSync(codeDir, { recursive: true, force: true });
  log(`${pack}: corpus ${corpus.loc} lines in ${corpus.files} files, archive ${(archive.bytes.length / 1024).toFixed(0)} KiB`);

  setPhase(`${pack}: raw analyzer loop`);
  const layerBundle = await session.layerBundle();
  const split = await unitsOfArchive(archive.bytes);
  const baselineMemory = sampleMemory();
  const baseline = await measureRawAnalyzer({ units: split.units, layerBundle, passes, timeoutMillis: remaining() });
  const baselinePeaks = baselineMemory.stop();
  log(`${pack}: raw analyzer loop ${Math.round(baseline.best.locPerSecond)} lines/s over ${split.units.length} units`);

  setPhase(`${pack}: end-to-end runs`);
  const endToEndMemory = sampleMemory();
  const bench = await startBenchApp({ root: ROOT, stateDir: join(dir, 'state'), lambdaConcurrency: concurrency, countRequests: options.countRequests });
  session.setBench(bench);
  const plan = [
    { label: 'first run, fresh runtime', customerId: 'bench-a', runId: 'run-1' },
    { label: 'first run, warm runtime', customerId: 'bench-b', runId: 'run-1' },
    { label: 're-run (findings cache)', customerId: 'bench-b', runId: 'run-2' },
  ];
  const runs: RunMeasurement[] = [];
  for (const step of plan) {
    setPhase(`${pack}: end-to-end run '${step.label}'`);
    const run = await measureRun(bench, { ...step, archive, batch, timeoutMillis: remaining() });
    runs.push(run);
    log(`${pack}: ${step.label}: ${run.loc} lines in ${(run.millis / 1000).toFixed(1)} s, ${Math.round((run.loc / run.millis) * 1000)} lines/s`);
  }
  await bench.close();
  session.setBench(undefined);
  // The state (S3 objects, DynamoDB tables) of a 1M-line run is large; the next pack starts from nothing anyway.
  if (!options.keep) rmSync(dir, { recursive: true, force: true });
  const endToEndPeaks = endToEndMemory.stop();

  return {
    pack,
    startedAt,
    machine: machineFigures(loadAverageStart),
    corpus: { loc: corpus.loc, seed, files: corpus.files, objects: corpus.objects, archiveBytes: archive.bytes.length, units: split.units.length, splitMillis: split.splitMillis },
    batch,
    lambdaConcurrency: concurrency,
    baseline,
    runs,
    memory: {
      baseline: baselinePeaks,
      endToEnd: endToEndPeaks,
      lifetimePeakRssBytes: lifetimePeakRssBytes(),
      workers: mergeWorkerStats(runs.map((run) => run.workers)),
    },
    costs: options.countRequests ? runs.map((run) => ({ label: run.label, breakdown: costOf(run.cost) })) : [],
  };
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
      process.stdout.write(renderReports(resultsOf(JSON.parse(readFileSync(resolve(options.fromJson), 'utf8')) as SavedResults)));
      return 0;
    } catch (error) {
      process.stderr.write(`--from-json ${options.fromJson}: ${(error as Error).message}\n`);
      return 1;
    }
  }
  const { loads, processLoads, timeoutSeconds } = options;
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
    const manifest = loadManifest(join(ROOT, 'template.yaml'));
    let layerBundle: Promise<string> | undefined;
    const session: Session = {
      options,
      work,
      layerBundle: () => {
        layerBundle ??= buildLayers(manifest, join(work, 'baseline-build')).then((paths) =>
          join(paths.AnalysisEngineLayer ?? Object.values(paths)[0], 'analysis-engine', 'index.js'),
        );
        return layerBundle;
      },
      remaining,
      setPhase: (next) => {
        phase = next;
      },
      setBench: (next) => {
        bench = next;
      },
    };
    const measured: PackMeasurement[] = [];
    for (const { pack, batch } of packsOf(options)) measured.push(await measurePack(session, pack, batch));

    phase = 'cold-start harness';
    const coldStarts: ColdStartRow[] = await measureColdStarts({ manifest, buildDir: join(work, 'cold-start'), workerLoads: loads, processLoads, loadTimeoutMillis: Math.min(60_000, remaining()) });
    log(`cold starts: ${coldStarts.length} functions`);

    const results: BenchmarkResult[] = measured.map((measurement) => ({ ...measurement, coldStarts }));
    process.stdout.write(renderReports(results));
    const saved: SavedResults = results.length === 1 ? results[0] : { results };
    if (options.json) writeFileSync(resolve(options.json), `${JSON.stringify(saved, null, 2)}\n`);
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
