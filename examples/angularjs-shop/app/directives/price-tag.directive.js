(function () {
  'use strict';

  // <price-tag amount="product.price" old-amount="product.listPrice"></price-tag>
  // Shows the price and, when reduced, the old price struck through and the saving.
  angular.module('shopApp').directive('priceTag', ['$filter', function ($filter) {
    return {
      restrict: 'E',
      scope: {
        amount: '<',
        oldAmount: '<'
      },
      template:
        '<span class="price">{{formatted}}</span>' +
        '<span class="old-price" ng-if="reduced">{{formattedOld}}</span>' +
        '<span class="saving" ng-if="reduced">-{{saving}}%</span>',
      link: function (scope, element) {
        var eur = $filter('eur');

        function render() {
          scope.formatted = eur(scope.amount);
          scope.reduced = scope.oldAmount && scope.oldAmount > scope.amount;
          scope.formattedOld = scope.reduced ? eur(scope.oldAmount) : '';
          scope.saving = scope.reduced ? Math.round((1 - scope.amount / scope.oldAmount) * 100) : 0;
          element.toggleClass('is-reduced', !!scope.reduced);
        }

        scope.$watchGroup(['amount', 'oldAmount'], render);
      }
    };
  }]);
})();
