/**
 * Lines per second of the AngularJS pack through the analyzer alone (no splitting, no workflow, no I/O) on a generated
 * AngularJS code base, and the peak memory of the process. One process, so one core.
 *
 * Usage: `npx tsx bench/corpus/angularjs/analyzerThroughput.ts [--lines N] [--seed N] [--repeat N] [--bundle] [--parsers] [--json]`
 *   --lines N   size of the generated corpus (default 1000000)
 *   --repeat N  passes over the corpus (default 3); the best pass is reported with the median beside it
 *   --bundle    run the built layer bundle instead of the source (build it first; --bundle-dir DIR, default layers/analysis-engine/dist)
 *   --parsers   also time the bare parsers (meriyah, @babel/parser, htmlparser2) on the same files
 *   --json      one JSON line on stdout instead of text
 */
import { join } from 'node:path';

import { parse as babelParse } from '@babel/parser';
import { Parser } from 'htmlparser2';
import { parseScript, parseModule } from 'meriyah';

import type { Unit, UnitAnalysis } from 'analysis-engine';

import { generateAngularJsCorpus } from './generateAngularJsCorpus';
import type { CorpusFile } from './generateAngularJsCorpus';

type Engine = { analyzeUnit(unit: unknown): UnitAnalysis; assessCodebase(units: unknown[]): Array<{ metrics: Record<string, number> }> };

const ROOT = join(__dirname, '..', '..', '..');

const argument = (name: string): string | undefined => {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
};

let peakRss = 0;
const sampleMemory = (): void => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
};

const unitOf = (file: CorpusFile): Unit => ({ unitId: file.path, language: file.language, path: file.path, files: [{ path: file.path, text: file.text }], loc: file.loc });

const timed = (work: () => void): number => {
  const start = process.hrtime.bigint();
  work();
  return Number(process.hrtime.bigint() - start) / 1e6;
};

const main = async (): Promise<void> => {
  const lines = Number(argument('--lines') ?? 1_000_000);
  const seed = Number(argument('--seed') ?? 1);
  const passes = Math.max(1, Number(argument('--repeat') ?? 3));
  const useBundle = process.argv.includes('--bundle');

  const initStart = process.hrtime.bigint();
  const engine = (useBundle ? require(join(argument('--bundle-dir') ?? join(ROOT, 'layers', 'analysis-engine', 'dist'), 'nodejs', 'node_modules', 'analysis-engine')) : require('analysis-engine')) as Engine;
  const initMs = Number(process.hrtime.bigint() - initStart) / 1e6;

  const corpus = await generateAngularJsCorpus({ lines, seed });
  const units = corpus.files.map(unitOf);
  sampleMemory();

  // Warm-up: the first units pay for JIT compilation; the steady state is what a warm Lambda sees.
  for (const unit of units.slice(0, 500)) engine.analyzeUnit(unit);

  const runs: number[] = [];
  let findings = 0;
  let facts: unknown[] = [];
  for (let pass = 0; pass < passes; pass += 1) {
    findings = 0;
    const results: UnitAnalysis[] = [];
    runs.push(
      timed(() => {
        for (let index = 0; index < units.length; index += 1) {
          const result = engine.analyzeUnit(units[index]);
          findings += result.findings.length;
          results.push(result);
          if ((index & 1023) === 0) sampleMemory();
        }
      }),
    );
    sampleMemory();
    facts = results.map((result, index) => ({ unitId: result.unitId, path: units[index].path, language: result.language, loc: result.loc, facts: result.facts }));
  }
  const codebaseMs = timed(() => engine.assessCodebase(facts));
  sampleMemory();
  const sorted = [...runs].sort((a, b) => a - b);
  const best = sorted[0];
  const median = sorted[Math.floor(sorted.length / 2)];
  const byLanguage = Object.fromEntries(
    (['javascript', 'typescript', 'html'] as const).map((language) => [language, corpus.files.filter((file) => file.language === language).reduce((sum, file) => sum + file.loc, 0)]),
  );

  const parsers: Record<string, number> = {};
  if (process.argv.includes('--parsers')) {
    const scripts = corpus.files.filter((file) => file.language === 'javascript');
    const typed = corpus.files.filter((file) => file.language === 'typescript');
    const templates = corpus.files.filter((file) => file.language === 'html');
    const rate = (files: CorpusFile[], ms: number): number => Math.round((files.reduce((sum, file) => sum + file.loc, 0) / ms) * 1000);
    parsers.meriyahJs = rate(scripts, timed(() => scripts.forEach((file) => { try { parseScript(file.text, { loc: true }); } catch { parseModule(file.text, { loc: true }); } })));
    parsers.babelJs = rate(scripts, timed(() => scripts.forEach((file) => babelParse(file.text, { sourceType: 'unambiguous', errorRecovery: true }))));
    parsers.babelTs = rate(typed, timed(() => typed.forEach((file) => babelParse(file.text, { sourceType: 'unambiguous', errorRecovery: true, plugins: ['typescript'] }))));
    parsers.htmlparser2 = rate(templates, timed(() => templates.forEach((file) => new Parser({}).end(file.text))));
  }

  const report = {
    engine: useBundle ? 'bundle' : 'source',
    node: process.version,
    initMs: Math.round(initMs),
    files: corpus.files.length,
    loc: corpus.loc,
    locByLanguage: byLanguage,
    findings,
    passes,
    bestMs: Math.round(best),
    medianMs: Math.round(median),
    locPerSecond: Math.round((corpus.loc / best) * 1000),
    medianLocPerSecond: Math.round((corpus.loc / median) * 1000),
    codebasePhaseMs: Math.round(codebaseMs),
    peakRssMiB: Math.round(peakRss / 1048576),
    maxRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    ...(Object.keys(parsers).length === 0 ? {} : { parserLocPerSecond: parsers }),
  };
  if (process.argv.includes('--json')) {
    process.stdout.write(`${JSON.stringify(report)}\n`);
    return;
  }
  process.stdout.write(
    `AngularJS pack, analyzer alone (${report.engine}, node ${report.node}, init ${report.initMs} ms)\n` +
      `  corpus: ${report.files} files, ${report.loc} lines (js ${byLanguage.javascript}, ts ${byLanguage.typescript}, html ${byLanguage.html}), ${report.findings} findings\n` +
      `  best of ${passes}: ${report.bestMs} ms = ${report.locPerSecond} lines/s (median ${report.medianLocPerSecond} lines/s)\n` +
      `  code-base phase over all facts: ${report.codebasePhaseMs} ms\n` +
      `  peak memory: ${report.peakRssMiB} MiB RSS sampled, ${report.maxRssMiB} MiB max RSS (includes the corpus held in memory)\n`,
  );
  for (const [name, value] of Object.entries(parsers)) process.stdout.write(`  parser alone, ${name}: ${value} lines/s\n`);
};

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
