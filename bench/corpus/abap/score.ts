/**
 * Precision and recall of a rule pack against expected findings (labelled fixtures or a seeded corpus). A finding
 * counts as found when rule, variant, file and line all match; each expected finding can be matched once.
 */
import type { FindingKey } from './expectations';

/** Counts and ratios for one rule or for the whole pack. */
type Score = {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  /** TP / (TP + FP); 1 when nothing was reported (no false claim was made). */
  precision: number;
  /** TP / (TP + FN); 1 when nothing was expected. */
  recall: number;
};

/** The result of {@link scoreFindings}. */
type ScoreReport = {
  overall: Score;
  /** Per rule id, over the rules that were expected or reported. */
  byRule: Record<string, Score>;
  /** Expected findings that were not reported, in input order. */
  missed: FindingKey[];
  /** Reported findings that were not expected, in input order. */
  unexpected: FindingKey[];
};

const keyOf = (finding: FindingKey): string => `${finding.file}\u0000${finding.line}\u0000${finding.ruleId}\u0000${finding.variant ?? ''}`;

const ratio = (hits: number, total: number): number => (total === 0 ? 1 : hits / total);

const score = (truePositives: number, falsePositives: number, falseNegatives: number): Score => ({
  truePositives,
  falsePositives,
  falseNegatives,
  precision: ratio(truePositives, truePositives + falsePositives),
  recall: ratio(truePositives, truePositives + falseNegatives),
});

/**
 * Matches reported findings against expected ones (as multisets: two expected findings on one line need two reported
 * ones) and computes precision and recall overall and per rule.
 *
 * @example
 * const { overall, missed, unexpected } = scoreFindings(expected, findings.map(({ ruleId, variant, file, line }) => ({ ruleId, variant, file, line })));
 * overall.precision; // 1
 */
const scoreFindings = (expected: readonly FindingKey[], actual: readonly FindingKey[]): ScoreReport => {
  const open = new Map<string, number>();
  for (const finding of expected) open.set(keyOf(finding), (open.get(keyOf(finding)) ?? 0) + 1);
  const unexpected: FindingKey[] = [];
  const found = new Map<string, number>();
  for (const finding of actual) {
    const key = keyOf(finding);
    const remaining = open.get(key) ?? 0;
    if (remaining > 0) {
      open.set(key, remaining - 1);
      found.set(key, (found.get(key) ?? 0) + 1);
    } else {
      unexpected.push(finding);
    }
  }
  const missed: FindingKey[] = [];
  const matched = new Map(found);
  for (const finding of expected) {
    const key = keyOf(finding);
    const count = matched.get(key) ?? 0;
    if (count > 0) matched.set(key, count - 1);
    else missed.push(finding);
  }
  const rules = new Set([...expected, ...actual].map((finding) => finding.ruleId));
  const byRule: Record<string, Score> = {};
  for (const rule of [...rules].sort()) {
    const expectedCount = expected.filter((finding) => finding.ruleId === rule).length;
    const falseNegatives = missed.filter((finding) => finding.ruleId === rule).length;
    byRule[rule] = score(expectedCount - falseNegatives, unexpected.filter((finding) => finding.ruleId === rule).length, falseNegatives);
  }
  return { overall: score(expected.length - missed.length, unexpected.length, missed.length), byRule, missed, unexpected };
};

export type { Score, ScoreReport };
export { scoreFindings };
