(function () {
  'use strict';

  // <shop-pagination ng-model="page" total="items.length" page-size="20">Showing {{from}}–{{to}}</shop-pagination>
  angular.module('shopApp.shared').directive('shopPagination', function () {
    return {
      restrict: 'E',
      require: 'ngModel',
      transclude: true,
      scope: {
        total: '<',
        pageSize: '<'
      },
      templateUrl: 'templates/shared/pagination.html',
      link: function (scope, element, attrs, ngModel) {
        scope.pages = [];

        function rebuild() {
          var size = scope.pageSize || 20;
          var count = Math.max(1, Math.ceil((scope.total || 0) / size));
          scope.pages = [];
          for (var i = 1; i <= count; i++) {
            scope.pages.push(i);
          }
          if (ngModel.$viewValue > count) {
            ngModel.$setViewValue(count);
          }
        }

        ngModel.$render = function () {
          scope.current = ngModel.$viewValue || 1;
        };

        scope.go = function (page) {
          if (page < 1 || page > scope.pages.length) {
            return;
          }
          scope.current = page;
          ngModel.$setViewValue(page);
        };

        scope.$watchGroup(['total', 'pageSize'], rebuild);
      }
    };
  });
})();
