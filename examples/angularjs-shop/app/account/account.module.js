(function () {
  'use strict';

  angular.module('shopApp.account', ['ngRoute']);
})();
