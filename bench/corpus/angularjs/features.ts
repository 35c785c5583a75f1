/**
 * The files of one generated feature (a folder of an AngularJS application): module, routes, controllers (script and
 * TypeScript styles), a service, directives of each kind, a component with an inline template, a filter, templates
 * and sometimes a unit test. Every line that carries a finding says so when it is written.
 */
import { FileBuilder } from './fileBuilder';
import type { Random } from '../random';

/** Names used throughout one feature. */
type FeatureNames = {
  /** lower camel case, unique: `orders12`. */
  id: string;
  /** Upper camel case: `Orders12`. */
  type: string;
  /** kebab case: `orders-12`. */
  kebab: string;
  /** Module name: `shop.orders12`. */
  module: string;
  /** Folder: `app/orders12`. */
  dir: string;
};

const NOUNS = ['orders', 'invoices', 'customers', 'products', 'shipments', 'returns', 'suppliers', 'payments', 'quotes', 'contracts', 'tickets', 'warehouses'];
const FIELDS = ['name', 'code', 'status', 'owner', 'region', 'category', 'priority', 'channel'];

const namesOf = (index: number, random: Random): FeatureNames => {
  const noun = random.pick(NOUNS);
  const id = `${noun}${index}`;
  return { id, type: id[0].toUpperCase() + id.slice(1), kebab: `${noun}-${index}`, module: `shop.${id}`, dir: `app/${id}` };
};

/** Plain JavaScript that an AngularJS feature carries besides its AngularJS constructs: no finding in it. */
const fillerFunctions = (random: Random, indent: string, count: number, prefix: string): string[] => {
  const lines: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const field = random.pick(FIELDS);
    const name = `${prefix}${random.pick(['total', 'count', 'group', 'sort', 'format', 'check'])}${field[0].toUpperCase()}${field.slice(1)}${i}`;
    switch (random.int(0, 3)) {
      case 0:
        lines.push(
          `${indent}/**`,
          `${indent} * Sums the ${field} weights of the given rows.`,
          `${indent} */`,
          `${indent}function ${name}(rows) {`,
          `${indent}  var sum = 0;`,
          `${indent}  for (var i = 0; i < rows.length; i++) {`,
          `${indent}    sum += (rows[i].weight || 0) * (rows[i].quantity || 1);`,
          `${indent}  }`,
          `${indent}  return Math.round(sum * 100) / 100;`,
          `${indent}}`,
          '',
        );
        break;
      case 1:
        lines.push(
          `${indent}function ${name}(rows) {`,
          `${indent}  var groups = {};`,
          `${indent}  rows.forEach(function (row) {`,
          `${indent}    var key = row.${field} || 'none';`,
          `${indent}    groups[key] = groups[key] || [];`,
          `${indent}    groups[key].push(row);`,
          `${indent}  });`,
          `${indent}  return groups;`,
          `${indent}}`,
          '',
        );
        break;
      case 2:
        lines.push(
          `${indent}function ${name}(a, b) {`,
          `${indent}  if (a.${field} === b.${field}) {`,
          `${indent}    return a.id - b.id;`,
          `${indent}  }`,
          `${indent}  return String(a.${field}).localeCompare(String(b.${field}));`,
          `${indent}}`,
          '',
        );
        break;
      default:
        lines.push(
          `${indent}function ${name}(value) {`,
          `${indent}  if (value === null || value === undefined) {`,
          `${indent}    return '';`,
          `${indent}  }`,
          `${indent}  var text = String(value).trim();`,
          `${indent}  return text.length > 40 ? text.slice(0, 37) + '...' : text;`,
          `${indent}}`,
          '',
        );
        break;
    }
  }
  return lines;
};

const iifeStart = (file: FileBuilder): void => {
  file.plain(['(function () {', "  'use strict';", '']);
};

