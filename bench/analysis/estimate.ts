/**
 * The ABAP estimate, measured: precision and recall of the `abap-s4hana` pack on the labelled fixtures, and for real
 * code bases given by path the split of the effort into work the conversion requires and recommended clean-up, the
 * findings reported apart (acknowledged in the code, generated code), and what was not analysed. Units come from the
 * real splitter (the directory is packed and split as `npm start -- --source <dir>` would), so programs are analysed
 * with their includes exactly as in a run.
 *
 * Usage: `npx tsx bench/analysis/estimate.ts [--source DIR]… [--sample N] [--seed N] [--json]`
 *   --source DIR  a real code base (abapGit layout or plain SE38 files); repeat for several
 *   --sample N    also print N findings that carry effort, drawn at random (seeded), with the source line, for a hand
 *                 check; the draw is weighted towards required work (half the sample) so both classes are checked
 *   --seed N      seed of the sample draw (default 1)
 *   --real NAME=DIR  a real code base labelled in bench/analysis/real-code-labels.json (abapGit, abap2xlsx), checked
 *                 out at the labelled commit in DIR: measured as --source, and scored against its labels (precision
 *                 and recall on real code; every finding the pack should report there was checked by hand)
 *   --json        one JSON object per code base on stdout instead of the tables
 *
 * Source lines are printed only for the sample of a code base given by path, to the terminal: nothing is stored.
 */
