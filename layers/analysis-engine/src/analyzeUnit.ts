import { EffortClasses, NotAnalyzedCodes, SEVERITY_RANK } from './constants';
import { getDefaultRegistry } from './analyzerRegistry';
import type { AnalyzeUnitOptions, EffortClass, EffortTotals, Finding, UnitAnalysis } from './types';
import { validateUnit } from './validateUnit';

const bySeverity = (a: Finding, b: Finding): number => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity];

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

/**
 * Analyses one unit with the analyzer registered for its language.
 *
 * A unit whose language has no analyzer, or that has no files, is not an error: it comes back with no findings and a
 * `notAnalyzed` reason, so one unanalysable file never fails a batch.
 *
 * @throws InvalidUnitError when the value is not a unit (what is wrong and where is in the error).
 * @example
 * const result = analyzeUnit(unit, { maxFindings: 500 });
 * if (result.notAnalyzed) console.log(result.notAnalyzed.message);
 */
const analyzeUnit = (value: unknown, options: AnalyzeUnitOptions = {}): UnitAnalysis => {
  const unit = validateUnit(value);
  const registry = options.registry ?? getDefaultRegistry();
  const analyzer = registry.get(unit.language);
  const base = { unitId: unit.unitId, language: unit.language, findings: [], parseErrors: 0, omittedFindings: 0, effortMinutes: 0, effortByClass: effortByClass([]) };
  if (analyzer === undefined) {
    return {
      ...base,
      loc: unit.loc,
      notAnalyzed: { code: NotAnalyzedCodes.NO_ANALYZER, message: `No analyzer for language ${unit.language} in rule packs ${registry.version}` },
    };
  }
  if (unit.files.length === 0) {
    return { ...base, loc: 0, rulePack: analyzer.rulePack, notAnalyzed: { code: NotAnalyzedCodes.NO_SOURCE, message: 'The unit has no files' } };
  }
  const result = analyzer.analyze(unit);
  const effortMinutes = result.findings.reduce((sum, finding) => sum + finding.effortMinutes, 0);
  let findings = result.findings;
  let omittedFindings = 0;
  if (options.maxFindings !== undefined && findings.length > options.maxFindings) {
    // Keep the most severe; the sort is stable, so position order survives within a severity.
    const kept = new Set([...findings].sort(bySeverity).slice(0, Math.max(0, options.maxFindings)));
    omittedFindings = findings.length - kept.size;
    findings = findings.filter((finding) => kept.has(finding));
  }
  return { ...base, ...result, findings, omittedFindings, effortMinutes, effortByClass: effortByClass(result.findings), rulePack: analyzer.rulePack };
};

export { analyzeUnit, effortByClass };
