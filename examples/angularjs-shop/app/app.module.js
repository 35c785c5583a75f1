/* Parts Shop: AngularJS 1.x single page application. */
(function () {
  'use strict';

  angular
    .module('shopApp', [
      'ngRoute',
      'ngSanitize',
      'ngResource',
      'ngMessages',
      'shopApp.shared',
      'shopApp.account',
      'shopApp.checkout',
      'shopApp.orders',
      'shopApp.admin',
      'shopApp.reviews',
      'shopApp.catalog',
      'shopApp.compare'
    ])
    .constant('SHOP_CONFIG', {
      apiBase: '/api/v1',
      currency: 'EUR',
      freeShippingFrom: 50
    })
    .config(['$routeProvider', '$locationProvider', function ($routeProvider, $locationProvider) {
      $locationProvider.hashPrefix('!');

      $routeProvider
        .when('/products', {
          templateUrl: 'templates/product-list.html',
          controller: 'ProductListController'
        })
        .when('/products/:productId', {
          templateUrl: 'templates/product-detail.html',
          controller: 'ProductDetailController',
          resolve: {
            product: ['$route', 'productService', function ($route, productService) {
              return productService.get($route.current.params.productId);
            }]
          }
        })
        .when('/cart', {
          templateUrl: 'templates/cart.html',
          controller: 'CartController'
        })
        .otherwise({ redirectTo: '/products' });
    }])
    .run(['$rootScope', '$log', function ($rootScope, $log) {
      $rootScope.$on('$routeChangeError', function (event, current, previous, rejection) {
        $log.warn('Route change failed', rejection);
      });
    }]);
})();
