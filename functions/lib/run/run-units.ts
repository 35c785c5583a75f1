/**
 * A run's analysed units with their findings, gathered from the map results and the batches' findings objects;
 * what both the aggregation and the report start from.
 */
import type { S3BlobStore } from '../blob';
import type { RulePack } from '../report';
import { readMapResults, type FailedBatch } from './map-results';
import type { RunUnit } from './types';

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

/**
 * @example
 * const { units, failedBatches } = await loadRunUnits(blobs, event.mapResult);
 */
const loadRunUnits = async (blobs: S3BlobStore, mapResult: { bucket: string; key: string }): Promise<RunUnits> => {
  const results = await readMapResults(blobs, mapResult);
  const units: RunUnit[] = [];
  const rulePacks = new Map<string, RulePack>();
  const cachedUnitIds = new Set<string>();
  for (const batch of results.succeeded) {
    const object = await blobs.getJson<FindingsObject>(mapResult.bucket, batch.findingsKey);
    units.push(...object.units);
    for (const pack of object.rulePacks) rulePacks.set(`${pack.id}@${pack.version}`, pack);
    for (const outcome of batch.units) if (outcome.cached) cachedUnitIds.add(outcome.unitId);
  }
  return { mapRunArn: results.mapRunArn, units, rulePacks: [...rulePacks.values()], cachedUnitIds, failedBatches: results.failed };
};

export { loadRunUnits };
export type { FindingsObject, RunUnits };
