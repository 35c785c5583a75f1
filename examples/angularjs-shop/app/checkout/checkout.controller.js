(function () {
  'use strict';

  // Three steps: address, payment, review. The quote is recomputed when the address or the cart changes.
  angular.module('shopApp.checkout').controller('CheckoutController', [
    '$scope', '$rootScope', '$location', 'cartService', 'paymentService', 'session', 'methods',
    function ($scope, $rootScope, $location, cartService, paymentService, session, methods) {
      var STEPS = ['address', 'payment', 'review'];

      $scope.step = STEPS[0];
      $scope.methods = methods;
      $scope.method = methods.length ? methods[0] : null;
      $scope.address = angular.copy((session.customer && session.customer.addresses && session.customer.addresses[0]) || {
        name: '',
        street: '',
        postcode: '',
        city: '',
        country: 'DE'
      });
      $scope.cart = cartService.items();
      $scope.quote = null;
      $scope.placing = false;
      $scope.error = null;
      $scope.polls = 0;

      function refreshQuote() {
        if (!$scope.address.postcode || !$scope.cart.length) {
          $scope.quote = null;
          return;
        }
        paymentService.quote($scope.cart, $scope.address).then(function (quote) {
          $scope.quote = quote;
        }, function () {
          $scope.quote = null;
          $scope.error = 'Shipping could not be computed for this address.';
        });
      }

      $scope.$watch('address', refreshQuote, true);
      $scope.$watchCollection('cart', refreshQuote);

      $scope.isStep = function (step) {
        return $scope.step === step;
      };

      $scope.next = function (form) {
        if (form && form.$invalid) {
          form.$setSubmitted();
          return;
        }
        var index = STEPS.indexOf($scope.step);
        if (index < STEPS.length - 1) {
          $scope.step = STEPS[index + 1];
          $scope.$broadcast('checkout:step-changed', $scope.step);
        }
      };

      $scope.back = function () {
        var index = STEPS.indexOf($scope.step);
        if (index > 0) {
          $scope.step = STEPS[index - 1];
          $scope.$broadcast('checkout:step-changed', $scope.step);
        }
      };

      $scope.place = function () {
        $scope.placing = true;
        $scope.error = null;
        paymentService.placeOrder($scope.cart, $scope.address, $scope.method).then(function (order) {
          cartService.clear();
          $rootScope.$emit('order:placed', order.id);
          $location.path('/orders/' + order.id);
        }, function () {
          $scope.error = 'The payment did not go through. Nothing was charged.';
        }, function (polls) {
          $scope.polls = polls;
        }).finally(function () {
          $scope.placing = false;
        });
      };

      $scope.$on('cart:changed', function () {
        $scope.cart = cartService.items();
      });
    }
  ]);
})();
