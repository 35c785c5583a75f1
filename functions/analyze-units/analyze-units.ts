/**
 * Analyze units: one Distributed Map batch, which is one pack of units. Unchanged units (same content, same rule-pack
 * version) take their analysis from the customer's findings cache (one Query for the pack's slot); the pack is read
 * from S3 with one GET only if some unit is not cached, and each unit read out of it is checked against its content
 * hash. The new analyses are cached in the slot's dense item. The batch's findings, and each unit's facts for the
 * code-base phase, go to one S3 object: the pack's content-addressed findings object, which a later run of the same
 * pack takes as it is; the Map result carries ids and counts only.
 */
import { createHash } from 'node:crypto';
import { NotAnalyzedCodes, type Finding, type Unit, type UnitAnalysis } from 'analysis-engine';
import { underCustomerKey, type S3BlobStore } from '../lib/blob';
import { failedOnUnit, InvalidEventError } from '../lib/errors';
import { requireCustomerId, requireRunId } from '../lib/ids';
import type { RulePack } from '../lib/report';
import { mapLimited } from '../lib/concurrency';
import { findingsObjectKey, packFindingsPrefix, packPrefix, type BatchResult, type FindingsObject, type RunUnit } from '../lib/run';
import { PackIntegrityError, readPackedUnit, type PackLine, type UnitSummary } from '../lib/source';
import type { FindingsCache } from '../lib/store';

type AnalyzeUnitsEvent = {
  /** `customerKeyId`: the customer's key, which the batch's findings (derived from the code) are kept under. */
  BatchInput: { customerId: string; runId: string; bucket: string; customerKeyId?: string };
  /** One pack (the definition batches one item per child). */
  Items: PackLine[];
};

/**
 * A unit's analysis as cached: findings name files by their stored names, not by archive paths (which can move).
 * Facts (for the code-base phase) hold names, kinds, counts and positions; their imports are specifiers relative to
 * the file, which the code-base phase resolves on the archive paths of the run, so they stay valid when the unit
 * moves. A cache entry written without facts makes the code-base phase count that unit in size metrics only.
 */
type CachedAnalysis = Pick<UnitAnalysis, 'findings' | 'loc' | 'omittedFindings' | 'effortMinutes' | 'effortByClass' | 'notAnalyzed' | 'facts'>;

/**
 * How a pack shares its time between its units: each unit, as it is handed to the analysis, gets an equal share of
 * the pack's time left among the units that may be queued with it, so a pack's time, not its size, bounds a unit's
 * budget (see unitTimeBudget).
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
  analyze(unit: Unit, budget: { timeBudgetMs: number; deadline?: number }): Promise<UnitAnalysis> | UnitAnalysis;
  rulePackVersion: string;
  rulePacks: RulePack[];
  /** Time left before the invocation is stopped, ms (Lambda's `getRemainingTimeInMillis`). @default no deadline */
  remainingTimeMs?: () => number;
  /** @default DEFAULT_UNIT_TIME_BUDGET */
  timeBudget?: UnitTimeBudgetOptions;
  /**
   * Units handed to `analyze` at once. The sandbox sends the units waiting for it to its worker in groups, so the
   * whole pack at once costs a round trip per group instead of per unit. @default every unit of the pack
   */
  fetchConcurrency?: number;
};

/** Per-unit time: at most a minute, 20 s kept for the pack's writes, 3 s per queued unit for a worker restart. */
const DEFAULT_UNIT_TIME_BUDGET: UnitTimeBudgetOptions = { maxMs: 60_000, reserveMs: 20_000, restartMs: 3_000 };
/** Below this a unit is not started: the pack's time has run out (the unit is analysed again in the next run). */
const MIN_UNIT_TIME_BUDGET_MS = 1_000;
/** The effort of a unit that was not analysed. */
const NO_EFFORT: UnitAnalysis['effortByClass'] = { required: { low: 0, likely: 0, high: 0 }, cleanup: { low: 0, likely: 0, high: 0 } };
/**
 * Units a budget is shared with: a unit's budget is an equal share of the time left among at most this many, so a
 * pack of 500 units gets the same budget per unit as a pack of 8; the pack's deadline (passed with each unit) keeps
 * the whole pack inside its time however many are queued.
 */
const BUDGET_SHARED_WITH = 8;

/**
 * The time budget of a unit handed to the analysis when `remainingMs` are left and `queued` units (it included) may
 * be waiting in the sandbox's queue: an equal share among them of what remains after the reserve, less a worker
 * restart each, at most `maxMs`. Computed for each unit as it is handed over, so a pack of 500 units gets the same
 * budget per unit as a pack of 8 while its time lasts (a real unit takes milliseconds; docs/benchmarks.md). The
 * units are handed over together (the sandbox sends them in groups), each with the pack's deadline (the time left
 * less the reserve): no unit runs past it, and the units whose turn comes after it are reported `time-budget` without
 * starting (not cached: the next run tries them again), as are units handed over with less than
 * MIN_UNIT_TIME_BUDGET_MS, so a pack with a pathological unit ends with its other units' findings instead of timing
 * out.
 *
 * @example
 * unitTimeBudget(8, 300_000); // 32_000
 */
const unitTimeBudget = (queued: number, remainingMs: number, options: UnitTimeBudgetOptions = DEFAULT_UNIT_TIME_BUDGET): number =>
  Math.max(0, Math.min(options.maxMs, Math.floor((remainingMs - options.reserveMs) / Math.max(1, queued) - options.restartMs)));

