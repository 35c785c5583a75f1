/**
 * A run's analysed units with their findings, gathered from the map results and the batches' findings objects, and
 * from the findings objects of the packs split found already analysed; what both the aggregation and the report
 * start from.
 */
import type { S3BlobStore } from '../blob';
import type { RulePack } from '../report';
import { mapLimited } from '../concurrency';
import { InvalidEventError } from '../errors';
import type { PackLine } from '../source/packs';
import { readMapResults, type FailedBatch } from './map-results';
import type { RunUnit, SplitOutcome } from './types';

/** The findings object one analysis batch writes (see layout.findingsObjectKey). */
type FindingsObject = { batchId: string; rulePacks: RulePack[]; units: RunUnit[] };

type RunUnits = {
  mapRunArn: string;
  /** Units with their own findings and facts, in batch order; code-base findings are not merged yet (see assessRun). */
  units: RunUnit[];
  rulePacks: RulePack[];
  /** Unit ids whose units were served from the findings cache. */
  cachedUnitIds: Set<string>;
  /** Batches that failed within the tolerated share. */
  failedBatches: FailedBatch[];
};

/** Findings objects read at once. */
const READ_CONCURRENCY = 8;

/**
 * The packs of a run whose findings were known before it (split left them out of the map), from the run's pack index.
 * Runs split before packs have no index: none.
 */
const knownPacks = async (blobs: S3BlobStore, split: Pick<SplitOutcome, 'manifest' | 'packsKey'> | undefined): Promise<PackLine[]> => {
  if (split?.packsKey === undefined) return [];
  const text = await blobs.getText(split.manifest.bucket, split.packsKey);
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as PackLine & { known?: boolean })
    .filter((pack) => pack.known === true);
};

/**
 * The map result a step was given: undefined when the map did not run (null or absent), else its bucket and key.
 *
 * @throws InvalidEventError when it is given without a bucket and key
 */
const optionalMapResult = (value: unknown): { bucket: string; key: string } | undefined => {
  if (value === null || value === undefined) return undefined;
  const { bucket, key } = value as { bucket?: unknown; key?: unknown };
  if (typeof bucket !== 'string' || bucket === '') throw new InvalidEventError('mapResult.bucket', 'must be a non-empty string');
  if (typeof key !== 'string' || key === '') throw new InvalidEventError('mapResult.key', 'must be a non-empty string');
  return { bucket, key };
};

/** One findings object a run reads, and the units in it that came from an earlier run's analysis. */
type RunSource = { findingsKey: string; cached: string[] };

/** Where a run's findings are, without reading them: the map's batches and the packs known before the run. */
type RunSources = {
  mapRunArn: string;
  bucket: string;
  sources: RunSource[];
  /** Unit ids whose units were served from the findings cache or an earlier run's pack findings. */
  cachedUnitIds: Set<string>;
  failedBatches: FailedBatch[];
};

/**
 * @example
 * const { sources, failedBatches } = await runSources(blobs, event.mapResult, event.split);
 */
const runSources = async (
  blobs: S3BlobStore,
  mapResult: { bucket: string; key: string } | null | undefined,
  split?: Pick<SplitOutcome, 'manifest' | 'packsKey'>,
): Promise<RunSources> => {
  // No map result: the map did not run, because every pack's findings were known.
  const [results, known] = await Promise.all([mapResult ? readMapResults(blobs, mapResult) : { mapRunArn: '', succeeded: [], failed: [] }, knownPacks(blobs, split)]);
  const sources: RunSource[] = [
    ...results.succeeded.map((batch) => ({ findingsKey: batch.findingsKey, cached: batch.units.filter((outcome) => outcome.cached).map((outcome) => outcome.unitId) })),
    ...known.map((pack) => ({ findingsKey: pack.findingsKey, cached: pack.units.map((unit) => unit.unitId) })),
  ];
  return {
    mapRunArn: results.mapRunArn,
    bucket: mapResult?.bucket ?? split?.manifest.bucket ?? '',
    sources,
    cachedUnitIds: new Set(sources.flatMap((source) => source.cached)),
    failedBatches: results.failed,
  };
};

/**
 * Reads a run's findings objects: its units in batch order and the rule packs they were analysed with.
 *
 * @example
 * const { units, rulePacks } = await readRunUnits(blobs, await runSources(blobs, mapResult, split));
 */
const readRunUnits = async (blobs: S3BlobStore, run: Pick<RunSources, 'bucket' | 'sources'>): Promise<Pick<RunUnits, 'units' | 'rulePacks'>> => {
  const objects = await mapLimited(run.sources, READ_CONCURRENCY, (source) => blobs.getJson<FindingsObject>(run.bucket, source.findingsKey));
  const units: RunUnit[] = [];
  const rulePacks = new Map<string, RulePack>();
  for (const object of objects) {
    units.push(...object.units);
    for (const pack of object.rulePacks) rulePacks.set(`${pack.id}@${pack.version}`, pack);
  }
  return { units, rulePacks: [...rulePacks.values()] };
};

/**
 * @example
 * const { units, failedBatches } = await loadRunUnits(blobs, event.mapResult, event.split);
 */
const loadRunUnits = async (
  blobs: S3BlobStore,
  mapResult: { bucket: string; key: string } | null | undefined,
  split?: Pick<SplitOutcome, 'manifest' | 'packsKey'>,
): Promise<RunUnits> => {
  const sources = await runSources(blobs, mapResult, split);
  const { units, rulePacks } = await readRunUnits(blobs, sources);
  return { mapRunArn: sources.mapRunArn, units, rulePacks, cachedUnitIds: sources.cachedUnitIds, failedBatches: sources.failedBatches };
};

export { loadRunUnits, optionalMapResult, readRunUnits, runSources };
export type { FindingsObject, RunSource, RunSources, RunUnits };