const moduleFile = (names: FeatureNames, random: Random): FileBuilder => {
  const file = new FileBuilder(`${names.dir}/${names.id}.module.js`);
  iifeStart(file);
  file.line(`  angular.module('${names.module}', ['shop.core'${random.chance(0.3) ? ", 'ngAnimate'" : ''}]);`, 'ng_module');
  file.plain(['})();']);
  return file;
};

const routesFile = (names: FeatureNames, random: Random): FileBuilder => {
  const file = new FileBuilder(`${names.dir}/${names.id}.routes.js`);
  iifeStart(file);
  file.line(`  angular.module('${names.module}').config(['$routeProvider', function ($routeProvider) {`, 'ng_config_block');
  file.line('    $routeProvider');
  file.line(`      .when('/${names.kebab}', {`, 'ng_route');
  file.plain([`        templateUrl: '${names.dir}/${names.id}-list.html',`, `        controller: '${names.type}ListController',`, "        controllerAs: 'vm'", '      })']);
  if (random.chance(0.6)) {
    file.line(`      .when('/${names.kebab}/:id', {`, 'ng_route');
    file.plain([`        templateUrl: '${names.dir}/${names.id}-detail.html',`, `        controller: '${names.type}DetailController',`, "        controllerAs: 'vm'", '      })']);
  }
  file.plain(['      ;', '  }]);', '})();']);
  return file;
};

const listControllerFile = (names: FeatureNames, random: Random): FileBuilder => {
  const file = new FileBuilder(`${names.dir}/${names.id}-list.controller.js`);
  const controller = `${names.type}ListController`;
  const useTimeout = random.chance(0.4);
  const useLocation = random.chance(0.3);
  iifeStart(file);
  file.line(`  angular.module('${names.module}').controller('${controller}', ${controller});`, 'ng_controller');
  file.line('');
  const injected = ["'$scope'", `'${names.id}Service'`, ...(useTimeout ? ["'$timeout'"] : []), ...(useLocation ? ["'$location'"] : [])];
  file.line(`  ${controller}.$inject = [${injected.join(', ')}];`, 'ng_scope', ...(useTimeout ? ['ng_timer'] : []), ...(useLocation ? ['ng_router_service/location'] : []));
  file.line('');
  file.line(`  function ${controller}($scope, ${names.id}Service${useTimeout ? ', $timeout' : ''}${useLocation ? ', $location' : ''}) {`);
  file.plain(['    var vm = this;', '    vm.items = [];', "    vm.query = '';", '    vm.loading = true;', '']);
  file.plain([`    ${names.id}Service.list().then(function (items) {`, '      vm.items = items;', '      vm.loading = false;', '    });', '']);
  if (random.chance(0.7)) {
    const deep = random.chance(0.3);
    file.line("    $scope.$watch('vm.query', function (query) {", deep ? 'ng_watch/deep' : 'ng_watch');
    file.plain(['      vm.page = 0;', `      vm.filtered = vm.items.filter(function (item) { return !query || item.name.indexOf(query) >= 0; });`, deep ? '    }, true);' : '    });', '']);
  }
  if (useTimeout) file.plain(['    $timeout(function () {', '      vm.ready = true;', '    }, 250);', '']);
  if (useLocation) file.plain(["    vm.open = function (item) { $location.path('/" + names.kebab + "/' + item.id); };", '']);
  if (random.chance(0.5)) {
    file.line("    $scope.$on('$destroy', function () {", 'ng_scope_event/destroy');
    file.plain(['      vm.items = [];', '    });', '']);
  }
  if (random.chance(0.2)) {
    file.line("    $scope.$on('" + names.id + ":changed', function () {", 'ng_scope_event/listen');
    file.plain([`      ${names.id}Service.list().then(function (items) {`, '        vm.items = items;', '      });', '    });', '']);
  }
  if (random.chance(0.15)) {
    file.line('    document.addEventListener("visibilitychange", function () {');
    file.line('      $scope.$apply(function () {', 'ng_digest');
    file.plain(['        vm.visible = !document.hidden;', '      });', '    });', '']);
  }
  file.plain(fillerFunctions(random, '    ', random.int(2, 8), 'list'));
  file.plain(['  }', '})();']);
  return file;
};

