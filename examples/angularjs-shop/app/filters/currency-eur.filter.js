(function () {
  'use strict';

  // Formats a number as a euro amount the German way: 1.234,50 €
  angular.module('shopApp').filter('eur', function () {
    return function (value) {
      if (value === null || value === undefined || isNaN(value)) {
        return '';
      }
      var parts = Number(value).toFixed(2).split('.');
      parts[0] = parts[0].replace(/\B(?=(\d{3})+(?!\d))/g, '.');
      return parts.join(',') + ' \u20ac';
    };
  });
})();
