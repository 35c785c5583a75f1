(function () {
  'use strict';

  angular.module('shopApp.account').controller('AccountController', AccountController);

  AccountController.$inject = ['$scope', 'session', 'orderApi'];

  function AccountController($scope, session, orderApi) {
    var vm = this;

    vm.customer = session.customer;
    vm.recentOrders = [];
    vm.addresses = [];
    vm.editing = null;

    function load() {
      if (!vm.customer) {
        return;
      }
      orderApi.query({ customer: vm.customer.id, limit: 5 }).$promise.then(function (orders) {
        vm.recentOrders = orders;
      });
      vm.addresses = angular.copy(vm.customer.addresses || []);
    }

    vm.edit = function (address) {
      vm.editing = angular.copy(address);
    };

    vm.cancel = function () {
      vm.editing = null;
    };

    vm.save = function () {
      var index = vm.addresses.findIndex(function (address) {
        return address.id === vm.editing.id;
      });
      if (index >= 0) {
        vm.addresses[index] = vm.editing;
      } else {
        vm.addresses.push(vm.editing);
      }
      vm.editing = null;
    };

    $scope.$on('session:changed', function (event, customer) {
      vm.customer = customer;
      load();
    });

    load();
  }
})();
