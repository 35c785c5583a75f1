import { ArtifactsRules } from '@abaplint/core';

import { ANALYZER_ERROR_RULE_ID, EffortClasses, SEVERITY_RANK } from '../constants';
import { RulePackConfigError } from '../errors';
import { ownValue } from '../ownValue';
import { adbcNativeSqlCheck } from './checks/adbcNativeSql';
import { databaseHintCheck } from './checks/databaseHint';
import { dynamicCodeCheck } from './checks/dynamicCode';
import { materialNumberLengthCheck } from './checks/materialNumberLength';
import { nativeSqlCheck } from './checks/nativeSql';
import { removedTransactionsCheck } from './checks/removedTransactions';
import { selectOrderDependencyCheck } from './checks/selectOrderDependency';
import { simplifiedTablesCheck } from './checks/simplifiedTables';
import type { AbapCheck } from './checks/types';
import { ABAP_RULE_PACK } from './ruleTable';
import type { AbapRuleDefinition, CheckRuleSource, RuleOutcome } from './ruleTable';

type AbaplintRule = ReturnType<typeof ArtifactsRules.getRules>[number];

/** An abaplint message pattern and the variant it selects. */
type MessageVariant = { pattern: RegExp; variant: string };

/** An abaplint rule, configured, with the row it reports for and its message variants (first match wins). */
type CompiledAbaplintRule = { instance: AbaplintRule; definition: AbapRuleDefinition; messageVariants: MessageVariant[] };

/** One of the engine's checks, configured, with its row. */
type CompiledCheck = { run: AbapCheck; definition: AbapRuleDefinition };

/** The rule table made runnable. */
type CompiledRuleTable = {
  abaplintRules: CompiledAbaplintRule[];
  checks: CompiledCheck[];
  /** abaplint issue key → the row (and variant) its findings belong to. */
  byIssueKey: Map<string, { definition: AbapRuleDefinition; variant?: string }>;
};

const SEVERITY_VALUES = Object.keys(SEVERITY_RANK);

/** The engine's own checks by name; a rule row names one and passes its configuration. */
const buildCheck = (source: CheckRuleSource): AbapCheck | undefined => {
  switch (source.check) {
    case 'simplifiedTables':
      return simplifiedTablesCheck(source.config);
    case 'removedTransactions':
      return removedTransactionsCheck(source.config);
    case 'materialNumberLength':
      return materialNumberLengthCheck(source.config);
    case 'selectOrderDependency':
      return selectOrderDependencyCheck(source.config);
    case 'adbcNativeSql':
      return adbcNativeSqlCheck(source.config);
    case 'databaseHint':
      return databaseHintCheck(source.config);
    case 'nativeSql':
      return nativeSqlCheck(source.config);
    case 'dynamicCode':
      return dynamicCodeCheck(source.config);
    default:
      return undefined;
  }
};

const fail = (ruleId: string, problem: string): never => {
  throw new RulePackConfigError(ABAP_RULE_PACK.id, ruleId, problem);
};

