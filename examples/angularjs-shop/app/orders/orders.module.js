(function () {
  'use strict';

  angular.module('shopApp.orders', ['ngRoute', 'ngResource', 'shopApp.shared', 'shopApp.account'])
    .config(['$routeProvider', function ($routeProvider) {
      $routeProvider
        .when('/orders', {
          templateUrl: 'templates/orders/orders-list.html',
          controller: 'OrdersListController',
          controllerAs: 'vm',
          requiresSignIn: true
        })
        .when('/orders/:orderId', {
          templateUrl: 'templates/orders/order-detail.html',
          controller: 'OrderDetailController',
          controllerAs: 'vm',
          requiresSignIn: true
        });
    }]);
})();
