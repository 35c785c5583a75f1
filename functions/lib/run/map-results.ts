/**
 * Reads what a Distributed Map's ResultWriter wrote: `manifest.json` (lists the SUCCEEDED, FAILED and PENDING
 * result files) and the result files themselves (arrays of child execution records whose Input and Output are
 * JSON strings), as the Step Functions guide documents the layout.
 */
import type { S3BlobStore } from '../blob';
import { MapResultsError } from './errors';
import type { BatchResult, ManifestItem } from './types';

type ResultFile = { Key: string; Size?: number };

type ResultWriterManifest = {
  DestinationBucket: string;
  MapRunArn: string;
  ResultFiles: { SUCCEEDED?: ResultFile[]; FAILED?: ResultFile[]; PENDING?: ResultFile[] };
};

type ChildRecord = { ExecutionArn?: string; Input?: string; Output?: string; Status?: string; Error?: string; Cause?: string };

/** What a failed batch's input says of each of its units (its Map item is a pack's manifest line: ids, paths, counts). */
type FailedUnit = { unitId: string; path?: string; language?: string; objectType?: string; objectName?: string; loc?: number; files?: string[] };

/**
 * A batch whose child execution did not succeed: its units are listed so the run can say which units were not
 * analysed. `status` tells a batch that failed (FAILED, TIMED_OUT) from one stopped because others had (ABORTED).
 */
type FailedBatch = { error: string; cause: string; unitIds: string[]; units: FailedUnit[]; status: string };

type MapResults = { mapRunArn: string; succeeded: BatchResult[]; failed: FailedBatch[]; pendingFiles: number };

const parseJson = <T>(text: string | undefined, where: string): T => {
  try {
    return JSON.parse(text ?? '') as T;
  } catch (error) {
    throw new MapResultsError(`${where} is not JSON`, { cause: error });
  }
};

/**
 * @example
 * const results = await readMapResults(blobs, { bucket, key: 'runs/acme/r1/map/<id>/manifest.json' });
 */
const readMapResults = async (blobs: S3BlobStore, location: { bucket: string; key: string }): Promise<MapResults> => {
  const manifest = parseJson<ResultWriterManifest>(await blobs.getText(location.bucket, location.key), location.key);
  if (!manifest.ResultFiles) throw new MapResultsError(`${location.key} has no ResultFiles`);
  const bucket = manifest.DestinationBucket ?? location.bucket;
  const read = async (file: ResultFile): Promise<ChildRecord[]> => {
    const records = parseJson<ChildRecord[]>(await blobs.getText(bucket, file.Key), file.Key);
    if (!Array.isArray(records)) throw new MapResultsError(`${file.Key} is not an array of child executions`);
    return records;
  };
  const succeeded: BatchResult[] = [];
  for (const file of manifest.ResultFiles.SUCCEEDED ?? []) {
    for (const record of await read(file)) succeeded.push(parseJson<BatchResult>(record.Output, `${file.Key} Output of ${record.ExecutionArn}`));
  }
  const failed: FailedBatch[] = [];
  for (const file of manifest.ResultFiles.FAILED ?? []) {
    for (const record of await read(file)) {
      const input = parseJson<{ Items?: ManifestItem[] }>(record.Input, `${file.Key} Input of ${record.ExecutionArn}`);
      const units = (input.Items ?? [])
        .flatMap((pack) => pack.units ?? [])
        .map(({ unitId, path, language, objectType, objectName, loc, files }) => ({ unitId, path, language, objectType, objectName, loc, files }));
      failed.push({
        error: record.Error ?? 'States.TaskFailed',
        cause: record.Cause ?? '',
        unitIds: units.map((unit) => unit.unitId),
        units,
        status: record.Status ?? 'FAILED',
      });
    }
  }
  return { mapRunArn: manifest.MapRunArn, succeeded, failed, pendingFiles: manifest.ResultFiles.PENDING?.length ?? 0 };
};

export { readMapResults };
export type { FailedBatch, FailedUnit, MapResults, ResultWriterManifest };
