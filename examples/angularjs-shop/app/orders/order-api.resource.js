(function () {
  'use strict';

  // REST resource of the customer's orders (/api/v1/orders/:id) with the custom cancel and return actions.
  angular.module('shopApp.orders').factory('orderApi', ['$resource', 'SHOP_CONFIG', function ($resource, SHOP_CONFIG) {
    return $resource(SHOP_CONFIG.apiBase + '/orders/:id', { id: '@id' }, {
      cancel: { method: 'POST', url: SHOP_CONFIG.apiBase + '/orders/:id/cancel' },
      requestReturn: { method: 'POST', url: SHOP_CONFIG.apiBase + '/orders/:id/returns' },
      query: { method: 'GET', isArray: true, cache: false }
    });
  }]);
})();
