/**
 * Split source into units: reads the customer's uploaded archive from S3 (a zip through ranged GETs of its central
 * directory, a tar.gz as one stream), refuses hostile input, groups the distinct units into packs by content hash
 * (functions/lib/source/packs.ts), stores each pack content-addressed under the customer's key, and writes the JSONL
 * manifest of packs that the Distributed Map reads: one item per pack, leaving out packs whose findings an earlier
 * run already produced. The manifest is written last and only when the whole archive passed: a refused archive
 * leaves no manifest behind.
 */
import { createHash } from 'node:crypto';
import { BlobNotFoundError, underCustomerKey, type RangedObject, type S3BlobStore } from '../lib/blob';
import { InvalidEventError, SourceNotFoundError } from '../lib/errors';
import { requireCustomerId, requireRunId } from '../lib/ids';
import { mapLimited } from '../lib/concurrency';
import { manifestKey, packFindingsKey, packFindingsPrefix, packObjectKey, packPrefix, packsIndexKey, PlanLimitExceededError, splitRecordKey, splitSummaryKey, uploadPrefix, type SplitOutcome } from '../lib/run';
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

/**
 * Bump when the splitter would split the same archive differently (units, paths, packs, skipped files): split
 * records made before are then not read.
 */
const SPLIT_RECORD_FORMAT = 1;

/**
 * What a split of one archive leaves for the next run of the same archive (`units/{customerId}/splits/…`, under the
 * customer's key): its totals and skipped files, and every pack's line. Paths and counts, no code.
 */
type SplitRecord = Pick<SplitResult, 'format' | 'totals' | 'skipped' | 'encodings'> & { lines: PackLine[] };

/** The archive's SHA-256, read in one GET (conditional on the ETag the split's own reads use). */
const archiveDigest = async (archive: RangedObject): Promise<string> => {
  const hash = createHash('sha256');
  for await (const chunk of await archive.read(0)) hash.update(chunk as Buffer);
  return hash.digest('hex');
};

const readRecord = async (blobs: S3BlobStore, bucket: string, key: string): Promise<SplitRecord | undefined> => {
  try {
    return await blobs.getJson<SplitRecord>(bucket, key);
  } catch (error) {
    if (error instanceof BlobNotFoundError) return undefined;
    throw error;
  }
};

/** Packs written at once. */
const PACK_WRITE_CONCURRENCY = 8;

/** Units per pack: the run's batch size when it is a positive integer, else the default. */
const packMaxUnits = (maxItemsPerBatch: unknown): number =>
  typeof maxItemsPerBatch === 'number' && Number.isInteger(maxItemsPerBatch) && maxItemsPerBatch >= 1 ? maxItemsPerBatch : PACK_DEFAULTS.maxUnits;

