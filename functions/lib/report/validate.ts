/**
 * Checks of the report input. The findings come from analysis results read back from S3, so they are checked field
 * by field; a rejection names the path (`units[3].findings[7].line`) and the rule broken, never the value when it
 * could be customer text.
 */
import { EffortClasses, FindingDispositions, MigrationApproaches, SEVERITIES, SEVERITY_RANK } from './constants';
import { InvalidReportInputError } from './errors';
import type { Finding, ReportAssessment, ReportInput, ReportRun, ReportUnit, SkippedFile, SummaryUnit } from './types';

type Fields = Record<string, unknown>;

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value;
}

function record(value: unknown, path: string): Fields {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new InvalidReportInputError(path, `expected an object, got ${describe(value)}`);
  }
  return value as Fields;
}

function array(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) throw new InvalidReportInputError(path, `expected an array, got ${describe(value)}`);
  return value;
}

function string(value: unknown, path: string, { nonEmpty = true } = {}): string {
  if (typeof value !== 'string') throw new InvalidReportInputError(path, `expected a string, got ${describe(value)}`);
  if (nonEmpty && value === '') throw new InvalidReportInputError(path, 'must not be empty');
  return value;
}

function optionalString(value: unknown, path: string): void {
  if (value !== undefined) string(value, path);
}

function count(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new InvalidReportInputError(path, `expected a non-negative integer, got ${typeof value === 'number' ? String(value) : describe(value)}`);
  }
  return value;
}

function minutes(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new InvalidReportInputError(path, `expected a non-negative number of minutes, got ${typeof value === 'number' ? String(value) : describe(value)}`);
  }
  return value;
}

function finiteNumber(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new InvalidReportInputError(path, `expected a finite number, got ${typeof value === 'number' ? String(value) : describe(value)}`);
  }
  return value;
}

const APPROACHES: readonly string[] = Object.values(MigrationApproaches);
const EFFORT_CLASSES: readonly string[] = Object.values(EffortClasses);
const DISPOSITIONS: readonly string[] = Object.values(FindingDispositions);

function oneOf(value: unknown, allowed: readonly string[], path: string): void {
  if (typeof value !== 'string' || !allowed.includes(value)) throw new InvalidReportInputError(path, `expected one of ${allowed.join(', ')}`);
}

/** Low, likely and high minutes, each non-negative, low ≤ likely ≤ high. */
function effortTotals(value: unknown, path: string): { low: number; likely: number; high: number } {
  const totals = record(value, path);
  const low = minutes(totals.low, `${path}.low`);
  const likely = minutes(totals.likely, `${path}.likely`);
  const high = minutes(totals.high, `${path}.high`);
  if (!(low <= likely && likely <= high)) throw new InvalidReportInputError(path, 'expected low <= likely <= high');
  return { low, likely, high };
}

function timestamp(value: unknown, path: string): void {
  if (Number.isNaN(Date.parse(string(value, path)))) throw new InvalidReportInputError(path, 'expected an ISO 8601 timestamp');
}

/**
 * Throws {@link InvalidReportInputError} unless `value` is a {@link Finding}. Lines and columns are 1-based; 0 is
 * accepted as "not known" (a finding about a whole file).
 *
 * @example
 * validateFinding(finding, 'units[0].findings[3]');
 */
function validateFinding(value: unknown, path: string): asserts value is Finding {
  const finding = record(value, path);
  string(finding.ruleId, `${path}.ruleId`);
  if (typeof finding.severity !== 'string' || !Object.prototype.hasOwnProperty.call(SEVERITY_RANK, finding.severity)) {
    throw new InvalidReportInputError(`${path}.severity`, `expected one of ${SEVERITIES.join(', ')}`);
  }
  string(finding.message, `${path}.message`, { nonEmpty: false });
  string(finding.file, `${path}.file`);
  count(finding.line, `${path}.line`);
  count(finding.column, `${path}.column`);
  minutes(finding.effortMinutes, `${path}.effortMinutes`);
  oneOf(finding.effortClass, EFFORT_CLASSES, `${path}.effortClass`);
  optionalString(finding.category, `${path}.category`);
  optionalString(finding.variant, `${path}.variant`);
  if (finding.effortRange !== undefined) {
    const range = record(finding.effortRange, `${path}.effortRange`);
    if (minutes(range.low, `${path}.effortRange.low`) > minutes(range.high, `${path}.effortRange.high`)) {
      throw new InvalidReportInputError(`${path}.effortRange`, 'expected low <= high');
    }
  }
  if (finding.disposition !== undefined) oneOf(finding.disposition, DISPOSITIONS, `${path}.disposition`);
  optionalString(finding.acknowledgedBy, `${path}.acknowledgedBy`);
}

