import { NotAnalyzedCodes, SEVERITY_RANK } from './constants';
import { getDefaultRegistry } from './analyzerRegistry';
import { effortByClass } from './effortByClass';
import type { AnalysisResult, AnalyzeUnitOptions, Finding, UnitAnalysis } from './types';
import { validateUnit } from './validateUnit';

const bySeverity = (a: Finding, b: Finding): number => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity];

/**
 * Analyses one unit with the analyzer registered for its language.
 *
 * A unit that cannot be analysed is not an error: it comes back with no findings and a `notAnalyzed` reason, so one
 * file never fails a batch. Reasons: no analyzer for its language (`no-analyzer`), no files (`no-source`), over the
 * analyzer's source limits, checked before the parser runs (`too-large`), or an analyzer that threw, a stack overflow
 * included (`analyzer-error`). A single rule that fails is not this: the analyzer reports it as one `analyzer_error`
 * finding and keeps the other rules' findings. Time and memory budgets need a thread that can be stopped: see
 * {@link createUnitSandbox}.
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
  const outOfLimits = analyzer.checkLimits?.(unit);
  if (outOfLimits !== undefined) return { ...base, loc: unit.loc, rulePack: analyzer.rulePack, notAnalyzed: outOfLimits };
  let result: AnalysisResult;
  try {
    result = analyzer.analyze(unit);
  } catch {
    // The exception itself stays out: its class is engine detail and its text could quote source.
    return {
      ...base,
      loc: unit.loc,
      rulePack: analyzer.rulePack,
      notAnalyzed: { code: NotAnalyzedCodes.ANALYZER_ERROR, message: `The ${analyzer.rulePack.id} analyzer stopped on this unit with an internal error; none of its findings are listed` },
    };
  }
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
