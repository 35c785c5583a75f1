/* Directives, filters and services shared by every area of the shop. */
(function () {
  'use strict';

  angular.module('shopApp.shared', []);
})();
