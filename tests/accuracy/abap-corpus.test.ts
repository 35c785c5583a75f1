import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { analyzeUnit } from 'analysis-engine';

import { generateAbapCorpus } from '../../bench/corpus/abap/generate';
import type { AbapCorpus } from '../../bench/corpus/abap/generate';
import { scoreFindings } from '../../bench/corpus/abap/score';
import type { ScoreReport } from '../../bench/corpus/abap/score';
import { abapGitUnits, isSourceFile, nonBlankLines } from '../../bench/corpus/abap/units';

/** A fixed seed: the corpus, and so this test, is the same on every run. */
const SEED = 20_251;

describe('Function: generateAbapCorpus()', () => {
  describe('on a generated 100k-line corpus', () => {
    let corpus: AbapCorpus;
    let report: ScoreReport;
    let parseErrors: number;

    beforeAll(() => {
      corpus = generateAbapCorpus({ lines: 100_000, seed: SEED });
      const results = abapGitUnits(corpus.files).map((unit) => analyzeUnit(unit));
      parseErrors = results.reduce((sum, result) => sum + result.parseErrors, 0);
      const findings = results.flatMap((result) => result.findings).map(({ ruleId, variant, file, line }) => ({ ruleId, variant, file, line }));
      report = scoreFindings(corpus.seeded, findings);
    });

    it('holds at least the requested lines of code, in every kind of object', () => {
      // Assess
      expect(corpus.loc).toBeGreaterThanOrEqual(100_000);
      expect(corpus.loc).toBeLessThan(110_000);
      expect(Object.values(corpus.objects).every((count) => count > 0)).toBe(true);
    });

    it('is analysed to exactly the seeded findings: rule, variant, file and line', () => {
      // Assess
      expect(report.missed).toEqual([]);
      expect(report.unexpected).toEqual([]);
      expect(report.overall).toMatchObject({ precision: 1, recall: 1, truePositives: corpus.seeded.length });
    });

    it('seeds every kind of finding the generator knows, in realistic numbers', () => {
      // Prepare
      const kinds = new Map<string, number>();
      for (const finding of corpus.seeded) kinds.set(`${finding.ruleId}/${finding.variant ?? ''}`, (kinds.get(`${finding.ruleId}/${finding.variant ?? ''}`) ?? 0) + 1);

      // Assess: one seeded finding per 30 to 80 lines, and at least 25 kinds
      expect(corpus.seeded.length).toBeGreaterThan(corpus.loc / 80);
      expect(corpus.seeded.length).toBeLessThan(corpus.loc / 30);
      expect(kinds.size).toBeGreaterThanOrEqual(25);
    });

    it('counts its lines as the splitter does (non-blank lines of source files)', () => {
      // Act
      const counted = corpus.files.filter((file) => isSourceFile(file.path)).reduce((sum, file) => sum + nonBlankLines(file.text), 0);

      // Assess
      expect(counted).toBe(corpus.loc);
    });

    it('parses completely apart from the seeded parser errors', () => {
      // Assess
      expect(parseErrors).toBe(corpus.seeded.filter((finding) => finding.ruleId === 'parser_error' || finding.ruleId === 'cds_parser_error').length);
    });
  });

  it('is deterministic for a seed and differs between seeds', () => {
    // Act
    const first = generateAbapCorpus({ lines: 3_000, seed: 5 });
    const again = generateAbapCorpus({ lines: 3_000, seed: 5 });
    const other = generateAbapCorpus({ lines: 3_000, seed: 6 });

    // Assess
    expect(again).toEqual(first);
    expect(other.files).not.toEqual(first.files);
  });

  it('writes the abapGit tree below outDir when given', () => {
    // Prepare
    const outDir = mkdtempSync(join(tmpdir(), 'abap-corpus-'));

    try {
      // Act
      const corpus = generateAbapCorpus({ lines: 1_500, seed: 3, outDir });

      // Assess
      expect(corpus.files.map((file) => readFileSync(join(outDir, file.path), 'utf8'))).toEqual(corpus.files.map((file) => file.text));
      expect(corpus.files.some((file) => file.path === '.abapgit.xml')).toBe(true);
      expect(corpus.files.filter((file) => file.path.endsWith('package.devc.xml')).length).toBeGreaterThan(1);
    } finally {
      rmSync(outDir, { recursive: true, force: true });
    }
  });

  it.each([
    ['zero lines', { lines: 0 }],
    ['a fraction of a line', { lines: 10.5 }],
    ['a seed rate above 1', { lines: 100, seedRate: 2 }],
  ])('refuses %s', (_name, options) => {
    // Act + Assess
    expect(() => generateAbapCorpus(options)).toThrow(RangeError);
  });
});
