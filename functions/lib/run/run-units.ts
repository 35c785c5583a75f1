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

/**
 * @example
 * const { units, failedBatches } = await loadRunUnits(blobs, event.mapResult, event.split);
 */
const loadRunUnits = async (
  blobs: S3BlobStore,
  mapResult: { bucket: string; key: string } | null | undefined,
  split?: Pick<SplitOutcome, 'manifest' | 'packsKey'>,
): Promise<RunUnits> => {
  // No map result: the map did not run, because every pack's findings were known.
  const results = mapResult ? await readMapResults(blobs, mapResult) : { mapRunArn: '', succeeded: [], failed: [] };
  const bucket = mapResult?.bucket ?? split?.manifest.bucket ?? '';
  const known = await knownPacks(blobs, split);
  const sources = [
    ...results.succeeded.map((batch) => ({ findingsKey: batch.findingsKey, cached: batch.units.filter((outcome) => outcome.cached).map((outcome) => outcome.unitId) })),
    ...known.map((pack) => ({ findingsKey: pack.findingsKey, cached: pack.units.map((unit) => unit.unitId) })),
  ];
  const objects = await mapLimited(sources, READ_CONCURRENCY, (source) => blobs.getJson<FindingsObject>(bucket, source.findingsKey));
  const units: RunUnit[] = [];
  const rulePacks = new Map<string, RulePack>();
  const cachedUnitIds = new Set<string>();
  objects.forEach((object, index) => {
    units.push(...object.units);
    for (const pack of object.rulePacks) rulePacks.set(`${pack.id}@${pack.version}`, pack);
    for (const unitId of sources[index].cached) cachedUnitIds.add(unitId);
  });
  return { mapRunArn: results.mapRunArn, units, rulePacks: [...rulePacks.values()], cachedUnitIds, failedBatches: results.failed };
};

export { loadRunUnits, optionalMapResult };
export type { FindingsObject, RunUnits };
