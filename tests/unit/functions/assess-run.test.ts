/**
 * assessRun(): the code-base phase over a run's units, its findings merged into the units they are placed in. With a
 * scripted phase for the merge rules, and with the real engine on the AngularJS example.
 */
import { join } from 'node:path';
import type { CodebaseAssessment, CodebaseFinding, CodebaseUnit } from 'analysis-engine';
import { summarizeFindings } from '../../../functions/lib/report';
import type { RunUnit } from '../../../functions/lib/run';
import { assessRun } from '../../../functions/lib/run/assess-run';
import { sampleUnits } from './support/map-results';
import { angularShopUnits, webUnitsOf } from './support/web-units';

const PACK = { id: 'angularjs-angular', version: '9.9.9-test', language: 'javascript' as const };

const webUnit = (unitId: string, path: string, overrides: Partial<RunUnit> = {}): RunUnit => ({
  unitId,
  path,
  language: 'javascript',
  loc: 30,
  findings: [{ ruleId: 'ng_scope', severity: 'minor', message: 'Uses $scope', file: path, line: 3, column: 1, effortMinutes: 10, effortClass: 'required' }],
  omittedFindings: 0,
  effortMinutes: 10,
  facts: { schema: 'test-facts', names: ['CartCtrl'] },
  ...overrides,
});

const codebaseFinding = (unitId: string, ruleId: string, effortMinutes: number, file = 'as/the/phase/names/it.js'): CodebaseFinding => ({
  ruleId,
  severity: 'major',
  message: `${ruleId} across files`,
  file,
  line: 2,
  column: 5,
  effortMinutes,
  effortClass: ruleId === 'cb_unused_declaration' ? 'cleanup' : 'required',
  category: 'dependencies',
  unitId,
});

/** A phase that returns what it is told and records what it was given. */
const scriptedPhase = (findings: CodebaseFinding[], extra: Partial<CodebaseAssessment> = {}) => {
  const calls: CodebaseUnit[][] = [];
  const assess = (units: CodebaseUnit[]): CodebaseAssessment[] => {
    calls.push(units);
    return [{ rulePack: PACK, findings, recommendation: { approach: 'hybrid-upgrade', score: 4000, threshold: 1100, reasons: ['4000 lines of code above the rewrite threshold'] }, metrics: { loc: 4000, controllers: 3 }, ...extra }];
  };
  return { assess, calls };
};

