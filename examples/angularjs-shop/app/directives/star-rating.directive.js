(function () {
  'use strict';

  // <star-rating value="product.rating" max="5" on-rate="rate(value)" readonly="false"></star-rating>
  angular.module('shopApp').directive('starRating', function () {
    return {
      restrict: 'E',
      templateUrl: 'templates/star-rating.html',
      scope: {
        value: '=',
        max: '@',
        onRate: '&',
        readonly: '@'
      },
      compile: function (templateElement, templateAttrs) {
        // Default the maximum before the first link so the template can use it
        if (!templateAttrs.max) {
          templateAttrs.$set('max', '5');
        }
        templateElement.addClass('star-rating');

        return {
          pre: function (scope) {
            scope.stars = [];
          },
          post: function (scope, element, attrs) {
            function build() {
              var max = parseInt(scope.max, 10) || 5;
              scope.stars = [];
              for (var i = 1; i <= max; i++) {
                scope.stars.push({ index: i, filled: i <= scope.value });
              }
            }

            scope.select = function (star) {
              if (attrs.readonly === 'true') {
                return;
              }
              scope.value = star.index;
              scope.onRate({ value: star.index });
            };

            scope.$watch('value', build);
            attrs.$observe('max', build);

            element.on('keydown', function (event) {
              if (attrs.readonly === 'true') {
                return;
              }
              if (event.key === 'ArrowRight' && scope.value < scope.stars.length) {
                scope.$apply(function () { scope.value++; });
              } else if (event.key === 'ArrowLeft' && scope.value > 1) {
                scope.$apply(function () { scope.value--; });
              }
            });

            scope.$on('$destroy', function () {
              element.off('keydown');
            });
          }
        };
      }
    };
  });
})();
