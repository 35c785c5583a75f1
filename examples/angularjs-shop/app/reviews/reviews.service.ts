import type { IHttpService, IPromise } from 'angular';

export type Review = {
  id: number;
  productId: number;
  author: string;
  rating: number;
  text: string;
  created: string;
};

export class ReviewsService {
  static $inject = ['$http'];

  constructor(private readonly http: IHttpService) {}

  public list(productId: number): IPromise<Review[]> {
    return this.http.get<Review[]>(`/api/v1/products/${productId}/reviews`).then((response) => response.data);
  }

  public add(productId: number, review: Pick<Review, 'rating' | 'text'>): IPromise<Review> {
    return this.http.post<Review>(`/api/v1/products/${productId}/reviews`, review).then((response) => response.data);
  }

  public average(reviews: readonly Review[]): number {
    if (reviews.length === 0) {
      return 0;
    }
    return Math.round((reviews.reduce((sum, review) => sum + review.rating, 0) / reviews.length) * 10) / 10;
  }
}
