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

  describe('an ES-module code base: default exports of identifiers, re-exports, namespaces, aliases, class definitions', () => {
    let assessment: CodebaseAssessment;

    beforeAll(() => {
      [assessment] = assessCodebase(codebaseOf('es-module-exports'));
    });

    it('reports the features of directives registered through re-exports where they are defined', () => {
      // Act
      const features = assessment.findings.filter((finding) => finding.ruleId.startsWith('ng_directive_')).map((finding) => `${finding.ruleId}@${finding.unitId}:${finding.line}`);

      // Assess
      expect(features).toEqual([
        'ng_directive_replace@src/widgets/count-badge.directive.js:5',
        'ng_directive_link@src/widgets/count-badge.directive.js:11',
        'ng_directive_inherited_scope@src/widgets/stock-badge.js:1',
        'ng_directive_priority_terminal@src/widgets/stock-badge.js:3',
        'ng_directive_inherited_scope@src/widgets/tooltip.directive.js:2',
        'ng_directive_replace@src/widgets/tooltip.directive.js:4',
      ]);
    });

    it('counts directives that cannot be upgraded and controllers with $scope across files', () => {
      expect(assessment.metrics).toMatchObject({
        directives: 5,
        directivesNotUpgradable: 3,
        controllers: 1,
        controllersWithScope: 1,
        scopeInjections: 1,
        services: 1,
        components: 1,
        unresolvedRegistrations: 1,
      });
    });

    it('names libraries imported as packages in module dependencies', () => {
      // Act
      const libraries = assessment.findings.filter((finding) => finding.ruleId === 'cb_third_party_module').map((finding) => finding.message);

      // Assess
      expect(libraries).toEqual([expect.stringContaining('ngSanitize (angular-sanitize)'), expect.stringContaining('ui.router (@uirouter/angularjs)')]);
    });

    it('keeps end-to-end tests, tooling and generated locale files out of the size and counts them apart', () => {
      expect(assessment.metrics).toMatchObject({
        testFiles: 3,
        angularJsTestFiles: 1,
        e2eTestFiles: 2,
        toolingFiles: 1,
        generatedFiles: 1,
        locNotSized: 17,
        modules: 1,
      });
      expect(assessment.recommendation?.score).toBe(assessment.metrics.loc);
    });

    it("withdraws the file scan's findings of the files it does not assess (a page in e2e/ looked like a template)", () => {
      expect(assessment.withdrawnUnitIds).toEqual(['e2e/cart.spec.ts', 'e2e/fixtures/cart.html', 'karma.conf.js', 'src/i18n/angular-locale_de-ch.js']);
    });
  });

  describe('a code base without AngularJS', () => {
    let assessment: CodebaseAssessment;
    let units: CodebaseUnit[];

    beforeAll(() => {
      units = codebaseOf('no-angularjs');
      [assessment] = assessCodebase(units);
    });

    it('says no AngularJS was found and gives no recommendation and no finding', () => {
      expect(assessment.notApplicable).toBe('no AngularJS found: none of its 5 JavaScript and TypeScript files defines or uses an AngularJS module (angular.module)');
      expect(assessment.recommendation).toBeUndefined();
      expect(assessment.findings).toEqual([]);
    });

    it("withdraws the file scan's findings of every unit of the pack", () => {
      expect(assessment.withdrawnUnitIds).toEqual(units.map((unit) => unit.unitId));
    });

    it('still counts what is there, tests and end-to-end tests apart', () => {
      expect(assessment.metrics).toMatchObject({ modules: 0, testFiles: 2, angularJsTestFiles: 0, e2eTestFiles: 1, toolingFiles: 2 });
    });

    it('gives no verdict while units lack facts: they could hold the module', () => {
      // Act
      const [partial] = assessCodebase([...units, { unitId: 'stale', path: 'src/app.js', language: 'javascript', loc: 40 }]);

      // Assess
      expect(partial.notApplicable).toBeUndefined();
      expect(partial.metrics.unitsWithoutFacts).toBe(1);
    });
  });

  describe("AngularJS's own style: provider chains, object-form registrations, annotated globals", () => {
    let assessment: CodebaseAssessment;

    beforeAll(() => {
      [assessment] = assessCodebase(codebaseOf('core-style'));
    });

    it('resolves object-form directives registered on the provider $provide.provider returns', () => {
      // Act
      const found = assessment.findings.map((finding) => `${finding.ruleId}@${finding.unitId}:${finding.line}`);

      // Assess
      expect(found).toEqual(['cb_unresolved_registration@src/AngularPublic.js:3', 'ng_directive_compile@src/directive/ngBind.js:4']);
      expect(assessment.metrics).toMatchObject({ directives: 2, directivesNotUpgradable: 1, compileUses: 2, unresolvedRegistrations: 1 });
    });

    it('sizes neither the generated locale file, the copy of angular.js nor the build script', () => {
      expect(assessment.metrics).toMatchObject({ generatedFiles: 1, libraryFiles: 1, toolingFiles: 1, testFiles: 1, locNotSized: 15, loc: 36, jsFiles: 5 });
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
