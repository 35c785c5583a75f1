(function () {
  'use strict';

  angular.module('shopApp').controller('ProductDetailController', [
    '$scope', '$routeParams', '$timeout', 'product', 'cartService',
    function ($scope, $routeParams, $timeout, product, cartService) {
      $scope.product = product;
      $scope.quantity = 1;
      $scope.added = false;
      $scope.selectedImage = product.images && product.images.length ? product.images[0] : null;

      $scope.selectImage = function (image) {
        $scope.selectedImage = image;
      };

      $scope.canAdd = function () {
        return $scope.quantity > 0 && $scope.quantity <= $scope.product.stock;
      };

      $scope.add = function () {
        if (!$scope.canAdd()) {
          return;
        }
        cartService.add($scope.product, $scope.quantity);
        $scope.added = true;
        $timeout(function () {
          $scope.added = false;
        }, 2000);
      };

      $scope.rate = function (value) {
        $scope.product.myRating = value;
      };
    }
  ]);
})();
