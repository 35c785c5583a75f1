/**
 * Analyze units: one Distributed Map batch. Unchanged units (same content, same rule-pack version) take their
 * analysis from the customer's findings cache; the others are read from S3, checked against their content address,
 * analysed, and cached. The batch's findings, and each unit's facts for the code-base phase, go to one S3 object;
 * the Map result carries ids and counts only.
 */
import { createHash } from 'node:crypto';
import { NotAnalyzedCodes, type Finding, type Unit, type UnitAnalysis } from 'analysis-engine';
import { underCustomerKey, type S3BlobStore } from '../lib/blob';
import { failedOnUnit, InvalidEventError } from '../lib/errors';
import { requireCustomerId, requireRunId } from '../lib/ids';
import type { RulePack } from '../lib/report';
import { findingsObjectKey, unitObjectKey, type BatchResult, type FindingsObject, type RunUnit } from '../lib/run';
import { parseUnit, type UnitSummary } from '../lib/source';
import type { FindingsCache } from '../lib/store';

type AnalyzeUnitsEvent = {
  /** `customerKeyId`: the customer's key, which the batch's findings (derived from the code) are kept under. */
  BatchInput: { customerId: string; runId: string; bucket: string; customerKeyId?: string };
  Items: UnitSummary[];
};

/**
 * A unit's analysis as cached: findings name files by their stored names, not by archive paths (which can move).
 * Facts (for the code-base phase) hold names, kinds, counts and positions; their imports are specifiers relative to
 * the file, which the code-base phase resolves on the archive paths of the run, so they stay valid when the unit
 * moves. A cache entry written without facts makes the code-base phase count that unit in size metrics only.
 */
type CachedAnalysis = Pick<UnitAnalysis, 'findings' | 'loc' | 'omittedFindings' | 'effortMinutes' | 'effortByClass' | 'notAnalyzed' | 'facts'>;

/**
 * How a batch shares its time between its units. Every unit of a batch gets the same budget, fixed when the batch
 * starts: what one unit does never shortens another's.
 */
type UnitTimeBudgetOptions = {
  /** No unit gets more than this, ms. */
  maxMs: number;
  /** Kept back for reading, caching and writing the batch's results, ms. */
  reserveMs: number;
  /** Allowed per unit for starting a fresh analysis worker after a unit was stopped, ms. */
  restartMs: number;
};

type AnalyzeUnitsDeps = {
  blobs: S3BlobStore;
  cache: FindingsCache;
  /**
   * Analyses one unit within a time budget. A unit that cannot be analysed comes back with a `notAnalyzed` reason;
   * a rejection means the analysis itself is broken and fails the batch.
   */
  analyze(unit: Unit, budget: { timeBudgetMs: number }): Promise<UnitAnalysis> | UnitAnalysis;
  rulePackVersion: string;
  rulePacks: RulePack[];
  /** Time left before the invocation is stopped, ms (Lambda's `getRemainingTimeInMillis`). @default no deadline */
  remainingTimeMs?: () => number;
  /** @default DEFAULT_UNIT_TIME_BUDGET */
  timeBudget?: UnitTimeBudgetOptions;
  /** Unit objects fetched from S3 at once. @default 8 */
  fetchConcurrency?: number;
};

/** Per-unit time of a batch: at most a minute, 20 s kept for the batch's writes, 3 s per unit for a worker restart. */
const DEFAULT_UNIT_TIME_BUDGET: UnitTimeBudgetOptions = { maxMs: 60_000, reserveMs: 20_000, restartMs: 3_000 };
/** A budget never drops below this: with less, the batch is too large for its function's timeout. */
const MIN_UNIT_TIME_BUDGET_MS = 1_000;

/**
 * The time budget of each unit of a batch of `units`, when `remainingMs` are left: an equal share of what remains
 * after the reserve, less a worker restart, at most `maxMs`. If every unit of the batch used its whole budget and
 * forced a restart, the batch would still end inside the function's timeout. With the template's 300 s and batches
 * of 25 that is 8.2 s per unit; a real unit takes well under one (docs/benchmarks.md).
 *
 * @example
 * unitTimeBudget(25, 300_000); // 8_200
 */
const unitTimeBudget = (units: number, remainingMs: number, options: UnitTimeBudgetOptions = DEFAULT_UNIT_TIME_BUDGET): number => {
  const share = Math.floor((remainingMs - options.reserveMs) / Math.max(1, units) - options.restartMs);
  return Math.max(MIN_UNIT_TIME_BUDGET_MS, Math.min(options.maxMs, share));
};

/** Reasons that depend on the batch's budgets rather than on the unit alone. */
const UNCACHED_REASONS: ReadonlySet<string> = new Set([NotAnalyzedCodes.TIME_BUDGET, NotAnalyzedCodes.MEMORY_BUDGET]);

const requireString = (value: unknown, field: string): string => {
  if (typeof value !== 'string' || value === '') throw new InvalidEventError(field, 'must be a non-empty string');
  return value;
};

/** Runs `work` over `items` with at most `limit` in flight, keeping order. */
const mapLimited = async <T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> => {
  const results = new Array<R>(items.length);
  let next = 0;
  // A limit below 1 would start no lane and leave every result undefined.
  const lanes = Array.from({ length: Math.min(Math.max(1, Math.floor(limit) || 1), items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]);
    }
  });
  await Promise.all(lanes);
  return results;
};

/** The work on one unit, with the unit named in whatever it fails with (the run's failure says which unit). */
const onUnit =
  <R>(work: (item: UnitSummary) => Promise<R>) =>
  async (item: UnitSummary): Promise<R> => {
    try {
      return await work(item);
    } catch (error) {
      throw failedOnUnit(error, { unitId: item.unitId, path: item.path });
    }
  };