const detailControllerFile = (names: FeatureNames, random: Random): FileBuilder => {
  const file = new FileBuilder(`${names.dir}/${names.id}-detail.controller.js`);
  iifeStart(file);
  file.line(
    `  angular.module('${names.module}').controller('${names.type}DetailController', ['${names.id}Service', '$routeParams', function (service, $routeParams) {`,
    'ng_controller',
    'ng_router_service',
  );
  file.plain(['    var vm = this;', '    vm.item = null;', '    service.get($routeParams.id).then(function (item) {', '      vm.item = item;', '    });', '']);
  file.plain(fillerFunctions(random, '    ', random.int(1, 5), 'detail'));
  file.plain(['  }]);', '})();']);
  return file;
};

const typedControllerFile = (names: FeatureNames, random: Random): FileBuilder => {
  const file = new FileBuilder(`${names.dir}/${names.id}-edit.controller.ts`);
  const controller = `${names.type}EditController`;
  file.plain(['declare const angular: any;', '', `export class ${controller} {`]);
  file.line(`  static $inject = ['$scope', '${names.id}Service', '$q'];`, 'ng_scope', 'ng_q');
  file.plain(['  public saving = false;', '  public errors: string[] = [];', '']);
  file.plain(['  constructor(private readonly scope: any, private readonly service: any, private readonly q: any) {}', '']);
  file.plain([
    '  public save(item: { id: number; name: string }): Promise<void> {',
    '    this.saving = true;',
    '    return this.service.save(item).then(() => {',
    '      this.saving = false;',
    '    });',
    '  }',
    '',
  ]);
  for (let i = 0; i < random.int(1, 4); i += 1) {
    const field = random.pick(FIELDS);
    file.plain([`  public validate${field[0].toUpperCase()}${field.slice(1)}${i}(value: string | undefined): boolean {`, "    const text = (value ?? '').trim();", `    if (text.length === 0) {`, `      this.errors.push('${field} is required');`, '      return false;', '    }', '    return text.length <= 80;', '  }', '']);
  }
  file.plain(['}', '']);
  file.line(`angular.module('${names.module}').controller('${controller}', ${controller});`, 'ng_controller');
  return file;
};

const serviceFile = (names: FeatureNames, random: Random): FileBuilder => {
  const file = new FileBuilder(`${names.dir}/${names.id}.service.js`);
  const broadcasts = random.chance(0.3);
  iifeStart(file);
  if (broadcasts) {
    file.line(`  angular.module('${names.module}').factory('${names.id}Service', ['$http', '$q', '$rootScope', function ($http, $q, $rootScope) {`, 'ng_service', 'ng_http', 'ng_q', 'ng_root_scope');
  } else {
    file.line(`  angular.module('${names.module}').factory('${names.id}Service', ['$http', '$q', function ($http, $q) {`, 'ng_service', 'ng_http', 'ng_q');
  }
  file.plain(['    var cache = {};', '', '    function list() {', `      return $http.get('/api/${names.kebab}').then(function (response) {`, '        return response.data;', '      });', '    }', '']);
  file.plain(['    function get(id) {', '      if (cache[id]) {', '        return $q.resolve(cache[id]);', '      }', `      return $http.get('/api/${names.kebab}/' + id).then(function (response) {`, '        cache[id] = response.data;', '        return response.data;', '      });', '    }', '']);
  file.plain(['    function save(item) {', `      return $http.put('/api/${names.kebab}/' + item.id, item).then(function (response) {`, '        cache[item.id] = response.data;']);
  if (broadcasts) file.line(`        $rootScope.$broadcast('${names.id}:changed', item.id);`, 'ng_scope_event');
  file.plain(['        return response.data;', '      });', '    }', '']);
  file.plain(fillerFunctions(random, '    ', random.int(2, 7), 'service'));
  file.plain(['    return { list: list, get: get, save: save };', '  }]);', '})();']);
  return file;
};

