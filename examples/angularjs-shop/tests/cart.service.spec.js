describe('cartService', function () {
  var cartService;
  var $rootScope;

  beforeEach(module('shopApp'));

  beforeEach(inject(function (_cartService_, _$rootScope_, $window) {
    $window.localStorage.clear();
    cartService = _cartService_;
    $rootScope = _$rootScope_;
  }));

  it('adds a product and counts its quantity', function () {
    cartService.add({ id: 1, name: 'Bolt', price: 0.2, stock: 100 }, 3);
    expect(cartService.count()).toBe(3);
  });

  it('broadcasts the new count when the cart changes', function () {
    var counts = [];
    $rootScope.$on('cart:changed', function (event, count) {
      counts.push(count);
    });
    cartService.add({ id: 2, name: 'Nut', price: 0.1, stock: 100 }, 2);
    expect(counts).toEqual([2]);
  });
});