/**
 * Throws unless `value` has what the summary needs of a unit: id, lines, valid findings, and an effort total (if given)
 * not below the sum of its findings.
 */
function validateSummaryUnit(value: unknown, path: string): asserts value is SummaryUnit {
  const unit = record(value, path);
  string(unit.unitId, `${path}.unitId`);
  count(unit.loc, `${path}.loc`);
  const findings = array(unit.findings, `${path}.findings`);
  let listedEffort = 0;
  findings.forEach((finding, index) => {
    validateFinding(finding, `${path}.findings[${index}]`);
    listedEffort += finding.effortMinutes;
  });
  if (unit.omittedFindings !== undefined) count(unit.omittedFindings, `${path}.omittedFindings`);
  if (unit.effortMinutes !== undefined) {
    // Rounding in the analyzer's own sum may differ from ours in the last bits; anything more is a real contradiction.
    if (minutes(unit.effortMinutes, `${path}.effortMinutes`) + 1e-6 < listedEffort) {
      throw new InvalidReportInputError(`${path}.effortMinutes`, `is less than the sum of its findings' effort (${listedEffort})`);
    }
  }
  if (unit.effortByClass !== undefined) {
    const byClass = record(unit.effortByClass, `${path}.effortByClass`);
    for (const effortClass of EFFORT_CLASSES) {
      const totals = effortTotals(byClass[effortClass], `${path}.effortByClass.${effortClass}`);
      const listed = (findings as Finding[]).filter((finding) => finding.effortClass === effortClass).reduce((sum, finding) => sum + finding.effortMinutes, 0);
      if (totals.likely + 1e-6 < listed) {
        throw new InvalidReportInputError(`${path}.effortByClass.${effortClass}.likely`, `is less than the sum of its findings' effort (${listed})`);
      }
    }
  }
  if (unit.files !== undefined) array(unit.files, `${path}.files`).forEach((file, index) => string(file, `${path}.files[${index}]`));
  if (unit.notAnalyzed !== undefined) {
    const reason = record(unit.notAnalyzed, `${path}.notAnalyzed`);
    string(reason.code, `${path}.notAnalyzed.code`);
    string(reason.message, `${path}.notAnalyzed.message`, { nonEmpty: false });
    if (findings.length > 0) throw new InvalidReportInputError(`${path}.findings`, 'a unit that was not analysed cannot have findings');
  }
}

/** Throws unless `value` is a {@link ReportUnit}. */
function validateReportUnit(value: unknown, path: string): asserts value is ReportUnit {
  validateSummaryUnit(value, path);
  const unit = value as unknown as Fields;
  string(unit.path, `${path}.path`);
  string(unit.language, `${path}.language`);
  optionalString(unit.objectType, `${path}.objectType`);
  optionalString(unit.objectName, `${path}.objectName`);
}

function validateRulePack(value: unknown, path: string): void {
  const fields = record(value, path);
  string(fields.id, `${path}.id`);
  string(fields.version, `${path}.version`);
  optionalString(fields.language, `${path}.language`);
}

function validateRun(value: unknown, path: string): asserts value is ReportRun {
  const run = record(value, path);
  string(run.customerId, `${path}.customerId`);
  string(run.runId, `${path}.runId`);
  timestamp(run.startedAt, `${path}.startedAt`);
  timestamp(run.finishedAt, `${path}.finishedAt`);
  string(run.sourceArchive, `${path}.sourceArchive`);
  array(run.rulePacks, `${path}.rulePacks`).forEach((pack, index) => validateRulePack(pack, `${path}.rulePacks[${index}]`));
}

/**
 * Throws {@link InvalidReportInputError} unless `value` is a {@link ReportAssessment}: a rule pack, an optional
 * recommendation (known approach, finite score and threshold, reasons as strings), numeric metrics, and a findings
 * count that equals the sum of its per-rule counts.
 *
 * @example
 * validateAssessment(assessment, 'assessments[0]');
 */
