(function () {
  'use strict';

  angular.module('shopApp.checkout', ['ngRoute', 'ngMessages', 'shopApp.shared', 'shopApp.account'])
    .config(['$routeProvider', function ($routeProvider) {
      $routeProvider.when('/checkout', {
        templateUrl: 'templates/checkout/checkout.html',
        controller: 'CheckoutController',
        requiresSignIn: true,
        resolve: {
          methods: ['paymentService', function (paymentService) {
            return paymentService.methods();
          }]
        }
      });
    }]);
})();
