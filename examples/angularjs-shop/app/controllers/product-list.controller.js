(function () {
  'use strict';

  angular.module('shopApp').controller('ProductListController', [
    '$scope', '$location', 'productService', 'cartService',
    function ($scope, $location, productService, cartService) {
      $scope.products = [];
      $scope.categories = [];
      $scope.filter = {
        text: $location.search().q || '',
        category: $location.search().category || '',
        inStockOnly: false
      };
      $scope.sortField = 'name';
      $scope.sortReverse = false;
      $scope.loading = true;
      $scope.error = null;

      productService.loadAll().then(function (products) {
        $scope.products = products;
      }, function (reason) {
        $scope.error = 'Products could not be loaded: ' + reason;
      }).finally(function () {
        $scope.loading = false;
      });

      productService.categories().then(function (categories) {
        $scope.categories = categories;
      });

      $scope.$watch('filter', function (filter) {
        $location.search('q', filter.text || null);
        $location.search('category', filter.category || null);
      }, true);

      $scope.matches = function (product) {
        var text = $scope.filter.text.toLowerCase();
        if (text && product.name.toLowerCase().indexOf(text) < 0 && product.sku.toLowerCase().indexOf(text) < 0) {
          return false;
        }
        if ($scope.filter.category && product.category !== $scope.filter.category) {
          return false;
        }
        return !$scope.filter.inStockOnly || product.stock > 0;
      };

      $scope.sortBy = function (field) {
        $scope.sortReverse = $scope.sortField === field ? !$scope.sortReverse : false;
        $scope.sortField = field;
      };

      $scope.addToCart = function (product) {
        cartService.add(product, 1);
        $scope.lastAdded = product.name;
      };
    }
  ]);
})();
