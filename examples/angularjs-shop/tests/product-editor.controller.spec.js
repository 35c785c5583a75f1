describe('ProductEditorController', function () {
  var scope;
  var catalogService;

  beforeEach(module('shopApp.catalog'));

  beforeEach(inject(function ($controller, $rootScope, $q) {
    catalogService = {
      product: jasmine.createSpy('product').and.returnValue($q.resolve({ name: 'Hex bolt', sku: 'HB-8', attributes: [], images: [] })),
      categories: jasmine.createSpy('categories').and.returnValue($q.resolve([])),
      skuTaken: jasmine.createSpy('skuTaken').and.returnValue($q.resolve(false)),
      saveWithImages: jasmine.createSpy('saveWithImages')
    };
    scope = $rootScope.$new();
    $controller('ProductEditorController', {
      $scope: scope,
      $routeParams: { productId: 7 },
      catalogService: catalogService,
      modal: { show: jasmine.createSpy('show') }
    });
    scope.$digest();
  }));

  it('loads the product', function () {
    expect(catalogService.product).toHaveBeenCalledWith(7);
    expect(scope.product.name).toBe('Hex bolt');
  });

  it('follows the name with the slug', function () {
    scope.product.name = 'Hex bolt M8';
    scope.$digest();
    expect(scope.product.slug).toBe('hex-bolt-m8');
    expect(scope.dirty).toBe(true);
  });

  it('computes the discount against the list price', function () {
    scope.product.price = 8;
    scope.product.listPrice = 10;
    expect(scope.discount()).toBe(20);
  });
});
