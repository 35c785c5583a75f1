(function () {
  'use strict';

  // Back-office pages, still built the 2014 way: ng-controller in the page, ng-include for panels.
  angular.module('shopApp.admin', ['ngRoute', 'shopApp.shared', 'shopApp.account'])
    .config(['$routeProvider', function ($routeProvider) {
      $routeProvider.when('/admin/inventory', {
        templateUrl: 'templates/admin/inventory.html',
        requiresSignIn: true
      });
    }]);
})();
