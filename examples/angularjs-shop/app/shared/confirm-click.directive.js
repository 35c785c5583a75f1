(function () {
  'use strict';

  // <button confirm-click="Really delete?" ng-click="remove(item)">: asks before ng-click runs.
  // Runs before ng-click (priority) and stops it (terminal) unless the user confirms.
  angular.module('shopApp.shared').directive('confirmClick', ['$window', '$parse', function ($window, $parse) {
    return {
      restrict: 'A',
      priority: 1,
      terminal: true,
      link: function (scope, element, attrs) {
        var action = $parse(attrs.ngClick);
        element.on('click', function (event) {
          var message = attrs.confirmClick || 'Are you sure?';
          if ($window.confirm(message)) {
            scope.$apply(function () {
              action(scope, { $event: event });
            });
          }
        });
      }
    };
  }]);
})();
