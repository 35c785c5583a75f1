/**
 * The benchmark's printed report: plain-text tables, one per question, from one {@link BenchmarkResult} per rule pack,
 * and a summary table across packs when more than one was measured.
 */
import type { FunctionPoolStats } from '../../local/lambda';
import { goalRows } from './goals';
import type { BaselineResult } from './baseline';
import type { ColdStartRow } from './coldStart';
import { PRICES, type CostBreakdown } from './cost';
import type { MemoryPeaks } from './memory';
import { PACK_LABELS, Packs, type Pack } from './packs';
import { largestWorker } from './workers';
import type { RunMeasurement } from './workflowRun';

/** Everything one benchmark run of one rule pack measured. */
type BenchmarkResult = {
  /** The rule pack whose code base was generated; absent in results saved before there was a choice (ABAP). */
  pack?: Pack;
  startedAt: string;
  machine: { cores: number; cpu: string; node: string; platform: string; memoryBytes: number; loadAverageStart: number[]; loadAverageEnd: number[] };
  corpus: { loc: number; seed: number; files: number; objects: Record<string, number>; archiveBytes: number; units: number; splitMillis: number };
  batch: number;
  lambdaConcurrency: number;
  baseline: BaselineResult;
  runs: RunMeasurement[];
  coldStarts: ColdStartRow[];
  memory: {
    baseline: MemoryPeaks;
    endToEnd: MemoryPeaks;
    lifetimePeakRssBytes: number;
    /** The Lambda pool's figures of each function over the three end-to-end runs; absent in older results. */
    workers?: FunctionPoolStats[];
  };
  /** Empty when requests were not counted (--no-count). */
  costs: { label: string; breakdown: CostBreakdown }[];
};

type Align = 'left' | 'right';

/**
 * Lays out rows under headers, columns padded to their widest cell.
 *
 * @example
 * renderTable(['a', 'b'], [['x', '1']], ['left', 'right']);
 */
const renderTable = (headers: readonly string[], rows: readonly (readonly string[])[], align: readonly Align[]): string => {
  const widths = headers.map((header, column) => Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, column) => (align[column] === 'right' ? cell.padStart(widths[column]) : cell.padEnd(widths[column])))
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
};

const integer = (value: number): string => Math.round(value).toLocaleString('en-US');
const fixed = (value: number, digits: number): string => value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const seconds = (millis: number): string => fixed(millis / 1000, 2);
const mib = (bytes: number): string => fixed(bytes / 1024 / 1024, 1);
const kib = (bytes: number): string => integer(bytes / 1024);
const usd = (value: number): string => (value === 0 ? '0' : value < 0.00005 ? '<0.0001' : fixed(value, value < 1 ? 4 : 2));

const throughputTable = (result: BenchmarkResult): string => {
  const raw = result.baseline.best.locPerSecond;
  const rawPerCpu = (result.baseline.best.loc / result.baseline.best.cpuMillis) * 1000;
  const rows: string[][] = [
    [
      `raw analyzer loop (1 thread, best of ${result.baseline.passes.length})`,
      integer(result.baseline.best.loc),
      integer(result.baseline.units),
      seconds(result.baseline.best.millis),
      integer(raw),
      '1.00',
      seconds(result.baseline.best.cpuMillis),
      integer(rawPerCpu),
      '1.00',
      '-',
      '-',
    ],
    ...result.runs.map((run) => {
      const perCpu = (run.loc / run.processCpuMillis) * 1000;
      return [
        `end to end: ${run.label}`,
        integer(run.loc),
        `${integer(run.units)}${run.unitsFromCache > 0 ? ` (${integer(run.unitsFromCache)} cached)` : ''}`,
        seconds(run.millis),
        integer((run.loc / run.millis) * 1000),
        fixed(((run.loc / run.millis) * 1000) / raw, 2),
        seconds(run.processCpuMillis),
        integer(perCpu),
        fixed(perCpu / rawPerCpu, 2),
        integer(run.statesEntered),
        fixed((run.statesEntered / run.millis) * 1000, 1),
      ];
    }),
  ];
  const firstPass = result.baseline.passes[0];
  return [
    renderTable(
      ['measurement', 'lines', 'units', 'seconds', 'lines/s', 'ratio to raw', 'CPU s', 'lines/CPU-s', 'CPU ratio to raw', 'states entered', 'transitions/s'],
      rows,
      ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
    ),
    `raw loop: first pass (cold JIT) ${integer((firstPass.loc / firstPass.millis) * 1000)} lines/s; ${integer(result.baseline.best.findings)} findings, ${result.baseline.best.parseErrors} parse errors; layer require ${integer(result.baseline.loadMillis)} ms.`,
    ...(result.baseline.best.codebaseMillis === undefined
      ? []
      : [
          `raw loop: each pass is analyzeUnit over every unit, then the code-base phase (assessCodebase over the units' facts, as aggregate-findings runs it): ${seconds(result.baseline.best.codebaseMillis)} s and ${integer(result.baseline.best.codebaseFindings ?? 0)} code-base findings in the best pass.`,
        ]),
    'end to end: StartExecution to SUCCEEDED; states entered include the map children; the upload before it is in the next table.',
    'CPU s: CPU time of this process (all its threads) over the measurement; lines/CPU-s is the figure least moved by other load on the machine.',
  ].join('\n');
};

