/**
 * A run's report in the console: decrypted on demand with the customer's key, held in this process's memory for a
 * few minutes while a person reads it (never written anywhere in clear), and served in pieces so that a run of
 * thousands of units opens at once: the headline, the charts, rules and assessments first; the objects a page at a
 * time; one object's findings, each with its code excerpt, when it is opened.
 */
import type { Report, Finding, ObjectGroup, Severity } from '../../functions/lib/report';
import { reportCharts, type ReportCharts } from '../../functions/lib/report';
import { SEVERITY_RANK } from '../../functions/lib/report/constants';
import { readRunReport, CustomerNotOnboardedError, RunReportNotFoundError, type RunReportSources } from '../app/run-report';
import { ConsoleBadRequestError, ConsoleNotFoundError } from './errors';
import { ExcerptReader, type Excerpt, type ExcerptGap } from './excerpts';

/** Reports kept decrypted at once, and for how long after their last use. */
const CACHED_REPORTS = 3;
const CACHE_TTL_MS = 10 * 60 * 1000;
/** Rows of the long lists sent with the first view (the rest are counted). */
const LIST_ROWS = 500;

type ObjectRow = Omit<ObjectGroup, 'findings'> & { index: number; title: string };

type ReportView = {
  reportVersion: number;
  generatedAt: string;
  run: Report['run'];
  rulePacks: Report['rulePacks'];
  summary: Report['summary'] & Record<string, unknown>;
  /** Effort by class: required for the conversion, recommended clean-up beside it (never summed). */
  effortSplit: { requiredMinutes: number; cleanupMinutes: number };
  charts: ReportCharts;
  bySeverity: Report['bySeverity'];
  byRule: Report['byRule'];
  assessments: Report['assessments'];
  topObjects: Array<Report['summary']['topObjects'][number] & { index?: number; title?: string; path?: string }>;
  objects: number;
  notAnalyzedUnits: { total: number; rows: Report['notAnalyzedUnits'] };
  skippedFiles: { total: number; rows: Report['skippedFiles'] };
};

type FindingView = Finding & { index: number; excerpt: Excerpt | ExcerptGap };

type CachedReport = { report: Report; excerpts: ExcerptReader; view?: ReportView };

/** A report being decrypted or decrypted, and when it was last asked for. */
type CacheEntry = { loading: Promise<CachedReport>; usedAt: number };

const titleOf = (group: Pick<ObjectGroup, 'objectType' | 'objectName' | 'path'>): string =>
  group.objectName === undefined ? group.path : group.objectType === undefined ? group.objectName : `${group.objectType} ${group.objectName}`;

const rowOf = (group: ObjectGroup, index: number): ObjectRow => {
  const { findings: _findings, ...rest } = group;
  return { ...rest, index, title: titleOf(group) };
};

/**
 * @example
 * const reports = new ReportsView(sources);
 * const view = await reports.view('demo', 'r1');
 * const page = await reports.objects('demo', 'r1', { offset: 0, limit: 100 });
 */
class ReportsView {
  readonly #cache = new Map<string, CacheEntry>();

  public constructor(
    private readonly sources: RunReportSources,
    private readonly now: () => number = Date.now,
  ) {}

  public async view(customerId: string, runId: string): Promise<ReportView> {
    const cached = await this.#load(customerId, runId);
    cached.view ??= this.#view(cached.report);
    return cached.view;
  }

