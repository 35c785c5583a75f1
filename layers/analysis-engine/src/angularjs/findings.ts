/**
 * Turns rule hits into findings through the rule table: severity, message, category and the effort range come from the
 * row (and its variant); `effortMinutes` is the midpoint of the range, rounded to the minute.
 */
import { ANGULARJS_RULE_PACK } from './ruleTable';
import type { NgRuleDefinition, NgRuleOutcome } from './ruleTable';
import { EffortClasses, SEVERITY_RANK } from '../constants';
import { RulePackConfigError } from '../errors';
import { ownValue } from '../ownValue';
import type { Finding } from '../types';
import type { RuleHit } from './hits';

/** Makes a finding of a hit in a file; `override` replaces the table's message or effort (catalog-driven findings). */
type FindingFactory = (hit: RuleHit, file: string, override?: { message?: string; effort?: { low: number; high: number } }) => Finding;

const SEVERITY_VALUES = Object.keys(SEVERITY_RANK);

const fail = (ruleId: string, problem: string): never => {
  throw new RulePackConfigError(ANGULARJS_RULE_PACK.id, ruleId, problem);
};

const validateOutcome = (ruleId: string, outcome: Partial<NgRuleOutcome>): void => {
  if (outcome.severity !== undefined && !SEVERITY_VALUES.includes(outcome.severity)) {
    fail(ruleId, `severity must be one of ${SEVERITY_VALUES.join(', ')}, got ${JSON.stringify(outcome.severity)}`);
  }
  if (outcome.effortClass !== undefined && !(Object.values(EffortClasses) as string[]).includes(outcome.effortClass)) {
    fail(ruleId, `effortClass must be one of ${Object.values(EffortClasses).join(', ')}, got ${JSON.stringify(outcome.effortClass)}`);
  }
  const effort = outcome.effort;
  if (effort !== undefined) {
    const valid = Number.isFinite(effort.low) && Number.isFinite(effort.high) && effort.low >= 0 && effort.high >= effort.low;
    if (!valid) fail(ruleId, `effort must be { low, high } with 0 <= low <= high, got ${JSON.stringify(effort)}`);
  }
};

/**
 * Checks the rule table and returns the finding factory. Every rule id the scanners can report must have a row.
 *
 * @throws RulePackConfigError naming the row and what is wrong with it.
 * @example
 * const toFinding = createFindingFactory(ANGULARJS_RULES, ['ng_scope']);
 * toFinding({ ruleId: 'ng_scope', line: 3, column: 40 }, 'app/main.js').effortMinutes; // 150
 */
const createFindingFactory = (rules: readonly NgRuleDefinition[], requiredIds: readonly string[]): FindingFactory => {
  const byId = new Map<string, NgRuleDefinition>();
  for (const rule of rules) {
    if (byId.has(rule.id)) fail(rule.id, 'rule id is used twice');
    validateOutcome(rule.id, rule);
    for (const [variant, outcome] of Object.entries(rule.variants ?? {})) validateOutcome(`${rule.id}/${variant}`, outcome);
    byId.set(rule.id, rule);
  }
  for (const id of requiredIds) if (!byId.has(id)) fail(id, 'the analyzer reports this rule but the table has no row for it');
  return (hit, file, override) => {
    const rule = byId.get(hit.ruleId) ?? fail(hit.ruleId, 'no row for this rule');
    const variant = hit.variant === undefined ? undefined : ownValue(rule.variants, hit.variant);
    if (hit.variant !== undefined && variant === undefined) fail(hit.ruleId, `no variant ${hit.variant}`);
    const effort = override?.effort ?? variant?.effort ?? rule.effort;
    return {
      ruleId: rule.id,
      severity: variant?.severity ?? rule.severity,
      message: override?.message ?? variant?.message ?? rule.message,
      file,
      line: hit.line,
      column: hit.column,
      // Whole minutes: reports sum and show them, and a half minute is no estimate anyone signs.
      effortMinutes: Math.round((effort.low + effort.high) / 2),
      effortClass: variant?.effortClass ?? rule.effortClass ?? EffortClasses.REQUIRED,
      category: rule.category,
      ...(hit.variant === undefined ? {} : { variant: hit.variant }),
      effortRange: { low: effort.low, high: effort.high },
    };
  };
};

export type { FindingFactory };
export { createFindingFactory };