/** The split options that shape a split, as recorded in a split record's address (the abort signal is not one). */
const splitOptionsOf = (options: SplitOptions | undefined): Omit<SplitOptions, 'signal'> => {
  const { signal: _signal, ...shaping } = options ?? {};
  return shaping;
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
  const maxUnits = packMaxUnits(event.maxItemsPerBatch);

  // The customer's stored packs and known pack findings, listed once while the archive is read (a LIST per 1,000
  // keys): a pack already stored (content-addressed, same size) is not written again, and a pack whose findings are
  // known under the deployed rule packs is not analysed again.
  const storedPacks = deps.blobs.sizes(deps.bucket, packPrefix(customerId));
  const knownFindings = deps.rulePackVersion === undefined ? Promise.resolve(new Map<string, number>()) : deps.blobs.sizes(deps.bucket, packFindingsPrefix(customerId));
  storedPacks.catch(() => undefined);
  knownFindings.catch(() => undefined);

  // An archive split before (the same bytes, rule packs and split options) is not split again: its record names the
  // packs. Without a rule-pack version its findings keys would mean nothing later, so nothing is recorded.
  const recordKey =
    deps.rulePackVersion === undefined || size === 0
      ? undefined
      : splitRecordKey(
          customerId,
          createHash('sha256')
            .update(JSON.stringify({ format: SPLIT_RECORD_FORMAT, archive: await archiveDigest(archive), rulePackVersion: deps.rulePackVersion, maxUnits, options: splitOptionsOf(deps.splitOptions) }))
            .digest('hex'),
        );

  /** Writes the run's objects from its packs: the split summary, the pack index, and last the map's manifest. */
  const writeRun = async (record: Omit<SplitRecord, 'lines'>, lines: Array<{ line: PackLine; known: boolean }>): Promise<void> => {
    await deps.blobs.put(
      deps.bucket,
      splitSummaryKey(customerId, runId),
      JSON.stringify({ sourceKey, format: record.format, totals: record.totals, skipped: record.skipped, encodings: record.encodings }),
      { contentType: 'application/json', ...customerKey },
    );
    // Every pack (the report and the console find a unit's code through it), and the packs still to analyse: the
    // map's items. A pack whose findings are known is left out of the map; aggregation reads them as they are.
    const jsonl = (entries: typeof lines): string => entries.map((entry) => `${JSON.stringify(entry.known ? { ...entry.line, known: true } : entry.line)}\n`).join('');
    await deps.blobs.put(deps.bucket, packsIndexKey(customerId, runId), jsonl(lines), { contentType: 'application/x-ndjson', ...customerKey });
    await deps.blobs.put(deps.bucket, manifestKey(customerId, runId), jsonl(lines.filter((entry) => !entry.known)), { contentType: 'application/x-ndjson' });
  };

  const outcomeOf = (totals: SplitResult['totals'], format: string, lines: Array<{ known: boolean }>, reusedPacks: number, splitReused: boolean): SplitOutcome => ({
    manifest: { bucket: deps.bucket, key: manifestKey(customerId, runId) },
    summaryKey: splitSummaryKey(customerId, runId),
    packsKey: packsIndexKey(customerId, runId),
    format,
    units: totals.units,
    loc: totals.loc,
    bytes: totals.bytes,
    skipped: totals.skipped,
    duplicates: totals.duplicates,
    packs: lines.length,
    packsToAnalyze: lines.filter((entry) => !entry.known).length,
    reusedPacks,
    splitReused,
  });

  const recorded = recordKey === undefined ? undefined : await readRecord(deps.blobs, deps.bucket, recordKey);
  if (recorded !== undefined) {
    checkLimit('units', event.limits?.maxUnits, recorded.totals.units);
    checkLimit('lines of code', event.limits?.maxLoc, recorded.totals.loc);
    const [packSizes, findingsSizes] = await Promise.all([storedPacks, knownFindings]);
    // Only while every pack is still stored as it was (packs expire with the customer's units): else split again.
    if (recorded.lines.every((line) => packSizes.get(line.key) === line.bytes)) {
      const lines = recorded.lines.map((line) => ({ line, known: findingsSizes.has(line.findingsKey) }));
      await writeRun(recorded, lines);
      return outcomeOf(recorded.totals, recorded.format, lines, lines.length, true);
    }
  }

  const bodies = new Map<string, Buffer>();
  let committed: SplitOutcome | undefined;
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
        const plan = planPacks(result.units, { maxUnits });
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
        const record = { format: result.format, totals: result.totals, skipped: result.skipped, encodings: result.encodings };
        await writeRun(record, lines);
        // Recorded after its packs are stored: a record found names packs that were written.
        if (recordKey !== undefined) {
          await deps.blobs.put(deps.bucket, recordKey, JSON.stringify({ ...record, lines: lines.map((entry) => entry.line) } satisfies SplitRecord), { contentType: 'application/json', ...customerKey });
        }
        committed = outcomeOf(result.totals, result.format, lines, reusedPacks, false);
      },
    },
    deps.splitOptions,
  );
  return committed!;
};

export { splitSource };
export type { SplitSourceDeps, SplitSourceEvent };
