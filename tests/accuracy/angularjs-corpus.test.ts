/**
 * The AngularJS pack on a generated 100k-line code base: it reports exactly the findings the generator seeded (rule,
 * variant, file and line), nothing more and nothing less, and the code-base phase counts what was generated.
 */
import { analyzeUnit, assessCodebase } from 'analysis-engine';
import type { CodebaseAssessment, UnitAnalysis } from 'analysis-engine';

import { generateAngularJsCorpus } from '../../bench/corpus/angularjs/generateAngularJsCorpus';
import type { AngularJsCorpus } from '../../bench/corpus/angularjs/generateAngularJsCorpus';

const keyOf = (finding: { ruleId: string; variant?: string; file: string; line: number }): string =>
  `${finding.file}:${finding.line}:${finding.ruleId}${finding.variant === undefined ? '' : `/${finding.variant}`}`;

const difference = (a: readonly string[], b: readonly string[]): string[] => {
  const left = new Map<string, number>();
  for (const key of b) left.set(key, (left.get(key) ?? 0) + 1);
  return a.filter((key) => {
    const count = left.get(key) ?? 0;
    if (count === 0) return true;
    left.set(key, count - 1);
    return false;
  });
};

describe('Accuracy: AngularJS pack on a generated 100k-line corpus', () => {
  let corpus: AngularJsCorpus;
  let results: UnitAnalysis[];
  let assessment: CodebaseAssessment;

  beforeAll(async () => {
    corpus = await generateAngularJsCorpus({ lines: 100_000, seed: 20_260_101 });
    results = corpus.files.map((file) => analyzeUnit({ unitId: file.path, language: file.language, path: file.path, files: [{ path: file.path, text: file.text }], loc: file.loc }));
    [assessment] = assessCodebase(results.map((result, index) => ({ unitId: result.unitId, path: corpus.files[index].path, language: result.language, loc: result.loc, facts: result.facts })));
  });

  it('generates at least 100k lines deterministically', async () => {
    // Act
    const again = await generateAngularJsCorpus({ lines: 2_000, seed: 20_260_101 });
    const same = await generateAngularJsCorpus({ lines: 2_000, seed: 20_260_101 });
    const other = await generateAngularJsCorpus({ lines: 2_000, seed: 7 });

    // Assess
    expect(corpus.loc).toBeGreaterThanOrEqual(100_000);
    expect(again.files).toEqual(same.files);
    expect(other.files.map((file) => file.text)).not.toEqual(again.files.map((file) => file.text));
  });

  it('reports exactly the seeded findings', () => {
    // Act
    const reported = results.flatMap((result) => result.findings.map(keyOf));
    const seeded = corpus.seeded.map(keyOf);

    // Assess
    expect(difference(reported, seeded).slice(0, 20)).toEqual([]);
    expect(difference(seeded, reported).slice(0, 20)).toEqual([]);
    expect(reported).toHaveLength(seeded.length);
    expect(new Set(corpus.seeded.map((finding) => finding.ruleId)).size).toBeGreaterThanOrEqual(25);
  });

  it('parses every file', () => {
    expect(results.filter((result) => result.parseErrors > 0).map((result) => result.unitId)).toEqual([]);
  });

  it('counts the generated declarations in the code-base phase', () => {
    // Prepare
    const seededCount = (ruleId: string, variant?: string) => corpus.seeded.filter((finding) => finding.ruleId === ruleId && (variant === undefined || finding.variant === variant)).length;

    // Assess
    expect(assessment.metrics).toMatchObject({
      controllers: seededCount('ng_controller'),
      components: seededCount('ng_component'),
      directives: seededCount('ng_directive'),
      directivesComponentStyle: seededCount('ng_directive', 'component-style'),
      directivesNotUpgradable: seededCount('ng_directive_compile'),
      filters: seededCount('ng_filter'),
      testFiles: seededCount('ng_unit_test'),
      unresolvedRegistrations: 0,
      unitsWithoutFacts: 0,
    });
    expect(assessment.recommendation?.approach).toBe('hybrid-upgrade');
  });
});
