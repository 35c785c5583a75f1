/**
 * The run summary: counts by severity and rule, effort, impacted units and the top objects by effort. It holds counts
 * and rule ids only, because it goes to DynamoDB and into the `Analysis Report Published` event.
 */
import { DEFAULT_TOP_OBJECTS, HOURS_PER_PERSON_DAY, MINUTES_PER_PERSON_DAY, NOT_ANALYSED_SKIP_REASONS, SEVERITIES, SEVERITY_RANK } from './constants';
import { InvalidReportInputError } from './errors';
import type { Finding, FindingsSummary, NotAnalyzedCounts, NotAnalyzedSummary, SeverityCounts, SkippedFile, SummaryUnit, UnitTotals } from './types';
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

/** Effort sums are rounded to hundredths so float noise (0.1 + 0.2) never shows in stored totals. */
function roundMinutes(value: number): number {
  return Math.round(value * 100) / 100;
}

/** A count of zero for every severity, so stored counts always carry all five keys. */
function emptySeverityCounts(): SeverityCounts {
  return { blocker: 0, critical: 0, major: 0, minor: 0, info: 0 };
}

/** Orders top objects: more effort first, then more findings, then unit id (so equal inputs give equal output). */
function compareTopObjects(a: TopObject, b: TopObject): number {
  return b.effortMinutes - a.effortMinutes || b.findings - a.findings || (a.unitId < b.unitId ? -1 : a.unitId > b.unitId ? 1 : 0);
}

/**
 * Totals of one unit's findings, for its DynamoDB row and for the summary. Takes findings that are already valid.
 *
 * @example
 * const { findings, effortMinutes, highestSeverity } = unitTotals(unit);
 */
function unitTotals(unit: Pick<SummaryUnit, 'findings' | 'omittedFindings' | 'effortMinutes'>): UnitTotals {
  const bySeverity = emptySeverityCounts();
  let listedEffort = 0;
  let highest: number = SEVERITIES.length;
  for (const finding of unit.findings) {
    bySeverity[finding.severity] += 1;
    listedEffort += finding.effortMinutes;
    highest = Math.min(highest, SEVERITY_RANK[finding.severity]);
  }
  const omittedFindings = unit.omittedFindings ?? 0;
  return {
    findings: unit.findings.length + omittedFindings,
    omittedFindings,
    bySeverity,
    effortMinutes: roundMinutes(unit.effortMinutes ?? listedEffort),
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
  readonly #byRule = new Map<string, { count: number; effortMinutes: number }>();
  readonly #unitIds = new Set<string>();
  #top: TopObject[] = [];
  #findings = 0;
  #omitted = 0;
  #effort = 0;
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
    this.#effort += totals.effortMinutes;
    if (totals.highestSeverity !== null) {
      for (let rank = SEVERITY_RANK[totals.highestSeverity]; rank < SEVERITIES.length; rank += 1) this.#impacted[SEVERITIES[rank]] += 1;
    }
    if (totals.findings > 0) this.#offerTop({ unitId: unit.unitId, findings: totals.findings, effortMinutes: totals.effortMinutes, highestSeverity: totals.highestSeverity });
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
      rules.map(([ruleId, totals]) => [ruleId, { count: totals.count, effortMinutes: roundMinutes(totals.effortMinutes) }]),
    );
    const minutes = roundMinutes(this.#effort);
    return {
      findings: this.#findings,
      omittedFindings: this.#omitted,
      bySeverity: { ...this.#bySeverity },
      byRule,
      effort: { minutes, personDays: Math.round((minutes / MINUTES_PER_PERSON_DAY) * 100) / 100, hoursPerPersonDay: HOURS_PER_PERSON_DAY },
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
      this.#bySeverity[finding.severity] += 1;
      const rule = this.#byRule.get(finding.ruleId);
      if (rule) {
        rule.count += 1;
        rule.effortMinutes += finding.effortMinutes;
      } else {
        this.#byRule.set(finding.ruleId, { count: 1, effortMinutes: finding.effortMinutes });
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
 * Summarises a run's findings: counts by severity and by rule, effort in minutes and person-days (8 h), impacted units
 * per severity threshold, and the top objects by effort (by unit id only).
 *
 * @example
 * const summary = summarizeFindings(units, { skippedFiles: skipped.length });
 * summary.effort.personDays; // 12.5
 * summary.impactedUnits.major; // units with at least one blocker, critical or major finding
 */
function summarizeFindings(units: ReadonlyArray<SummaryUnit>, options: SummaryOptions = {}): FindingsSummary {
  const summarizer = new FindingsSummarizer(options);
  units.forEach((unit, index) => summarizer.add(unit, `units[${index}]`));
  return summarizer.result();
}

export type { SummaryOptions };
export { compareTopObjects, emptySeverityCounts, FindingsSummarizer, roundMinutes, summarizeFindings, unitTotals };
