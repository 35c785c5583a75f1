import { createDeferredAbapAnalyzer } from './abap/lazyAbapAnalyzer';
import { createAngularJsAnalyzers } from './angularjs/angularJsAnalyzer';
import { DuplicateAnalyzerError } from './errors';
import type { Analyzer, AnalyzerRegistry, Language } from './types';
import { combineRulePackVersions } from './version';

/**
 * A registry of analyzers, one per language. Its `version` is the combined rule-pack version: the findings-cache
 * key part.
 *
 * @throws DuplicateAnalyzerError when two analyzers claim the same language.
 * @example
 * const registry = createAnalyzerRegistry([createAbapAnalyzer()]);
 * registry.get('abap')?.rulePack.id; // 'abap-s4hana'
 */
const createAnalyzerRegistry = (analyzers: readonly Analyzer[]): AnalyzerRegistry => {
  const byLanguage = new Map<Language, Analyzer>();
  for (const analyzer of analyzers) {
    const existing = byLanguage.get(analyzer.language);
    if (existing !== undefined) throw new DuplicateAnalyzerError(analyzer.language, [existing.rulePack.id, analyzer.rulePack.id]);
    byLanguage.set(analyzer.language, analyzer);
  }
  const list = Object.freeze([...analyzers]);
  return {
    get: (language) => byLanguage.get(language),
    analyzers: () => list,
    version: combineRulePackVersions(list.map((analyzer) => analyzer.rulePack)),
  };
};

let defaultRegistry: AnalyzerRegistry | undefined;

/**
 * The registry with every rule pack this layer ships (ABAP S/4HANA; AngularJS → Angular for JavaScript, TypeScript
 * and HTML), built on first use and kept for
 * the life of the process, so a warm Lambda builds its analyzers once. The parsers load on the first unit that needs
 * them (lazyModule.ts): an ABAP batch never loads the JavaScript parsers, a web batch never loads abaplint.
 */
const getDefaultRegistry = (): AnalyzerRegistry => {
  defaultRegistry ??= createAnalyzerRegistry([createDeferredAbapAnalyzer(), ...createAngularJsAnalyzers()]);
  return defaultRegistry;
};

export { createAnalyzerRegistry, getDefaultRegistry };
