(function () {
  'use strict';

  angular.module('shopApp.checkout').factory('paymentService', ['$http', '$q', '$timeout', 'SHOP_CONFIG',
    function ($http, $q, $timeout, SHOP_CONFIG) {
      var POLL_MS = 1500;
      var MAX_POLLS = 20;
      var cachedMethods = null;

      function methods() {
        if (cachedMethods) {
          return $q.resolve(cachedMethods);
        }
        return $http.get(SHOP_CONFIG.apiBase + '/payment-methods').then(function (response) {
          cachedMethods = response.data.filter(function (method) {
            return method.enabled;
          });
          return cachedMethods;
        });
      }

      function quote(cart, address) {
        return $http.post(SHOP_CONFIG.apiBase + '/quotes', {
          lines: cart.map(function (line) {
            return { productId: line.product.id, quantity: line.quantity };
          }),
          country: address.country,
          postcode: address.postcode
        }).then(function (response) {
          return response.data;
        });
      }

      // The payment provider confirms asynchronously: poll the order until it is paid or failed.
      function waitForPayment(orderId) {
        var deferred = $q.defer();
        var polls = 0;

        function poll() {
          $http.get(SHOP_CONFIG.apiBase + '/orders/' + orderId + '/payment').then(function (response) {
            var status = response.data.status;
            if (status === 'PAID') {
              deferred.resolve(response.data);
            } else if (status === 'FAILED' || polls >= MAX_POLLS) {
              deferred.reject(response.data);
            } else {
              polls += 1;
              deferred.notify(polls);
              $timeout(poll, POLL_MS);
            }
          }, deferred.reject);
        }

        poll();
        return deferred.promise;
      }

      function placeOrder(cart, address, method) {
        return $http.post(SHOP_CONFIG.apiBase + '/orders', {
          lines: cart.map(function (line) {
            return { productId: line.product.id, quantity: line.quantity };
          }),
          address: address,
          paymentMethod: method.id
        }).then(function (response) {
          return waitForPayment(response.data.id).then(function () {
            return response.data;
          });
        });
      }

      return { methods: methods, quote: quote, placeOrder: placeOrder };
    }
  ]);
})();