const directivesFile = (names: FeatureNames, random: Random): FileBuilder => {
  const file = new FileBuilder(`${names.dir}/${names.id}.directives.js`);
  iifeStart(file);
  file.line(`  angular.module('${names.module}').directive('${names.id}Badge', function () {`, 'ng_directive/component-style');
  file.plain([
    '    return {',
    "      restrict: 'E',",
    '      scope: {},',
    "      bindToController: { value: '<' },",
    `      controller: ${names.type}BadgeController,`,
    "      controllerAs: 'badge',",
    `      templateUrl: '${names.dir}/${names.id}-badge.html'`,
    '    };',
    '  });',
    '',
    `  function ${names.type}BadgeController() {`,
    '    this.$onInit = function () {',
    '      this.level = this.value > 10 ? "high" : "low";',
    '    };',
    '  }',
    '',
  ]);
  if (random.chance(0.6)) {
    file.line(`  angular.module('${names.module}').directive('${names.id}AutoSelect', ['$timeout', function ($timeout) {`, 'ng_directive/attribute', 'ng_timer');
    file.plain(['    return {', "      restrict: 'A',"]);
    file.line('      link: function (scope, element) {', 'ng_directive_link');
    file.plain(["        element.on('focus', function () {", '          $timeout(function () {', '            element[0].select();', '          });', '        });', '      }', '    };', '  }]);', '']);
  }
  if (random.chance(0.35)) {
    file.line(`  angular.module('${names.module}').directive('${names.id}LegacyTable', function () {`, 'ng_directive');
    file.plain(['    return {', "      restrict: 'E',", "      scope: { rows: '=' },"]);
    file.line('      replace: true,', 'ng_directive_replace');
    file.line('      transclude: true,', 'ng_directive_transclude');
    file.line(`      templateUrl: '${names.dir}/${names.id}-legacy-table.html',`);
    file.line('      compile: function (element) {', 'ng_directive_compile');
    file.plain(["        element.addClass('legacy-table');", '        return function (scope) {', '          scope.sorted = true;', '        };', '      }', '    };', '  });', '']);
  }
  file.plain(['})();']);
  return file;
};

const componentFile = (names: FeatureNames): FileBuilder => {
  const file = new FileBuilder(`${names.dir}/${names.id}-summary.component.js`);
  iifeStart(file);
  file.line(`  angular.module('${names.module}').component('${names.id}Summary', {`, 'ng_component');
  file.plain(["    bindings: { items: '<' },", '    controller: function () {', '      var ctrl = this;', '      ctrl.$onChanges = function () {', '        ctrl.total = (ctrl.items || []).length;', '      };', '    },']);
  file.line("    template: '<p class=\"summary\">{{ $ctrl.total | number }} items</p>'", 'tpl_filter/builtin');
  file.plain(['  });', '})();']);
  return file;
};

const filterFile = (names: FeatureNames): FileBuilder => {
  const file = new FileBuilder(`${names.dir}/${names.id}-code.filter.js`);
  iifeStart(file);
  file.line(`  angular.module('${names.module}').filter('${names.id}Code', function () {`, 'ng_filter');
  file.plain(['    return function (value) {', "      return value ? String(value).toUpperCase() : '';", '    };', '  });', '})();']);
  return file;
};