const MAIN_STATES = ['Split source into units', 'Analyze units', 'Aggregate findings', 'Encrypt report'] as const;

const timeTable = (result: BenchmarkResult): string => {
  const rows = result.runs.map((run) => {
    const states = MAIN_STATES.map((name) => run.tally.parent.stateMillis[name] ?? 0);
    const rest = run.millis - states.reduce((sum, millis) => sum + millis, 0);
    const functions = Object.values(run.functions);
    const cold = functions.reduce((sum, fn) => sum + fn.coldStarts, 0);
    const init = functions.reduce((sum, fn) => sum + fn.initMillis, 0);
    return [
      run.label,
      seconds(run.uploadMillis),
      ...states.map(seconds),
      seconds(rest),
      `${cold} / ${seconds(init)} s`,
      `${seconds(run.processCpuMillis)} of ${seconds(run.millis * result.machine.cores)}`,
      `${integer(run.mainThreadUtilization * 100)} %`,
    ];
  });
  return [
    renderTable(
      ['run', 'upload', 'split', 'analyze (map)', 'aggregate', 'encrypt', 'rest', 'cold starts / init', 'CPU s used of available', 'main thread busy'],
      rows,
      ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
    ),
    'seconds per state, from the history (entered to exited); rest = DynamoDB tasks, publish, engine and API overhead.',
    `CPU: this process's CPU time (main thread and Lambda workers) against cores × seconds; main thread: its event-loop utilisation`,
    `(engine, emulators, endpoints${result.costs.length > 0 ? ', counting proxies' : ''}). The raw loop split the same archive in memory in ${seconds(result.corpus.splitMillis)} s.`,
  ].join('\n');
};

const analyzeMemoryMb = (result: BenchmarkResult): number =>
  result.coldStarts.find((row) => row.logicalId === 'AnalyzeUnitsFunction')?.memoryMb ??
  result.runs.flatMap((run) => Object.entries(run.functions)).find(([name]) => name === 'AnalyzeUnitsFunction')?.[1].memoryMb ??
  1769;

const lambdaTable = (result: BenchmarkResult): string => {
  const rows = result.runs.flatMap((run) =>
    Object.entries(run.functions).map(([name, fn]) => [
      run.label,
      name.replace(/Function$/, ''),
      integer(fn.memoryMb),
      integer(fn.invocations),
      integer(fn.coldStarts),
      seconds(fn.initMillis),
      seconds(fn.durationMillis),
      fixed(fn.gbSeconds, 2),
    ]),
  );
  return [
    renderTable(['run', 'function', 'MemorySize', 'invocations', 'cold starts', 'init s', 'duration s', 'GB-s'], rows, ['left', 'left', 'right', 'right', 'right', 'right', 'right', 'right']),
    'duration: each invocation as the pool ran it (init of a cold start included, as Lambda now bills it); GB-s = Σ ceil(ms) × MemorySize/1024 / 1000.',
    `for scale: the raw loop's best pass at AnalyzeUnits' MemorySize would be ${fixed((result.baseline.best.millis / 1000) * (analyzeMemoryMb(result) / 1024), 2)} GB-s of pure analysis.`,
  ].join('\n');
};

