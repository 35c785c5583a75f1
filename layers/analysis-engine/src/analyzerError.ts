/**
 * The `analyzer_error` finding: a rule failed on a unit, the unit's other rules were applied. One finding per rule and
 * unit, at the first file the rule failed in; info severity and no effort, since the customer's code is not at fault.
 */
import { ANALYZER_ERROR_RULE_ID, EffortClasses } from './constants';
import type { Finding } from './types';

/**
 * Collects rule failures of one unit: the first failure of each rule becomes one finding, later ones are dropped.
 *
 * The message names the rule only: an exception's class or text is engine detail (and its text could quote source),
 * neither belongs in a customer's report.
 *
 * @example
 * const failures = createRuleFailures();
 * try { runRule(); } catch { failures.add('s4_simplified_table', file); }
 * findings.push(...failures.findings());
 */
const createRuleFailures = () => {
  const byRule = new Map<string, Finding>();
  return {
    /** Records that `ruleId` failed on `file` (a path as the unit gives it). */
    add(ruleId: string, file: string): void {
      if (byRule.has(ruleId)) return;
      byRule.set(ruleId, {
        ruleId: ANALYZER_ERROR_RULE_ID,
        severity: 'info',
        message: `Rule ${ruleId} could not be applied to this object, so its findings here are missing; the other rules were applied`,
        file,
        line: 1,
        column: 1,
        effortMinutes: 0,
        // Whoever reviews the object by hand decides; nothing is charged for it.
        effortClass: EffortClasses.REQUIRED,
        category: 'engine',
      });
    },
    /** One finding per rule that failed, in the order they first failed. */
    findings(): Finding[] {
      return [...byRule.values()];
    },
  };
};

type RuleFailures = ReturnType<typeof createRuleFailures>;

export type { RuleFailures };
export { createRuleFailures };
