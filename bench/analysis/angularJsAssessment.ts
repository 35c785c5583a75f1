/**
 * How right the AngularJS pack is: precision and recall on the labelled fixtures (file scan and code-base phase), and,
 * for real code bases given by path, the assessment a run would give them: each directory is packed, split by the
 * splitter the split-source Lambda runs, analysed unit by unit as analyze-units analyses it (the analyzer sees stored
 * file names), and assessed by the same `assessRun` aggregate-findings runs (joins, withdrawal, recommendation). No
 * AWS, no workflow: the figures of the analysis itself.
 *
 * Usage: `npx tsx bench/analysis/angularJsAssessment.ts [DIR …] [--json]`
 *   DIR     a code base on disk (a git checkout: `.git` is left out); none: the fixtures only
 *   --json  one JSON line per result on stdout instead of text
 */
import { join } from 'node:path';
import { PassThrough } from 'node:stream';

import { analyzeUnit, assessCodebase, getDefaultRegistry } from 'analysis-engine';

import { summarizeFindings } from '../../functions/lib/report';
import type { RunUnit } from '../../functions/lib/run';
import { assessRun } from '../../functions/lib/run/assess-run';
import { packDirectory } from '../../functions/lib/source/pack';
import { compareLabels, readLabelledFiles, scores, unitOf } from '../../tests/unit/analysis/angularjs/support/labelledFixtures';
import { runUnitOf } from '../../tests/unit/functions/support/web-units';
import type { Label } from '../../tests/unit/analysis/angularjs/support/labelledFixtures';
import { unitsOfArchive } from '../workflow/baseline';

const FIXTURES = join(__dirname, '..', '..', 'tests', 'fixtures', 'rules', 'angularjs');

const WEB_LANGUAGES = new Set(['javascript', 'typescript', 'html']);

type FixtureScore = { scope: string; precision: number; recall: number; tp: number; fp: number; fn: number };

type CodebaseResult = {
  path: string;
  units: number;
  webUnits: number;
  loc: number;
  /** Units the analyzer threw on (a bug: each should give findings or a parse error); the first few named. */
  crashed: number;
  crashes: string[];
  verdict: string;
  approach?: string;
  score?: number;
  threshold?: number;
  reasons: string[];
  metrics: Record<string, number>;
  registrations: number;
  findings: { fileScan: number; codebase: number; withdrawn: number; byRule: Record<string, number>; effortPersonDays: number };
};

const labelOf = (finding: { file: string; line: number; ruleId: string; variant?: string }): Label => ({
  file: finding.file,
  line: finding.line,
  rule: finding.variant === undefined ? finding.ruleId : `${finding.ruleId}/${finding.variant}`,
});

/** Precision and recall on the labelled fixtures: the single files, then each code base under `codebase/`, as the accuracy test scores them. */
const scoreFixtures = (): FixtureScore[] => {
  const files = readLabelledFiles(FIXTURES);
  const results: FixtureScore[] = [];
  const score = (scope: string, expected: Label[], reported: Label[]): void => {
    results.push({ scope, ...scores(compareLabels(expected, reported).tally) });
  };
  const single = files.filter((file) => !file.path.startsWith('codebase/'));
  score(
    'single files (file scan)',
    single.flatMap((file) => file.expected),
    single.flatMap((file) => analyzeUnit(unitOf(file)).findings.map(labelOf)),
  );
  const scenarios = [...new Set(files.filter((file) => file.path.startsWith('codebase/')).map((file) => file.path.split('/')[1]))];
  for (const scenario of scenarios) {
    const members = files.filter((file) => file.path.startsWith(`codebase/${scenario}/`));
    const analysed = members.map((file) => ({ unit: unitOf(file), file }));
    const results = analysed.map(({ unit }) => analyzeUnit(unit));
    const assessments = assessCodebase(analysed.map(({ unit }, index) => ({ unitId: unit.unitId, path: unit.path, language: unit.language, loc: unit.loc, facts: results[index].facts })));
    const withdrawn = new Set(assessments.flatMap((assessment) => assessment.withdrawnUnitIds ?? []));
    const reported = [
      ...analysed.flatMap(({ unit }, index) => (withdrawn.has(unit.unitId) ? [] : results[index].findings.map(labelOf))),
      ...assessments.flatMap((assessment) => assessment.findings.map(labelOf)),
    ];
    score(`code base ${scenario}`, members.flatMap((file) => [...file.expected, ...file.expectedCodebase]), reported);
  }
  const total = results.reduce((sum, entry) => ({ tp: sum.tp + entry.tp, fp: sum.fp + entry.fp, fn: sum.fn + entry.fn }), { tp: 0, fp: 0, fn: 0 });
  results.push({ scope: 'all fixtures', precision: total.tp + total.fp === 0 ? 1 : total.tp / (total.tp + total.fp), recall: total.tp + total.fn === 0 ? 1 : total.tp / (total.tp + total.fn), ...total });
  return results;
};

/** Packs a directory into a zip in memory, as `npm start -- --source DIR` does. */
const archiveOf = async (dir: string): Promise<Buffer> => {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  await packDirectory(dir, out, 'zip', { exclude: (path) => path === '.git' });
  return Buffer.concat(chunks);
};

