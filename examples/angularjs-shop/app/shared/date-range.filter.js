(function () {
  'use strict';

  // {{ order.created | dateRange:order.delivered }} → "3 May – 7 May 2024"
  angular.module('shopApp.shared').filter('dateRange', ['$filter', function ($filter) {
    var date = $filter('date');

    return function (from, to) {
      if (!from) {
        return '';
      }
      if (!to) {
        return date(from, 'd MMM yyyy');
      }
      var sameYear = new Date(from).getFullYear() === new Date(to).getFullYear();
      return date(from, sameYear ? 'd MMM' : 'd MMM yyyy') + ' – ' + date(to, 'd MMM yyyy');
    };
  }]);
})();
