(function () {
  'use strict';

  // <stock-chart values="selected.history" height="120"></stock-chart>: a sparkline drawn on a canvas.
  angular.module('shopApp.admin').directive('stockChart', ['$window', function ($window) {
    return {
      restrict: 'E',
      replace: true,
      template: '<canvas class="stock-chart"></canvas>',
      scope: {
        values: '<',
        height: '@'
      },
      link: function (scope, element) {
        var canvas = element[0];

        function draw() {
          var values = scope.values || [];
          var context = canvas.getContext('2d');
          canvas.width = element.parent()[0].clientWidth;
          canvas.height = parseInt(scope.height, 10) || 80;
          context.clearRect(0, 0, canvas.width, canvas.height);
          if (values.length < 2) {
            return;
          }
          var max = Math.max.apply(null, values) || 1;
          var step = canvas.width / (values.length - 1);
          context.beginPath();
          values.forEach(function (value, index) {
            var x = index * step;
            var y = canvas.height - (value / max) * canvas.height;
            if (index === 0) {
              context.moveTo(x, y);
            } else {
              context.lineTo(x, y);
            }
          });
          context.stroke();
        }

        scope.$watchCollection('values', draw);
        angular.element($window).on('resize', draw);
        scope.$on('$destroy', function () {
          angular.element($window).off('resize', draw);
        });
      }
    };
  }]);
})();
