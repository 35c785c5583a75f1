(function () {
  'use strict';

  var LABELS = {
    NEW: 'Received',
    PAID: 'Paid',
    PICKING: 'Being packed',
    SHIPPED: 'On its way',
    DELIVERED: 'Delivered',
    CANCELLED: 'Cancelled',
    RETURNED: 'Returned'
  };

  // {{ order.status | orderStatus }}
  angular.module('shopApp.orders').filter('orderStatus', function () {
    return function (status) {
      return LABELS[status] || status;
    };
  });
})();