const coldStartTable = (result: BenchmarkResult): string => {
  const range = (figures: ColdStartRow['worker'] | undefined): string =>
    figures ? `${integer(figures.medianMillis)} (${integer(figures.minMillis)}-${integer(figures.maxMillis)})` : '-';
  const rows = result.coldStarts.map((row) => [
    row.logicalId.replace(/Function$/, ''),
    integer(row.memoryMb),
    kib(row.bundleBytes),
    row.layerBytes > 0 ? kib(row.layerBytes) : '-',
    range(row.worker),
    range(row.cleanWorker),
    range(row.process),
    mib(row.cleanWorker.heapUsedBytes),
  ]);
  const samples = result.coldStarts[0];
  return [
    renderTable(
      ['function', 'MemorySize', 'bundle KiB', 'layer KiB', 'worker as the pool starts it', 'clean worker', 'process', 'heap after init MiB'],
      rows,
      ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
    ),
    `init ms, median (min-max): require() of the bundle, layers on NODE_PATH, bundled as sam build does, layer minified as deployed;`,
    `${samples?.worker.samples ?? 0} loads per worker kind (interleaved) and ${samples?.process?.samples ?? 0} per process, one at a time. "As the pool starts it": from a file, inheriting this`,
    `process's execArgv (${process.execArgv.length > 0 ? process.execArgv.join(' ') : 'none'}); "clean": execArgv [].`,
  ].join('\n');
};

const workerTable = (result: BenchmarkResult): string[] => {
  const workers = result.memory.workers;
  if (!workers || workers.length === 0) {
    return ['Lambda pool workers: not measured in this result (saved before the pool reported the heap of its environments)'];
  }
  const memoryMb = (logicalId: string): string => {
    const fromRuns = result.runs.map((run) => run.functions[logicalId]?.memoryMb).find((value) => value !== undefined);
    return fromRuns === undefined ? '-' : integer(fromRuns);
  };
  const rows = workers.map((row) => [
    row.logicalId.replace(/Function$/, ''),
    memoryMb(row.logicalId),
    integer(row.environments),
    integer(row.invocations),
    integer(row.coldStarts),
    // Results written before the pool had a memory bound have no such count.
    integer(row.recycledForMemory ?? 0),
    mib(row.peakHeapUsedBytes),
    mib(row.peakHeapTotalBytes),
  ]);
  return [
    'Lambda pool workers, over the three end-to-end runs (peak heap per environment: the most any one of its workers held)',
    renderTable(
      ['function', 'MemorySize', 'environments', 'invocations', 'cold starts', 'recycled (memory bound)', 'peak heap used MiB', 'peak heap committed MiB'],
      rows,
      ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
    ),
    'heap: V8 used_heap_size / total_heap_size of the worker thread, highest before any collection during an invocation (GC profiler) or at its start or end;',
    'the workers share this process, so their resident memory is in the RSS above and cannot be told apart; MemorySize is what Lambda would give each;',
    'recycled: idle environments the pool ended to keep the process under its memory bound (LOCAL_MEMORY_LIMIT_MB), each a cold start later.',
  ];
};

const memoryLines = (result: BenchmarkResult): string =>
  [
    `peak RSS of this process: ${mib(result.memory.endToEnd.rssBytes)} MiB during the end-to-end runs (emulators, engine, Lambda workers), ${mib(result.memory.lifetimePeakRssBytes)} MiB over the whole benchmark`,
    `main-thread heap peak during the end-to-end runs: ${mib(result.memory.endToEnd.mainHeapUsedBytes)} MiB`,
    `raw analyzer loop worker: heap ${mib(result.baseline.heapUsedBytes)} MiB used, ${mib(result.baseline.heapTotalBytes)} MiB committed after ${result.baseline.passes.length} passes over the corpus${result.baseline.peakHeapUsedBytes === undefined ? '' : `; peak ${mib(result.baseline.peakHeapUsedBytes)} MiB used`}`,
    ...workerTable(result),
  ].join('\n');