const validateOutcome = (ruleId: string, outcome: Partial<RuleOutcome>): void => {
  if (outcome.severity !== undefined && !SEVERITY_VALUES.includes(outcome.severity)) {
    fail(ruleId, `severity must be one of ${SEVERITY_VALUES.join(', ')}, got ${JSON.stringify(outcome.severity)}`);
  }
  if (outcome.effortMinutes !== undefined && (!Number.isFinite(outcome.effortMinutes) || outcome.effortMinutes < 0)) {
    fail(ruleId, `effortMinutes must be a non-negative number, got ${String(outcome.effortMinutes)}`);
  }
  if (outcome.effortClass !== undefined && !(Object.values(EffortClasses) as string[]).includes(outcome.effortClass)) {
    fail(ruleId, `effortClass must be one of ${Object.values(EffortClasses).join(', ')}, got ${JSON.stringify(outcome.effortClass)}`);
  }
  for (const pragma of outcome.acknowledgedBy?.pragmas ?? []) {
    if (!/^##[A-Z0-9_]+$/i.test(pragma)) fail(ruleId, `acknowledgedBy.pragmas must be ##NAME, got ${JSON.stringify(pragma)}`);
  }
  for (const code of outcome.acknowledgedBy?.pseudoComments ?? []) {
    if (!/^[A-Z0-9_]+$/i.test(code)) fail(ruleId, `acknowledgedBy.pseudoComments must be the code after "#EC (CI_NAME), got ${JSON.stringify(code)}`);
  }
  const range = outcome.effortRange;
  if (range !== undefined && !(Number.isFinite(range.low) && Number.isFinite(range.high) && range.low >= 0 && range.low <= range.high)) {
    fail(ruleId, `effortRange must be non-negative numbers with low <= high, got ${JSON.stringify(range)}`);
  }
};

/** A variant an abaplint source maps to must exist in the row, or its findings would silently take the row's outcome. */
const requireVariant = (definition: AbapRuleDefinition, variant: string): void => {
  if (ownValue(definition.variants, variant) === undefined) fail(definition.id, `maps to variant ${JSON.stringify(variant)}, which the row does not define`);
};

const compileMessageVariants = (definition: AbapRuleDefinition, patterns: readonly { pattern: string; variant: string }[]): MessageVariant[] =>
  patterns.map(({ pattern, variant }) => {
    requireVariant(definition, variant);
    try {
      return { pattern: new RegExp(pattern, 'i'), variant };
    } catch (error) {
      return fail(definition.id, `message pattern for variant ${variant} is not a valid regular expression (${error instanceof Error ? error.message : 'unknown error'})`);
    }
  });

/**
 * Checks the rule table and builds each rule once; per unit the analyzer only calls `initialize` and `run`.
 *
 * @throws RulePackConfigError naming the row and what is wrong with it.
 * @example
 * const { abaplintRules, checks } = compileRuleTable(ABAP_RULES);
 */
const compileRuleTable = (rules: readonly AbapRuleDefinition[]): CompiledRuleTable => {
  const available = new Map(ArtifactsRules.getRules().map((rule) => [rule.getMetadata().key, rule]));
  const usedBy = new Map<string, string>();
  const ids = new Set<string>();
  const compiled: CompiledRuleTable = { abaplintRules: [], checks: [], byIssueKey: new Map() };
  for (const definition of rules) {
    if (definition.id === ANALYZER_ERROR_RULE_ID) fail(definition.id, 'rule id is reserved for engine failures');
    if (ids.has(definition.id)) fail(definition.id, 'rule id is used twice');
    ids.add(definition.id);
    validateOutcome(definition.id, definition);
    for (const [variant, outcome] of Object.entries(definition.variants ?? {})) validateOutcome(`${definition.id}/${variant}`, outcome);
    const { source } = definition;
    if (source.engine === 'abaplint') {
      // One abaplint rule instance has one configuration, so two rows cannot share it.
      const owner = usedBy.get(source.rule);
      if (owner !== undefined) fail(definition.id, `abaplint rule ${source.rule} is already used by rule ${owner}`);
      const instance = available.get(source.rule) ?? fail(definition.id, `abaplint has no rule ${source.rule}`);
      usedBy.set(source.rule, definition.id);
      // Merge over the rule's defaults so that options abaplint adds later keep their default value.
      instance.setConfig({ ...(instance.getConfig() as unknown as Record<string, unknown>), ...source.config });
      compiled.abaplintRules.push({ instance, definition, messageVariants: compileMessageVariants(definition, source.messageVariants ?? []) });
      if (source.issueVariants === undefined) compiled.byIssueKey.set(source.rule, { definition });
      for (const [issueKey, variant] of Object.entries(source.issueVariants ?? {})) {
        requireVariant(definition, variant);
        compiled.byIssueKey.set(issueKey, { definition, variant });
      }
    } else {
      const run = buildCheck(source) ?? fail(definition.id, `unknown check ${JSON.stringify((source as { check: unknown }).check)}`);
      compiled.checks.push({ run, definition });
    }
  }
  return compiled;
};

export type { CompiledAbaplintRule, CompiledCheck, CompiledRuleTable, MessageVariant };
export { compileRuleTable };
