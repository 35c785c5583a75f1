/**
 * The overall recommendation for an AngularJS code base: hybrid upgrade with ngUpgrade, or rewrite.
 *
 * The model follows Google's ngMigration Assistant: a code base at or below a rewrite threshold of lines of code is
 * cheaper to rewrite; the threshold starts at 880 lines ("one month's work of coding" in the Assistant) and is raised
 * by a factor of 1.25 for each anti-pattern present ($rootScope, $compile, no unit tests, plain JavaScript files,
 * controllers). This pack adds `$scope` in controllers (named in the issue) and, from the official upgrade guide
 * ("Using Component Directives"), directives that cannot be upgraded (compile, replace, priority, terminal) and
 * templates built on ng-controller or ng-include, which the guide calls much harder to migrate than component-based
 * applications. Every factor is a documented row of {@link RECOMMENDATION_FACTORS}.
 */
import type { CodebaseRecommendation } from '../../codebase/types';
import { ownValue } from '../../ownValue';

/** Lines of code at which the threshold starts: ngMigration Assistant's `rewriteThreshold`. */
const REWRITE_BASE_LOC = 880;

/** Factor per anti-pattern present: ngMigration Assistant's `CODE_LIMIT_MULTIPLIER`. */
const THRESHOLD_FACTOR = 1.25;

/** One factor that raises the rewrite threshold when present. */
type RecommendationFactor = {
  /** Metric it reads. */
  metric: string;
  /** Present when the metric is above 0 (`positive`) or at 0 (`zero`, for missing tests). */
  presentWhen: 'positive' | 'zero';
  /** Where the factor comes from. */
  source: 'ngMigration Assistant' | 'issue' | 'upgrade guide';
  /** Reason text; `{n}` is replaced by the metric. */
  reason: string;
};

/** The factors, in the order their reasons are listed. */
const RECOMMENDATION_FACTORS: readonly RecommendationFactor[] = [
  { metric: 'controllersWithScope', presentWhen: 'positive', source: 'issue', reason: '{n} controllers use $scope: move their state to controller instances before upgrading' },
  { metric: 'rootScopeInjections', presentWhen: 'positive', source: 'ngMigration Assistant', reason: '$rootScope is injected {n} times: refactor it into services' },
  { metric: 'compileUses', presentWhen: 'positive', source: 'ngMigration Assistant', reason: '$compile or compile functions appear {n} times: remove dynamic templates' },
  { metric: 'testFiles', presentWhen: 'zero', source: 'ngMigration Assistant', reason: 'no unit tests: write tests before migrating' },
  { metric: 'jsFiles', presentWhen: 'positive', source: 'ngMigration Assistant', reason: '{n} JavaScript files: convert them to TypeScript' },
  { metric: 'controllers', presentWhen: 'positive', source: 'ngMigration Assistant', reason: '{n} controllers: convert them to components' },
  { metric: 'directivesNotUpgradable', presentWhen: 'positive', source: 'upgrade guide', reason: '{n} directives use compile, replace, priority or terminal and cannot be upgraded' },
  { metric: 'templateControllersAndIncludes', presentWhen: 'positive', source: 'upgrade guide', reason: 'templates use ng-controller or ng-include {n} times instead of components' },
];

/** What ngUpgrade requires before a hybrid upgrade can start (ngMigration Assistant's `passesNgUpgradeRequirements`). */
const isReadyForNgUpgrade = (metrics: Readonly<Record<string, number>>): boolean =>
  (metrics.rootScopeInjections ?? 0) === 0 &&
  (metrics.compileUses ?? 0) === 0 &&
  (metrics.testFiles ?? 0) > 0 &&
  (metrics.jsFiles ?? 0) === 0 &&
  (metrics.controllers ?? 0) === 0;

/**
 * Recommends an approach from the code base's metrics (`loc` is the score).
 *
 * @example
 * recommend({ loc: 40_000, controllers: 120, jsFiles: 300, testFiles: 0 });
 * // { approach: 'hybrid-upgrade', score: 40000, threshold: 1718.75, reasons: [...] }
 */
const recommend = (metrics: Readonly<Record<string, number>>): CodebaseRecommendation => {
  const reasons: string[] = [];
  let threshold = REWRITE_BASE_LOC;
  for (const factor of RECOMMENDATION_FACTORS) {
    const value = ownValue(metrics, factor.metric) ?? 0;
    const present = factor.presentWhen === 'zero' ? value === 0 : value > 0;
    if (!present) continue;
    threshold *= THRESHOLD_FACTOR;
    reasons.push(`${factor.reason.replace('{n}', String(value))} (threshold ×${THRESHOLD_FACTOR}, ${factor.source})`);
  }
  threshold = Math.round(threshold * 100) / 100;
  const score = metrics.loc ?? 0;
  const approach = score <= threshold ? 'rewrite' : 'hybrid-upgrade';
  reasons.push(
    approach === 'rewrite'
      ? `${score} lines of code at or below the rewrite threshold of ${threshold}: rewriting in Angular is cheaper than running a hybrid application`
      : `${score} lines of code above the rewrite threshold of ${threshold}: upgrade incrementally as a hybrid application with ngUpgrade`,
  );
  if (approach === 'hybrid-upgrade') {
    reasons.push(
      isReadyForNgUpgrade(metrics)
        ? 'ready for ngUpgrade: no $rootScope, no $compile, unit tests present, TypeScript only, no controllers'
        : 'prepare first: resolve the factors above that ngUpgrade requires (no $rootScope, no $compile, unit tests, TypeScript, components instead of controllers)',
    );
  }
  return { approach, score, threshold, reasons };
};

export type { RecommendationFactor };
export { RECOMMENDATION_FACTORS, REWRITE_BASE_LOC, THRESHOLD_FACTOR, isReadyForNgUpgrade, recommend };
