import { scanTemplate } from '../../../../layers/analysis-engine/src/angularjs/template/scanTemplate';
import { filtersIn, interpolationsIn } from '../../../../layers/analysis-engine/src/angularjs/template/expressions';
import { normalizeDirectiveName } from '../../../../layers/analysis-engine/src/angularjs/template/normalize';

const rules = (hits: ReadonlyArray<{ ruleId: string; variant?: string; line: number; column: number }>): string[] =>
  hits.map((hit) => `${hit.ruleId}${hit.variant === undefined ? '' : `/${hit.variant}`}@${hit.line}:${hit.column}`);

describe('Function: normalizeDirectiveName()', () => {
  it.each([
    ['ng-controller', 'ngController'],
    ['data-ng-controller', 'ngController'],
    ['x-ng-bind-html', 'ngBindHtml'],
    ['ng:include', 'ngInclude'],
    ['ng_include', 'ngInclude'],
    ['NG-CONTROLLER', 'ngController'],
    ['star-rating', 'starRating'],
    ['ngcontroller', 'ngcontroller'],
    ['data-toggle', 'toggle'],
  ])('normalises %s to %s', (name, expected) => {
    expect(normalizeDirectiveName(name)).toBe(expected);
  });
});

describe('Function: filtersIn()', () => {
  it.each([
    ['items | filter:q | orderBy:"name" track by item.id', ['filter', 'orderBy']],
    ['a || b', []],
    ["'a | b' | uppercase", ['uppercase']],
    ['"say \\"|\\" twice" | lowercase', ['lowercase']],
    ['(list | limitTo:3).length', ['limitTo']],
    ['value |  currency : "EUR"', ['currency']],
  ])('finds the filters of %s', (expression, expected) => {
    expect(filtersIn(expression).map((use) => use.name)).toEqual(expected);
  });

  it('gives the offset of each filter name', () => {
    // Act
    const [use] = filtersIn('total | currency');

    // Assess
    expect(use).toEqual({ name: 'currency', offset: 8 });
  });
});

describe('Function: interpolationsIn()', () => {
  it('finds each interpolation between the default symbols', () => {
    expect(interpolationsIn('a {{ x }} b {{::y}}')).toEqual([
      { start: 4, end: 7 },
      { start: 14, end: 17 },
    ]);
  });

  it('ignores an interpolation that is not closed', () => {
    expect(interpolationsIn('a {{ x ')).toEqual([]);
  });
});

describe('Function: scanTemplate()', () => {
  it('locates directives and filters on their lines and columns', () => {
    // Prepare
    const template = '<div ng-controller="Main as vm">\n  <p ng-bind-html="vm.html">{{ vm.total | currency }}</p>\n  <ng-include src="\'x.html\'"></ng-include>\n</div>';

    // Act
    const { hits } = scanTemplate(template);

    // Assess
    expect(rules(hits)).toEqual(['tpl_ng_controller@1:6', 'tpl_ng_bind_html@2:6', 'tpl_filter/builtin@2:43', 'tpl_ng_include@3:3']);
  });

  it('shifts positions by the origin of an inline template', () => {
    // Act
    const { hits } = scanTemplate('<p>{{ a | json }}</p>\n<i ng-include="x"></i>', { line: 10, column: 15 });

    // Assess
    expect(rules(hits)).toEqual(['tpl_filter/builtin@10:25', 'tpl_ng_include@11:4']);
  });

  it('records directive candidates, filters and controllers as facts', () => {
    // Act
    const { facts } = scanTemplate('<star-rating value="p.rating" my-tooltip="t" class="x" aria-label="y"></star-rating><div ng-controller="ListCtrl as list" ng-repeat="p in ps | orderBy:\'n\' | skuFormat"></div>');

    // Assess
    expect([...facts.directives].sort()).toEqual(['myTooltip', 'starRating']);
    expect(facts).toMatchObject({
      kind: 'template',
      filters: ['orderBy', 'skuFormat'],
      controllers: ['ListCtrl'],
    });
    expect(facts.counts).toMatchObject({ tpl_ng_controller: 1, tpl_filter: 2, 'tpl_filter/no-pipe': 1, ngAttributes: 2 });
  });

  it('scans ng-template scripts as templates and skips other scripts, styles and comments', () => {
    // Prepare
    const template = [
      '<script type="text/ng-template" id="a.html"><b ng-controller="A"></b></script>',
      '<script>var t = \'<b ng-controller="B"></b>\';</script>',
      '<style>.ng-include {}</style>',
      '<!-- <b ng-controller="C"></b> -->',
    ].join('\n');

    // Act
    const { hits } = scanTemplate(template);

    // Assess
    expect(rules(hits)).toEqual(['tpl_ng_controller@1:48']);
  });

  it('does not take filters from attributes that hold no expression', () => {
    // Act
    const { hits } = scanTemplate('<input ng-model="a" ng-pattern="/^(a|b)$/" ng-list="|">');

    // Assess
    expect(hits).toEqual([]);
  });
});