import { createWriteStream, existsSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

import { analyzeUnit } from 'analysis-engine';
import type { Finding, UnitAnalysis } from 'analysis-engine';

import { summarizeFindings } from '../../functions/lib/report';
import type { FindingsSummary, ReportUnit } from '../../functions/lib/report';
import { fileByteSource, splitArchive } from '../../functions/lib/source';
import type { SourceUnit, SplitResult } from '../../functions/lib/source';
import { packDirectory } from '../../functions/lib/source/pack';
import { parseExpectations } from '../corpus/abap/expectations';
import { createRandom } from '../corpus/random';
import { scoreFindings } from '../corpus/abap/score';
import type { ScoreReport } from '../corpus/abap/score';
import type { FindingKey } from '../corpus/abap/expectations';
import { abapGitUnits, isSourceFile, readSourceTree } from '../corpus/abap/units';

const ROOT = join(__dirname, '..', '..');
const FIXTURES = join(ROOT, 'tests', 'fixtures', 'rules', 'abap');

const argumentsOf = (name: string): string[] => process.argv.flatMap((value, index) => (value === name && index + 1 < process.argv.length ? [process.argv[index + 1]] : []));
const argument = (name: string): string | undefined => argumentsOf(name)[0];

/** Precision and recall of the pack on the labelled fixtures, overall and per rule. */
const fixtureScore = () => {
  const files = readSourceTree(FIXTURES);
  const expected = files.filter((file) => isSourceFile(file.path)).flatMap((file) => parseExpectations(file.path, file.text).expected);
  const actual = abapGitUnits(files)
    .flatMap((unit) => analyzeUnit(unit).findings)
    .map(({ ruleId, variant, file, line }) => ({ ruleId, variant, file, line }));
  return scoreFindings(expected, actual);
};

/**
 * abaplint 2.120's parser takes exponential time and memory on an SQL statement (SELECT, UPDATE, DELETE FROM, OPEN
 * CURSOR) with many comparisons against a structure component (`f = w-a` or `f = @w-a`, where the dash could be a
 * subtraction): in a WHERE of 30 conditions, 8 such comparisons take 0.8 s, 12 six seconds, 14 twenty, 16 more than a
 * minute; comparisons with plain variables, literals or ranges cost nothing. The analysis function guards against it
 * by isolating each unit (issue 7); this benchmark runs in one process, so it leaves such units out and counts them as
 * not analysed. Comments and literals are blanked before counting.
 */
const MAX_COMPONENT_COMPARISONS = 10;

const SQL_STATEMENT = /\b(?:SELECT|UPDATE|DELETE\s+FROM|OPEN\s+CURSOR)\b/i;
const COMPONENT_COMPARISON = /(?:=|<>|<=|>=|<|>|\b(?:EQ|NE|LT|GT|LE|GE)\b)\s*@?[A-Za-z_]\w*(?:-\w+)+/gi;
const withoutCommentsAndLiterals = (text: string): string =>
  text
    .split('\n')
    .filter((line) => !line.startsWith('*'))
    .map((line) => line.replace(/'(?:[^']|'')*'|`[^`]*`|"[^\n]*$/g, "''"))
    .join('\n');

const tooComplexForTheParser = (unit: SourceUnit): boolean =>
  unit.files.some((file) =>
    withoutCommentsAndLiterals(file.text)
      .split(/\.(?=\s|$)/)
      .some((statement) => SQL_STATEMENT.test(statement) && (statement.match(COMPONENT_COMPARISON)?.length ?? 0) > MAX_COMPONENT_COMPARISONS),
  );

type CodeBase = {
  name: string;
  split: Pick<SplitResult, 'totals'> & { skippedByReason: Record<string, number> };
  summary: FindingsSummary;
  /** Units whose analysis threw (an engine limit), with their lines: analysed by nobody. */
  failed: { units: number; lines: number };
  /** Units left out before the parser for a statement too complex for it, with their lines. */
  tooComplex: { units: number; lines: number };
  /** Statements the parser did not recognise, over the code base. */
  unparsedStatements: number;
  seconds: number;
  sample: Array<Finding & { unitPath: string; source: string }>;
  /** Every finding, as the scoring compares it (a finding reported apart carries `@acknowledged` or `@generated` in its variant). */
  keys: FindingKey[];
};

/** Labels of real code (bench/analysis/real-code-labels.json). */
type RealLabel = { file: string; line: number; rule: string; variant?: string; apart?: string; why?: string; note?: string };
type RealCodeBase = { name: string; repository: string; commit: string; license: string; expect: RealLabel[]; not: RealLabel[] };

const REAL_LABELS = join(__dirname, 'real-code-labels.json');

/** The key under which a finding and a label are compared: a finding reported apart is a different finding. */
const keyOf = (ruleId: string, variant: string | undefined, apart: string | undefined, file: string, line: number): FindingKey => {
  const tagged = apart === undefined ? variant : `${variant ?? ''}@${apart}`;
  return { ruleId, ...(tagged === undefined ? {} : { variant: tagged }), file, line };
};

/** The commit a directory is checked out at, when it is a git work tree. */
const headOf = (dir: string): string | undefined => {
  if (!existsSync(join(dir, '.git'))) return undefined;
  try {
    return execFileSync('git', ['-C', dir, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {
    return undefined;
  }
};

/** Packs a directory and splits it with the real splitter, keeping the units (with their texts) in memory. */
const splitDirectory = async (dir: string): Promise<{ units: SourceUnit[]; result: SplitResult }> => {
  const work = await mkdtemp(join(tmpdir(), 'estimate-'));
  try {
    const archive = join(work, 'source.tar.gz');
    await packDirectory(dir, createWriteStream(archive), 'tar.gz', { exclude: (path) => path === '.git' || path.startsWith('.git/') });
    const units: SourceUnit[] = [];
    const result = await splitArchive(await fileByteSource(archive), { put: async (unit) => void units.push(unit), commit: async () => undefined }, { maxEntries: 500_000 });
    return { units, result };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
};

const measureCodeBase = async (dir: string, sampleSize: number, seed: number): Promise<CodeBase> => {
  const { units, result } = await splitDirectory(dir);
  const start = process.hrtime.bigint();
  const analysed: Array<{ unit: SourceUnit; analysis: UnitAnalysis }> = [];
  const failed = { units: 0, lines: 0 };
  const tooComplex = { units: 0, lines: 0 };
  for (const unit of units) {
    if (unit.language !== 'abap') continue;
    if (tooComplexForTheParser(unit)) {
      tooComplex.units += 1;
      tooComplex.lines += unit.loc;
      continue;
    }
    try {
      analysed.push({ unit, analysis: analyzeUnit(unit) });
    } catch {
      failed.units += 1;
      failed.lines += unit.loc;
    }
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const reportUnits: ReportUnit[] = analysed.map(({ unit, analysis }) => ({
    unitId: unit.unitId,
    path: unit.path,
    language: unit.language,
    loc: analysis.loc,
    findings: analysis.findings,
    omittedFindings: analysis.omittedFindings,
    effortMinutes: analysis.effortMinutes,
    effortByClass: analysis.effortByClass,
  }));
  const skippedByReason: Record<string, number> = {};
  for (const entry of result.skipped) skippedByReason[entry.reason] = (skippedByReason[entry.reason] ?? 0) + (entry.entries ?? 1);

  // The sample: findings that carry effort, half required (where the conversion's money is), half clean-up.
  const random = createRandom(seed);
  const charged = analysed.flatMap(({ unit, analysis }) => analysis.findings.filter((finding) => finding.disposition === undefined && finding.effortMinutes > 0).map((finding) => ({ unit, finding })));
  const draw = (pool: typeof charged, count: number) => {
    const left = [...pool];
    const picked: typeof charged = [];
    while (picked.length < count && left.length > 0) picked.push(left.splice(Math.floor(random.next() * left.length), 1)[0]);
    return picked;
  };
  const required = charged.filter(({ finding }) => finding.effortClass === 'required');
  const sample = [...draw(required, Math.ceil(sampleSize / 2)), ...draw(charged.filter(({ finding }) => finding.effortClass === 'cleanup'), Math.floor(sampleSize / 2))].map(({ unit, finding }) => ({
    ...finding,
    unitPath: unit.path,
    source: (unit.files.find((file) => file.path === finding.file)?.text.split('\n')[finding.line - 1] ?? '').trim(),
  }));

  return {
    name: basename(dir),
    split: { totals: result.totals, skippedByReason },
    summary: summarizeFindings(reportUnits, { skippedFiles: result.totals.skipped }),
    failed,
    tooComplex,
    unparsedStatements: analysed.reduce((sum, { analysis }) => sum + analysis.parseErrors, 0),
    seconds,
    sample,
    keys: analysed.flatMap(({ analysis }) => analysis.findings.map((finding) => keyOf(finding.ruleId, finding.variant, finding.disposition, finding.file, finding.line))),
  };
};

/** Precision and recall of the pack on a labelled real code base. */
const scoreRealCode = (base: CodeBase, labels: RealCodeBase): ScoreReport =>
  scoreFindings(
    labels.expect.map((label) => keyOf(label.rule, label.variant, label.apart, label.file, label.line)),
    base.keys,
  );

const printRealScore = (labels: RealCodeBase, score: ScoreReport, head: string | undefined): void => {
  const out = (line = ''): boolean => process.stdout.write(`${line}\n`);
  const { overall } = score;
  out(
    `   labelled real code (${labels.repository} at ${labels.commit.slice(0, 12)}, ${labels.expect.length} labelled findings, ${labels.not.length} documented negative cases): ` +
      `precision ${overall.precision.toFixed(3)}, recall ${overall.recall.toFixed(3)} (${overall.truePositives} found, ${overall.falsePositives} unexpected, ${overall.falseNegatives} missed)`,
  );
  if (head !== undefined && head !== labels.commit) out(`   warning: the directory is at commit ${head.slice(0, 12)}, the labels are for ${labels.commit.slice(0, 12)}; lines may differ`);
  for (const finding of score.missed) out(`     missed:     ${finding.ruleId}${finding.variant === undefined ? '' : `/${finding.variant}`} ${finding.file}:${finding.line}`);
  for (const finding of score.unexpected) out(`     unexpected: ${finding.ruleId}${finding.variant === undefined ? '' : `/${finding.variant}`} ${finding.file}:${finding.line}`);
};

const days = (minutes: number): string => (minutes / 480).toFixed(1);

const printCodeBase = (base: CodeBase): void => {
  const { summary } = base;
  const out = (line = ''): boolean => process.stdout.write(`${line}\n`);
  out(`== ${base.name}: ${summary.units} ABAP units, ${summary.linesOfCode.toLocaleString('en-US')} lines, analysed in ${base.seconds.toFixed(1)} s`);
  out(`   required for the conversion: ${days(summary.requiredEffortMinutes)} person-days (low ${days(summary.requiredEffortRange.low)}, high ${days(summary.requiredEffortRange.high)})`);
  out(`   clean-up beside it:          ${days(summary.cleanupEffortMinutes)} person-days (low ${days(summary.cleanupEffortRange.low)}, high ${days(summary.cleanupEffortRange.high)})`);
  const total = summary.requiredEffortMinutes + summary.cleanupEffortMinutes;
  out(`   required share of all effort: ${total === 0 ? '—' : `${((100 * summary.requiredEffortMinutes) / total).toFixed(1)} %`}`);
  out(`   findings with effort ${summary.findings}; reported apart: ${summary.acknowledgedFindings} acknowledged in the code, ${summary.generatedFindings} in generated code`);
  out(
    `   not analysed: ${base.failed.units} units (${base.failed.lines.toLocaleString('en-US')} lines) failed in the engine; ` +
      `${base.tooComplex.units} units (${base.tooComplex.lines.toLocaleString('en-US')} lines) left out with an SQL statement of over ${MAX_COMPONENT_COMPARISONS} comparisons against structure components; ` +
      `${base.unparsedStatements} statements not parsed; ${base.split.totals.skipped} files skipped ${JSON.stringify(base.split.skippedByReason)}`,
  );
  out('   rule                                      class      findings   person-days');
  for (const [ruleId, rule] of Object.entries(summary.byRule)) out(`   ${ruleId.padEnd(41)} ${rule.effortClass.padEnd(9)} ${String(rule.count).padStart(9)}   ${days(rule.effortMinutes).padStart(11)}`);
  if (base.sample.length > 0) {
    out('   sample for a hand check (rule/variant · class · minutes · file:line · source line):');
    base.sample.forEach((finding, index) =>
      out(`   ${String(index + 1).padStart(3)}. ${finding.ruleId}${finding.variant === undefined ? '' : `/${finding.variant}`} · ${finding.effortClass} · ${finding.effortMinutes} · ${finding.file}:${finding.line} · ${finding.source.slice(0, 140)}`),
    );
  }
  out();
};

const main = async (): Promise<void> => {
  const json = process.argv.includes('--json');
  const sampleSize = Number(argument('--sample') ?? 0);
  const seed = Number(argument('--seed') ?? 1);

  const score = fixtureScore();
  if (json) process.stdout.write(`${JSON.stringify({ fixtures: score.overall, byRule: score.byRule })}\n`);
  else {
    process.stdout.write(
      `Labelled fixtures (tests/fixtures/rules/abap): precision ${score.overall.precision.toFixed(3)}, recall ${score.overall.recall.toFixed(3)} ` +
        `(${score.overall.truePositives} found, ${score.overall.falsePositives} unexpected, ${score.overall.falseNegatives} missed)\n\n`,
    );
  }
  const labelled = (JSON.parse(readFileSync(REAL_LABELS, 'utf8')) as { codeBases: RealCodeBase[] }).codeBases;
  const real = argumentsOf('--real').map((value) => {
    const [name, dir] = [value.slice(0, value.indexOf('=')), value.slice(value.indexOf('=') + 1)];
    const labels = labelled.find((candidate) => candidate.name === name);
    if (labels === undefined || dir === '') throw new Error(`--real ${value}: expected NAME=DIR with NAME one of ${labelled.map((candidate) => candidate.name).join(', ')}`);
    return { dir, labels };
  });
  const bases: Array<{ dir: string; labels?: RealCodeBase }> = [...real, ...argumentsOf('--source').map((dir) => ({ dir }))];
  for (const { dir, labels } of bases) {
    const base = await measureCodeBase(dir, sampleSize, seed);
    const score = labels === undefined ? undefined : scoreRealCode(base, labels);
    if (json) {
      const { keys: _keys, ...measured } = base;
      process.stdout.write(`${JSON.stringify({ ...measured, sample: base.sample.map(({ source: _source, ...finding }) => finding), ...(score === undefined ? {} : { realCode: { overall: score.overall, missed: score.missed, unexpected: score.unexpected } }) })}\n`);
    } else {
      printCodeBase(base);
      if (labels !== undefined && score !== undefined) {
        printRealScore(labels, score, headOf(dir));
        process.stdout.write('\n');
      }
    }
  }
};

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
