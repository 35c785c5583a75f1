(function () {
  'use strict';

  // <compare-table></compare-table>: attribute rows across the compared products; differences highlighted.
  angular.module('shopApp.compare').component('compareTable', {
    templateUrl: 'templates/compare/compare.html',
    controller: ['compareList', function (compareList) {
      var ctrl = this;

      ctrl.$onInit = function () {
        ctrl.refresh();
      };

      ctrl.refresh = function () {
        ctrl.products = compareList.products();
        var names = {};
        ctrl.products.forEach(function (product) {
          product.attributes.forEach(function (attribute) {
            names[attribute.name] = true;
          });
        });
        ctrl.rows = Object.keys(names).sort().map(function (name) {
          var values = ctrl.products.map(function (product) {
            var found = product.attributes.filter(function (attribute) {
              return attribute.name === name;
            })[0];
            return found ? found.value : '–';
          });
          var distinct = values.filter(function (value, index) {
            return values.indexOf(value) === index;
          });
          return { name: name, values: values, differs: distinct.length > 1 };
        });
      };

      ctrl.remove = function (product) {
        compareList.remove(product);
        ctrl.refresh();
      };

      ctrl.cheapest = function () {
        return ctrl.products.reduce(function (best, product) {
          return !best || product.price < best.price ? product : best;
        }, null);
      };
    }]
  });
})();
