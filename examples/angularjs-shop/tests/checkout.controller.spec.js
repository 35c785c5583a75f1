describe('CheckoutController', function () {
  var $controller;
  var $rootScope;
  var $q;
  var paymentService;

  beforeEach(module('shopApp.checkout'));

  beforeEach(inject(function (_$controller_, _$rootScope_, _$q_) {
    $controller = _$controller_;
    $rootScope = _$rootScope_;
    $q = _$q_;
    paymentService = {
      quote: jasmine.createSpy('quote').and.returnValue($q.resolve({ shipping: 4.9, total: 24.9 })),
      placeOrder: jasmine.createSpy('placeOrder')
    };
  }));

  function create() {
    var scope = $rootScope.$new();
    $controller('CheckoutController', {
      $scope: scope,
      paymentService: paymentService,
      cartService: { items: function () { return [{ product: { id: 1, price: 20 }, quantity: 1 }]; }, clear: angular.noop },
      session: { customer: null },
      methods: [{ id: 'card', label: 'Card' }]
    });
    return scope;
  }

  it('starts at the address step', function () {
    expect(create().step).toBe('address');
  });

  it('quotes when a postcode is entered', function () {
    var scope = create();
    scope.address.postcode = '10115';
    scope.$digest();
    expect(paymentService.quote).toHaveBeenCalled();
    expect(scope.quote.total).toBe(24.9);
  });
});
