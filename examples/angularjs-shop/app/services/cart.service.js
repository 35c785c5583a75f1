(function () {
  'use strict';

  function CartService($rootScope, $window, SHOP_CONFIG) {
    var STORAGE_KEY = 'partsShop.cart';
    var items = restore();

    function restore() {
      try {
        return JSON.parse($window.localStorage.getItem(STORAGE_KEY)) || [];
      } catch (e) {
        return [];
      }
    }

    function persist() {
      $window.localStorage.setItem(STORAGE_KEY, angular.toJson(items));
      $rootScope.$broadcast('cart:changed', count());
    }

    function find(productId) {
      for (var i = 0; i < items.length; i++) {
        if (items[i].product.id === productId) {
          return items[i];
        }
      }
      return null;
    }

    function add(product, quantity) {
      var line = find(product.id);
      if (line) {
        line.quantity += quantity || 1;
      } else {
        items.push({ product: product, quantity: quantity || 1 });
      }
      persist();
    }

    function remove(productId) {
      items = items.filter(function (line) {
        return line.product.id !== productId;
      });
      persist();
    }

    function setQuantity(productId, quantity) {
      var line = find(productId);
      if (!line) {
        return;
      }
      if (quantity <= 0) {
        remove(productId);
      } else {
        line.quantity = quantity;
        persist();
      }
    }

    function count() {
      return items.reduce(function (sum, line) {
        return sum + line.quantity;
      }, 0);
    }

    function subtotal() {
      return items.reduce(function (sum, line) {
        return sum + line.quantity * line.product.price;
      }, 0);
    }

    function shipping() {
      return subtotal() >= SHOP_CONFIG.freeShippingFrom || items.length === 0 ? 0 : 4.9;
    }

    function clear() {
      items = [];
      persist();
    }

    this.lines = function () { return items; };
    this.add = add;
    this.remove = remove;
    this.setQuantity = setQuantity;
    this.count = count;
    this.subtotal = subtotal;
    this.shipping = shipping;
    this.clear = clear;
  }

  CartService.$inject = ['$rootScope', '$window', 'SHOP_CONFIG'];
  angular.module('shopApp').service('cartService', CartService);
})();
