/**
 * The run summary: counts by severity and rule, effort, impacted units and the top objects by effort. It holds counts
 * and rule ids only, because it goes to DynamoDB and into the `Analysis Report Published` event.
 */
import { DEFAULT_TOP_OBJECTS, EffortClasses, HOURS_PER_PERSON_DAY, MINUTES_PER_PERSON_DAY, NOT_ANALYSED_SKIP_REASONS, SEVERITIES, SEVERITY_RANK } from './constants';
import { InvalidReportInputError } from './errors';
import type { EffortByClass, EffortClass, EffortTotals, Finding, FindingsSummary, NotAnalyzedCounts, NotAnalyzedSummary, SeverityCounts, SkippedFile, SummaryUnit, UnitTotals } from './types';
import { validateSummaryUnit } from './validate';

/** Options of {@link summarizeFindings} and {@link FindingsSummarizer}. */
type SummaryOptions = {
  /**
   * How many objects `topObjects` lists.
   * @default 10
   */
  topObjects?: number;
  /**
   * Number of files skipped by the splitter.
   * @default 0
   */
  skippedFiles?: number;
  /**
   * The files the splitter skipped, with reasons and lines: those whose reason counts as not analysed
   * ({@link NOT_ANALYSED_SKIP_REASONS}) go into `notAnalyzed`.
   * @default []
   */
  skipped?: ReadonlyArray<Pick<SkippedFile, 'reason' | 'lines'>>;
};

type TopObject = FindingsSummary['topObjects'][number];

/** Effort is whole minutes: findings carry whole minutes, and a total is never shown with a fraction. */
function roundMinutes(value: number): number {
  return Math.round(value);
}

/** Minutes as person-days of {@link HOURS_PER_PERSON_DAY} hours, two decimals. */
function personDays(minutes: number): number {
  return Math.round((minutes / MINUTES_PER_PERSON_DAY) * 100) / 100;
}

/** A count of zero for every severity, so stored counts always carry all five keys. */
function emptySeverityCounts(): SeverityCounts {
  return { blocker: 0, critical: 0, major: 0, minor: 0, info: 0 };
}

/** No effort in either class. */
function emptyEffortByClass(): EffortByClass {
  return { required: { low: 0, likely: 0, high: 0 }, cleanup: { low: 0, likely: 0, high: 0 } };
}

/** Adds one finding's effort to its class. */
function addEffort(totals: EffortByClass, finding: Finding): void {
  const total = totals[finding.effortClass];
  total.low += finding.effortRange?.low ?? finding.effortMinutes;
  total.likely += finding.effortMinutes;
  total.high += finding.effortRange?.high ?? finding.effortMinutes;
}

function roundTotals(totals: EffortTotals): EffortTotals {
  return { low: roundMinutes(totals.low), likely: roundMinutes(totals.likely), high: roundMinutes(totals.high) };
}

/** A finding reported apart (acknowledged in the code, generated code): listed, never counted or charged. */
function isApart(finding: Finding): boolean {
  return finding.disposition !== undefined;
}

/** Orders top objects: more required effort first, then more clean-up effort, more findings, unit id (equal inputs, equal output). */
function compareTopObjects(a: TopObject, b: TopObject): number {
  return (
    b.requiredEffortMinutes - a.requiredEffortMinutes ||
    b.cleanupEffortMinutes - a.cleanupEffortMinutes ||
    b.findings - a.findings ||
    (a.unitId < b.unitId ? -1 : a.unitId > b.unitId ? 1 : 0)
  );
}

/**
 * Totals of one unit's findings, for its DynamoDB row and for the summary. Takes findings that are already valid.
 * Findings reported apart (with a `disposition`) are counted apart and carry no effort.
 *
 * @example
 * const { findings, requiredEffortMinutes, cleanupEffortMinutes, highestSeverity } = unitTotals(unit);
 */
function unitTotals(unit: Pick<SummaryUnit, 'findings' | 'omittedFindings' | 'effortMinutes' | 'effortByClass'>): UnitTotals {
  const bySeverity = emptySeverityCounts();
  const listed = emptyEffortByClass();
  let highest: number = SEVERITIES.length;
  let charged = 0;
  let acknowledgedFindings = 0;
  let generatedFindings = 0;
  for (const finding of unit.findings) {
    if (finding.disposition === 'acknowledged') acknowledgedFindings += 1;
    else if (finding.disposition === 'generated') generatedFindings += 1;
    if (isApart(finding)) continue;
    charged += 1;
    bySeverity[finding.severity] += 1;
    addEffort(listed, finding);
    highest = Math.min(highest, SEVERITY_RANK[finding.severity]);
  }
  const omittedFindings = unit.omittedFindings ?? 0;
  // The analyzer's totals include omitted findings. Without them, the listed findings are all there is, but for an
  // effort total above theirs: that excess belongs to omitted findings of unknown class, counted as required.
  const excess = unit.effortByClass === undefined && unit.effortMinutes !== undefined ? unit.effortMinutes - listed.required.likely - listed.cleanup.likely : 0;
  if (excess > 0) {
    listed.required.low += excess;
    listed.required.likely += excess;
    listed.required.high += excess;
  }
  const effortByClass = unit.effortByClass ?? listed;
  return {
    findings: charged + omittedFindings,
    omittedFindings,
    acknowledgedFindings,
    generatedFindings,
    bySeverity,
    requiredEffortMinutes: roundMinutes(effortByClass.required.likely),
    cleanupEffortMinutes: roundMinutes(effortByClass.cleanup.likely),
    effortByClass: { required: roundTotals(effortByClass.required), cleanup: roundTotals(effortByClass.cleanup) },
    highestSeverity: highest < SEVERITIES.length ? SEVERITIES[highest] : null,
  };
}

