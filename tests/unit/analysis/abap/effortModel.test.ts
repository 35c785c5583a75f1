import { ABAP_RULES } from 'analysis-engine';

import { EFFORT_MODEL, indexEffortModel, pertExpected, sizing } from '../../../../layers/analysis-engine/src/abap/effortModel';
import type { EffortRow } from '../../../../layers/analysis-engine/src/abap/effortModel';

const row = (change: Partial<EffortRow>): EffortRow => ({
  rule: 'r',
  severity: 'minor',
  effortClass: 'cleanup',
  minutes: { low: 1, likely: 2, high: 3 },
  basis: 'because',
  classBasis: 'still compiles',
  ...change,
});

describe('Function: pertExpected()', () => {
  it.each([
    [{ low: 120, likely: 240, high: 960 }, 340],
    [{ low: 1, likely: 2, high: 5 }, 2],
    [{ low: 10, likely: 10, high: 10 }, 10],
    [{ low: 0, likely: 0, high: 0 }, 0],
  ])('gives the rounded PERT mean of %j: %i', (minutes, expected) => {
    // Act + Assess
    expect(pertExpected(minutes)).toBe(expected);
  });
});

describe('Function: indexEffortModel()', () => {
  it.each([
    ['an unknown severity', [row({ severity: 'fatal' as never })], 'severity'],
    ['an unknown effort class', [row({ effortClass: 'nice-to-have' as never })], 'effortClass'],
    ['negative minutes', [row({ minutes: { low: -1, likely: 2, high: 3 } })], 'non-negative'],
    ['low above likely', [row({ minutes: { low: 5, likely: 2, high: 9 } })], 'low <= likely <= high'],
    ['a rule and variant twice', [row({ variant: 'v' }), row({ variant: 'v' })], 'twice'],
  ])('refuses %s, naming the row', (_name, rows, problem) => {
    // Act + Assess
    expect(() => indexEffortModel(rows)).toThrow(expect.objectContaining({ name: 'RulePackConfigError', message: expect.stringContaining(problem) }));
  });
});

describe('Function: sizing()', () => {
  it('gives severity, expected minutes and the range of a variant', () => {
    // Act
    const result = sizing('s4_simplified_table', 'write');

    // Assess
    expect(result).toEqual({ severity: 'blocker', effortMinutes: 340, effortRange: { low: 120, high: 960 }, effortClass: 'required' });
  });

  it('refuses a rule the model does not know', () => {
    // Act + Assess
    expect(() => sizing('no_such_rule')).toThrow(expect.objectContaining({ name: 'RulePackConfigError' }));
  });
});

describe('Data: the effort model and the rule table', () => {
  const references = ABAP_RULES.flatMap((rule) => [rule.id, ...Object.keys(rule.variants ?? {}).map((variant) => `${rule.id}/${variant}`)]);

  it('has a row for every rule and variant of the rule table, and no row for anything else', () => {
    // Prepare
    const rows = EFFORT_MODEL.map((entry) => (entry.variant === undefined ? entry.rule : `${entry.rule}/${entry.variant}`));

    // Assess
    expect(references.filter((reference) => !rows.includes(reference))).toEqual([]);
    expect(rows.filter((reference) => !references.includes(reference))).toEqual([]);
  });

  it('is what the rule table carries: severity, expected minutes and range', () => {
    // Assess
    for (const rule of ABAP_RULES) {
      expect(rule).toMatchObject(sizing(rule.id));
      for (const [variant, outcome] of Object.entries(rule.variants ?? {})) expect(outcome).toMatchObject(sizing(rule.id, variant));
    }
  });

  it.each([
    ['parser_error/statement', 'required'],
    ['obsolete_statement/occurs', 'cleanup'],
    ['obsolete_statement/with-header-line', 'cleanup'],
    ['obsolete_statement/posix-regex', 'cleanup'],
    ['obsolete_statement/client-specified', 'cleanup'],
    ['hana_native_sql', 'required'],
    ['hana_select_order_dependency', 'required'],
    ['hana_database_hint', 'cleanup'],
    ['db_operation_in_loop', 'cleanup'],
    ['s4_simplified_table/read-not-filled', 'required'],
    ['s4_simplified_table/read-compatibility-view', 'cleanup'],
    ['s4_simplified_table/read-hybrid-table', 'cleanup'],
    ['s4_simplified_table/write', 'required'],
    ['s4_removed_transaction/batch-input', 'required'],
    ['s4_material_number_length/move-truncation', 'required'],
    ['obsolete_function_module', 'cleanup'],
    ['obsolete_function_module/s4-replaced', 'required'],
    ['call_transaction_authority_check', 'cleanup'],
    ['cds_legacy_view', 'cleanup'],
  ])('classes %s as %s, with a reason', (reference, effortClass) => {
    // Prepare
    const [rule, variant] = reference.split('/');

    // Act
    const entry = EFFORT_MODEL.find((candidate) => candidate.rule === rule && candidate.variant === variant);

    // Assess
    expect(entry).toMatchObject({ effortClass, classBasis: expect.stringMatching(/.{20,}/) });
  });

  it('keeps every expected value within its range', () => {
    // Assess
    for (const entry of EFFORT_MODEL) {
      const expected = pertExpected(entry.minutes);
      expect(expected).toBeGreaterThanOrEqual(entry.minutes.low);
      expect(expected).toBeLessThanOrEqual(entry.minutes.high);
    }
  });
});
