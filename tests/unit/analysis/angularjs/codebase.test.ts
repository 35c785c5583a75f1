import { join } from 'node:path';

import { REWRITE_BASE_LOC, THRESHOLD_FACTOR, analyzeUnit, assessCodebase } from 'analysis-engine';
import type { CodebaseAssessment, CodebaseUnit } from 'analysis-engine';

import { recommend } from '../../../../layers/analysis-engine/src/angularjs/codebase/recommendation';
import { readLabelledFiles, unitOf } from './support/labelledFixtures';

const FIXTURES = join(__dirname, '..', '..', '..', 'fixtures', 'rules', 'angularjs', 'codebase');

const codebaseOf = (scenario: string): CodebaseUnit[] =>
  readLabelledFiles(join(FIXTURES, scenario)).map((file) => {
    const unit = unitOf(file);
    const result = analyzeUnit(unit);
    return { unitId: unit.unitId, path: unit.path, language: unit.language, loc: unit.loc, facts: result.facts };
  });

describe('Function: assessCodebase()', () => {
  describe('registrations in one file, definitions in others (classic scripts)', () => {
    let assessment: CodebaseAssessment;

    beforeAll(() => {
      [assessment] = assessCodebase(codebaseOf('global-scripts'));
    });

    it('returns one assessment for the AngularJS pack', () => {
      expect(assessment.rulePack.id).toBe('angularjs-angular');
    });

    it('reports a directive feature where the directive is defined, not where it is registered', () => {
      // Act
      const features = assessment.findings.filter((finding) => finding.ruleId.startsWith('ng_directive_'));

      // Assess
      expect(features.map((finding) => `${finding.ruleId}@${finding.unitId}:${finding.line}`)).toEqual([
        'ng_directive_link@app/directives/dead-widget.js:5',
        'ng_directive_replace@app/directives/legacy-grid.js:5',
        'ng_directive_compile@app/directives/legacy-grid.js:6',
      ]);
    });

    it('weighs a directive that cannot be upgraded by the templates that use it', () => {
      // Act
      const usage = assessment.findings.find((finding) => finding.ruleId === 'cb_directive_not_upgradable_usage');

      // Assess
      expect(usage).toMatchObject({ unitId: 'app/app.registrations.js', line: 2, severity: 'critical', effortRange: { low: 30, high: 120 }, effortMinutes: 75 });
      expect(usage?.message).toContain('(2 templates)');
    });

    it('names catalogued libraries with their replacement and effort, and unknown ones without a name', () => {
      // Act
      const libraries = assessment.findings.filter((finding) => finding.ruleId === 'cb_third_party_module');

      // Assess
      expect(libraries.map((finding) => finding.effortRange)).toEqual([
        { low: 120, high: 480 },
        { low: 480, high: 1920 },
        { low: 240, high: 960 },
      ]);
      expect(libraries[0].message).toContain('ngRoute (angular-route)');
      expect(libraries[1].message).toContain('ng-bootstrap');
      expect(libraries[2].message).not.toContain('acme');
    });

    it('joins controllers to their definitions for the metrics', () => {
      expect(assessment.metrics).toMatchObject({
        controllers: 1,
        controllersWithScope: 1,
        directives: 3,
        directivesComponentStyle: 1,
        directivesNotUpgradable: 1,
        filters: 1,
        services: 1,
        modules: 2,
        libraryModules: 3,
        testFiles: 1,
        jsFiles: 8,
        htmlFiles: 2,
        rootScopeInjections: 1,
        compileUses: 1,
        unresolvedRegistrations: 1,
        unitsWithoutFacts: 0,
      });
    });

    it('recommends a rewrite for a code base below the raised threshold, with a reason per factor', () => {
      // Assess
      expect(assessment.recommendation).toMatchObject({ approach: 'rewrite', score: assessment.metrics.loc });
      expect(assessment.recommendation?.threshold).toBeCloseTo(REWRITE_BASE_LOC * THRESHOLD_FACTOR ** 7, 2);
      expect(assessment.recommendation?.reasons).toHaveLength(8);
    });
  });

  describe('registrations and definitions joined through ES imports', () => {
    let assessment: CodebaseAssessment;

    beforeAll(() => {
      [assessment] = assessCodebase(codebaseOf('es-modules'));
    });

    it('resolves default and named imports to the exported definitions', () => {
      // Act
      const found = assessment.findings.map((finding) => `${finding.ruleId}@${finding.unitId}:${finding.line}`);

      // Assess
      expect(found).toEqual([
        'cb_directive_not_upgradable_usage@src/app.module.js:8',
        'ng_directive_priority_terminal@src/widgets/tooltip.directive.js:4',
        'ng_directive_link@src/widgets/tooltip.directive.js:5',
      ]);
      expect(assessment.metrics).toMatchObject({ unresolvedRegistrations: 0, components: 1, filters: 1, directivesNotUpgradable: 1 });
    });
  });

  it('recommends a hybrid upgrade above the threshold and says what to prepare', () => {
    // Act
    const recommendation = recommend({ loc: 50_000, controllers: 10, jsFiles: 100, testFiles: 0, rootScopeInjections: 2 });

    // Assess
    expect(recommendation.approach).toBe('hybrid-upgrade');
    expect(recommendation.threshold).toBeCloseTo(880 * 1.25 ** 4, 2);
    expect(recommendation.reasons.at(-1)).toMatch(/^prepare first/);
  });

  it('says when a code base is ready for ngUpgrade', () => {
    // Act
    const recommendation = recommend({ loc: 50_000, tsFiles: 300, testFiles: 40, components: 80 });

    // Assess
    expect(recommendation).toMatchObject({ approach: 'hybrid-upgrade', threshold: 880 });
    expect(recommendation.reasons.at(-1)).toMatch(/^ready for ngUpgrade/);
  });

  it('returns no assessment when no unit is in a language of the pack', () => {
    expect(assessCodebase([{ unitId: 'u1', path: 'src/z.prog.abap', language: 'abap', loc: 10 }])).toEqual([]);
  });

  it('counts units without facts instead of failing on them', () => {
    // Act
    const [assessment] = assessCodebase([
      { unitId: 'a', path: 'a.js', language: 'javascript', loc: 3 },
      { unitId: 'b', path: 'b.js', language: 'javascript', loc: 4, facts: { schema: 'angularjs-facts/0' } },
    ]);

    // Assess
    expect(assessment.metrics).toMatchObject({ loc: 7, unitsWithoutFacts: 2 });
  });

  it.each([
    [{}, 'units', 'must be an array'],
    [[null], 'units[0]', 'must be an object'],
    [[{ unitId: '', path: 'a', language: 'html', loc: 1 }], 'units[0].unitId', 'must be a non-empty string'],
    [[{ unitId: 'a', path: 'a', language: 'cobol', loc: 1 }], 'units[0].language', 'must be one of abap, javascript, typescript, html, got "cobol"'],
    [[{ unitId: 'a', path: 'a', language: 'html', loc: -1 }], 'units[0].loc', 'must be a non-negative number'],
  ])('rejects %j naming the field', (units, field, problem) => {
    expect(() => assessCodebase(units as never)).toThrow(expect.objectContaining({ name: 'InvalidCodebaseInputError', field, problem }));
  });
});