function validateAssessment(value: unknown, path: string): asserts value is ReportAssessment {
  const assessment = record(value, path);
  validateRulePack(assessment.rulePack, `${path}.rulePack`);
  if (assessment.recommendation !== undefined) {
    const recommendation = record(assessment.recommendation, `${path}.recommendation`);
    if (typeof recommendation.approach !== 'string' || !APPROACHES.includes(recommendation.approach)) {
      throw new InvalidReportInputError(`${path}.recommendation.approach`, `expected one of ${APPROACHES.join(', ')}`);
    }
    finiteNumber(recommendation.score, `${path}.recommendation.score`);
    finiteNumber(recommendation.threshold, `${path}.recommendation.threshold`);
    array(recommendation.reasons, `${path}.recommendation.reasons`).forEach((reason, index) =>
      string(reason, `${path}.recommendation.reasons[${index}]`, { nonEmpty: false }),
    );
  }
  if (assessment.notApplicable !== undefined) string(assessment.notApplicable, `${path}.notApplicable`);
  if (assessment.withdrawnFindings !== undefined) count(assessment.withdrawnFindings, `${path}.withdrawnFindings`);
  for (const [name, metric] of Object.entries(record(assessment.metrics, `${path}.metrics`))) finiteNumber(metric, `${path}.metrics.${name}`);
  const findings = count(assessment.findings, `${path}.findings`);
  let byRule = 0;
  for (const [ruleId, ruleCount] of Object.entries(record(assessment.findingsByRule, `${path}.findingsByRule`))) {
    byRule += count(ruleCount, `${path}.findingsByRule.${ruleId}`);
  }
  if (byRule !== findings) throw new InvalidReportInputError(`${path}.findings`, `is ${findings} but findingsByRule sums to ${byRule}`);
}

function validateSkippedFile(value: unknown, path: string): asserts value is SkippedFile {
  const file = record(value, path);
  string(file.path, `${path}.path`);
  string(file.reason, `${path}.reason`);
  optionalString(file.detail, `${path}.detail`);
  if (file.lines !== undefined) count(file.lines, `${path}.lines`);
  if (file.entries !== undefined) count(file.entries, `${path}.entries`);
}

function validateFileEncoding(value: unknown, path: string): void {
  const file = record(value, path);
  string(file.path, `${path}.path`);
  string(file.encoding, `${path}.encoding`);
  if (file.confidence !== undefined) finiteNumber(file.confidence, `${path}.confidence`);
}

/**
 * Throws {@link InvalidReportInputError} unless `value` is a complete {@link ReportInput}: the run, every unit and
 * finding, every skipped file, and unit ids unique.
 *
 * @example
 * const input = validateReportInput(JSON.parse(text));
 */
function validateReportInput(value: unknown): ReportInput {
  const input = record(value, '(input)');
  validateRun(input.run, 'run');
  const seen = new Set<string>();
  array(input.units, 'units').forEach((unit, index) => {
    validateReportUnit(unit, `units[${index}]`);
    if (seen.has(unit.unitId)) throw new InvalidReportInputError(`units[${index}].unitId`, 'duplicates the id of an earlier unit');
    seen.add(unit.unitId);
  });
  array(input.skippedFiles, 'skippedFiles').forEach((file, index) => validateSkippedFile(file, `skippedFiles[${index}]`));
  if (input.encodings !== undefined) array(input.encodings, 'encodings').forEach((file, index) => validateFileEncoding(file, `encodings[${index}]`));
  if (input.assessments !== undefined) validateAssessments(array(input.assessments, 'assessments'), input.units as ReportUnit[]);
  return input as ReportInput;
}

/**
 * Each assessment valid, one per rule pack, and its findings merged into the units: the units list at least as many
 * findings of each of its rules as it counts, or the summary and the report would disagree with the assessment.
 */
function validateAssessments(assessments: unknown[], units: readonly ReportUnit[]): void {
  const listed = new Map<string, number>();
  for (const unit of units) for (const finding of unit.findings) listed.set(finding.ruleId, (listed.get(finding.ruleId) ?? 0) + 1);
  const packs = new Set<string>();
  assessments.forEach((assessment, index) => {
    const path = `assessments[${index}]`;
    validateAssessment(assessment, path);
    const pack = `${assessment.rulePack.id}@${assessment.rulePack.version}`;
    if (packs.has(pack)) throw new InvalidReportInputError(`${path}.rulePack`, 'duplicates the rule pack of an earlier assessment');
    packs.add(pack);
    for (const [ruleId, ruleCount] of Object.entries(assessment.findingsByRule)) {
      if ((listed.get(ruleId) ?? 0) < ruleCount) {
        throw new InvalidReportInputError(`${path}.findingsByRule.${ruleId}`, `counts ${ruleCount} findings but the units list ${listed.get(ruleId) ?? 0}; merge the assessment's findings into their units first`);
      }
    }
  });
}

export { validateAssessment, validateFinding, validateReportInput, validateReportUnit, validateSummaryUnit };
