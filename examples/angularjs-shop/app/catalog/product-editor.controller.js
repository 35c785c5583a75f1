(function () {
  'use strict';

  angular.module('shopApp.catalog').controller('ProductEditorController', ProductEditorController);

  ProductEditorController.$inject = ['$scope', '$routeParams', '$location', '$filter', 'catalogService', 'modal'];

  function ProductEditorController($scope, $routeParams, $location, $filter, catalogService, modal) {
    var slug = $filter('slug');
    var original = null;

    $scope.product = null;
    $scope.categories = [];
    $scope.files = [];
    $scope.saving = false;
    $scope.skuTaken = false;
    $scope.dirty = false;
    $scope.newAttribute = { name: '', value: '' };

    catalogService.product($routeParams.productId).then(function (product) {
      $scope.product = product;
      original = angular.copy(product);
    });

    catalogService.categories().then(function (categories) {
      $scope.categories = categories;
    });

    // Any change to the product marks the form dirty; the slug follows the name until it is edited by hand.
    $scope.$watch('product', function (product, previous) {
      if (!product || !previous) {
        return;
      }
      $scope.dirty = !angular.equals(product, original);
      if (product.name !== previous.name && (!product.slug || product.slug === slug(previous.name))) {
        product.slug = slug(product.name);
      }
    }, true);

    $scope.$watch('product.sku', function (sku) {
      if (!sku) {
        $scope.skuTaken = false;
        return;
      }
      catalogService.skuTaken(sku, $scope.product.id).then(function (taken) {
        $scope.skuTaken = taken;
      });
    });

    $scope.selectCategory = function (category) {
      $scope.product.categoryId = category.id;
    };

    $scope.addAttribute = function () {
      if (!$scope.newAttribute.name) {
        return;
      }
      $scope.product.attributes.push(angular.copy($scope.newAttribute));
      $scope.newAttribute = { name: '', value: '' };
    };

    $scope.removeAttribute = function (index) {
      $scope.product.attributes.splice(index, 1);
    };

    $scope.addFiles = function (input) {
      $scope.$apply(function () {
        Array.prototype.forEach.call(input.files, function (file) {
          if (/^image\//.test(file.type) && file.size <= 5 * 1024 * 1024) {
            $scope.files.push(file);
          }
        });
      });
    };

    $scope.discount = function () {
      var product = $scope.product;
      if (!product || !product.listPrice || !product.price || product.price >= product.listPrice) {
        return 0;
      }
      return Math.round((1 - product.price / product.listPrice) * 100);
    };

    $scope.save = function (form) {
      if (form.$invalid || $scope.skuTaken) {
        form.$setSubmitted();
        return;
      }
      $scope.saving = true;
      catalogService.saveWithImages($scope.product, $scope.files).then(function (saved) {
        original = angular.copy(saved);
        $scope.product = saved;
        $scope.files = [];
        $location.path('/catalog/products/' + saved.id);
      }).finally(function () {
        $scope.saving = false;
      });
    };

    $scope.$on('$routeChangeStart', function (event) {
      if (!$scope.dirty || $scope.saving) {
        return;
      }
      event.preventDefault();
      modal.show('templates/catalog/unsaved-dialog.html').then(function (leave) {
        if (leave) {
          $scope.dirty = false;
          $location.path('/catalog/products');
        }
      });
    });
  }
})();