/** Reasons that depend on the batch's budgets rather than on the unit alone. */
const UNCACHED_REASONS: ReadonlySet<string> = new Set([NotAnalyzedCodes.TIME_BUDGET, NotAnalyzedCodes.MEMORY_BUDGET]);

const requireString = (value: unknown, field: string): string => {
  if (typeof value !== 'string' || value === '') throw new InvalidEventError(field, 'must be a non-empty string');
  return value;
};

/** The work on one unit, with the unit named in whatever it fails with (the run's failure says which unit). */
const onUnit =
  <I extends UnitSummary, R>(work: (item: I) => Promise<R>) =>
  async (item: I): Promise<R> => {
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
  if (!Array.isArray(event.Items) || event.Items.length !== 1) throw new InvalidEventError('Items', 'must be one pack (a manifest line)');
  const pack = event.Items[0];
  requireString(pack?.slot, 'Items[0].slot');
  requireString(pack.key, 'Items[0].key');
  if (!pack.key.startsWith(packPrefix(customerId))) throw new InvalidEventError('Items[0].key', `must name a pack under ${packPrefix(customerId)}`);
  if (!Array.isArray(pack.units) || pack.units.length === 0) throw new InvalidEventError('Items[0].units', 'must be a non-empty array of units');
  pack.units.forEach((item, index) => requireString(item?.unitId, `Items[0].units[${index}].unitId`));

  const hits = await deps.cache.getSlot<CachedAnalysis & { names: string[] }>(customerId, deps.rulePackVersion, pack.slot);

  const toAnalyse = pack.units.filter((item) => !hits.has(item.unitId));
  const handOver = deps.fetchConcurrency ?? pack.units.length;
  const sharedWith = Math.min(handOver, BUDGET_SHARED_WITH);
  let notHandedOver = toAnalyse.length;
  const timeBudget = deps.timeBudget ?? DEFAULT_UNIT_TIME_BUDGET;
  const remainingAtStart = deps.remainingTimeMs?.();
  // No unit runs into the reserve kept for the pack's writes, however many units are handed over at once.
  const deadline = remainingAtStart === undefined ? undefined : Date.now() + remainingAtStart - timeBudget.reserveMs;
  // One GET for the whole pack, and only when some unit needs its code; a short pack is corrupt, whichever unit reads it.
  const body = toAnalyse.length === 0 ? undefined : await deps.blobs.get(bucket, pack.key);
  if (body !== undefined && body.length !== pack.bytes) {
    throw failedOnUnit(new PackIntegrityError(pack.key, `${body.length} bytes stored, ${pack.bytes} expected`), { unitId: toAnalyse[0].unitId, path: toAnalyse[0].path });
  }

  const analysed = await mapLimited(pack.units, handOver, onUnit(async (item) => {
    const hit = hits.get(item.unitId);
    if (hit) return { item, analysis: hit, names: hit.names, cached: true };
    const stored = readPackedUnit(body!, pack.key, item);
    const names = stored.files.map((file) => file.name);
    const timeBudgetMs = unitTimeBudget(Math.min(sharedWith, notHandedOver), deps.remainingTimeMs?.() ?? Number.POSITIVE_INFINITY, timeBudget);
    notHandedOver -= 1;
    if (timeBudgetMs < MIN_UNIT_TIME_BUDGET_MS) {
      const notAnalyzed = { code: NotAnalyzedCodes.TIME_BUDGET, message: 'The pack’s time ran out before this unit was analysed; it is analysed in the next run' };
      const analysis: CachedAnalysis = { findings: [], loc: item.loc, omittedFindings: 0, effortMinutes: 0, effortByClass: NO_EFFORT, notAnalyzed };
      return { item, analysis, names, cached: false };
    }
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
    }, deadline === undefined ? { timeBudgetMs } : { timeBudgetMs, deadline });
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

  // The slot's units are cached together, in one dense item (or a few), when something new was analysed. A unit
  // stopped at a budget is not: the next run may give it more time or memory.
  const budgetStopped = analysed.some((entry) => UNCACHED_REASONS.has(entry.analysis.notAnalyzed?.code ?? ''));
  const cached = async (): Promise<void> => {
    if (toAnalyse.length === 0) return;
    await deps.cache.putSlot(
      customerId,
      deps.rulePackVersion,
      pack.slot,
      analysed
        .filter((entry) => !UNCACHED_REASONS.has(entry.analysis.notAnalyzed?.code ?? ''))
        .map(({ item, analysis, names }) => ({ unitId: item.unitId, analysis: { ...analysis, names } })),
    );
  };

  const batchId = createHash('sha256')
    .update(pack.units.map((item) => item.unitId).join(','))
    .digest('hex')
    .slice(0, 24);
  // The pack's findings go where a later run of the same pack finds them, unless a unit was stopped at a budget (or
  // the split named no such place): then they belong to this run only.
  const findingsKey =
    !budgetStopped && typeof pack.findingsKey === 'string' && pack.findingsKey.startsWith(packFindingsPrefix(customerId))
      ? pack.findingsKey
      : findingsObjectKey(customerId, runId, batchId);
  const object: FindingsObject = {
    batchId,
    rulePacks: deps.rulePacks,
    units: analysed.map(({ item, analysis, names }) => toRunUnit(item, analysis, pathsByName(names, item))),
  };
  // The cache write and the findings object's PUT go out together; either failing fails the batch, once both settled.
  const writes = await Promise.allSettled([
    cached(),
    deps.blobs.put(bucket, findingsKey, JSON.stringify(object), { contentType: 'application/json', ...underCustomerKey(customerId, event.BatchInput.customerKeyId) }),
  ]);
  for (const write of writes) if (write.status === 'rejected') throw write.reason;

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
