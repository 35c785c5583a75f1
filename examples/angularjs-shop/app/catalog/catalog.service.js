(function () {
  'use strict';

  angular.module('shopApp.catalog').factory('catalogService', CatalogService);

  CatalogService.$inject = ['$http', '$q', 'SHOP_CONFIG'];

  function CatalogService($http, $q, SHOP_CONFIG) {
    var base = SHOP_CONFIG.apiBase + '/catalog';
    var categoriesPromise = null;

    function unwrap(response) {
      return response.data;
    }

    function product(id) {
      if (!id) {
        return $q.resolve({
          name: '',
          sku: '',
          price: null,
          listPrice: null,
          stock: 0,
          reorderLevel: 5,
          categoryId: null,
          images: [],
          attributes: [],
          published: false
        });
      }
      return $http.get(base + '/products/' + id).then(unwrap);
    }

    function categories() {
      if (!categoriesPromise) {
        categoriesPromise = $http.get(base + '/categories').then(unwrap).then(function (flat) {
          var byId = {};
          var roots = [];
          flat.forEach(function (category) {
            byId[category.id] = angular.extend({ children: [] }, category);
          });
          flat.forEach(function (category) {
            var node = byId[category.id];
            if (category.parentId && byId[category.parentId]) {
              byId[category.parentId].children.push(node);
            } else {
              roots.push(node);
            }
          });
          return roots;
        });
      }
      return categoriesPromise;
    }

    function save(item) {
      var request = item.id ? $http.put(base + '/products/' + item.id, item) : $http.post(base + '/products', item);
      return request.then(unwrap);
    }

    function skuTaken(sku, exceptId) {
      return $http.get(base + '/products', { params: { sku: sku } }).then(function (response) {
        return response.data.some(function (other) {
          return other.id !== exceptId;
        });
      });
    }

    function uploadImage(productId, file) {
      var form = new FormData();
      form.append('image', file);
      return $http.post(base + '/products/' + productId + '/images', form, {
        transformRequest: angular.identity,
        headers: { 'Content-Type': undefined }
      }).then(unwrap);
    }

    function saveWithImages(item, files) {
      return save(item).then(function (saved) {
        return $q.all(files.map(function (file) {
          return uploadImage(saved.id, file);
        })).then(function (images) {
          saved.images = saved.images.concat(images);
          return saved;
        });
      });
    }

    return {
      product: product,
      categories: categories,
      save: save,
      saveWithImages: saveWithImages,
      skuTaken: skuTaken
    };
  }
})();
