(function () {
  'use strict';

  // Catalogue maintenance for the shop's staff: products, categories, images.
  angular.module('shopApp.catalog', ['ngRoute', 'ngMessages', 'shopApp.shared', 'shopApp.account'])
    .config(['$routeProvider', function ($routeProvider) {
      $routeProvider
        .when('/catalog/products/new', {
          templateUrl: 'templates/catalog/product-editor.html',
          controller: 'ProductEditorController',
          requiresSignIn: true
        })
        .when('/catalog/products/:productId', {
          templateUrl: 'templates/catalog/product-editor.html',
          controller: 'ProductEditorController',
          requiresSignIn: true
        });
    }]);
})();
