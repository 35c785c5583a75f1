(function () {
  'use strict';

  // <category-tree nodes="categories" selected-id="product.categoryId" on-select="selectCategory(category)">
  // A recursive tree: each level compiles the directive again for its children, the classic AngularJS recursion.
  angular.module('shopApp.catalog').directive('categoryTree', ['$compile', function ($compile) {
    return {
      restrict: 'E',
      scope: {
        nodes: '<',
        selectedId: '<',
        onSelect: '&'
      },
      templateUrl: 'templates/catalog/category-tree.html',
      link: function (scope, element) {
        var childScopes = [];

        scope.expanded = {};

        scope.toggle = function (node) {
          scope.expanded[node.id] = !scope.expanded[node.id];
          renderChildren();
        };

        scope.select = function (node) {
          scope.onSelect({ category: node });
        };

        function renderChildren() {
          childScopes.forEach(function (child) {
            child.$destroy();
          });
          childScopes = [];
          angular.forEach(element[0].querySelectorAll('.children'), function (container) {
            var node = angular.element(container).scope().node;
            if (!scope.expanded[node.id] || !node.children.length) {
              container.innerHTML = '';
              return;
            }
            var childScope = scope.$new(true);
            childScope.nodes = node.children;
            childScope.selectedId = scope.selectedId;
            childScope.onSelect = scope.onSelect;
            childScopes.push(childScope);
            var child = $compile('<category-tree nodes="nodes" selected-id="selectedId" on-select="onSelect({ category: category })"></category-tree>')(childScope);
            angular.element(container).empty().append(child);
          });
        }

        scope.$watch('selectedId', function (id) {
          childScopes.forEach(function (child) {
            child.selectedId = id;
          });
        });
      }
    };
  }]);
})();
