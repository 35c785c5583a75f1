(function () {
  'use strict';

  // A minimal modal dialog: compiles a template against a new scope and appends it to the body.
  angular.module('shopApp.shared').factory('modal', ['$compile', '$document', '$rootScope', '$templateRequest', '$q',
    function ($compile, $document, $rootScope, $templateRequest, $q) {
      var open = null;

      function close(result) {
        if (!open) {
          return;
        }
        open.element.remove();
        open.scope.$destroy();
        open.deferred.resolve(result);
        open = null;
      }

      function show(templateUrl, locals) {
        close();
        var deferred = $q.defer();
        var scope = $rootScope.$new(true);
        angular.extend(scope, locals || {});
        scope.close = close;
        scope.dismiss = function () {
          close(undefined);
        };

        $templateRequest(templateUrl).then(function (html) {
          var element = $compile('<div class="modal-backdrop"><div class="modal">' + html + '</div></div>')(scope);
          $document.find('body').append(element);
          open = { element: element, scope: scope, deferred: deferred };
        }, deferred.reject);

        return deferred.promise;
      }

      $document.on('keydown', function (event) {
        if (event.key === 'Escape' && open) {
          $rootScope.$apply(function () {
            close(undefined);
          });
        }
      });

      return { show: show, close: close };
    }
  ]);
})();
