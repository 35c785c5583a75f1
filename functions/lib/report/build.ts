/**
 * Builds the full report from a run's units and findings: findings grouped by object, rule and severity with effort
 * totals, the summary, the units not analysed, the skipped files, the rule packs with their versions and the
 * code-base assessments (migration recommendation and metrics).
 */
import { REPORT_VERSION, SEVERITIES, SEVERITY_RANK } from './constants';
import { emptySeverityCounts, FindingsSummarizer, roundMinutes, unitTotals } from './summarize';
import type {
  ApartGroup,
  EffortClass,
  FileEncoding,
  Finding,
  NotAnalyzedUnit,
  ObjectGroup,
  Report,
  ReportAssessment,
  ReportEncodings,
  ReportInput,
  ReportUnit,
  RuleGroup,
  Severity,
  SeverityGroup,
  SkippedFile,
} from './types';
import { validateReportInput } from './validate';

/** Options of {@link buildReport}. */
type BuildReportOptions = {
  /**
   * Clock for `generatedAt`.
   * @default () => new Date()
   */
  now?: () => Date;
  /**
   * How many objects the summary's `topObjects` lists.
   * @default 10
   */
  topObjects?: number;
};

type RuleTotals = {
  severity: Severity;
  category: string | undefined;
  effortClass: EffortClass | 'mixed';
  count: number;
  effortMinutes: number;
  units: number;
  lastUnit: number;
};

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareFindings(a: Finding, b: Finding): number {
  return (
    compareText(a.file, b.file) ||
    a.line - b.line ||
    a.column - b.column ||
    SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
    compareText(a.ruleId, b.ruleId)
  );
}

function compareObjects(a: ObjectGroup, b: ObjectGroup): number {
  return (
    b.requiredEffortMinutes - a.requiredEffortMinutes ||
    b.cleanupEffortMinutes - a.cleanupEffortMinutes ||
    b.findingCount - a.findingCount ||
    compareText(a.path, b.path) ||
    compareText(a.unitId, b.unitId)
  );
}

/** Copies only the report's own fields, so extra fields an analyzer might add (a snippet, say) never reach the report. */
function copyFinding(finding: Finding): Finding {
  const copy: Finding = {
    ruleId: finding.ruleId,
    severity: finding.severity,
    message: finding.message,
    file: finding.file,
    line: finding.line,
    column: finding.column,
    effortMinutes: finding.effortMinutes,
    effortClass: finding.effortClass,
  };
  if (finding.category !== undefined) copy.category = finding.category;
  if (finding.variant !== undefined) copy.variant = finding.variant;
  if (finding.effortRange !== undefined) copy.effortRange = { low: finding.effortRange.low, high: finding.effortRange.high };
  if (finding.disposition !== undefined) copy.disposition = finding.disposition;
  if (finding.acknowledgedBy !== undefined) copy.acknowledgedBy = finding.acknowledgedBy;
  return copy;
}

/** Copies an assessment field by field, like {@link copyFinding}: only the report's own fields reach the report. */
function copyAssessment(assessment: ReportAssessment): ReportAssessment {
  const { rulePack, recommendation } = assessment;
  const copy: ReportAssessment = {
    rulePack: rulePack.language === undefined ? { id: rulePack.id, version: rulePack.version } : { id: rulePack.id, version: rulePack.version, language: rulePack.language },
    metrics: Object.fromEntries(Object.entries(assessment.metrics)),
    findings: assessment.findings,
    findingsByRule: Object.fromEntries(Object.entries(assessment.findingsByRule)),
  };
  if (recommendation !== undefined) {
    copy.recommendation = { approach: recommendation.approach, score: recommendation.score, threshold: recommendation.threshold, reasons: [...recommendation.reasons] };
  }
  if (assessment.notApplicable !== undefined) copy.notApplicable = assessment.notApplicable;
  if (assessment.withdrawnFindings !== undefined) copy.withdrawnFindings = assessment.withdrawnFindings;
  return copy;
}

