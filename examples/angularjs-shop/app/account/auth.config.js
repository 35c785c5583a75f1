(function () {
  'use strict';

  // Adds the session token to API calls and sends the customer to sign in when a route needs it.
  angular.module('shopApp.account')
    .factory('authInterceptor', ['$injector', '$location', function ($injector, $location) {
      return {
        request: function (config) {
          var session = $injector.get('session');
          if (session.token && config.url.indexOf('/api/') === 0) {
            config.headers = config.headers || {};
            config.headers.Authorization = 'Bearer ' + session.token;
          }
          return config;
        },
        responseError: function (rejection) {
          if (rejection.status === 401) {
            $location.path('/sign-in').search('next', $location.path());
          }
          return $injector.get('$q').reject(rejection);
        }
      };
    }])
    .config(['$httpProvider', '$routeProvider', function ($httpProvider, $routeProvider) {
      $httpProvider.interceptors.push('authInterceptor');

      $routeProvider
        .when('/sign-in', {
          templateUrl: 'templates/account/sign-in.html',
          controller: 'SignInController',
          controllerAs: 'vm'
        })
        .when('/account', {
          templateUrl: 'templates/account/account.html',
          controller: 'AccountController',
          controllerAs: 'vm',
          requiresSignIn: true
        });
    }])
    .run(['$rootScope', '$location', 'session', function ($rootScope, $location, session) {
      session.restore();

      $rootScope.$on('$routeChangeStart', function (event, next) {
        if (next && next.requiresSignIn && !session.isSignedIn()) {
          event.preventDefault();
          $location.path('/sign-in').search('next', $location.path());
        }
      });
    }]);
})();
