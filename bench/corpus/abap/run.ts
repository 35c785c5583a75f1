/**
 * Benchmark of the ABAP rule pack alone: generates a corpus (default 1M lines), analyses every unit in this process
 * (one core, no splitting, no workflow, no I/O) and prints lines of code per second, peak memory, and precision and
 * recall against the seeded findings, so that a speed-up that loses findings shows at once.
 *
 * Usage: `npx tsx bench/corpus/abap/run.ts [--lines N] [--seed N] [--bundle [LAYER_DIR]] [--out-dir DIR] [--json]`
 *   --lines N      lines of code to generate (default 1000000)
 *   --seed N       generator seed (default 1)
 *   --bundle [DIR] analyse with the built layer bundle instead of the source: the layer root given (as built by
 *                  `buildLayer({ outdir })`), else layers/analysis-engine/dist (build it first)
 *   --out-dir DIR  also write the generated abapGit tree there (for the workflow benchmark or a look at the code)
 *   --json         one JSON object on stdout instead of the table
 */
import { join } from 'node:path';

import type { UnitAnalysis } from 'analysis-engine';

import { generateAbapCorpus } from './generate';
import { scoreFindings } from './score';
import { abapGitUnits } from './units';

type Engine = { analyzeUnit(unit: unknown): UnitAnalysis; RULE_PACK_VERSION: string };

const ROOT = join(__dirname, '..', '..', '..');
const MIB = 1024 * 1024;

const argument = (name: string): string | undefined => {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
};

/** Peak heap in use, sampled after every unit (V8 reports no peak of its own for the used heap). */
const heapSampler = () => {
  let peak = 0;
  return {
    sample: () => {
      const used = process.memoryUsage().heapUsed;
      if (used > peak) peak = used;
    },
    peak: () => peak,
  };
};

const main = (): void => {
  const lines = Number(argument('--lines') ?? 1_000_000);
  const seed = Number(argument('--seed') ?? 1);
  const useBundle = process.argv.includes('--bundle');
  const bundleArgument = argument('--bundle');
  const layerRoot = bundleArgument !== undefined && !bundleArgument.startsWith('--') ? bundleArgument : join(ROOT, 'layers', 'analysis-engine', 'dist');
  const json = process.argv.includes('--json');

  const initStart = process.hrtime.bigint();
  const engine = (useBundle ? require(join(layerRoot, 'nodejs', 'node_modules', 'analysis-engine')) : require('analysis-engine')) as Engine;
  const initMs = Number(process.hrtime.bigint() - initStart) / 1e6;

  const generateStart = process.hrtime.bigint();
  const corpus = generateAbapCorpus({ lines, seed, outDir: argument('--out-dir') });
  const units = abapGitUnits(corpus.files);
  const generateMs = Number(process.hrtime.bigint() - generateStart) / 1e6;

  // Warm-up on a small corpus of another seed: the first units pay for JIT compilation, a warm Lambda does not.
  for (const unit of abapGitUnits(generateAbapCorpus({ lines: 5_000, seed: seed + 1 }).files)) engine.analyzeUnit(unit);

  const heap = heapSampler();
  const findings: { ruleId: string; variant?: string; file: string; line: number }[] = [];
  let loc = 0;
  const start = process.hrtime.bigint();
  for (const unit of units) {
    const result = engine.analyzeUnit(unit);
    loc += result.loc;
    for (const finding of result.findings) findings.push({ ruleId: finding.ruleId, variant: finding.variant, file: finding.file, line: finding.line });
    heap.sample();
  }
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const score = scoreFindings(corpus.seeded, findings).overall;

  const result = {
    engine: useBundle ? 'bundle' : 'source',
    rulePackVersion: engine.RULE_PACK_VERSION,
    node: process.version,
    seed,
    units: units.length,
    objects: corpus.objects,
    loc,
    seededFindings: corpus.seeded.length,
    findings: findings.length,
    precision: score.precision,
    recall: score.recall,
    initMs: Math.round(initMs),
    generateMs: Math.round(generateMs),
    analyseMs: Math.round(ms),
    locPerSecond: Math.round((loc / ms) * 1000),
    peakRssMiB: Math.round((process.resourceUsage().maxRSS * 1024) / MIB),
    peakHeapUsedMiB: Math.round(heap.peak() / MIB),
  };
  if (json) {
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }
  const rows: [string, string][] = [
    ['engine', `${result.engine}, ${result.rulePackVersion}, node ${result.node}`],
    ['corpus', `${result.loc.toLocaleString('en-US')} LOC in ${result.units.toLocaleString('en-US')} units (seed ${seed}; ${Object.entries(result.objects).map(([type, count]) => `${count} ${type}`).join(', ')})`],
    ['findings', `${result.findings.toLocaleString('en-US')} reported, ${result.seededFindings.toLocaleString('en-US')} seeded; precision ${result.precision.toFixed(4)}, recall ${result.recall.toFixed(4)}`],
    ['init', `${result.initMs} ms (load the engine, build the analyzers)`],
    ['generate', `${result.generateMs} ms`],
    ['analyse', `${result.analyseMs.toLocaleString('en-US')} ms, ${result.locPerSecond.toLocaleString('en-US')} LOC/s on one core`],
    ['peak memory', `RSS ${result.peakRssMiB} MiB (whole process, corpus included), heap used ${result.peakHeapUsedMiB} MiB`],
  ];
  for (const [name, value] of rows) process.stdout.write(`${name.padEnd(12)} ${value}\n`);
};

main();
