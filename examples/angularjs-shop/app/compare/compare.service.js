(function () {
  'use strict';

  // Up to COMPARE_LIMIT products side by side, kept across visits.
  angular.module('shopApp.compare').service('compareList', CompareList);

  CompareList.$inject = ['$window', 'COMPARE_LIMIT'];

  function CompareList($window, COMPARE_LIMIT) {
    var KEY = 'partsShop.compare';
    var products = read();

    function read() {
      try {
        return JSON.parse($window.localStorage.getItem(KEY)) || [];
      } catch (e) {
        return [];
      }
    }

    function write() {
      $window.localStorage.setItem(KEY, JSON.stringify(products));
    }

    this.products = function () {
      return products.slice();
    };

    this.contains = function (product) {
      return products.some(function (other) {
        return other.id === product.id;
      });
    };

    this.add = function (product) {
      if (this.contains(product)) {
        return true;
      }
      if (products.length >= COMPARE_LIMIT) {
        return false;
      }
      products.push({ id: product.id, name: product.name, price: product.price, attributes: product.attributes || [] });
      write();
      return true;
    };

    this.remove = function (product) {
      products = products.filter(function (other) {
        return other.id !== product.id;
      });
      write();
    };

    this.clear = function () {
      products = [];
      write();
    };
  }
})();
