/**
 * Aggregate findings: the map run's results become one row per unit (sharded partition keys) and the run's
 * summary (counts by severity and rule, effort, impacted units) on the run item. Returns the summary's counts,
 * which the workflow publishes: no paths, no messages, no code.
 */
import type { S3BlobStore } from '../lib/blob';
import { InvalidEventError } from '../lib/errors';
import { summarizeFindings, unitTotals, type SeverityCounts } from '../lib/report';
import { loadRunUnits, type SplitOutcome } from '../lib/run';
import type { RunStore, UnitRow } from '../lib/store';

type AggregateFindingsEvent = {
  customerId: string;
  runId: string;
  /** ResultWriterDetails of the Analyze units map: its manifest.json. */
  mapResult: { bucket: string; key: string };
  split?: SplitOutcome;
};

/** The counts the workflow carries on and publishes. */
type RunSummary = {
  units: number;
  unitsAnalyzed: number;
  unitsFromCache: number;
  unitsFailed: number;
  unitsNotAnalyzed: number;
  loc: number;
  findings: number;
  bySeverity: SeverityCounts;
  effortMinutes: number;
  personDays: number;
  impactedUnits: SeverityCounts;
  rulePacks: string[];
  skippedFiles: number;
};

type AggregateFindingsResult = { summary: RunSummary };

type AggregateFindingsDeps = { blobs: S3BlobStore; runs: RunStore };

const requireString = (value: unknown, field: string): string => {
  if (typeof value !== 'string' || value === '') throw new InvalidEventError(field, 'must be a non-empty string');
  return value;
};

/**
 * @example
 * const { summary } = await aggregateFindings(event, { blobs, runs });
 */
const aggregateFindings = async (event: AggregateFindingsEvent, deps: AggregateFindingsDeps): Promise<AggregateFindingsResult> => {
  const customerId = requireString(event?.customerId, 'customerId');
  const runId = requireString(event?.runId, 'runId');
  const bucket = requireString(event.mapResult?.bucket, 'mapResult.bucket');
  const key = requireString(event.mapResult?.key, 'mapResult.key');

  const run = await loadRunUnits(deps.blobs, { bucket, key });
  const skippedFiles = event.split?.skipped ?? 0;
  const full = summarizeFindings(run.units, { skippedFiles });

  const rows: UnitRow[] = run.units.map((unit) => {
    const totals = unitTotals(unit);
    return {
      unitId: unit.unitId,
      path: unit.path,
      language: unit.language,
      objectType: unit.objectType,
      objectName: unit.objectName,
      loc: unit.loc,
      findings: totals.findings,
      bySeverity: totals.bySeverity,
      effortMinutes: totals.effortMinutes,
      cached: run.cachedUnitIds.has(unit.unitId),
    };
  });
  await deps.runs.putUnitRows(customerId, runId, rows);

  const unitsFailed = run.failedBatches.reduce((sum, batch) => sum + batch.unitIds.length, 0);
  const summary: RunSummary = {
    units: run.units.length + unitsFailed,
    unitsAnalyzed: run.units.length - full.unitsNotAnalyzed,
    unitsFromCache: run.cachedUnitIds.size,
    unitsFailed,
    unitsNotAnalyzed: full.unitsNotAnalyzed,
    loc: full.linesOfCode,
    findings: full.findings,
    bySeverity: full.bySeverity,
    effortMinutes: full.effort.minutes,
    personDays: full.effort.personDays,
    impactedUnits: full.impactedUnits,
    rulePacks: run.rulePacks.map((pack) => `${pack.id}@${pack.version}`),
    skippedFiles,
  };
  await deps.runs.recordSummary(
    customerId,
    runId,
    { units: summary.units, loc: summary.loc, findings: summary.findings, effortMinutes: summary.effortMinutes },
    { ...summary, byRule: full.byRule, topObjects: full.topObjects },
  );
  return { summary };
};

export { aggregateFindings };
export type { AggregateFindingsDeps, AggregateFindingsEvent, AggregateFindingsResult, RunSummary };