/**
 * Locally two workers serve every batch; in the cloud, with MaxConcurrency above the batch count, each batch may get
 * its own fresh environment. The bound adds one AnalyzeUnits init (fresh process, median) per batch beyond the local
 * cold starts.
 */
const coldStartBound = (result: BenchmarkResult): string[] => {
  const harness = result.coldStarts.find((row) => row.logicalId === 'AnalyzeUnitsFunction');
  const initMillis = harness?.process?.medianMillis ?? harness?.cleanWorker.medianMillis;
  if (!harness || initMillis === undefined) return [];
  return result.runs.map((run, index) => {
    const local = run.functions.AnalyzeUnitsFunction?.coldStarts ?? 0;
    const extra = Math.max(0, run.tally.children.executions - local);
    const gbSeconds = extra * (initMillis / 1000) * (harness.memoryMb / 1024);
    const usdPerMillion = (gbSeconds * PRICES.lambdaArmGbSecond * 1e6) / run.loc;
    return `if every map child of run ${index + 1} started a fresh environment: +${extra} AnalyzeUnits inits × ${integer(initMillis)} ms = +${fixed(gbSeconds, 2)} GB-s, +${usd(usdPerMillion)} USD per 1M lines.`;
  });
};

const costTable = (result: BenchmarkResult): string => {
  const components = result.costs[0]?.breakdown.lines.map((line) => line.component) ?? [];
  const rows = components.map((component, index) => [
    component,
    result.costs[0].breakdown.lines[index].price,
    ...result.costs.map((cost) => fixed(cost.breakdown.lines[index].quantity, Number.isInteger(cost.breakdown.lines[index].quantity) ? 0 : 2)),
    ...result.costs.map((cost) => usd(cost.breakdown.lines[index].usdPerMillionLines)),
  ]);
  rows.push(['total', '', ...result.costs.map(() => ''), ...result.costs.map((cost) => usd(cost.breakdown.usdPerMillionLines))]);
  const runs = result.costs.map((_, index) => `run ${index + 1}`);
  const headers = ['component', 'price', ...runs.map((run) => `quantity, ${run}`), ...runs.map((run) => `USD/1M lines, ${run}`)];
  return [
    renderTable(headers, rows, headers.map((_, index) => (index <= 1 ? 'left' : 'right'))),
    `runs: ${result.costs.map((cost, index) => `${index + 1} = ${cost.label}`).join('; ')}.`,
    'USD per 1M lines = Σ quantity × price × 1,000,000 / lines of the run; us-east-1 on-demand prices, no free tier (sources: docs/benchmarks.md).',
    'Lambda GB-s = Σ ceil(duration ms) × MemorySize / 1024 / 1000; Standard transitions = states entered + retries + one per map child started;',
    'Express GB-s = Σ ceil(child duration / 100 ms) × 100 ms × 64 MB; S3 and DynamoDB from the counting proxies plus the engine\'s own calls.',
    ...coldStartBound(result),
  ].join('\n');
};

/**
 * The whole printed report.
 *
 * @example
 * process.stdout.write(renderReport(result));
 */
const renderReport = (result: BenchmarkResult): string => {
  const { machine, corpus } = result;
  const objects = Object.entries(corpus.objects)
    .map(([type, count]) => `${count} ${type}`)
    .join(', ');
  return [
    `Workflow benchmark, ${PACK_LABELS[result.pack ?? Packs.Abap]}, ${result.startedAt}`,
    `machine: ${machine.cores} cores (${machine.cpu}), ${mib(machine.memoryBytes)} MiB, ${machine.platform}, node ${machine.node}; load average ${machine.loadAverageStart.map((load) => fixed(load, 2)).join(' ')} at start, ${machine.loadAverageEnd.map((load) => fixed(load, 2)).join(' ')} at end`,
    `corpus: ${integer(corpus.loc)} lines generated (seed ${corpus.seed}): ${objects}; ${integer(corpus.files)} files, ${integer(corpus.units)} units, archive ${kib(corpus.archiveBytes)} KiB (tar.gz)`,
    `workflow: maxItemsPerBatch ${result.batch}, ${result.lambdaConcurrency} Lambda workers`,
    '',
    'Throughput',
    throughputTable(result),
    '',
    'Where the time goes',
    timeTable(result),
    '',
    'Lambda invocations',
    lambdaTable(result),
    '',
    'Cold start of each function bundle',
    coldStartTable(result),
    '',
    'Memory',
    memoryLines(result),
    '',
    'Cost per million lines in the cloud',
    result.costs.length > 0 ? costTable(result) : 'not measured: requests were not counted (--no-count)',
    '',
    'Goals (issue 10)',
    renderTable(
      ['figure', 'measured', 'goal', 'met'],
      goalRows(result).map((row) => [row.figure, row.measured, row.goal, row.met === undefined ? '-' : row.met ? 'yes' : 'NO']),
      ['left', 'left', 'left', 'left'],
    ),
    '',
  ].join('\n');
};