  /** A page of the objects with findings, most effort first, optionally filtered by text, severity or rule. */
  public async objects(
    customerId: string,
    runId: string,
    options: { offset?: number; limit?: number; q?: string; severity?: string; rule?: string },
  ): Promise<{ total: number; offset: number; rows: ObjectRow[] }> {
    const { report } = await this.#load(customerId, runId);
    const offset = Math.max(0, options.offset ?? 0);
    const limit = Math.min(500, Math.max(1, options.limit ?? 100));
    const text = options.q?.trim().toLowerCase();
    if (options.severity && !(options.severity in SEVERITY_RANK)) throw new ConsoleBadRequestError(`severity must be one of ${Object.keys(SEVERITY_RANK).join(', ')}`);
    const matches: ObjectRow[] = [];
    report.objects.forEach((group, index) => {
      if (text && !`${group.path} ${group.objectName ?? ''} ${group.objectType ?? ''}`.toLowerCase().includes(text)) return;
      if (options.severity && group.bySeverity[options.severity as Severity] === 0) return;
      if (options.rule && !group.findings.some((finding) => finding.ruleId === options.rule)) return;
      matches.push(rowOf(group, index));
    });
    return { total: matches.length, offset, rows: matches.slice(offset, offset + limit) };
  }

  /** One object with every finding and its code excerpt (the line marked). */
  public async object(customerId: string, runId: string, index: number): Promise<{ object: ObjectRow; findings: FindingView[] }> {
    const { report, excerpts } = await this.#load(customerId, runId);
    const group = report.objects[index];
    if (!group) throw new ConsoleNotFoundError(`Report ${runId} has no object #${index}`);
    const findings = await Promise.all(
      group.findings.map(async (finding, position) => ({ ...finding, index: position, excerpt: await excerpts.excerpt(group.unitId, finding) })),
    );
    return { object: rowOf(group, index), findings };
  }

  /** Drops every decrypted report (the console closes). */
  public clear(): void {
    this.#cache.clear();
  }

  #view(report: Report): ReportView {
    const indexById = new Map(report.objects.map((group, index) => [group.unitId, index]));
    return {
      reportVersion: report.reportVersion,
      generatedAt: report.generatedAt,
      run: report.run,
      rulePacks: report.rulePacks,
      summary: report.summary as ReportView['summary'],
      effortSplit: { requiredMinutes: report.summary.requiredEffortMinutes, cleanupMinutes: report.summary.cleanupEffortMinutes },
      // In the console, a treemap tile opens its object in the list below the charts.
      charts: reportCharts(report, { objectHref: (index) => `#object-${index}` }),
      bySeverity: report.bySeverity,
      byRule: report.byRule,
      assessments: report.assessments,
      topObjects: report.summary.topObjects.map((entry) => {
        const index = indexById.get(entry.unitId);
        const group = index === undefined ? undefined : report.objects[index];
        return { ...entry, ...(group ? { index, title: titleOf(group), path: group.path } : {}) };
      }),
      objects: report.objects.length,
      notAnalyzedUnits: { total: report.notAnalyzedUnits.length, rows: report.notAnalyzedUnits.slice(0, LIST_ROWS) },
      skippedFiles: { total: report.skippedFiles.length, rows: report.skippedFiles.slice(0, LIST_ROWS) },
    };
  }

  async #load(customerId: string, runId: string): Promise<CachedReport> {
    const now = this.now();
    for (const [key, entry] of this.#cache) if (now - entry.usedAt > CACHE_TTL_MS) this.#cache.delete(key);
    const key = JSON.stringify([customerId, runId]);
    let entry = this.#cache.get(key);
    if (entry) {
      // Most recently used last, so that the oldest goes first.
      this.#cache.delete(key);
    } else {
      const loading = readRunReport(this.sources, customerId, runId)
        .then((report) => ({ report, excerpts: new ExcerptReader(this.sources, customerId, runId) }))
        .catch((error: Error) => {
          this.#cache.delete(key);
          if (error instanceof CustomerNotOnboardedError || error instanceof RunReportNotFoundError) throw new ConsoleNotFoundError(error.message, { cause: error });
          throw error;
        });
      entry = { loading, usedAt: now };
    }
    entry.usedAt = now;
    this.#cache.set(key, entry);
    while (this.#cache.size > CACHED_REPORTS) this.#cache.delete(this.#cache.keys().next().value as string);
    return entry.loading;
  }
}

export { ReportsView };
export type { FindingView, ObjectRow, ReportView };
