import { EffortClasses } from './constants';
import type { EffortClass, EffortTotals, Finding } from './types';

/**
 * Low, likely and high effort per class over findings: likely sums `effortMinutes`, low and high the range (a finding
 * without a range counts its minutes in both).
 *
 * @example
 * effortByClass(findings).required.likely; // minutes required for the conversion
 */
const effortByClass = (findings: readonly Finding[]): Record<EffortClass, EffortTotals> => {
  const totals: Record<EffortClass, EffortTotals> = {
    [EffortClasses.REQUIRED]: { low: 0, likely: 0, high: 0 },
    [EffortClasses.CLEANUP]: { low: 0, likely: 0, high: 0 },
  };
  for (const finding of findings) {
    const total = totals[finding.effortClass];
    total.low += finding.effortRange?.low ?? finding.effortMinutes;
    total.likely += finding.effortMinutes;
    total.high += finding.effortRange?.high ?? finding.effortMinutes;
  }
  return totals;
};

export { effortByClass };
