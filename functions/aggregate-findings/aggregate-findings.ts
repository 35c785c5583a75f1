/**
 * Aggregate findings: the map run's results, with the code-base phase's cross-file findings merged in, become one
 * row per unit (sharded partition keys) and the run's summary (counts by severity and rule, effort, impacted units,
 * the migration assessment per rule pack) on the run item. Returns the summary's counts, which the workflow
 * publishes: no paths, no messages, no code.
 */
import type { S3BlobStore } from '../lib/blob';
import { InvalidEventError } from '../lib/errors';
import { requireCustomerId, requireRunId } from '../lib/ids';
import type { EffortTotals, MigrationApproach, NotAnalyzedSummary, ReportAssessment, SeverityCounts } from '../lib/report';
import { optionalMapResult, readSplitSummary, runSources, type AssessRunOptions, type SplitOutcome } from '../lib/run';
import { runResultPart, type RunResultSummary } from '../lib/run/run-result';
import type { RunStore, UnitRow } from '../lib/store';

type AggregateFindingsEvent = {
  customerId: string;
  runId: string;
  /** ResultWriterDetails of the Analyze units map: its manifest.json; null when the map did not run (every pack's findings were known). */
  mapResult?: { bucket: string; key: string } | null;
  split?: SplitOutcome;
  /**
   * The customer's key: the run's result (what the summary and the report are built from) is kept under it for the
   * next run with the same findings. Without it the result is built and not kept.
   */
  customerKeyId?: string;
};

/** A rule pack's code-base assessment in the summary: the recommendation's figures and a count, no text. */
type AssessmentSummary = {
  /** `id@version` of the rule pack. */
  rulePack: string;
  /** Absent when the pack gives no recommendation (then so are score and threshold). */
  approach?: MigrationApproach;
  score?: number;
  threshold?: number;
  /** Cross-file findings the code-base phase placed in units (they count in `findings` too). */
  codebaseFindings: number;
};

/** The counts the workflow carries on and publishes. */
type RunSummary = {
  units: number;
  unitsAnalyzed: number;
  unitsFromCache: number;
  unitsFailed: number;
  unitsNotAnalyzed: number;
  loc: number;
  /** Findings that carry effort (those reported apart are counted below). */
  findings: number;
  /** Findings acknowledged in the code by a pragma or pseudo comment: reported apart, no effort. */
  acknowledgedFindings: number;
  /** Findings in generated code: reported apart, no effort. */
  generatedFindings: number;
  bySeverity: SeverityCounts;
  /** The headline: effort required for the conversion, whole minutes (the likely value). */
  requiredEffortMinutes: number;
  /** Recommended clean-up effort, whole minutes: beside the headline, never added to it. */
  cleanupEffortMinutes: number;
  requiredEffortRange: EffortTotals;
  cleanupEffortRange: EffortTotals;
  /** Both efforts in person-days of 8 hours. */
  personDays: { required: number; cleanup: number };
  /** Units with a finding that carries effort at or above each severity. */
  impactedUnits: SeverityCounts;
  rulePacks: string[];
  skippedFiles: number;
  /**
   * What was not analysed, by reason (units stopped or refused by the analysis, units of failed batches, source files
   * the splitter could not read): the headline next to findings and effort. Summaries recorded before it lack it.
   */
  notAnalyzed?: NotAnalyzedSummary;
  /**
   * One per rule pack with a code-base phase that had units of its languages (empty for an ABAP-only run).
   * aggregateFindings always sets it; optional because summaries recorded before code-base assessments lack it.
   */
  assessments?: AssessmentSummary[];
};

/** `resultReused`: the summary came from an earlier run with the same findings (nothing was read pack by pack). */
type AggregateFindingsResult = { summary: RunSummary; resultReused: boolean };

type AggregateFindingsDeps = {
  blobs: S3BlobStore;
  runs: RunStore;
  /** The code-base phase. @default the analysis engine's assessCodebase */
  assess?: AssessRunOptions['assess'];
};

const requireString = (value: unknown, field: string): string => {
  if (typeof value !== 'string' || value === '') throw new InvalidEventError(field, 'must be a non-empty string');
  return value;
};

