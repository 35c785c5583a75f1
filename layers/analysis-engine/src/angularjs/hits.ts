/** What the scanners report before the rule table turns it into findings. */
import { ownValue } from '../ownValue';

/** One rule (and variant) hit at one place; the rule table supplies severity, effort and message. */
type RuleHit = {
  ruleId: string;
  variant?: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
};

/** Adds `name` to a list of distinct names unless the list is full. */
const addName = (names: string[], seen: Set<string>, name: string, limit: number): void => {
  if (seen.has(name) || names.length >= limit) return;
  seen.add(name);
  names.push(name);
};

/** Counts one more of `key`. */
const bump = (counts: Record<string, number>, key: string, by = 1): void => {
  counts[key] = (ownValue(counts, key) ?? 0) + by;
};

export type { RuleHit };
export { addName, bump };
