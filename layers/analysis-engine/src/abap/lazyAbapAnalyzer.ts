/**
 * The ABAP analyzer without loading abaplint until a unit is analysed. abaplint is most of the layer: the functions
 * that load the layer for something else (the code-base phase in aggregate-findings and encrypt-report, the rule-pack
 * version in analyze-units) and batches of web code never load it.
 */
import { lazyModule } from '../lazyModule';
import type { Analyzer } from '../types';
import type { AbapAnalyzerOptions } from './abapAnalyzer';
import { ABAP_RULES } from './ruleTable';
import { DEFAULT_ABAP_RELEASE, abapRulePackInfo } from './rulePackVersion';
import { checkAbapSourceLimits } from './sourceLimits';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const abapAnalyzerModule = lazyModule(() => require('./abapAnalyzer') as typeof import('./abapAnalyzer'));

/**
 * Creates the ABAP analyzer (loads abaplint now). See abapAnalyzer.ts.
 *
 * @example
 * const analyzer = createAbapAnalyzer({ release: 'v750' });
 */
const createAbapAnalyzer = (options: AbapAnalyzerOptions = {}): Analyzer => abapAnalyzerModule().createAbapAnalyzer(options);

/**
 * The default ABAP analyzer, built on its first unit: its rule pack (and so the cache key) and its source limits are
 * known without abaplint.
 *
 * @example
 * const analyzer = createDeferredAbapAnalyzer();
 * analyzer.rulePack.version; // abaplint not loaded yet
 */
const createDeferredAbapAnalyzer = (): Analyzer => {
  const analyzer = lazyModule(() => createAbapAnalyzer());
  const rulePack = abapRulePackInfo(ABAP_RULES, DEFAULT_ABAP_RELEASE);
  return {
    language: rulePack.language,
    rulePack,
    analyze: (unit) => analyzer().analyze(unit),
    checkLimits: (unit) => checkAbapSourceLimits(unit.files),
  };
};

export { createAbapAnalyzer, createDeferredAbapAnalyzer };