describe('Function: assessRun()', () => {
  describe('merging a phase’s findings', () => {
    const module = webUnit('m1', 'web/app/app.module.js');
    const cart = webUnit('c1', 'web/app/cart.controller.js', { effortMinutes: undefined });
    const abap = sampleUnits().a;
    const { assess, calls } = scriptedPhase([codebaseFinding('m1', 'cb_third_party_module', 300), codebaseFinding('m1', 'cb_third_party_module', 120), codebaseFinding('c1', 'cb_unused_declaration', 15)]);
    const input = [module, cart, abap];
    const before = JSON.stringify(input);
    const result = assessRun(input, { assess });

    it('places each finding in its unit, on the unit’s archive path, with the unit’s effort raised by it', () => {
      const merged = result.units.find((unit) => unit.unitId === 'm1')!;
      expect(merged.findings.map((finding) => `${finding.ruleId}@${finding.file}:${finding.line}`)).toEqual([
        'ng_scope@web/app/app.module.js:3',
        'cb_third_party_module@web/app/app.module.js:2',
        'cb_third_party_module@web/app/app.module.js:2',
      ]);
      expect(merged.effortMinutes).toBe(430);
      expect(merged.findings[1]).not.toHaveProperty('unitId');
    });

    it('leaves a unit without an effort total to the sum of its findings, merged ones included', () => {
      const merged = result.units.find((unit) => unit.unitId === 'c1')!;
      expect(merged.effortMinutes).toBeUndefined();
      expect(summarizeFindings([merged])).toMatchObject({ requiredEffortMinutes: 10, cleanupEffortMinutes: 15 });
    });

    it('returns every unit, in order, without facts, and leaves the caller’s units as they were', () => {
      expect(result.units.map((unit) => unit.unitId)).toEqual(['m1', 'c1', abap.unitId]);
      for (const unit of result.units) expect(unit).not.toHaveProperty('facts');
      expect(result.units[2]).toEqual(abap);
      expect(JSON.stringify(input)).toBe(before);
    });

    it('hands the phase ids, archive paths, languages, lines and facts of the analysed units', () => {
      expect(calls).toHaveLength(1);
      expect(calls[0]).toEqual([
        { unitId: 'm1', path: 'web/app/app.module.js', language: 'javascript', loc: 30, facts: module.facts },
        { unitId: 'c1', path: 'web/app/cart.controller.js', language: 'javascript', loc: 30, facts: cart.facts },
        { unitId: abap.unitId, path: abap.path, language: 'abap', loc: abap.loc },
      ]);
    });

    it('returns each assessment without its findings: rule pack, recommendation, metrics and counts per rule', () => {
      expect(result.assessments).toEqual([
        {
          rulePack: PACK,
          recommendation: { approach: 'hybrid-upgrade', score: 4000, threshold: 1100, reasons: ['4000 lines of code above the rewrite threshold'] },
          metrics: { loc: 4000, controllers: 3 },
          findings: 3,
          findingsByRule: { cb_third_party_module: 2, cb_unused_declaration: 1 },
        },
      ]);
    });
  });

  it('leaves units that were not analysed, or are in a language the engine does not know, out of the phase', () => {
    // Prepare
    const { d: notAnalyzed } = sampleUnits();
    const unknown = webUnit('x1', 'docs/readme.md', { language: 'markdown', facts: undefined });
    const { assess, calls } = scriptedPhase([]);

    // Act
    const result = assessRun([notAnalyzed, unknown, webUnit('w1', 'web/a.js')], { assess });

    // Assess
    expect(calls[0].map((unit) => unit.unitId)).toEqual(['w1']);
    expect(result.units).toHaveLength(3);
    expect(result.assessments[0]).toMatchObject({ findings: 0, findingsByRule: {} });
  });

  it('keeps an assessment without a recommendation without one', () => {
    // Act
    const { assessments } = assessRun([webUnit('w1', 'web/a.js')], { assess: scriptedPhase([], { recommendation: undefined }).assess });

    // Assess
    expect(assessments[0]).not.toHaveProperty('recommendation');
  });

  it.each([
    ['a unit the run does not have', 'nope', 'is not a unit of the run'],
    ['a unit that was not analysed', sampleUnits().d.unitId, 'was not analysed'],
  ])('fails with CodebaseFindingPlacementError for a finding placed in %s', (_case, unitId, reason) => {
    // Prepare
    const { assess } = scriptedPhase([codebaseFinding(unitId, 'cb_unresolved_registration', 5)]);

    // Act + Assess
    expect(() => assessRun([webUnit('w1', 'web/a.js'), sampleUnits().d], { assess })).toThrow(
      expect.objectContaining({ name: 'CodebaseFindingPlacementError', rulePack: `${PACK.id}@${PACK.version}`, ruleId: 'cb_unresolved_registration', unitId, message: expect.stringContaining(reason) }),
    );
  });

  it('withdraws the findings and effort of the units a pack that does not apply names, and says how many', () => {
    // Prepare
    const { assess } = scriptedPhase([], { recommendation: undefined, notApplicable: 'no AngularJS found: …', withdrawnUnitIds: ['w1', 'gone'] });
    const input = [webUnit('w1', 'web/a.js', { omittedFindings: 2, effortMinutes: 30 }), webUnit('w2', 'web/b.js')];

    // Act
    const { units, assessments } = assessRun(input, { assess });

    // Assess
    expect(units[0]).toMatchObject({ findings: [], omittedFindings: 0, effortMinutes: 0 });
    expect(units[1]).toMatchObject({ findings: input[1].findings, effortMinutes: 10 });
    expect(assessments[0]).toMatchObject({ notApplicable: 'no AngularJS found: …', withdrawnFindings: 3, findings: 0 });
    expect(assessments[0]).not.toHaveProperty('recommendation');
    expect(input[0].findings).toHaveLength(1);
  });

  it('withdraws the findings of units an applicable pack does not assess and keeps its recommendation', () => {
    // Prepare
    const { assess } = scriptedPhase([], { withdrawnUnitIds: ['e2e'] });

    // Act
    const { units, assessments } = assessRun([webUnit('e2e', 'e2e/fixtures/page.html'), webUnit('w2', 'web/b.js')], { assess });

    // Assess
    expect(units.map((unit) => unit.findings.length)).toEqual([0, 1]);
    expect(assessments[0]).toMatchObject({ withdrawnFindings: 1, recommendation: { approach: 'hybrid-upgrade' } });
    expect(assessments[0]).not.toHaveProperty('notApplicable');
  });

  it('leaves no AngularJS finding and no recommendation in a web code base without AngularJS', () => {
    // Prepare
    const units = webUnitsOf(join(__dirname, '../../fixtures/rules/angularjs/codebase/no-angularjs'));
    const scanned = summarizeFindings(units).findings;

    // Act
    const result = assessRun(units);

    // Assess
    expect(scanned).toBeGreaterThan(0);
    expect(summarizeFindings(result.units)).toMatchObject({ findings: 0, requiredEffortMinutes: 0, cleanupEffortMinutes: 0 });
    expect(result.assessments[0]).toMatchObject({ notApplicable: expect.stringMatching(/^no AngularJS found: /), withdrawnFindings: scanned });
  });

  it('returns no assessment and the units unchanged for an ABAP run (the default phases read web languages only)', () => {
    // Prepare
    const { a, b, c } = sampleUnits();

    // Act
    const result = assessRun([a, b, c]);

    // Assess
    expect(result.assessments).toEqual([]);
    expect(result.units).toEqual([a, b, c]);
  });

  describe('with the analysis engine, on the AngularJS example', () => {
    const units = angularShopUnits();
    const result = assessRun(units);

    it('recommends an approach from the whole code base, with reasons and metrics', () => {
      expect(result.assessments).toHaveLength(1);
      const [angular] = result.assessments;
      expect(angular.rulePack.id).toBe('angularjs-angular');
      const { approach, score, threshold, reasons } = angular.recommendation!;
      // The example grows; whatever its size, the approach follows the score against the threshold.
      expect(approach).toBe(score <= threshold ? 'rewrite' : 'hybrid-upgrade');
      expect(score).toBe(units.reduce((sum, unit) => sum + unit.loc, 0));
      expect(reasons.length).toBeGreaterThan(1);
      expect(angular.metrics.units).toBe(units.length);
      expect(angular.metrics.controllers).toBeGreaterThan(0);
      expect(angular.metrics.directives).toBeGreaterThan(0);
    });

    it('places the cross-file findings in the files they concern, on archive paths', () => {
      const placed = result.units.flatMap((unit) => unit.findings.filter((finding) => finding.ruleId.startsWith('cb_')).map((finding) => ({ unit: unit.path, file: finding.file, ruleId: finding.ruleId })));
      expect(placed).toEqual(
        expect.arrayContaining([
          { unit: 'app/app.module.js', file: 'app/app.module.js', ruleId: 'cb_third_party_module' },
          { unit: 'app/directives/star-rating.directive.js', file: 'app/directives/star-rating.directive.js', ruleId: 'cb_directive_not_upgradable_usage' },
        ]),
      );
      expect(placed).toHaveLength(result.assessments[0].findings);
    });

    it('adds the cross-file findings to the run’s totals', () => {
      // Act
      const without = summarizeFindings(units);
      const withCodebase = summarizeFindings(result.units);

      // Assess
      expect(withCodebase.findings).toBe(without.findings + result.assessments[0].findings);
      expect(withCodebase.byRule.cb_third_party_module?.count).toBe(result.assessments[0].findingsByRule.cb_third_party_module);
    });
  });
});