const listTemplate = (names: FeatureNames, random: Random): FileBuilder => {
  const file = new FileBuilder(`${names.dir}/${names.id}-list.html`);
  const legacy = random.chance(0.25);
  if (legacy) file.line(`<section class="${names.kebab}-list" ng-controller="${names.type}ListController as vm">`, 'tpl_ng_controller');
  else file.line(`<section class="${names.kebab}-list">`);
  file.plain(['  <h2>{{ vm.title }}</h2>', '  <input type="search" ng-model="vm.query" placeholder="Search">', '  <table class="table">', '    <thead>', '      <tr><th>Name</th><th>Price</th><th>Code</th><th></th></tr>', '    </thead>', '    <tbody>']);
  file.line("      <tr ng-repeat=\"item in vm.items | orderBy:'name' track by item.id\">", 'tpl_filter/no-pipe');
  file.plain(['        <td><a ng-href="#!/' + names.kebab + '/{{ item.id }}">{{ item.name }}</a></td>']);
  file.line('        <td>{{ item.price | currency }}</td>', 'tpl_filter/builtin');
  file.line(`        <td>{{ item.code | ${names.id}Code }}</td>`, 'tpl_filter');
  file.plain([`        <td><${names.kebab}-badge value="item.count"></${names.kebab}-badge></td>`, '      </tr>', '    </tbody>', '  </table>']);
  for (let i = 0; i < random.int(4, 20); i += 1) {
    const field = random.pick(FIELDS);
    file.plain([`  <div class="row stats-${i}">`, `    <span class="label">${field} ${i}</span>`, `    <span class="value" ng-class="{ empty: !vm.stats.${field}${i} }">{{ vm.stats.${field}${i} }}</span>`, '  </div>']);
  }
  if (random.chance(0.3)) file.line(`  <div ng-include="'${names.dir}/${names.id}-help.html'"></div>`, 'tpl_ng_include');
  if (random.chance(0.3)) file.line('  <p class="notice" ng-bind-html="vm.notice"></p>', 'tpl_ng_bind_html');
  file.plain([`  <${names.kebab}-summary items="vm.items"></${names.kebab}-summary>`, '</section>']);
  return file;
};

const badgeTemplate = (names: FeatureNames): FileBuilder =>
  new FileBuilder(`${names.dir}/${names.id}-badge.html`).plain(['<span class="badge" ng-class="badge.level">', '  {{ badge.value }}', '</span>']);

const specFile = (names: FeatureNames): FileBuilder => {
  const file = new FileBuilder(`${names.dir}/${names.id}.service.spec.js`);
  file.line(`describe('${names.id}Service', function () {`, 'ng_unit_test');
  file.plain([
    `  beforeEach(module('${names.module}'));`,
    '',
    `  it('loads the list', inject(function (${names.id}Service, $httpBackend) {`,
    `    $httpBackend.expectGET('/api/${names.kebab}').respond([{ id: 1 }]);`,
    '    var result;',
    `    ${names.id}Service.list().then(function (items) { result = items; });`,
    '    $httpBackend.flush();',
    '    expect(result.length).toBe(1);',
    '  }));',
    '});',
  ]);
  return file;
};

/**
 * All files of one feature.
 *
 * @example
 * const files = featureFiles(7, createRandom(1));
 */
const featureFiles = (index: number, random: Random): FileBuilder[] => {
  const names = namesOf(index, random);
  const files = [moduleFile(names, random), routesFile(names, random), listControllerFile(names, random), detailControllerFile(names, random), serviceFile(names, random), directivesFile(names, random), componentFile(names), filterFile(names), listTemplate(names, random), badgeTemplate(names)];
  if (random.chance(0.25)) files.push(typedControllerFile(names, random));
  if (random.chance(0.3)) files.push(specFile(names));
  return files;
};

/** The files every generated application has once: the core module and the application module. */
const applicationFiles = (): FileBuilder[] => {
  const core = new FileBuilder('app/core/core.module.js');
  iifeStart(core);
  core.line("  angular.module('shop.core', ['ngRoute']);", 'ng_module');
  core.plain(['})();']);
  const app = new FileBuilder('app/app.module.js');
  iifeStart(app);
  app.line("  angular.module('shop', ['shop.core']);", 'ng_module');
  app.plain(['})();']);
  return [core, app];
};

export { applicationFiles, featureFiles };
