(function () {
  'use strict';

  // Holds the signed-in customer and tells the rest of the application when that changes.
  angular.module('shopApp.account').service('session', Session);

  Session.$inject = ['$http', '$rootScope', '$window', '$q'];

  function Session($http, $rootScope, $window, $q) {
    var TOKEN_KEY = 'partsShop.token';
    var self = this;

    self.customer = null;
    self.token = $window.sessionStorage.getItem(TOKEN_KEY);

    self.isSignedIn = function () {
      return self.customer !== null;
    };

    self.signIn = function (email, password) {
      return $http.post('/api/v1/session', { email: email, password: password }).then(function (response) {
        self.token = response.data.token;
        self.customer = response.data.customer;
        $window.sessionStorage.setItem(TOKEN_KEY, self.token);
        $rootScope.$broadcast('session:changed', self.customer);
        return self.customer;
      });
    };

    self.signOut = function () {
      return $http.delete('/api/v1/session').finally(function () {
        self.token = null;
        self.customer = null;
        $window.sessionStorage.removeItem(TOKEN_KEY);
        $rootScope.$broadcast('session:changed', null);
      });
    };

    self.restore = function () {
      if (!self.token) {
        return $q.resolve(null);
      }
      return $http.get('/api/v1/session').then(function (response) {
        self.customer = response.data.customer;
        return self.customer;
      }, function () {
        self.token = null;
        $window.sessionStorage.removeItem(TOKEN_KEY);
        return null;
      });
    };
  }
})();
