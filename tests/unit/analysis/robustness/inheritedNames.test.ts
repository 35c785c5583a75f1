import { readFileSync } from 'node:fs';

import { ANALYZER_ERROR_RULE_ID, ANGULARJS_RULES, analyzeUnit, createAngularJsAnalyzers, createAnalyzerRegistry } from 'analysis-engine';
import type { Unit } from 'analysis-engine';

const script = (path: string, text: string): Unit => ({ unitId: path, language: 'javascript', path, files: [{ path, text }], loc: 1 });

/** One-line files with the member and parameter names of Object.prototype that crashed the rule lookups. */
const INHERITED_NAMES: ReadonlyArray<[string, string]> = [
  ['toString', 'var s = value.toString();'],
  ['hasOwnProperty', "if (obj.hasOwnProperty('key')) { copy.key = obj.key; }"],
  ['valueOf', 'var n = date.valueOf() + 1;'],
  ['constructor parameter', 'function Shape(constructor) { this.kind = constructor.name; }'],
  ['__proto__ member', 'var p = obj.__proto__; p.isPrototypeOf(obj);'],
  ['inherited names in a controller', "angular.module('m', []).controller('C', function ($scope, constructor, toString) { $scope.toString(); $scope.hasOwnProperty('x'); $scope.valueOf(); });"],
];

describe('Rule lookups on names from customer code', () => {
  it.each(INHERITED_NAMES)('analyse a one-line file using %s without an analyzer error', (_name, text) => {
    // Act
    const result = analyzeUnit(script('app/one-line.js', text));

    // Assess
    expect(result.notAnalyzed).toBeUndefined();
    expect(result.findings.map((finding) => finding.ruleId)).not.toContain(ANALYZER_ERROR_RULE_ID);
  });

  it('finds exactly the AngularJS constructs next to inherited names', () => {
    // Act
    const result = analyzeUnit(script('app/ctrl.js', INHERITED_NAMES[5][1]));

    // Assess: the module, the controller and $scope; `constructor` and `toString` are no injections that matter
    expect(result.findings.map((finding) => finding.ruleId)).toEqual(['ng_module', 'ng_controller', 'ng_scope']);
  });

  it('analyses the real angular.js (1.8.3, from the angular package) without an analyzer error', () => {
    // Prepare: the framework's own source uses every inherited name in the book
    // (its inline `ngLocale` module is renamed: a file that defines ngLocale is taken as a generated locale file and
    // its findings are dropped, while this test wants every rule to run over the framework's code)
    const text = readFileSync(require.resolve('angular/angular.js'), 'utf8').replace('angular.module("ngLocale"', 'angular.module("ngLocaleData"');

    // Act: under a name of its own, since a file named angular.js is recognised as a library copy and not scanned
    const result = analyzeUnit(script('src/core.js', text));

    // Assess
    expect(result.notAnalyzed).toBeUndefined();
    expect(result.findings.map((finding) => finding.ruleId)).not.toContain(ANALYZER_ERROR_RULE_ID);
    expect(result.findings.length).toBeGreaterThan(100);
  });
});

describe('A rule that fails on a unit', () => {
  it('yields one analyzer_error finding and keeps the other rules findings', () => {
    // Prepare: a table whose ng_scope_event row lacks the `listen` variant the scanner reports
    const rules = ANGULARJS_RULES.map((rule) => (rule.id === 'ng_scope_event' ? { ...rule, variants: {} } : rule));
    const registry = createAnalyzerRegistry(createAngularJsAnalyzers({ rules }));
    const text = "angular.module('m', []).controller('C', function ($scope) { $scope.$on('a', f); $scope.$on('b', g); $scope.$emit('c'); });";

    // Act
    const result = analyzeUnit(script('app/events.js', text), { registry });

    // Assess
    const ids = result.findings.map((finding) => finding.ruleId);
    expect(ids.filter((id) => id === ANALYZER_ERROR_RULE_ID)).toHaveLength(1);
    expect(ids).toEqual(expect.arrayContaining(['ng_module', 'ng_controller', 'ng_scope', 'ng_scope_event']));
    const failure = result.findings.find((finding) => finding.ruleId === ANALYZER_ERROR_RULE_ID);
    expect(failure).toMatchObject({ severity: 'info', effortMinutes: 0, file: 'app/events.js' });
    expect(failure?.message).toContain('ng_scope_event');
    expect(failure?.message).not.toMatch(/Error\b/);
  });

  it('ends as analyzer-error, not an exception, when the whole analyzer throws', () => {
    // Prepare
    const registry = createAnalyzerRegistry([
      {
        language: 'javascript',
        rulePack: { id: 'broken', version: '0', language: 'javascript' },
        analyze: () => {
          throw new RangeError('Maximum call stack size exceeded');
        },
      },
    ]);

    // Act
    const result = analyzeUnit(script('app/a.js', 'var a = 1;'), { registry });

    // Assess
    expect(result.notAnalyzed).toEqual({ code: 'analyzer-error', message: expect.stringContaining('internal error') });
    expect(result.notAnalyzed?.message).not.toMatch(/RangeError|stack/);
    expect(result.findings).toEqual([]);
  });
});
