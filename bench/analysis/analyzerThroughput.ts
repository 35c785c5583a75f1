/**
 * Lines per second of the analyzer alone (no splitting, no workflow, no I/O): the raw loop the end-to-end
 * benchmarks compare against. One process, so one core.
 *
 * Usage: `npx tsx bench/analysis/analyzerThroughput.ts [--lines N] [--repeat N] [--bundle] [--json]`
 *   --lines N   size of the generated corpus (default 100000)
 *   --repeat N  passes over each corpus (default 3); the best pass is reported, since on a shared machine the
 *               slower passes measure the neighbours, and the median beside it
 *   --bundle    run the built layer bundle (layers/analysis-engine/dist, build it first) instead of the source
 *   --json      one JSON line per measurement on stdout instead of a table
 */
import { join } from 'node:path';

import type { Unit, UnitAnalysis } from 'analysis-engine';

import { generateAbapCorpus } from '../corpus/abap/generate';
import { abapGitUnits, readSourceTree } from '../corpus/abap/units';

type Engine = { analyzeUnit(unit: unknown): UnitAnalysis };

type Measurement = { corpus: string; units: number; loc: number; findings: number; parseErrors: number; ms: number; locPerSecond: number };

type Summary = Measurement & { passes: number; medianMs: number; medianLocPerSecond: number };

const ROOT = join(__dirname, '..', '..');

const argument = (name: string): string | undefined => {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
};

const measure = (engine: Engine, corpus: string, units: readonly Unit[]): Measurement => {
  let loc = 0;
  let findings = 0;
  let parseErrors = 0;
  const start = process.hrtime.bigint();
  for (const unit of units) {
    const result = engine.analyzeUnit(unit);
    loc += result.loc;
    findings += result.findings.length;
    parseErrors += result.parseErrors;
  }
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  return { corpus, units: units.length, loc, findings, parseErrors, ms: Math.round(ms), locPerSecond: Math.round((loc / ms) * 1000) };
};

const best = (engine: Engine, corpus: string, units: readonly Unit[], passes: number): Summary => {
  const runs = Array.from({ length: passes }, () => measure(engine, corpus, units)).sort((a, b) => a.ms - b.ms);
  const median = runs[Math.floor(runs.length / 2)];
  return { ...runs[0], passes, medianMs: median.ms, medianLocPerSecond: median.locPerSecond };
};

const main = (): void => {
  const lines = Number(argument('--lines') ?? 100_000);
  const passes = Math.max(1, Number(argument('--repeat') ?? 3));
  const useBundle = process.argv.includes('--bundle');
  const json = process.argv.includes('--json');

  const initStart = process.hrtime.bigint();
  const engine = (useBundle
    ? require(join(ROOT, 'layers', 'analysis-engine', 'dist', 'nodejs', 'node_modules', 'analysis-engine'))
    : require('analysis-engine')) as Engine & { RULE_PACK_VERSION: string };
  const initMs = Number(process.hrtime.bigint() - initStart) / 1e6;

  const example = abapGitUnits(readSourceTree(join(ROOT, 'examples', 'abap-erp-custom')));
  // The seeded corpus of bench/corpus/abap (the rule-pack accuracy tests use it too), seed 1.
  const generated = abapGitUnits(generateAbapCorpus({ lines }).files);

  // Warm-up: the first units pay for JIT compilation; the steady state is what a warm Lambda sees.
  measure(engine, 'warm-up', example);

  const results = [best(engine, 'examples/abap-erp-custom', example, passes), best(engine, `generated ${lines} lines`, generated, passes)];
  const header = { engine: useBundle ? 'bundle' : 'source', rulePackVersion: engine.RULE_PACK_VERSION, initMs: Math.round(initMs), node: process.version };
  if (json) {
    for (const result of results) process.stdout.write(`${JSON.stringify({ ...header, ...result })}\n`);
    return;
  }
  process.stdout.write(`analyzer alone, ${header.engine}, ${header.rulePackVersion}, node ${header.node}, init ${header.initMs} ms\n`);
  for (const result of results) {
    process.stdout.write(
      `${result.corpus.padEnd(28)} ${String(result.units).padStart(5)} units ${String(result.loc).padStart(8)} LOC ` +
        `${String(result.findings).padStart(7)} findings ${String(result.parseErrors).padStart(3)} parse errors ` +
        `${String(result.ms).padStart(7)} ms ${String(result.locPerSecond).padStart(8)} LOC/s (median of ${result.passes}: ${result.medianLocPerSecond} LOC/s)\n`,
    );
  }
};

main();
