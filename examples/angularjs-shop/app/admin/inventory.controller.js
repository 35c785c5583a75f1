(function () {
  'use strict';

  angular.module('shopApp.admin').controller('InventoryController', InventoryController);

  InventoryController.$inject = ['$scope', '$http', '$interval', '$compile', 'SHOP_CONFIG'];

  function InventoryController($scope, $http, $interval, $compile, SHOP_CONFIG) {
    $scope.products = [];
    $scope.lowStockOnly = false;
    $scope.selected = null;
    $scope.panel = 'templates/admin/stock-panel.html';
    $scope.lastSync = null;

    function load() {
      return $http.get(SHOP_CONFIG.apiBase + '/admin/stock').then(function (response) {
        $scope.products = response.data;
        $scope.lastSync = new Date();
      });
    }

    $scope.visible = function (product) {
      return !$scope.lowStockOnly || product.stock <= product.reorderLevel;
    };

    $scope.select = function (product) {
      $scope.selected = product;
      $scope.panel = 'templates/admin/stock-panel.html';
    };

    $scope.showHistory = function (product) {
      $scope.selected = product;
      $scope.panel = 'templates/admin/history-panel.html';
    };

    $scope.adjust = function (product, delta) {
      return $http.post(SHOP_CONFIG.apiBase + '/admin/stock/' + product.id, { delta: delta }).then(function (response) {
        product.stock = response.data.stock;
      });
    };

    // Builds the tooltip markup from the product's data; the markup contains bindings, so it is compiled here.
    $scope.tooltip = function (product, element) {
      var html = '<div class="tooltip">' + product.sku + ': {{ selected.stock }} in stock</div>';
      element.append($compile(html)($scope));
    };

    var poll = $interval(load, 30000);
    $scope.$on('$destroy', function () {
      $interval.cancel(poll);
    });

    $scope.$watch('lowStockOnly', function (value, previous) {
      if (value !== previous) {
        $scope.selected = null;
      }
    });

    load();
  }
})();
