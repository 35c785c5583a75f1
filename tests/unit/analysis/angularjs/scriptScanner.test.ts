import { scanScript } from '../../../../layers/analysis-engine/src/angularjs/script/scanScript';

const scan = (text: string, path = 'app/a.js') => scanScript(text, { path, typescript: path.endsWith('.ts') });

const rules = (text: string, path?: string): string[] =>
  scan(text, path).hits.map((hit) => `${hit.ruleId}${hit.variant === undefined ? '' : `/${hit.variant}`}@${hit.line}`);

describe('Function: scanScript()', () => {
  it('reads ES modules as well as classic scripts', () => {
    // Prepare
    const text = "import angular from 'angular';\nexport default angular.module('a', []).controller('Main', function ($scope) {}).name;";

    // Act
    const result = scan(text);

    // Assess
    expect(result.parseError).toBeUndefined();
    expect(rules(text)).toEqual(['ng_module@2', 'ng_controller@2', 'ng_scope@2']);
  });

  it('reports an unrecoverable syntax error without throwing', () => {
    // Act
    const result = scan("angular.module('a', []);\nvar x = ;");

    // Assess
    expect(result.hits.map((hit) => `${hit.ruleId}@${hit.line}`)).toEqual(['parse_error@2']);
  });

  it('reports a syntax error as parse_error with its position and keeps what babel recovers', () => {
    // Act
    const result = scan("'use strict';\nangular.module('a', []);\nvar legacyOctal = 010;\nangular.module('a').filter('f', function () {});");

    // Assess
    expect(result.parseError).toEqual({ line: 3, column: 19 });
    expect(result.hits.map((hit) => hit.ruleId)).toEqual(['ng_module', 'parse_error', 'ng_filter']);
  });

  it('parses TypeScript with types, decorators and parameter properties', () => {
    // Prepare
    const text = [
      'class Ctrl {',
      "  static $inject = ['$rootScope'];",
      '  constructor(private readonly root: IRootScopeService) {}',
      '  @Log() run(): void { (this.root as any).$broadcast<string>("x"); }',
      '}',
      "angular.module('a').controller('Ctrl', Ctrl);",
    ].join('\n');

    // Act
    const result = scan(text, 'app/ctrl.ts');

    // Assess
    expect(result.parseError).toBeUndefined();
    expect(rules(text, 'app/ctrl.ts')).toEqual(['ng_root_scope@2', 'ng_scope_event@4', 'ng_controller@6']);
  });

  it('records registrations with where their definitions are', () => {
    // Prepare
    const text = [
      "import { ListCtrl } from './list';",
      "const app = angular.module('shop');",
      "app.controller('Inline', ['$http', function ($http) {}]);",
      "app.controller('Local', LocalCtrl);",
      "app.controller('Imported', ListCtrl);",
      "app.controller('Global', GlobalCtrl);",
      'function LocalCtrl($scope) {}',
    ].join('\n');

    // Act
    const { facts } = scan(text);

    // Assess
    expect(facts.registrations.map((registration) => [registration.name, registration.target])).toEqual([
      ['Inline', { inline: true, injects: ['$http'] }],
      ['Local', { inline: false, ref: 'LocalCtrl', source: 'local', injects: ['$scope'] }],
      ['Imported', { inline: false, ref: 'ListCtrl', source: 'import' }],
      ['Global', { inline: false, ref: 'GlobalCtrl', source: 'global' }],
    ]);
    expect(facts.imports).toEqual([{ source: './list', local: 'ListCtrl', imported: 'ListCtrl' }]);
  });

  it('records top-level definitions with injections and directive shapes', () => {
    // Prepare
    const text = "export default function tip($document) { return { restrict: 'A', terminal: true, link() {} }; }\nfunction Helper($q) {}";

    // Act
    const { facts, hits } = scan(text);

    // Assess
    expect(hits).toEqual([expect.objectContaining({ ruleId: 'ng_q', line: 2 })]);
    expect(facts.definitions).toEqual([
      expect.objectContaining({ name: 'tip', kind: 'function', exported: true, injects: ['$document'], directive: expect.objectContaining({ restrict: 'A', terminal: [1, 66], link: [1, 82] }) }),
      expect.objectContaining({ name: 'default', exported: true }),
      expect.objectContaining({ name: 'Helper', exported: false, injects: ['$q'] }),
    ]);
  });

  it.each([
    ['app/cart.spec.js', "describe('x', function () { it('y', inject(function ($rootScope) {})); });"],
    ['test/unit/cart_test.js', "angular.module('shop').value('x', 1);"],
    ['app/cart.js', "describe('x', function () { beforeEach(module('shop')); });"],
    ['src/cart.spec.ts', "import 'angular-mocks';\ndescribe('x', () => { it('y', () => {}); });"],
    ['app/cart.spec.js', "describe('x', function () { beforeEach(angular.mock.module('shop')); });"],
  ])('treats %s as an AngularJS test: one ng_unit_test, nothing per use', (path, text) => {
    // Act
    const result = scan(text, path);

    // Assess
    expect(result.facts.role).toBe('angularjs-test');
    expect(result.hits.map((hit) => hit.ruleId)).toEqual(['ng_unit_test']);
  });

  it.each([
    ['a Node test runner script', 'test/run.test.mjs', "import { run } from './runner.mjs';\nawait run(process.argv);"],
    ['a unit test of plain code', 'src/price.spec.ts', "import { price } from './price';\ndescribe('price', () => { it('adds', () => expect(price(1)).toBe(2)); });"],
    ['a test calling a QUnit-style global module() without describe', 'test/sums-test.js', "module('sums'); test('adds', function () {});"],
  ])('treats %s as a test that needs no porting: no finding', (_name, path, text) => {
    // Act
    const result = scan(text, path);

    // Assess
    expect(result.facts.role).toBe('test');
    expect(result.hits).toEqual([]);
  });

  it.each([
    ['a Playwright test', 'test/gitea/tests/gitea.spec.ts', "import { test, expect } from '@playwright/test';\ntest('logs in', async ({ page }) => { await page.goto('/'); });"],
    ['a Protractor scenario outside an e2e folder', 'test/scenarios.js', "describe('list', function () { it('filters', function () { element(by.model('query')).sendKeys('x'); }); });"],
    ['a Cypress spec required as CommonJS', 'tests/login.spec.js', "const cy = require('cypress');\ndescribe('login', () => {});"],
  ])('treats %s as an end-to-end test: no finding', (_name, path, text) => {
    // Act
    const result = scan(text, path);

    // Assess
    expect(result.facts.role).toBe('e2e-test');
    expect(result.hits).toEqual([]);
  });

  it('does not take an object named by for Protractor', () => {
    // Act
    const result = scan("var by = { model: function () {} };\ndescribe('x', function () { beforeEach(module('a')); by.model('q'); });", 'app/a.spec.js');

    // Assess
    expect(result.facts.role).toBe('angularjs-test');
  });

  it("treats AngularJS's generated ngLocale data as generated: no finding, no module", () => {
    // Prepare
    const text = "'use strict';\nangular.module(\"ngLocale\", [], [\"$provide\", function($provide) {\n$provide.value(\"$locale\", { \"id\": \"de-ch\" });\n}]);";

    // Act
    const result = scan(text, 'src/i18n/locale-de-ch.js');

    // Assess
    expect(result.facts.role).toBe('generated');
    expect(result.facts.modules).toEqual([]);
    expect(result.hits).toEqual([]);
  });

  it('registers a class without a constructor as injecting nothing', () => {
    // Act
    const result = scan("class Helper {\n  format(x) { return x; }\n}\nexport default Helper;\nangular.module('a').service('Helper', Helper);");

    // Assess
    expect(result.hits.map((hit) => hit.ruleId)).toEqual(['ng_service']);
    expect(result.facts.registrations[0].target).toEqual({ inline: false, ref: 'Helper', source: 'local', injects: [] });
  });

  it('does not treat a file named like a test word as a test', () => {
    expect(scan('var contest = 1;', 'app/contest.js').facts.role).toBe('app');
  });

  it('judges a file by its name and content, never by its folders (a unit is the same wherever it sits)', () => {
    // Act
    const inTestFolder = scan("angular.module('mocks', []).value('x', 1);", 'test/helpers/mocks.js');
    const inAppFolder = scan("angular.module('mocks', []).value('x', 1);", 'mocks.js');

    // Assess
    expect(inTestFolder).toEqual(inAppFolder);
    expect(inTestFolder.facts.role).toBe('app');
  });
});
