import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

import { ANGULARJS_RULES, analyzeUnit, assessCodebase } from 'analysis-engine';
import type { CodebaseAssessment, Language, UnitAnalysis } from 'analysis-engine';

const EXAMPLE = join(__dirname, '..', '..', '..', '..', 'examples', 'angularjs-shop');
const LANGUAGES: Record<string, Language> = { js: 'javascript', ts: 'typescript', html: 'html' };

/** Every kind of finding the example carries on purpose, as `rule` or `rule/variant`: kinds, not counts. */
const SEEDED = [
  'ng_module',
  'ng_controller',
  'ng_component',
  'ng_directive',
  'ng_directive/attribute',
  'ng_directive_compile',
  'ng_directive_replace',
  'ng_directive_priority_terminal',
  'ng_directive_transclude',
  'ng_directive_require',
  'ng_directive_link',
  'ng_service',
  'ng_service/value',
  'ng_filter',
  'ng_config_block',
  'ng_scope',
  'ng_root_scope',
  'ng_watch',
  'ng_watch/deep',
  'ng_digest',
  'ng_scope_event',
  'ng_scope_event/listen',
  'ng_scope_event/destroy',
  'ng_scope_event/router',
  'ng_dynamic_template',
  'ng_dynamic_template/parse',
  'ng_http',
  'ng_http/resource',
  'ng_q',
  'ng_timer',
  'ng_timer/interval',
  'ng_route',
  'ng_router_service',
  'ng_router_service/location',
  'ng_unit_test',
  'tpl_ng_controller',
  'tpl_ng_include',
  'tpl_ng_bind_html',
  'tpl_filter',
  'tpl_filter/builtin',
  'tpl_filter/no-pipe',
  'cb_third_party_module',
];

const walk = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? walk(join(dir, name)) : [join(dir, name)]));

describe('Example code base: examples/angularjs-shop', () => {
  let results: UnitAnalysis[];
  let paths: string[];
  let assessment: CodebaseAssessment;

  beforeAll(() => {
    const files = walk(EXAMPLE).filter((path) => LANGUAGES[path.split('.').pop() ?? ''] !== undefined);
    paths = files.map((path) => relative(EXAMPLE, path));
    results = files.map((path, index) => {
      const text = readFileSync(path, 'utf8');
      return analyzeUnit({ unitId: paths[index], language: LANGUAGES[path.split('.').pop() ?? ''], path: paths[index], files: [{ path: paths[index], text }], loc: text.split('\n').filter((line) => line.trim() !== '').length });
    });
    [assessment] = assessCodebase(results.map((result, index) => ({ unitId: result.unitId, path: paths[index], language: result.language, loc: result.loc, facts: result.facts })));
  });

  it('holds a few thousand lines in JavaScript, TypeScript and HTML', () => {
    expect(assessment.metrics.loc).toBeGreaterThanOrEqual(2000);
    expect(assessment.metrics).toMatchObject({ jsFiles: expect.any(Number), tsFiles: 3, testFiles: 3 });
    expect(assessment.metrics.htmlFiles).toBeGreaterThanOrEqual(15);
  });

  it('parses completely and joins every registration', () => {
    expect(results.filter((result) => result.parseErrors > 0).map((result) => result.unitId)).toEqual([]);
    expect(assessment.metrics).toMatchObject({ unresolvedRegistrations: 0, unitsWithoutFacts: 0 });
  });

  it.each(SEEDED)('reports the seeded %s', (kind) => {
    // Prepare
    const [ruleId, variant] = kind.split('/');

    // Act
    const found = [...results.flatMap((result) => result.findings), ...assessment.findings].filter(
      (finding) => finding.ruleId === ruleId && finding.variant === variant,
    );

    // Assess
    expect(found.length).toBeGreaterThan(0);
  });

  it('reports only rules of the rule table, with messages free of the shop\'s own names', () => {
    // Act
    const findings = [...results.flatMap((result) => result.findings), ...assessment.findings];

    // Assess
    expect(findings.filter((finding) => !ANGULARJS_RULES.some((rule) => rule.id === finding.ruleId))).toEqual([]);
    expect(findings.filter((finding) => /shopApp|cartService|Checkout|starRating|priceTag/.test(finding.message))).toEqual([]);
  });

  it('weighs the compile directive by the templates that use it and names the libraries', () => {
    // Act
    const usage = assessment.findings.filter((finding) => finding.ruleId === 'cb_directive_not_upgradable_usage');
    const libraries = assessment.findings.filter((finding) => finding.ruleId === 'cb_third_party_module').map((finding) => finding.message);

    // Assess
    expect(usage.map((finding) => finding.unitId).sort()).toEqual(['app/admin/stock-chart.directive.js', 'app/directives/star-rating.directive.js', 'app/shared/confirm-click.directive.js']);
    expect(libraries.map((message) => /: (\w+) \(/.exec(message)?.[1]).sort()).toEqual(['ngMessages', 'ngResource', 'ngRoute', 'ngSanitize']);
  });

  it('recommends a rewrite for a shop of this size, with every factor named', () => {
    // Assess
    expect(assessment.recommendation).toMatchObject({ approach: 'rewrite', score: assessment.metrics.loc });
    expect(assessment.recommendation?.reasons.join('\n')).toMatch(/controllers use \$scope[\s\S]*\$rootScope[\s\S]*\$compile[\s\S]*JavaScript files[\s\S]*cannot be upgraded[\s\S]*ng-controller or ng-include/);
  });
});
