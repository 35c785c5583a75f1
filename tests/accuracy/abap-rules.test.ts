import { join } from 'node:path';

import { ABAP_RULES, analyzeUnit } from 'analysis-engine';

import { parseExpectations } from '../../bench/corpus/abap/expectations';
import type { FindingKey, NegativeCase } from '../../bench/corpus/abap/expectations';
import { scoreFindings } from '../../bench/corpus/abap/score';
import type { ScoreReport } from '../../bench/corpus/abap/score';
import { abapGitUnits, isSourceFile, readSourceTree } from '../../bench/corpus/abap/units';

const FIXTURES = join(__dirname, '..', 'fixtures', 'rules', 'abap');

/** Rules whose negative cases the fixtures must document with `not:` markers (the ones the issue names). */
const RULES_WITH_NEGATIVES = ['obsolete_statement', 's4_simplified_table', 's4_removed_transaction', 's4_material_number_length', 'hana_select_order_dependency'];

describe('Rule pack abap-s4hana on the labelled fixtures (tests/fixtures/rules/abap)', () => {
  let expected: FindingKey[];
  let negatives: NegativeCase[];
  let report: ScoreReport;

  beforeAll(() => {
    const files = readSourceTree(FIXTURES);
    const marks = files.filter((file) => isSourceFile(file.path)).map((file) => parseExpectations(file.path, file.text));
    expected = marks.flatMap((mark) => mark.expected);
    negatives = marks.flatMap((mark) => mark.negatives);
    const actual = abapGitUnits(files)
      .flatMap((unit) => analyzeUnit(unit).findings)
      .map(({ ruleId, variant, file, line }) => ({ ruleId, variant, file, line }));
    report = scoreFindings(expected, actual);
  });

  it('reports every expected finding: recall 1.0', () => {
    // Assess
    expect(report.missed).toEqual([]);
    expect(report.overall.recall).toBe(1);
  });

  it('reports nothing that is not expected: precision 1.0', () => {
    // Assess
    expect(report.unexpected).toEqual([]);
    expect(report.overall.precision).toBe(1);
  });

  it.each(ABAP_RULES.map((rule) => rule.id))('has precision and recall 1.0 for %s', (ruleId) => {
    // Assess
    expect(report.byRule[ruleId]).toMatchObject({ precision: 1, recall: 1 });
  });

  it.each(ABAP_RULES.flatMap((rule) => [rule.id, ...Object.keys(rule.variants ?? {}).map((variant) => `${rule.id}/${variant}`)].filter((id) => !(rule.variants && id === rule.id))))(
    'has at least one labelled finding for %s',
    (reference) => {
      // Prepare
      const [ruleId, variant] = reference.split('/');

      // Act
      const labelled = expected.filter((finding) => finding.ruleId === ruleId && finding.variant === variant);

      // Assess
      expect(labelled.length).toBeGreaterThan(0);
    },
  );

  it.each(RULES_WITH_NEGATIVES)('documents cases that must not be reported for %s', (ruleId) => {
    // Assess
    expect(negatives.filter((negative) => negative.ruleId === ruleId).length).toBeGreaterThanOrEqual(3);
  });

  it('labels only rules and variants of the rule table', () => {
    // Act
    const unknown = [...expected, ...negatives].filter((mark) => {
      const rule = ABAP_RULES.find((candidate) => candidate.id === mark.ruleId);
      const variant = 'variant' in mark ? mark.variant : undefined;
      return rule === undefined || (variant !== undefined && rule.variants?.[variant] === undefined);
    });

    // Assess
    expect(unknown).toEqual([]);
  });
});