/** Only the report's own fields of a skipped file. */
function copySkippedFile(file: SkippedFile): SkippedFile {
  return {
    path: file.path,
    reason: file.reason,
    ...(file.detail === undefined ? {} : { detail: file.detail }),
    ...(file.lines === undefined ? {} : { lines: file.lines }),
    ...(file.entries === undefined ? {} : { entries: file.entries }),
  };
}

/** Files per encoding (most first, then by name) and every file's own, by path. */
function encodingsOf(files: ReadonlyArray<FileEncoding>): ReportEncodings {
  const counts = new Map<string, number>();
  for (const file of files) counts.set(file.encoding, (counts.get(file.encoding) ?? 0) + 1);
  return {
    byEncoding: [...counts.entries()].map(([encoding, count]) => ({ encoding, files: count })).sort((a, b) => b.files - a.files || compareText(a.encoding, b.encoding)),
    files: files
      .map((file) => ({ path: file.path, encoding: file.encoding, ...(file.confidence === undefined ? {} : { confidence: file.confidence }) }))
      .sort((a, b) => compareText(a.path, b.path)),
  };
}

function objectGroup(unit: ReportUnit): ObjectGroup {
  const totals = unitTotals(unit);
  const group: ObjectGroup = {
    unitId: unit.unitId,
    path: unit.path,
    language: unit.language,
    loc: unit.loc,
    findingCount: totals.findings,
    omittedFindings: totals.omittedFindings,
    acknowledgedFindings: totals.acknowledgedFindings,
    generatedFindings: totals.generatedFindings,
    requiredEffortMinutes: totals.requiredEffortMinutes,
    cleanupEffortMinutes: totals.cleanupEffortMinutes,
    bySeverity: totals.bySeverity,
    highestSeverity: totals.highestSeverity,
    findings: unit.findings.map(copyFinding).sort(compareFindings),
  };
  if (unit.objectType !== undefined) group.objectType = unit.objectType;
  if (unit.objectName !== undefined) group.objectName = unit.objectName;
  return group;
}

/**
 * Builds the versioned report. Validates the whole input first ({@link InvalidReportInputError} names the path of
 * the first problem). Code-base findings must already be merged into their units (see `assessRun` in lib/run), so
 * they count in every total; the assessments add the recommendation and metrics per rule pack.
 *
 * @example
 * const report = buildReport({ run, units, skippedFiles });
 * const bytes = serializeReport(report); // then encryptReport(bytes, keyring, { customerId, runId })
 */
