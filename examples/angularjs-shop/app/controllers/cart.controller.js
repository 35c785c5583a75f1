(function () {
  'use strict';

  angular.module('shopApp').controller('CartController', ['$scope', '$window', 'cartService', function ($scope, $window, cartService) {
    function refresh() {
      $scope.lines = cartService.lines();
      $scope.subtotal = cartService.subtotal();
      $scope.shipping = cartService.shipping();
      $scope.total = $scope.subtotal + $scope.shipping;
    }

    $scope.update = function (line) {
      cartService.setQuantity(line.product.id, line.quantity);
    };

    $scope.remove = function (line) {
      cartService.remove(line.product.id);
    };

    $scope.checkout = function () {
      if ($window.confirm('Place the order now?')) {
        cartService.clear();
        $scope.ordered = true;
      }
    };

    $scope.$on('cart:changed', refresh);
    refresh();
  }]);
})();
