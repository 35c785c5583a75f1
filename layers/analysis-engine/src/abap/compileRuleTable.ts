import { ArtifactsRules } from '@abaplint/core';

import { ANALYZER_ERROR_RULE_ID, SEVERITY_RANK } from '../constants';
import { RulePackConfigError } from '../errors';
import { materialNumberLengthCheck } from './checks/materialNumberLength';
import { removedTransactionsCheck } from './checks/removedTransactions';
import { selectOrderDependencyCheck } from './checks/selectOrderDependency';
import { simplifiedTablesCheck } from './checks/simplifiedTables';
import type { AbapCheck } from './checks/types';
import { ABAP_RULE_PACK } from './ruleTable';
import type { AbapRuleDefinition, CheckRuleSource, RuleOutcome } from './ruleTable';

type AbaplintRule = ReturnType<typeof ArtifactsRules.getRules>[number];

/** An abaplint rule, configured, with the row it reports for. */
type CompiledAbaplintRule = { instance: AbaplintRule; definition: AbapRuleDefinition };

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
};

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
      compiled.abaplintRules.push({ instance, definition });
      if (source.issueVariants === undefined) compiled.byIssueKey.set(source.rule, { definition });
      for (const [issueKey, variant] of Object.entries(source.issueVariants ?? {})) compiled.byIssueKey.set(issueKey, { definition, variant });
    } else {
      const run = buildCheck(source) ?? fail(definition.id, `unknown check ${JSON.stringify((source as { check: unknown }).check)}`);
      compiled.checks.push({ run, definition });
    }
  }
  return compiled;
};

export type { CompiledAbaplintRule, CompiledCheck, CompiledRuleTable };
export { compileRuleTable };
