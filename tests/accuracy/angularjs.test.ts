/**
 * Accuracy of the AngularJS → Angular pack on the labelled fixtures (tests/fixtures/rules/angularjs): precision and
 * recall per rule and for the whole pack, file scan and code-base phase; both must be 1.0.
 */
import { join } from 'node:path';

import { ANGULARJS_RULES, analyzeUnit, assessCodebase } from 'analysis-engine';

import { compareLabels, readLabelledFiles, scores, unitOf } from '../unit/analysis/angularjs/support/labelledFixtures';
import type { Label } from '../unit/analysis/angularjs/support/labelledFixtures';

const ROOT = join(__dirname, '..', 'fixtures', 'rules', 'angularjs');

const labelOf = (finding: { file: string; line: number; ruleId: string; variant?: string }): Label => ({
  file: finding.file,
  line: finding.line,
  rule: finding.variant === undefined ? finding.ruleId : `${finding.ruleId}/${finding.variant}`,
});

describe('Accuracy: AngularJS → Angular rule pack on labelled fixtures', () => {
  const files = readLabelledFiles(ROOT);
  const expected: Label[] = [];
  const reported: Label[] = [];

  beforeAll(() => {
    // File scan: every fixture file is a unit.
    for (const file of files) expected.push(...file.expected);
    for (const file of files.filter((member) => !member.path.startsWith('codebase/'))) reported.push(...analyzeUnit(unitOf(file)).findings.map(labelOf));
    // Code-base phase: each folder under codebase/ is one code base; as in a run, the phase may withdraw the file
    // scan's findings of its units (a code base without AngularJS).
    const scenarios = new Set(files.filter((file) => file.path.startsWith('codebase/')).map((file) => file.path.split('/')[1]));
    for (const scenario of scenarios) {
      const members = files.filter((file) => file.path.startsWith(`codebase/${scenario}/`));
      const analysed = members.map((file) => {
        const unit = unitOf(file);
        return { unit, result: analyzeUnit(unit) };
      });
      for (const file of members) expected.push(...file.expectedCodebase);
      const assessments = assessCodebase(analysed.map(({ unit, result }) => ({ unitId: unit.unitId, path: unit.path, language: unit.language, loc: unit.loc, facts: result.facts })));
      const withdrawn = new Set(assessments.flatMap((assessment) => assessment.withdrawnUnitIds ?? []));
      for (const { unit, result } of analysed) if (!withdrawn.has(unit.unitId)) reported.push(...result.findings.map(labelOf));
      for (const assessment of assessments) reported.push(...assessment.findings.map(labelOf));
    }
  });

  it('has labelled fixtures for every rule of the pack', () => {
    // Act
    const labelled = new Set(expected.map((label) => label.rule.split('/')[0]));

    // Assess
    expect(ANGULARJS_RULES.map((rule) => rule.id).filter((id) => !labelled.has(id))).toEqual([]);
  });

  it('reports no finding the labels do not expect (precision 1.0)', () => {
    // Act
    const { falsePositives } = compareLabels(expected, reported);

    // Assess
    expect(falsePositives).toEqual([]);
  });

  it('reports every finding the labels expect (recall 1.0)', () => {
    // Act
    const { misses } = compareLabels(expected, reported);

    // Assess
    expect(misses).toEqual([]);
  });

  it('scores precision and recall of 1.0 per rule and for the pack', () => {
    // Act
    const { tally } = compareLabels(expected, reported);
    const pack = scores(tally);
    const perRule = [...tally].map(([rule, entry]) => ({ rule, ...scores(new Map([[rule, entry]])) }));
    process.stdout.write(
      `angularjs-angular: precision ${pack.precision.toFixed(3)}, recall ${pack.recall.toFixed(3)} (${pack.tp} true, ${pack.fp} false positives, ${pack.fn} misses, ${perRule.length} rules)\n`,
    );

    // Assess
    expect(perRule.filter((rule) => rule.precision < 1 || rule.recall < 1)).toEqual([]);
    expect(pack).toMatchObject({ precision: 1, recall: 1 });
    expect(pack.tp).toBeGreaterThanOrEqual(100);
  });
});
