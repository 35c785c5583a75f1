(function () {
  'use strict';

  angular.module('shopApp.account').controller('SignInController', SignInController);

  SignInController.$inject = ['session', '$location'];

  function SignInController(session, $location) {
    var vm = this;

    vm.email = '';
    vm.password = '';
    vm.error = null;
    vm.busy = false;

    vm.submit = function (form) {
      if (form.$invalid) {
        form.$setSubmitted();
        return;
      }
      vm.busy = true;
      vm.error = null;
      session.signIn(vm.email, vm.password).then(function () {
        $location.url($location.search().next || '/account');
      }, function (response) {
        vm.error = response.status === 401 ? 'E-mail or password is wrong.' : 'Sign-in failed, please try again.';
      }).finally(function () {
        vm.busy = false;
      });
    };
  }
})();
