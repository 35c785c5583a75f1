// Reviews were written in TypeScript, the first step of the planned migration.
import * as angular from 'angular';

import { ReviewListController } from './review-list.component';
import { ReviewsService } from './reviews.service';

export const REVIEWS_MODULE = angular
  .module('shopApp.reviews', ['shopApp.account'])
  .service('reviewsService', ReviewsService)
  .component('reviewList', {
    bindings: { productId: '<' },
    controller: ReviewListController,
    templateUrl: 'templates/reviews/review-list.html',
  }).name;
