/**
 * The analysis engine: analyzers by language, their rule packs and versions.
 *
 * Functions import it by the bare name `analysis-engine` (the Lambda layer puts the bundle on NODE_PATH; locally and
 * in tests the name maps to this file).
 *
 * @example
 * import { analyzeUnit, RULE_PACK_VERSION } from 'analysis-engine';
 * const result = analyzeUnit(unit);
 * const cacheKey = `CUSTOMER#${customerId}#CACHE#${RULE_PACK_VERSION}`;
 */
import { createAbapAnalyzer } from './abap/abapAnalyzer';
import type { AbapAnalyzerOptions } from './abap/abapAnalyzer';
import { ABAP_RULE_PACK, ABAP_RULES } from './abap/ruleTable';
import type { AbapRuleDefinition, RuleOutcome } from './abap/ruleTable';
import { abapRulePackVersion } from './abap/rulePackVersion';
import type { AbapRelease, AbapRulePackVersionInput } from './abap/rulePackVersion';
import { createAnalyzerRegistry, getDefaultRegistry } from './analyzerRegistry';
import { analyzeUnit } from './analyzeUnit';
import { ANALYZER_ERROR_RULE_ID, ENGINE_VERSION, Languages, NotAnalyzedCodes, SEVERITY_RANK, Severities } from './constants';
import { AnalysisEngineError, DuplicateAnalyzerError, InvalidUnitError, RulePackConfigError } from './errors';
import type {
  AnalysisResult,
  Analyzer,
  AnalyzerRegistry,
  AnalyzeUnitOptions,
  Finding,
  Language,
  NotAnalyzedCode,
  NotAnalyzedReason,
  RulePackInfo,
  Severity,
  Unit,
  UnitAnalysis,
  UnitFile,
} from './types';
import { validateUnit } from './validateUnit';
import { combineRulePackVersions } from './version';

/**
 * Combined version of the rule packs this layer ships: the findings-cache key part
 * (`CUSTOMER#{id}#CACHE#{RULE_PACK_VERSION}`). Building it builds the default analyzers, so it is computed when the
 * module loads, during the Lambda init phase.
 */
const RULE_PACK_VERSION: string = getDefaultRegistry().version;

export type {
  AbapAnalyzerOptions,
  AbapRelease,
  AbapRuleDefinition,
  AbapRulePackVersionInput,
  AnalysisResult,
  Analyzer,
  AnalyzerRegistry,
  AnalyzeUnitOptions,
  Finding,
  Language,
  NotAnalyzedCode,
  NotAnalyzedReason,
  RuleOutcome,
  RulePackInfo,
  Severity,
  Unit,
  UnitAnalysis,
  UnitFile,
};
export {
  ABAP_RULE_PACK,
  ABAP_RULES,
  ANALYZER_ERROR_RULE_ID,
  AnalysisEngineError,
  DuplicateAnalyzerError,
  ENGINE_VERSION,
  InvalidUnitError,
  Languages,
  NotAnalyzedCodes,
  RULE_PACK_VERSION,
  RulePackConfigError,
  SEVERITY_RANK,
  Severities,
  abapRulePackVersion,
  analyzeUnit,
  combineRulePackVersions,
  createAbapAnalyzer,
  createAnalyzerRegistry,
  getDefaultRegistry,
  validateUnit,
};
