(function () {
  'use strict';

  // <input focus-on="checkout:step-changed"> focuses the element when the event is broadcast.
  angular.module('shopApp.shared').directive('focusOn', ['$timeout', function ($timeout) {
    return {
      restrict: 'A',
      link: function (scope, element, attrs) {
        var unregister = scope.$on(attrs.focusOn, function () {
          $timeout(function () {
            element[0].focus();
            if (typeof element[0].select === 'function') {
              element[0].select();
            }
          }, 0, false);
        });

        scope.$on('$destroy', unregister);
      }
    };
  }]);
})();
