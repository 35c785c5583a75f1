(function () {
  'use strict';

  angular.module('shopApp.compare', ['shopApp.shared'])
    .constant('COMPARE_LIMIT', 4);
})();
