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
import { createAbapAnalyzer } from './abap/lazyAbapAnalyzer';
import type { AbapAnalyzerOptions } from './abap/abapAnalyzer';
import { ABAP_RULE_PACK, ABAP_RULES } from './abap/ruleTable';
import type { AbapRuleDefinition, RuleOutcome } from './abap/ruleTable';
import { abapRulePackVersion } from './abap/rulePackVersion';
import type { AbapRelease, AbapRulePackVersionInput } from './abap/rulePackVersion';
import { createAngularJsAnalyzers } from './angularjs/angularJsAnalyzer';
import type { AngularJsAnalyzerOptions } from './angularjs/angularJsAnalyzer';
import { ANGULARJS_RULE_PACK, ANGULARJS_RULES } from './angularjs/ruleTable';
import type { NgRuleDefinition, NgRuleOutcome } from './angularjs/ruleTable';
import { RECOMMENDATION_FACTORS, REWRITE_BASE_LOC, THRESHOLD_FACTOR } from './angularjs/codebase/recommendation';
import { createAnalyzerRegistry, getDefaultRegistry } from './analyzerRegistry';
import { assessCodebase } from './codebase/assessCodebase';
import type { AssessCodebaseOptions } from './codebase/assessCodebase';
import { InvalidCodebaseInputError } from './codebase/errors';
import type { CodebaseAssessment, CodebaseFinding, CodebasePhase, CodebaseRecommendation, CodebaseUnit, MigrationApproach } from './codebase/types';
import { analyzeUnit } from './analyzeUnit';
import { ANALYZER_ERROR_RULE_ID, ENGINE_VERSION, Languages, NotAnalyzedCodes, SEVERITY_RANK, Severities } from './constants';
import { isMainThread, workerData } from 'node:worker_threads';

import { AnalysisEngineError, DuplicateAnalyzerError, InvalidUnitError, RulePackConfigError, SandboxStartError } from './errors';
import { SANDBOX_WORKER_FLAG } from './sandbox/protocol';
import { serveSandbox } from './sandbox/sandboxWorker';
import { createUnitSandbox } from './sandbox/unitSandbox';
import type { UnitAnalyzeOptions, UnitSandbox, UnitSandboxOptions, UnitSandboxStats } from './sandbox/unitSandbox';
import type {
  AnalysisResult,
  Analyzer,
  AnalyzerRegistry,
  AnalyzeUnitOptions,
  Finding,
  JsonValue,
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

// Loaded as a unit sandbox's worker (see createUnitSandbox), this module serves analysis requests.
if (!isMainThread && (workerData as Record<string, unknown> | null)?.[SANDBOX_WORKER_FLAG] === true) serveSandbox();

export type {
  AbapAnalyzerOptions,
  AbapRelease,
  AbapRuleDefinition,
  AbapRulePackVersionInput,
  AnalysisResult,
  Analyzer,
  AnalyzerRegistry,
  AnalyzeUnitOptions,
  AngularJsAnalyzerOptions,
  AssessCodebaseOptions,
  CodebaseAssessment,
  CodebaseFinding,
  CodebasePhase,
  CodebaseRecommendation,
  CodebaseUnit,
  Finding,
  JsonValue,
  Language,
  MigrationApproach,
  NgRuleDefinition,
  NgRuleOutcome,
  NotAnalyzedCode,
  NotAnalyzedReason,
  RuleOutcome,
  RulePackInfo,
  Severity,
  Unit,
  UnitAnalysis,
  UnitFile,
  UnitSandbox,
  UnitSandboxOptions,
  UnitAnalyzeOptions,
  UnitSandboxStats,
};
export {
  ABAP_RULE_PACK,
  ABAP_RULES,
  ANALYZER_ERROR_RULE_ID,
  ANGULARJS_RULE_PACK,
  ANGULARJS_RULES,
  AnalysisEngineError,
  DuplicateAnalyzerError,
  ENGINE_VERSION,
  InvalidCodebaseInputError,
  InvalidUnitError,
  Languages,
  NotAnalyzedCodes,
  RECOMMENDATION_FACTORS,
  REWRITE_BASE_LOC,
  RULE_PACK_VERSION,
  RulePackConfigError,
  SEVERITY_RANK,
  SandboxStartError,
  Severities,
  THRESHOLD_FACTOR,
  abapRulePackVersion,
  analyzeUnit,
  assessCodebase,
  combineRulePackVersions,
  createAbapAnalyzer,
  createAnalyzerRegistry,
  createAngularJsAnalyzers,
  createUnitSandbox,
  getDefaultRegistry,
  validateUnit,
};
