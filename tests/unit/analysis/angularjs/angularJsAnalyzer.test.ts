import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { ANGULARJS_RULES, analyzeUnit, createAnalyzerRegistry, createAngularJsAnalyzers, getDefaultRegistry } from 'analysis-engine';
import type { NgRuleDefinition, Unit } from 'analysis-engine';

import { HTMLPARSER2_MAJOR } from '../../../../layers/analysis-engine/src/angularjs/rulePackVersion';

const unit = (path: string, text: string, language: Unit['language'] = 'javascript'): Unit => ({ unitId: path, language, path, files: [{ path, text }], loc: 1 });

describe('Function: createAngularJsAnalyzers()', () => {
  it('registers one pack for JavaScript, TypeScript and HTML in the default registry, with one version', () => {
    // Act
    const packs = (['javascript', 'typescript', 'html'] as const).map((language) => getDefaultRegistry().get(language)?.rulePack);

    // Assess
    expect(packs.map((pack) => pack?.id)).toEqual(['angularjs-angular', 'angularjs-angular', 'angularjs-angular']);
    expect(new Set(packs.map((pack) => pack?.version)).size).toBe(1);
    expect(packs[0]?.version).toMatch(/^1\.1\.0-[0-9a-f]{12}$/);
  });

  it('gives another version when the table changes', () => {
    // Prepare
    const rules = ANGULARJS_RULES.map((rule) => (rule.id === 'ng_scope' ? { ...rule, effort: { low: 1, high: 2 } } : rule));

    // Act
    const [changed] = createAngularJsAnalyzers({ rules });

    // Assess
    expect(changed.rulePack.version).not.toBe(createAngularJsAnalyzers()[0].rulePack.version);
  });

  it('names the installed htmlparser2 major version in the rule-pack version', () => {
    // Act
    const installed = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', '..', 'node_modules', 'htmlparser2', 'package.json'), 'utf8')) as { version: string };

    // Assess
    expect(installed.version.split('.')[0]).toBe(String(HTMLPARSER2_MAJOR));
  });

  it.each([
    [(rules: NgRuleDefinition[]) => rules.filter((rule) => rule.id !== 'ng_scope'), 'ng_scope', 'no row'],
    [(rules: NgRuleDefinition[]) => [...rules, rules[1]], rules1Id(), 'used twice'],
    [(rules: NgRuleDefinition[]) => rules.map((rule) => (rule.id === 'ng_q' ? { ...rule, effort: { low: 20, high: 10 } } : rule)), 'ng_q', '0 <= low <= high'],
    [(rules: NgRuleDefinition[]) => rules.map((rule) => (rule.id === 'ng_q' ? { ...rule, severity: 'huge' as never } : rule)), 'ng_q', 'severity must be one of'],
  ])('refuses an inconsistent table (%#)', (change, ruleId, problem) => {
    expect(() => createAngularJsAnalyzers({ rules: change([...ANGULARJS_RULES]) })).toThrow(
      expect.objectContaining({ name: 'RulePackConfigError', ruleId, message: expect.stringContaining(problem) }),
    );
  });

  it('takes severity, effort range and message from the table, effortMinutes the midpoint', () => {
    // Act
    const [finding] = analyzeUnit(unit('app/a.js', 'function Ctrl($rootScope) {}')).findings;

    // Assess
    expect(finding).toEqual({
      ruleId: 'ng_root_scope',
      severity: 'major',
      message: ANGULARJS_RULES.find((rule) => rule.id === 'ng_root_scope')?.message,
      file: 'app/a.js',
      line: 1,
      column: 15,
      effortMinutes: 240,
      effortClass: 'required',
      effortRange: { low: 120, high: 360 },
      category: 'scope',
    });
  });

  it('rounds the midpoint to whole minutes and takes the effort class from the table', () => {
    // Prepare: a range with an odd width, and dead code (the only clean-up rule of the pack)
    const rules = ANGULARJS_RULES.map((rule) => (rule.id === 'ng_root_scope' ? { ...rule, effort: { low: 15, high: 60 }, effortClass: 'cleanup' as const } : rule));
    const registry = createAnalyzerRegistry(createAngularJsAnalyzers({ rules }));

    // Act
    const [finding] = analyzeUnit(unit('app/a.js', 'function Ctrl($rootScope) {}'), { registry }).findings;

    // Assess
    expect(finding).toMatchObject({ effortMinutes: 38, effortRange: { low: 15, high: 60 }, effortClass: 'cleanup' });
    expect(ANGULARJS_RULES.filter((rule) => rule.effortClass === 'cleanup').map((rule) => rule.id)).toEqual(['cb_unused_declaration']);
  });

  it('never quotes source or customer names in messages', () => {
    // Prepare
    const script = "angular.module('zSecretModule', ['zSecretLib']).controller('zSecretCtrl', function ($scope) { $scope.$watch('zSecretField', f); });";
    const template = '<div ng-controller="zSecretCtrl">{{ zSecretField | zSecretFilter }}</div>';

    // Act
    const broken = 'var zSecretVariable = ;';
    const messages = [
      ...analyzeUnit(unit('app/a.js', script)).findings,
      ...analyzeUnit(unit('app/b.js', broken)).findings,
      ...analyzeUnit(unit('app/a.html', template, 'html')).findings,
    ].map((finding) => finding.message);

    // Assess
    expect(messages.length).toBeGreaterThanOrEqual(7);
    expect(messages.filter((message) => /zSecret/.test(message))).toEqual([]);
  });

  it('returns facts with the unit and counts lines like the splitter', () => {
    // Act
    const result = analyzeUnit(unit('app/a.html', '<p ng-include="x"></p>\n\n  \n<b>{{ a | date }}</b>\n', 'html'));

    // Assess
    expect(result.loc).toBe(2);
    expect(result.facts).toMatchObject({ schema: 'angularjs-facts/2', kind: 'template', counts: { tpl_ng_include: 1, tpl_filter: 1 } });
  });
});

function rules1Id(): string {
  return ANGULARJS_RULES[1].id;
}