function buildReport(input: ReportInput, options: BuildReportOptions = {}): Report {
  const { run, units, skippedFiles, assessments = [], encodings = [] } = validateReportInput(input);
  const summarizer = new FindingsSummarizer({ topObjects: options.topObjects, skippedFiles: skippedFiles.length, skipped: skippedFiles });
  const rules = new Map<string, RuleTotals>();
  const apart = new Map<string, ApartGroup & { lastUnit: number }>();
  const severities = SEVERITIES.map((severity) => ({ severity, count: 0, requiredEffortMinutes: 0, cleanupEffortMinutes: 0, units: 0 }));
  const objects: ObjectGroup[] = [];
  const notAnalyzedUnits: NotAnalyzedUnit[] = [];

  units.forEach((unit, unitIndex) => {
    summarizer.add(unit, `units[${unitIndex}]`);
    if (unit.notAnalyzed) {
      notAnalyzedUnits.push({
        unitId: unit.unitId,
        path: unit.path,
        language: unit.language,
        ...(unit.objectType === undefined ? {} : { objectType: unit.objectType }),
        ...(unit.objectName === undefined ? {} : { objectName: unit.objectName }),
        loc: unit.loc,
        reason: { code: unit.notAnalyzed.code, message: unit.notAnalyzed.message },
      });
    }
    const seenSeverity = emptySeverityCounts();
    for (const finding of unit.findings) {
      if (finding.disposition !== undefined) {
        const key = `${finding.ruleId}\u0000${finding.disposition}`;
        const group = apart.get(key);
        if (group === undefined) apart.set(key, { ruleId: finding.ruleId, disposition: finding.disposition, count: 1, units: 1, lastUnit: unitIndex });
        else {
          group.count += 1;
          if (group.lastUnit !== unitIndex) {
            group.units += 1;
            group.lastUnit = unitIndex;
          }
        }
        continue;
      }
      const severity = severities[SEVERITY_RANK[finding.severity]];
      severity.count += 1;
      if (finding.effortClass === 'required') severity.requiredEffortMinutes += finding.effortMinutes;
      else severity.cleanupEffortMinutes += finding.effortMinutes;
      if (seenSeverity[finding.severity]++ === 0) severity.units += 1;
      const rule = rules.get(finding.ruleId);
      if (!rule) {
        rules.set(finding.ruleId, {
          severity: finding.severity,
          category: finding.category,
          effortClass: finding.effortClass,
          count: 1,
          effortMinutes: finding.effortMinutes,
          units: 1,
          lastUnit: unitIndex,
        });
        continue;
      }
      rule.count += 1;
      rule.effortMinutes += finding.effortMinutes;
      if (rule.effortClass !== finding.effortClass) rule.effortClass = 'mixed';
      if (SEVERITY_RANK[finding.severity] < SEVERITY_RANK[rule.severity]) rule.severity = finding.severity;
      rule.category ??= finding.category;
      if (rule.lastUnit !== unitIndex) {
        rule.units += 1;
        rule.lastUnit = unitIndex;
      }
    }
    if (unit.findings.length > 0 || (unit.omittedFindings ?? 0) > 0) objects.push(objectGroup(unit));
  });

  const byRule: RuleGroup[] = [...rules.entries()]
    .map(([ruleId, totals]) => {
      const group: RuleGroup = {
        ruleId,
        severity: totals.severity,
        effortClass: totals.effortClass,
        count: totals.count,
        effortMinutes: roundMinutes(totals.effortMinutes),
        units: totals.units,
      };
      if (totals.category !== undefined) group.category = totals.category;
      return group;
    })
    .sort((a, b) => b.effortMinutes - a.effortMinutes || b.count - a.count || compareText(a.ruleId, b.ruleId));
  const bySeverity: SeverityGroup[] = severities.map((group) => ({
    ...group,
    requiredEffortMinutes: roundMinutes(group.requiredEffortMinutes),
    cleanupEffortMinutes: roundMinutes(group.cleanupEffortMinutes),
  }));
  const apartGroups: ApartGroup[] = [...apart.values()]
    .map(({ lastUnit: _lastUnit, ...group }) => group)
    .sort((a, b) => b.count - a.count || compareText(a.ruleId, b.ruleId) || compareText(a.disposition, b.disposition));

  return {
    reportVersion: REPORT_VERSION,
    generatedAt: (options.now?.() ?? new Date()).toISOString(),
    run: { customerId: run.customerId, runId: run.runId, startedAt: run.startedAt, finishedAt: run.finishedAt, sourceArchive: run.sourceArchive },
    rulePacks: run.rulePacks.map((pack) => (pack.language === undefined ? { id: pack.id, version: pack.version } : { id: pack.id, version: pack.version, language: pack.language })),
    summary: summarizer.result(),
    bySeverity,
    byRule,
    apart: apartGroups,
    objects: objects.sort(compareObjects),
    notAnalyzedUnits: notAnalyzedUnits.sort((a, b) => compareText(a.path, b.path) || compareText(a.unitId, b.unitId)),
    skippedFiles: skippedFiles.map(copySkippedFile).sort((a, b) => compareText(a.path, b.path)),
    encodings: encodingsOf(encodings),
    assessments: assessments.map(copyAssessment),
  };
}

export type { BuildReportOptions };
export { buildReport };