const assessDirectory = async (dir: string): Promise<CodebaseResult> => {
  const { units } = await unitsOfArchive(await archiveOf(dir));
  const crashes: string[] = [];
  const runUnits: RunUnit[] = [];
  for (const unit of units) {
    try {
      runUnits.push(runUnitOf(unit));
    } catch (error) {
      crashes.push(`${unit.path}: ${(error as Error).message}`);
    }
  }
  const web = runUnits.filter((unit) => WEB_LANGUAGES.has(unit.language));
  const fileScan = web.reduce((sum, unit) => sum + unit.findings.length, 0);
  const { units: assessedUnits, assessments } = assessRun(runUnits);
  const angular = assessments.find((assessment) => assessment.rulePack.id === 'angularjs-angular');
  const assessedWeb = assessedUnits.filter((unit) => WEB_LANGUAGES.has(unit.language));
  const totals = summarizeFindings(assessedWeb);
  const byRule = Object.fromEntries(Object.entries(totals.byRule).map(([rule, entry]) => [rule, entry?.count ?? 0]));
  const registrations = web.reduce((sum, unit) => sum + (((unit.facts as { registrations?: unknown[] } | undefined)?.registrations?.length as number | undefined) ?? 0), 0);
  const recommendation = angular?.recommendation;
  return {
    path: dir,
    units: units.length,
    webUnits: web.length,
    loc: units.reduce((sum, unit) => sum + unit.loc, 0),
    crashed: crashes.length,
    crashes: crashes.slice(0, 3),
    verdict:
      angular === undefined
        ? 'no web units'
        : (angular.notApplicable ?? (recommendation === undefined ? 'no recommendation' : `${recommendation.approach} (score ${recommendation.score} ${recommendation.score <= recommendation.threshold ? '≤' : '>'} threshold ${recommendation.threshold})`)),
    ...(recommendation === undefined ? {} : { approach: recommendation.approach, score: recommendation.score, threshold: recommendation.threshold }),
    reasons: recommendation?.reasons ?? [],
    metrics: angular?.metrics ?? {},
    registrations,
    findings: { fileScan, codebase: angular?.findings ?? 0, withdrawn: angular?.withdrawnFindings ?? 0, byRule, effortPersonDays: totals.personDays.required },
  };
};

const printCodebase = (result: CodebaseResult): void => {
  const out = (line = ''): boolean => process.stdout.write(`${line}\n`);
  const m = result.metrics;
  const n = (name: string): string => (m[name] ?? 0).toLocaleString('en-US');
  out();
  out(`${result.path}: ${result.units} units (${result.webUnits} JavaScript, TypeScript, HTML), ${result.loc.toLocaleString('en-US')} lines`);
  if (result.crashed > 0) out(`  analyzer threw on ${result.crashed} units, left out (first: ${result.crashes.join('; ')})`);
  out(`  verdict: ${result.verdict}`);
  if (Object.keys(m).length === 0) return;
  out(`  sized: ${n('loc')} lines in ${n('jsFiles')} JavaScript, ${n('tsFiles')} TypeScript, ${n('htmlFiles')} HTML files; ${n('testFiles')} test file${m.testFiles === 1 ? '' : 's'} (${n('angularJsTestFiles')} on AngularJS)`);
  out(`  not sized: ${n('locNotSized')} lines in ${n('e2eTestFiles')} end-to-end test, ${n('toolingFiles')} tooling, ${n('generatedFiles')} generated, ${n('libraryFiles')} library files`);
  if (m.modules === 0 && result.approach === undefined) return;
  out(`  modules ${n('modules')}, library modules ${n('libraryModules')}; ${result.registrations.toLocaleString('en-US')} registrations in the files' facts`);
  out(`  controllers ${n('controllers')} (${n('controllersWithScope')} with $scope), components ${n('components')}, directives ${n('directives')} (${n('directivesComponentStyle')} component-style, ${n('directivesNotUpgradable')} not upgradable), services ${n('services')}, filters ${n('filters')}`);
  out(`  unresolved registrations ${n('unresolvedRegistrations')}, units without facts ${n('unitsWithoutFacts')}`);
  for (const reason of result.reasons) out(`  - ${reason}`);
  const rules = Object.entries(result.findings.byRule).sort((a, b) => b[1] - a[1]);
  out(`  findings: ${result.findings.fileScan} from the file scan, ${result.findings.codebase} across files, ${result.findings.withdrawn} withdrawn; effort ${result.findings.effortPersonDays} person-days`);
  out(`    ${rules.map(([rule, count]) => `${rule} ${count}`).join(', ')}`);
};

const main = async (): Promise<void> => {
  const json = process.argv.includes('--json');
  const dirs = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
  const fixtures = scoreFixtures();
  const rulePack = getDefaultRegistry().get('javascript')?.rulePack;
  const version = `${rulePack?.id ?? 'angularjs-angular'}@${rulePack?.version ?? '?'}`;
  if (json) {
    process.stdout.write(`${JSON.stringify({ rulePack: version, fixtures })}\n`);
  } else {
    process.stdout.write(`AngularJS pack on the labelled fixtures (${version})\n`);
    for (const entry of fixtures) {
      process.stdout.write(`  ${entry.scope.padEnd(34)} precision ${entry.precision.toFixed(3)}  recall ${entry.recall.toFixed(3)}  (${entry.tp} true, ${entry.fp} false, ${entry.fn} missed)\n`);
    }
  }
  for (const dir of dirs) {
    const result = await assessDirectory(dir);
    if (json) process.stdout.write(`${JSON.stringify(result)}\n`);
    else printCodebase(result);
  }
};

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
});
