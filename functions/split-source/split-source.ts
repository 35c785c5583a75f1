/**
 * Split source into units: reads the customer's uploaded archive from S3 (a zip through ranged GETs of its central
 * directory, a tar.gz as one stream), refuses hostile input, stores each distinct unit content-addressed under the
 * customer's key, and writes the JSONL unit manifest that the Distributed Map reads. The manifest is written last
 * and only when the whole archive passed: a refused archive leaves no manifest behind.
 */
import { underCustomerKey, type S3BlobStore } from '../lib/blob';
import { InvalidEventError, SourceNotFoundError } from '../lib/errors';
import { requireCustomerId, requireRunId } from '../lib/ids';
import { manifestKey, PlanLimitExceededError, splitSummaryKey, unitObjectKey, uploadPrefix, type SplitOutcome } from '../lib/run';
import { splitArchive, toManifestLine, type SplitOptions, type SplitResult } from '../lib/source';

type SplitSourceEvent = {
  customerId: string;
  runId: string;
  source: { bucket: string; key: string };
  /** The customer's key: units are written with SSE-KMS under it (a KMS key ARN; local key ids are not KMS keys). */
  customerKeyId?: string;
  /** The customer's plan limits (from the profile). */
  limits?: { maxArchiveBytes?: number; maxUnits?: number; maxLoc?: number };
};

type SplitSourceDeps = {
  blobs: S3BlobStore;
  /** The data bucket: units, manifest and summary go here. */
  bucket: string;
  splitOptions?: SplitOptions;
};

const requireString = (value: unknown, field: string): string => {
  if (typeof value !== 'string' || value === '') throw new InvalidEventError(field, 'must be a non-empty string');
  return value;
};

const checkLimit = (limit: string, allowed: number | undefined, actual: number): void => {
  if (allowed !== undefined && actual > allowed) throw new PlanLimitExceededError(limit, allowed, actual);
};

/**
 * @example
 * const outcome = await splitSource(event, { blobs, bucket: dataBucket() });
 */
const splitSource = async (event: SplitSourceEvent, deps: SplitSourceDeps): Promise<SplitOutcome> => {
  const customerId = requireCustomerId(event?.customerId, 'customerId');
  const runId = requireRunId(event.runId, 'runId');
  const sourceBucket = requireString(event.source?.bucket, 'source.bucket');
  // A run reads only the data bucket: never an archive another bucket (or account) holds.
  if (sourceBucket !== deps.bucket) throw new InvalidEventError('source.bucket', `must be the data bucket ${deps.bucket}`);
  const sourceKey = requireString(event.source?.key, 'source.key');
  // A run reads only its own customer's uploads.
  if (!sourceKey.startsWith(uploadPrefix(customerId)) || sourceKey.includes('/../')) {
    throw new InvalidEventError('source.key', `must name an object under ${uploadPrefix(customerId)}`);
  }
  // Units and the split summary (paths, reasons) are derived from the customer's code: under the customer's key.
  const customerKey = underCustomerKey(customerId, event.customerKeyId);

  const size = await deps.blobs.size(sourceBucket, sourceKey);
  if (size === undefined) throw new SourceNotFoundError(sourceBucket, sourceKey);
  checkLimit('archive bytes', event.limits?.maxArchiveBytes, size);
  const archive = await deps.blobs.ranged(sourceBucket, sourceKey);

  // The customer's stored units, listed once while the archive is read: a unit already stored (content-addressed,
  // same size) is not written again, without a HEAD request per unit.
  const stored = deps.blobs.sizes(deps.bucket, unitObjectKey(customerId, ''));
  stored.catch(() => undefined);
  let reusedUnits = 0;
  let committed: SplitResult | undefined;
  await splitArchive(
    archive,
    {
      put: async (unit, body) => {
        const key = unitObjectKey(customerId, unit.unitId);
        // Content-addressed: an object that exists holds these very bytes (from an earlier upload of this customer).
        if ((await stored).get(key) === body.length) {
          reusedUnits += 1;
          return;
        }
        await deps.blobs.put(deps.bucket, key, body, { contentType: 'application/json', ...customerKey });
      },
      commit: async (result) => {
        checkLimit('units', event.limits?.maxUnits, result.totals.units);
        checkLimit('lines of code', event.limits?.maxLoc, result.totals.loc);
        await deps.blobs.put(
          deps.bucket,
          splitSummaryKey(customerId, runId),
          JSON.stringify({ sourceKey, format: result.format, totals: result.totals, skipped: result.skipped, encodings: result.encodings }),
          { contentType: 'application/json', ...customerKey },
        );
        const lines = result.units.map(toManifestLine).join('\n');
        await deps.blobs.put(deps.bucket, manifestKey(customerId, runId), `${lines}\n`, { contentType: 'application/x-ndjson' });
        committed = result;
      },
    },
    deps.splitOptions,
  );
  const result = committed!;
  return {
    manifest: { bucket: deps.bucket, key: manifestKey(customerId, runId) },
    summaryKey: splitSummaryKey(customerId, runId),
    format: result.format,
    units: result.totals.units,
    loc: result.totals.loc,
    bytes: result.totals.bytes,
    skipped: result.totals.skipped,
    duplicates: result.totals.duplicates,
    reusedUnits,
  };
};

export { splitSource };
export type { SplitSourceDeps, SplitSourceEvent };
