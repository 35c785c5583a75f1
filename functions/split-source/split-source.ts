/**
 * Split source into units: reads the customer's uploaded archive from S3 (a zip through ranged GETs of its central
 * directory, a tar.gz as one stream), refuses hostile input, groups the distinct units into packs by content hash
 * (functions/lib/source/packs.ts), stores each pack content-addressed under the customer's key, and writes the JSONL
 * manifest of packs that the Distributed Map reads: one item per pack, leaving out packs whose findings an earlier
 * run already produced. The manifest is written last and only when the whole archive passed: a refused archive
 * leaves no manifest behind.
 */
import { createHash } from 'node:crypto';
import { underCustomerKey, type S3BlobStore } from '../lib/blob';
import { InvalidEventError, SourceNotFoundError } from '../lib/errors';
import { requireCustomerId, requireRunId } from '../lib/ids';
import { mapLimited } from '../lib/concurrency';
import { manifestKey, packFindingsKey, packFindingsPrefix, packObjectKey, packPrefix, packsIndexKey, PlanLimitExceededError, splitSummaryKey, uploadPrefix, type SplitOutcome } from '../lib/run';
import { PACK_DEFAULTS, packUnits, planPacks, splitArchive, type PackLine, type SplitOptions, type SplitResult } from '../lib/source';

type SplitSourceEvent = {
  customerId: string;
  runId: string;
  source: { bucket: string; key: string };
  /** The customer's key: units are written with SSE-KMS under it (a KMS key ARN; local key ids are not KMS keys). */
  customerKeyId?: string;
  /** The customer's plan limits (from the profile). */
  limits?: { maxArchiveBytes?: number; maxUnits?: number; maxLoc?: number };
  /** Most units one map batch (one pack) holds: the run's `maxItemsPerBatch` option, else the template's. */
  maxItemsPerBatch?: number;
};

type SplitSourceDeps = {
  blobs: S3BlobStore;
  /** The data bucket: units, manifest and summary go here. */
  bucket: string;
  splitOptions?: SplitOptions;
  /** The deployed rule packs' version: packs whose findings are known under it are not analysed again. */
  rulePackVersion?: string;
};

/** Packs written at once. */
const PACK_WRITE_CONCURRENCY = 8;

/** Units per pack: the run's batch size when it is a positive integer, else the default. */
const packMaxUnits = (maxItemsPerBatch: unknown): number =>
  typeof maxItemsPerBatch === 'number' && Number.isInteger(maxItemsPerBatch) && maxItemsPerBatch >= 1 ? maxItemsPerBatch : PACK_DEFAULTS.maxUnits;

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

  // The customer's stored packs and known pack findings, listed once while the archive is read (a LIST per 1,000
  // keys): a pack already stored (content-addressed, same size) is not written again, and a pack whose findings are
  // known under the deployed rule packs is not analysed again.
  const storedPacks = deps.blobs.sizes(deps.bucket, packPrefix(customerId));
  const knownFindings = deps.rulePackVersion === undefined ? Promise.resolve(new Map<string, number>()) : deps.blobs.sizes(deps.bucket, packFindingsPrefix(customerId));
  storedPacks.catch(() => undefined);
  knownFindings.catch(() => undefined);
  const bodies = new Map<string, Buffer>();
  let committed: { result: SplitResult; packs: number; cachedPacks: number; reusedPacks: number } | undefined;
  await splitArchive(
    archive,
    {
      // Bodies are kept until the archive is read: which units share a pack depends on all of them.
      put: async (unit, body) => {
        bodies.set(unit.unitId, body);
      },
      commit: async (result) => {
        checkLimit('units', event.limits?.maxUnits, result.totals.units);
        checkLimit('lines of code', event.limits?.maxLoc, result.totals.loc);
        const plan = planPacks(result.units, { maxUnits: packMaxUnits(event.maxItemsPerBatch) });
        const [packSizes, findingsSizes] = await Promise.all([storedPacks, knownFindings]);
        let reusedPacks = 0;
        const lines = await mapLimited(plan, PACK_WRITE_CONCURRENCY, async ({ slot, units }) => {
          const { body, units: packed } = packUnits(units.map((summary) => ({ summary, body: bodies.get(summary.unitId)! })));
          const key = packObjectKey(customerId, createHash('sha256').update(body).digest('hex'));
          if (packSizes.get(key) === body.length) reusedPacks += 1;
          else await deps.blobs.put(deps.bucket, key, body, { contentType: 'application/octet-stream', ...customerKey });
          const line = { slot, key, bytes: body.length, units: packed };
          const findingsKey = packFindingsKey(customerId, createHash('sha256').update(`${deps.rulePackVersion ?? ''}\n${JSON.stringify(line)}`).digest('hex'));
          return { line: { ...line, findingsKey } satisfies PackLine, known: findingsSizes.has(findingsKey) };
        });
        await deps.blobs.put(
          deps.bucket,
          splitSummaryKey(customerId, runId),
          JSON.stringify({ sourceKey, format: result.format, totals: result.totals, skipped: result.skipped, encodings: result.encodings }),
          { contentType: 'application/json', ...customerKey },
        );
        // Every pack (the report and the console find a unit's code through it), and the packs still to analyse:
        // the map's items. A pack whose findings are known is left out of the map; aggregation reads them as they are.
        const jsonl = (entries: typeof lines): string => entries.map((entry) => `${JSON.stringify(entry.known ? { ...entry.line, known: true } : entry.line)}\n`).join('');
        await deps.blobs.put(deps.bucket, packsIndexKey(customerId, runId), jsonl(lines), { contentType: 'application/x-ndjson', ...customerKey });
        await deps.blobs.put(deps.bucket, manifestKey(customerId, runId), jsonl(lines.filter((entry) => !entry.known)), { contentType: 'application/x-ndjson' });
        committed = { result, packs: lines.length, cachedPacks: lines.filter((entry) => entry.known).length, reusedPacks };
      },
    },
    deps.splitOptions,
  );
  const { result, packs, cachedPacks, reusedPacks } = committed!;
  return {
    manifest: { bucket: deps.bucket, key: manifestKey(customerId, runId) },
    summaryKey: splitSummaryKey(customerId, runId),
    packsKey: packsIndexKey(customerId, runId),
    format: result.format,
    units: result.totals.units,
    loc: result.totals.loc,
    bytes: result.totals.bytes,
    skipped: result.totals.skipped,
    duplicates: result.totals.duplicates,
    packs,
    packsToAnalyze: packs - cachedPacks,
    reusedPacks,
  };
};

export { splitSource };
export type { SplitSourceDeps, SplitSourceEvent };
