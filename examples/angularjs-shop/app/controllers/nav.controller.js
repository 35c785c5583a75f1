(function () {
  'use strict';

  angular.module('shopApp').controller('NavController', ['$scope', '$location', 'cartService', function ($scope, $location, cartService) {
    $scope.cartCount = cartService.count();

    $scope.isActive = function (path) {
      return $location.path().indexOf(path) === 0;
    };

    $scope.$on('cart:changed', function (event, count) {
      $scope.cartCount = count;
    });
  }]);
})();