/** The end-to-end run the summary compares with the raw loop: a first run on a warm runtime, every unit analysed. */
const SUMMARY_RUN = 'first run, warm runtime';

const summaryRun = (result: BenchmarkResult): RunMeasurement | undefined =>
  result.runs.find((run) => run.label === SUMMARY_RUN && run.unitsFromCache === 0) ?? result.runs.find((run) => run.unitsFromCache === 0);

/**
 * One row per pack: lines, the analyzer alone, the whole workflow, their ratio, and the peak heap per worker.
 *
 * @example
 * process.stdout.write(renderSummary([abapResult, angularResult]));
 */
const renderSummary = (results: readonly BenchmarkResult[]): string => {
  const rows = results.map((result) => {
    const raw = result.baseline.best.locPerSecond;
    const run = summaryRun(result);
    const workflow = run ? (run.loc / run.millis) * 1000 : undefined;
    const rerun = result.runs.find((candidate) => candidate.unitsFromCache > 0);
    const workers = result.memory.workers ?? [];
    const analyze = workers.find((row) => row.logicalId === 'AnalyzeUnitsFunction');
    const largest = largestWorker(workers);
    return [
      result.pack ?? Packs.Abap,
      integer(result.corpus.loc),
      integer(result.corpus.units),
      integer(raw),
      workflow === undefined ? '-' : integer(workflow),
      workflow === undefined ? '-' : fixed(workflow / raw, 2),
      rerun ? integer((rerun.loc / rerun.millis) * 1000) : '-',
      result.baseline.peakHeapUsedBytes === undefined ? '-' : mib(result.baseline.peakHeapUsedBytes),
      analyze ? mib(analyze.peakHeapUsedBytes) : '-',
      largest ? `${mib(largest.peakHeapUsedBytes)} (${largest.logicalId.replace(/Function$/, '')})` : '-',
    ];
  });
  const first = results[0];
  return [
    'Summary',
    renderTable(
      [
        'pack',
        'lines',
        'units',
        'analyzer alone lines/s',
        'workflow lines/s',
        'ratio',
        're-run lines/s',
        'peak heap, raw loop MiB',
        'peak heap per worker, AnalyzeUnits MiB',
        'largest worker peak MiB',
      ],
      rows,
      ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
    ),
    `analyzer alone: the raw loop's best pass on one thread (units, then the code-base phase); workflow: '${SUMMARY_RUN}' end to end on ${first?.lambdaConcurrency ?? '?'} Lambda workers`,
    '(StartExecution to SUCCEEDED, findings cache cold); ratio = workflow / analyzer alone; re-run: the same archive again, every unit from the findings cache.',
    'peak heap per worker: the highest V8 used heap of any one AnalyzeUnits environment over the three runs; largest: the function whose environment held the most.',
    '',
  ].join('\n');
};

/**
 * The report of each pack in turn, and the summary table when there is more than one.
 *
 * @example
 * process.stdout.write(renderReports(results));
 */
const renderReports = (results: readonly BenchmarkResult[]): string =>
  [...results.map(renderReport), ...(results.length > 1 ? [renderSummary(results)] : [])].join('\n');

export { renderReport, renderReports, renderSummary, renderTable };
export type { BenchmarkResult };