/** Archive path of each stored file name: the manifest lists paths in the stored files' name order. */
const pathsByName = (names: readonly string[], item: UnitSummary): Map<string, string> =>
  new Map(names.map((name, index) => [name, item.files[index] ?? item.path]));

const toRunUnit = (item: UnitSummary, analysis: CachedAnalysis, names: Map<string, string>): RunUnit => ({
  unitId: item.unitId,
  path: item.path,
  language: item.language,
  objectType: item.objectType,
  objectName: item.objectName,
  loc: item.loc,
  files: item.files,
  findings: analysis.findings.map((finding: Finding) => ({ ...finding, file: names.get(finding.file) ?? finding.file })),
  omittedFindings: analysis.omittedFindings,
  effortMinutes: analysis.effortMinutes,
  effortByClass: analysis.effortByClass,
  ...(analysis.notAnalyzed ? { notAnalyzed: analysis.notAnalyzed } : {}),
  ...(analysis.facts === undefined ? {} : { facts: analysis.facts }),
});

/**
 * @example
 * const result = await analyzeUnits(event, { blobs, cache, analyze: analyzeUnit, rulePackVersion: RULE_PACK_VERSION, rulePacks });
 */
const analyzeUnits = async (event: AnalyzeUnitsEvent, deps: AnalyzeUnitsDeps): Promise<BatchResult> => {
  const customerId = requireCustomerId(event?.BatchInput?.customerId, 'BatchInput.customerId');
  const runId = requireRunId(event.BatchInput.runId, 'BatchInput.runId');
  const bucket = requireString(event.BatchInput.bucket, 'BatchInput.bucket');
  if (!Array.isArray(event.Items) || event.Items.length === 0) throw new InvalidEventError('Items', 'must be a non-empty array of units');
  event.Items.forEach((item, index) => requireString(item?.unitId, `Items[${index}].unitId`));

  const hits = await deps.cache.getMany<CachedAnalysis & { names: string[] }>(
    customerId,
    deps.rulePackVersion,
    event.Items.map((item) => item.unitId),
  );

  const toAnalyse = event.Items.filter((item) => !hits.has(item.unitId)).length;
  const timeBudgetMs = unitTimeBudget(toAnalyse, deps.remainingTimeMs?.() ?? Number.POSITIVE_INFINITY, deps.timeBudget);

  const analysed = await mapLimited(event.Items, deps.fetchConcurrency ?? 8, onUnit(async (item) => {
    const hit = hits.get(item.unitId);
    if (hit) return { item, analysis: hit, names: hit.names, cached: true };
    const stored = parseUnit(await deps.blobs.get(bucket, unitObjectKey(customerId, item.unitId)), item.unitId);
    const names = stored.files.map((file) => file.name);
    const result = await deps.analyze({
      unitId: item.unitId,
      language: stored.language,
      objectType: stored.objectType,
      objectName: stored.objectName,
      path: item.path,
      // The analyzer sees stored names as paths: its findings stay valid wherever the unit sits in a later archive.
      files: stored.files.map((file) => ({ path: file.name, name: file.name, text: file.text })),
      ...(stored.context === undefined ? {} : { context: stored.context.map((file) => ({ path: file.name, name: file.name, text: file.text })) }),
      loc: item.loc,
    }, { timeBudgetMs });
    const analysis: CachedAnalysis = {
      findings: result.findings,
      loc: result.loc,
      omittedFindings: result.omittedFindings,
      effortMinutes: result.effortMinutes,
      effortByClass: result.effortByClass,
      ...(result.notAnalyzed ? { notAnalyzed: result.notAnalyzed } : {}),
      ...(result.facts === undefined ? {} : { facts: result.facts }),
    };
    return { item, analysis, names, cached: false };
  }));

  // The new analyses are cached together: 25 per batch write instead of a request per unit. A unit stopped at a
  // budget is not: the next run may give it more time or memory.
  await deps.cache.putMany(
    customerId,
    deps.rulePackVersion,
    analysed
      .filter((entry) => !entry.cached && !UNCACHED_REASONS.has(entry.analysis.notAnalyzed?.code ?? ''))
      .map(({ item, analysis, names }) => ({ unitId: item.unitId, analysis: { ...analysis, names } })),
  );

  const batchId = createHash('sha256')
    .update(event.Items.map((item) => item.unitId).join(','))
    .digest('hex')
    .slice(0, 24);
  const findingsKey = findingsObjectKey(customerId, runId, batchId);
  const object: FindingsObject = {
    batchId,
    rulePacks: deps.rulePacks,
    units: analysed.map(({ item, analysis, names }) => toRunUnit(item, analysis, pathsByName(names, item))),
  };
  await deps.blobs.put(bucket, findingsKey, JSON.stringify(object), { contentType: 'application/json', ...underCustomerKey(customerId, event.BatchInput.customerKeyId) });

  return {
    batchId,
    findingsKey,
    rulePackVersion: deps.rulePackVersion,
    units: analysed.map(({ item, analysis, cached }) => ({
      unitId: item.unitId,
      loc: item.loc,
      findings: analysis.findings.length + analysis.omittedFindings,
      effortMinutes: analysis.effortMinutes,
      cached,
      ...(analysis.notAnalyzed ? { notAnalyzed: analysis.notAnalyzed.code } : {}),
    })),
  };
};

export { analyzeUnits, DEFAULT_UNIT_TIME_BUDGET, mapLimited, unitTimeBudget };
export type { AnalyzeUnitsDeps, AnalyzeUnitsEvent, CachedAnalysis, UnitTimeBudgetOptions };
