import { ABAP_RULES, abapRulePackVersion, combineRulePackVersions, createAbapAnalyzer } from 'analysis-engine';
import type { AbapRuleDefinition } from 'analysis-engine';

const base = { rules: ABAP_RULES, release: 'v758', abaplintVersion: '2.120.19' } as const;

const withRule = (id: string, change: (rule: AbapRuleDefinition) => AbapRuleDefinition): AbapRuleDefinition[] =>
  ABAP_RULES.map((rule) => (rule.id === id ? change(rule) : rule));

describe('Function: abapRulePackVersion()', () => {
  it('is stable for the same input', () => {
    // Act + Assess
    expect(abapRulePackVersion(base)).toBe(abapRulePackVersion({ ...base, rules: ABAP_RULES.map((rule) => ({ ...rule })) }));
  });

  it('does not depend on the order keys are written in', () => {
    // Prepare: the same rules with their keys in reverse order
    const reordered = ABAP_RULES.map((rule) => Object.fromEntries(Object.entries(rule).reverse()) as AbapRuleDefinition);

    // Act + Assess
    expect(abapRulePackVersion({ ...base, rules: reordered })).toBe(abapRulePackVersion(base));
  });

  it.each([
    ['an effort', withRule('obsolete_statement', (rule) => ({ ...rule, effortMinutes: rule.effortMinutes + 1 }))],
    ['a severity', withRule('db_operation_in_loop', (rule) => ({ ...rule, severity: 'critical' }))],
    ['a variant effort', withRule('s4_simplified_table', (rule) => ({ ...rule, variants: { ...rule.variants, write: { ...rule.variants?.write, effortMinutes: 1 } } }))],
    [
      'an abaplint rule option',
      withRule('obsolete_statement', (rule) => ({ ...rule, source: { engine: 'abaplint', rule: 'obsolete_statement', config: { typePools: true }, appendEngineMessage: true } })),
    ],
    [
      'a catalog entry',
      withRule('s4_removed_transaction', (rule) =>
        rule.source.engine === 'check' && rule.source.check === 'removedTransactions'
          ? { ...rule, source: { ...rule.source, config: { ...rule.source.config, transactions: rule.source.config.transactions.slice(1) } } }
          : rule,
      ),
    ],
    ['a removed rule', ABAP_RULES.filter((rule) => rule.id !== 'cds_legacy_view')],
  ])('changes when %s changes', (_name, rules) => {
    // Act + Assess
    expect(abapRulePackVersion({ ...base, rules })).not.toBe(abapRulePackVersion(base));
  });

  it('changes with the ABAP release', () => {
    // Act + Assess
    expect(abapRulePackVersion({ ...base, release: 'v757' })).not.toBe(abapRulePackVersion(base));
  });

  it('changes with the abaplint version and names it', () => {
    // Act
    const version = abapRulePackVersion({ ...base, abaplintVersion: '2.121.0' });

    // Assess
    expect(version).not.toBe(abapRulePackVersion(base));
    expect(version).toMatch(/^3\.0\.0-abaplint\.2\.121\.0-[0-9a-f]{12}$/);
  });

  it('is what the analyzer reports, with the installed abaplint version', () => {
    // Prepare
    const { version: abaplintVersion } = require('@abaplint/core/package.json') as { version: string };

    // Act
    const analyzer = createAbapAnalyzer();

    // Assess
    expect(analyzer.rulePack.version).toBe(abapRulePackVersion({ ...base, abaplintVersion }));
  });
});

describe('Function: combineRulePackVersions()', () => {
  it('changes when a pack version changes and never contains the key separator #', () => {
    // Prepare
    const abap = { id: 'abap-s4hana', version: abapRulePackVersion(base), language: 'abap' } as const;
    const changed = { ...abap, version: abapRulePackVersion({ ...base, release: 'v757' }) };

    // Act
    const before = combineRulePackVersions([abap]);
    const after = combineRulePackVersions([changed]);

    // Assess
    expect(after).not.toBe(before);
    expect(before).not.toContain('#');
  });
});