const summarizeAssessment = (assessment: ReportAssessment): AssessmentSummary => ({
  rulePack: `${assessment.rulePack.id}@${assessment.rulePack.version}`,
  ...(assessment.recommendation === undefined
    ? {}
    : { approach: assessment.recommendation.approach, score: assessment.recommendation.score, threshold: assessment.recommendation.threshold }),
  codebaseFindings: assessment.findings,
});

/**
 * @example
 * const { summary } = await aggregateFindings(event, { blobs, runs });
 */
const aggregateFindings = async (event: AggregateFindingsEvent, deps: AggregateFindingsDeps): Promise<AggregateFindingsResult> => {
  const customerId = requireCustomerId(event?.customerId, 'customerId');
  const runId = requireRunId(event?.runId, 'runId');
  const mapResult = optionalMapResult(event.mapResult);
  if (mapResult === undefined && event.split?.packsKey === undefined) throw new InvalidEventError('mapResult', 'must name the map result when the split names no pack index');

  const [run, split] = await Promise.all([runSources(deps.blobs, mapResult, event.split), event.split?.summaryKey === undefined ? undefined : readSplitSummary(deps.blobs, event.split)]);
  const skippedFiles = event.split?.skipped ?? 0;
  // The report step reads the same result, so the report's totals and these agree.
  const { json, reused } = await runResultPart(
    deps.blobs,
    { customerId, run, split: split ?? { skipped: [] }, skippedFiles },
    'summary',
    { assess: deps.assess, ...(event.customerKeyId === undefined ? {} : { storeUnderKey: event.customerKeyId }) },
  );
  const result = JSON.parse(json) as RunResultSummary;
  const full = result.findings;
  const assessments = result.assessments;
  // Which units came from the cache is the run's own: the stored rows do not say it.
  const rows: UnitRow[] = result.rows.map((row) => ({ ...row, cached: run.cachedUnitIds.has(row.unitId) }));
  await deps.runs.putUnitRows(customerId, runId, rows);

  const unitsFailed = run.failedBatches.reduce((sum, batch) => sum + batch.unitIds.length, 0);
  const summary: RunSummary = {
    units: rows.length + unitsFailed,
    unitsAnalyzed: rows.length + unitsFailed - full.unitsNotAnalyzed,
    unitsFromCache: run.cachedUnitIds.size,
    unitsFailed,
    unitsNotAnalyzed: full.unitsNotAnalyzed - unitsFailed,
    notAnalyzed: full.notAnalyzed,
    loc: full.linesOfCode,
    findings: full.findings,
    acknowledgedFindings: full.acknowledgedFindings,
    generatedFindings: full.generatedFindings,
    bySeverity: full.bySeverity,
    requiredEffortMinutes: full.requiredEffortMinutes,
    cleanupEffortMinutes: full.cleanupEffortMinutes,
    requiredEffortRange: full.requiredEffortRange,
    cleanupEffortRange: full.cleanupEffortRange,
    personDays: full.personDays,
    impactedUnits: full.impactedUnits,
    rulePacks: result.rulePacks.map((pack) => `${pack.id}@${pack.version}`),
    skippedFiles,
    assessments: assessments.map(summarizeAssessment),
  };
  // The run item keeps the reasons and metrics too (plain words and counts, no code): the API and `npm start` show them.
  const storedAssessments = assessments.map((assessment) => ({
    ...summarizeAssessment(assessment),
    ...(assessment.recommendation === undefined ? {} : { reasons: assessment.recommendation.reasons }),
    ...(assessment.notApplicable === undefined ? {} : { notApplicable: assessment.notApplicable }),
    metrics: assessment.metrics,
  }));
  await deps.runs.recordSummary(
    customerId,
    runId,
    {
      units: summary.units,
      loc: summary.loc,
      findings: summary.findings,
      requiredEffortMinutes: summary.requiredEffortMinutes,
      cleanupEffortMinutes: summary.cleanupEffortMinutes,
    },
    { ...summary, byRule: full.byRule, topObjects: full.topObjects, assessments: storedAssessments },
  );
  return { summary, resultReused: reused };
};

export { aggregateFindings };
export type { AggregateFindingsDeps, AggregateFindingsEvent, AggregateFindingsResult, AssessmentSummary, RunSummary };