/**
 * Builds a summary one unit at a time, so the aggregator can stream a run's results without holding every finding.
 *
 * @example
 * const summarizer = new FindingsSummarizer({ skippedFiles: skipped.length });
 * for await (const unit of readUnitResults()) summarizer.add(unit);
 * const summary = summarizer.result();
 */
class FindingsSummarizer {
  readonly #topLimit: number;
  readonly #bySeverity = emptySeverityCounts();
  readonly #impacted = emptySeverityCounts();
  readonly #byRule = new Map<string, { count: number; effortMinutes: number; effortClass: EffortClass | 'mixed' }>();
  readonly #unitIds = new Set<string>();
  readonly #effort = emptyEffortByClass();
  #top: TopObject[] = [];
  #findings = 0;
  #omitted = 0;
  #acknowledged = 0;
  #generated = 0;
  #notAnalyzed = 0;
  #loc = 0;
  #skippedFiles: number;
  readonly #notAnalyzedByReason = new Map<string, NotAnalyzedCounts>();

  public constructor(options: SummaryOptions = {}) {
    const topObjects = options.topObjects ?? DEFAULT_TOP_OBJECTS;
    if (!Number.isSafeInteger(topObjects) || topObjects < 0) throw new InvalidReportInputError('options.topObjects', 'expected a non-negative integer');
    const skipped = options.skippedFiles ?? 0;
    if (!Number.isSafeInteger(skipped) || skipped < 0) throw new InvalidReportInputError('options.skippedFiles', 'expected a non-negative integer');
    this.#topLimit = topObjects;
    this.#skippedFiles = skipped;
    for (const file of options.skipped ?? []) this.#addSkipped(file);
  }

