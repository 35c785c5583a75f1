(function () {
  'use strict';

  angular.module('shopApp').factory('productService', ['$http', '$q', 'SHOP_CONFIG', function ($http, $q, SHOP_CONFIG) {
    var cache = null;

    function loadAll() {
      if (cache) {
        return $q.when(cache);
      }
      return $http.get(SHOP_CONFIG.apiBase + '/products').then(function (response) {
        cache = response.data;
        return cache;
      }, function () {
        // Offline fallback: the bundled catalogue
        return $http.get('data/products.json').then(function (response) {
          cache = response.data;
          return cache;
        });
      });
    }

    function get(productId) {
      return loadAll().then(function (products) {
        for (var i = 0; i < products.length; i++) {
          if (String(products[i].id) === String(productId)) {
            return products[i];
          }
        }
        return $q.reject('Product ' + productId + ' not found');
      });
    }

    function categories() {
      return loadAll().then(function (products) {
        var seen = {};
        products.forEach(function (product) {
          seen[product.category] = true;
        });
        return Object.keys(seen).sort();
      });
    }

    return {
      loadAll: loadAll,
      get: get,
      categories: categories
    };
  }]);
})();
