import type { IOnChanges, IOnInit, IScope, SimpleChanges } from 'angular';

import type { Review, ReviewsService } from './reviews.service';

export class ReviewListController implements IOnInit, IOnChanges {
  static $inject = ['$scope', 'reviewsService', 'session'];

  public productId!: number;
  public reviews: Review[] = [];
  public average = 0;
  public draft = { rating: 5, text: '' };
  public signedIn = false;

  constructor(
    private readonly scope: IScope,
    private readonly reviewsService: ReviewsService,
    private readonly session: { isSignedIn(): boolean },
  ) {}

  public $onInit(): void {
    this.signedIn = this.session.isSignedIn();
    this.scope.$on('session:changed', () => {
      this.signedIn = this.session.isSignedIn();
    });
  }

  public $onChanges(changes: SimpleChanges): void {
    if (changes.productId && this.productId) {
      this.load();
    }
  }

  public submit(): void {
    this.reviewsService.add(this.productId, this.draft).then((review) => {
      this.reviews = [review, ...this.reviews];
      this.average = this.reviewsService.average(this.reviews);
      this.draft = { rating: 5, text: '' };
    });
  }

  private load(): void {
    this.reviewsService.list(this.productId).then((reviews) => {
      this.reviews = reviews;
      this.average = this.reviewsService.average(reviews);
    });
  }
}