  /**
   * Adds one unit. Throws {@link InvalidReportInputError} for a malformed unit or finding or a repeated unit id.
   *
   * @param path - where the unit sits in the caller's input, for error messages
   */
  public add(unit: SummaryUnit, path = `units[${this.#unitIds.size}]`): this {
    validateSummaryUnit(unit, path);
    if (this.#unitIds.has(unit.unitId)) throw new InvalidReportInputError(`${path}.unitId`, 'duplicates the id of an earlier unit');
    this.#unitIds.add(unit.unitId);
    this.#loc += unit.loc;
    if (unit.notAnalyzed) {
      this.#notAnalyzed += 1;
      this.#countNotAnalyzed(unit.notAnalyzed.code, { units: 1, files: Math.max(1, unit.files?.length ?? 1), lines: unit.loc });
    }
    this.#addFindings(unit.findings);
    const totals = unitTotals(unit);
    this.#findings += totals.findings;
    this.#omitted += totals.omittedFindings;
    this.#acknowledged += totals.acknowledgedFindings;
    this.#generated += totals.generatedFindings;
    for (const effortClass of Object.values(EffortClasses)) {
      this.#effort[effortClass].low += totals.effortByClass[effortClass].low;
      this.#effort[effortClass].likely += totals.effortByClass[effortClass].likely;
      this.#effort[effortClass].high += totals.effortByClass[effortClass].high;
    }
    if (totals.highestSeverity !== null) {
      for (let rank = SEVERITY_RANK[totals.highestSeverity]; rank < SEVERITIES.length; rank += 1) this.#impacted[SEVERITIES[rank]] += 1;
    }
    if (totals.findings > 0) {
      this.#offerTop({
        unitId: unit.unitId,
        findings: totals.findings,
        requiredEffortMinutes: totals.requiredEffortMinutes,
        cleanupEffortMinutes: totals.cleanupEffortMinutes,
        highestSeverity: totals.highestSeverity,
      });
    }
    return this;
  }

  /** Adds skipped files counted after construction. */
  public addSkippedFiles(count: number): this {
    if (!Number.isSafeInteger(count) || count < 0) throw new InvalidReportInputError('skippedFiles', 'expected a non-negative integer');
    this.#skippedFiles += count;
    return this;
  }

  /** Counts a skipped file in `notAnalyzed` when its reason is one that leaves code out. */
  #addSkipped(file: Pick<SkippedFile, 'reason' | 'lines'>): void {
    if (NOT_ANALYSED_SKIP_REASONS.has(file.reason)) this.#countNotAnalyzed(file.reason, { units: 0, files: 1, lines: file.lines ?? 0 });
  }

  #countNotAnalyzed(reason: string, counts: NotAnalyzedCounts): void {
    const seen = this.#notAnalyzedByReason.get(reason) ?? { units: 0, files: 0, lines: 0 };
    seen.units += counts.units;
    seen.files += counts.files;
    seen.lines += counts.lines;
    this.#notAnalyzedByReason.set(reason, seen);
  }

  #notAnalyzedSummary(): NotAnalyzedSummary {
    const reasons = [...this.#notAnalyzedByReason.entries()].sort(([a, first], [b, second]) => second.lines - first.lines || second.files - first.files || (a < b ? -1 : a > b ? 1 : 0));
    const total = { units: 0, files: 0, lines: 0 };
    for (const [, counts] of reasons) {
      total.units += counts.units;
      total.files += counts.files;
      total.lines += counts.lines;
    }
    // fromEntries: a reason is an own key whatever it is called.
    return { ...total, byReason: Object.fromEntries(reasons.map(([reason, counts]) => [reason, { ...counts }])) };
  }

  /** The summary of everything added so far. */
  public result(): FindingsSummary {
    const rules = [...this.#byRule.entries()].sort(
      ([idA, a], [idB, b]) => b.effortMinutes - a.effortMinutes || b.count - a.count || (idA < idB ? -1 : idA > idB ? 1 : 0),
    );
    // fromEntries defines own properties, so a rule id such as `__proto__` is a key like any other, not a prototype.
    const byRule: FindingsSummary['byRule'] = Object.fromEntries(
      rules.map(([ruleId, totals]) => [ruleId, { count: totals.count, effortMinutes: roundMinutes(totals.effortMinutes), effortClass: totals.effortClass }]),
    );
    const required = roundTotals(this.#effort.required);
    const cleanup = roundTotals(this.#effort.cleanup);
    return {
      findings: this.#findings,
      omittedFindings: this.#omitted,
      acknowledgedFindings: this.#acknowledged,
      generatedFindings: this.#generated,
      bySeverity: { ...this.#bySeverity },
      byRule,
      requiredEffortMinutes: required.likely,
      cleanupEffortMinutes: cleanup.likely,
      requiredEffortRange: required,
      cleanupEffortRange: cleanup,
      personDays: { required: personDays(required.likely), cleanup: personDays(cleanup.likely) },
      hoursPerPersonDay: HOURS_PER_PERSON_DAY,
      units: this.#unitIds.size,
      unitsNotAnalyzed: this.#notAnalyzed,
      linesOfCode: this.#loc,
      impactedUnits: { ...this.#impacted },
      skippedFiles: this.#skippedFiles,
      notAnalyzed: this.#notAnalyzedSummary(),
      topObjects: this.#top.map((entry) => ({ ...entry })),
    };
  }

  #addFindings(findings: ReadonlyArray<Finding>): void {
    for (const finding of findings) {
      if (isApart(finding)) continue;
      this.#bySeverity[finding.severity] += 1;
      const rule = this.#byRule.get(finding.ruleId);
      if (rule) {
        rule.count += 1;
        rule.effortMinutes += finding.effortMinutes;
        if (rule.effortClass !== finding.effortClass) rule.effortClass = 'mixed';
      } else {
        this.#byRule.set(finding.ruleId, { count: 1, effortMinutes: finding.effortMinutes, effortClass: finding.effortClass });
      }
    }
  }

  /** Keeps the N largest by insertion into a short sorted list: N is small (10), units are many. */
  #offerTop(entry: TopObject): void {
    if (this.#topLimit === 0) return;
    if (this.#top.length === this.#topLimit && compareTopObjects(entry, this.#top[this.#top.length - 1]) >= 0) return;
    let index = this.#top.length;
    while (index > 0 && compareTopObjects(entry, this.#top[index - 1]) < 0) index -= 1;
    this.#top.splice(index, 0, entry);
    if (this.#top.length > this.#topLimit) this.#top.pop();
  }
}

/**
 * Summarises a run's findings: counts by severity and by rule, the required effort (the headline) and the clean-up
 * effort beside it in minutes (low, likely, high) and person-days (8 h), findings reported apart, impacted units per
 * severity threshold, and the top objects by effort (by unit id only).
 *
 * @example
 * const summary = summarizeFindings(units, { skippedFiles: skipped.length });
 * summary.personDays.required; // 12.5
 * summary.cleanupEffortMinutes; // shown beside it, never added
 * summary.impactedUnits.major; // units with at least one blocker, critical or major finding
 */
function summarizeFindings(units: ReadonlyArray<SummaryUnit>, options: SummaryOptions = {}): FindingsSummary {
  const summarizer = new FindingsSummarizer(options);
  units.forEach((unit, index) => summarizer.add(unit, `units[${index}]`));
  return summarizer.result();
}

export type { SummaryOptions };
export { addEffort, compareTopObjects, emptyEffortByClass, emptySeverityCounts, FindingsSummarizer, isApart, personDays, roundMinutes, summarizeFindings, unitTotals };
