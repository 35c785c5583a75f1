(function () {
  'use strict';

  var UMLAUTS = { 'ä': 'ae', 'ö': 'oe', 'ü': 'ue', 'ß': 'ss' };

  // {{ product.name | slug }} → "hex-bolt-m8x40"
  angular.module('shopApp.catalog').filter('slug', function () {
    return function (text) {
      return String(text || '')
        .toLowerCase()
        .replace(/[äöüß]/g, function (letter) {
          return UMLAUTS[letter];
        })
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, '');
    };
  });
})();
