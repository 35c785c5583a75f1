(function () {
  'use strict';

  angular.module('shopApp.orders').controller('OrdersListController', OrdersListController);

  OrdersListController.$inject = ['$scope', 'orderApi', 'session', '$interval'];

  function OrdersListController($scope, orderApi, session, $interval) {
    var vm = this;
    var REFRESH_MS = 60000;

    vm.orders = [];
    vm.page = 1;
    vm.pageSize = 10;
    vm.statusFilter = '';
    vm.loading = false;

    vm.load = function () {
      vm.loading = true;
      orderApi.query({ customer: session.customer.id }).$promise.then(function (orders) {
        vm.orders = orders;
      }).finally(function () {
        vm.loading = false;
      });
    };

    vm.visible = function () {
      var start = (vm.page - 1) * vm.pageSize;
      return vm.orders
        .filter(function (order) {
          return !vm.statusFilter || order.status === vm.statusFilter;
        })
        .slice(start, start + vm.pageSize);
    };

    vm.cancel = function (order) {
      orderApi.cancel({ id: order.id }).$promise.then(vm.load);
    };

    // Orders change status on the server (packing, shipping): refresh while the list is open.
    var refresh = $interval(vm.load, REFRESH_MS);
    $scope.$on('$destroy', function () {
      $interval.cancel(refresh);
    });

    $scope.$watch(function () {
      return vm.statusFilter;
    }, function () {
      vm.page = 1;
    });

    vm.load();
  }
})();
