(function () {
  'use strict';

  // <address-form address="address" on-submit="next(form)"></address-form>
  angular.module('shopApp.checkout').component('addressForm', {
    bindings: {
      address: '<',
      onSubmit: '&'
    },
    controller: function () {
      var ctrl = this;

      ctrl.countries = [
        { code: 'DE', name: 'Germany' },
        { code: 'AT', name: 'Austria' },
        { code: 'CH', name: 'Switzerland' },
        { code: 'NL', name: 'Netherlands' }
      ];

      ctrl.$onChanges = function (changes) {
        if (changes.address) {
          ctrl.model = angular.copy(changes.address.currentValue);
        }
      };

      ctrl.submit = function (form) {
        angular.extend(ctrl.address, ctrl.model);
        ctrl.onSubmit({ form: form });
      };
    },
    template: '<form name="addressForm" ng-submit="$ctrl.submit(addressForm)" novalidate>' +
      '<label>Name <input name="name" ng-model="$ctrl.model.name" required focus-on="checkout:step-changed"></label>' +
      '<label>Street <input name="street" ng-model="$ctrl.model.street" required></label>' +
      '<label>Postcode <input name="postcode" ng-model="$ctrl.model.postcode" ng-pattern="/^[0-9]{4,5}$/" required></label>' +
      '<label>City <input name="city" ng-model="$ctrl.model.city" required></label>' +
      '<select ng-model="$ctrl.model.country" ng-options="c.code as c.name for c in $ctrl.countries"></select>' +
      '<button type="submit">Continue</button>' +
      '</form>'
  });
})();
