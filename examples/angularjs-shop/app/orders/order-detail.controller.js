(function () {
  'use strict';

  angular.module('shopApp.orders').controller('OrderDetailController', [
    '$routeParams', 'orderApi', 'modal',
    function ($routeParams, orderApi, modal) {
      var vm = this;

      vm.order = orderApi.get({ id: $routeParams.orderId });
      vm.returnReasons = ['Damaged', 'Wrong part', 'No longer needed', 'Other'];

      vm.total = function () {
        if (!vm.order.lines) {
          return 0;
        }
        return vm.order.lines.reduce(function (sum, line) {
          return sum + line.price * line.quantity;
        }, 0);
      };

      vm.canReturn = function (line) {
        if (vm.order.status !== 'DELIVERED') {
          return false;
        }
        var days = (Date.now() - new Date(vm.order.delivered).getTime()) / 86400000;
        return days <= 30 && !line.returned;
      };

      vm.requestReturn = function (line) {
        modal.show('templates/orders/return-dialog.html', { line: line, reasons: vm.returnReasons }).then(function (reason) {
          if (!reason) {
            return;
          }
          orderApi.requestReturn({ id: vm.order.id }, { lineId: line.id, reason: reason }).$promise.then(function () {
            line.returned = true;
          });
        });
      };
    }
  ]);
})();
