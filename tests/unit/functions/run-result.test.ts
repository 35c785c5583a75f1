/**
 * The run's result kept for a run with the same pack findings: aggregateFindings() builds and stores it, a later run
 * (its own run id, rows, summary and encrypted report) reads it instead of every pack's findings, and a run whose
 * findings differ in one pack, or that had a failed batch, or has no customer key to keep it under, never gets it.
 */
import { createHash, randomBytes } from 'node:crypto';
import { DeleteObjectCommand } from '@aws-sdk/client-s3';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { aggregateFindings, type AggregateFindingsEvent } from '../../../functions/aggregate-findings/aggregate-findings';
import { encryptReport } from '../../../functions/encrypt-report/encrypt-report';
import { decryptReport, rawAesKeyring } from '../../../functions/lib/crypto';
import { parseReport, REPORT_VERSION, type ReportUnit } from '../../../functions/lib/report';
import { packFindingsKey, packsIndexKey, reportKey, splitSummaryKey, type FindingsObject, type SplitOutcome } from '../../../functions/lib/run';
import { serializeRunReport } from '../../../functions/lib/run/run-result';
import { RunStore, runKey } from '../../../functions/lib/store';
import { RULE_PACK, sampleUnits, writeMapRun } from './support/map-results';
import { startLocalS3, startLocalTable, type LocalS3, type LocalTable } from './support/local-services';

const NOW = new Date('2024-05-01T12:00:00.000Z');
const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

describe('Functions: the run’s result, kept per set of pack findings', () => {
  let s3: LocalS3;
  let ddb: LocalTable;
  let runs: RunStore;
  const acmeKey = rawAesKeyring('acme', randomBytes(32));
  const units = sampleUnits();

  /** A pack's findings object at its content address (`name` stands for the pack's line). */
  const storeFindings = async (customerId: string, name: string, packUnits: ReportUnit[]): Promise<{ findingsKey: string; units: ReportUnit[] }> => {
    const findingsKey = packFindingsKey(customerId, sha256(name));
    const object: FindingsObject = { batchId: name, rulePacks: [RULE_PACK], units: packUnits };
    await s3.put(findingsKey, JSON.stringify(object));
    return { findingsKey, units: packUnits };
  };

  /** A run whose packs' findings were all known (the map did not run): its pack index, split summary and run item. */
  const knownRun = async (customerId: string, runId: string, packs: Array<{ findingsKey: string; units: ReportUnit[] }>): Promise<AggregateFindingsEvent & { split: SplitOutcome }> => {
    const lines = packs.map((pack, index) => ({
      slot: `1.${index}.0`,
      key: `units/${customerId}/packs/${sha256(pack.findingsKey)}`,
      bytes: 10,
      findingsKey: pack.findingsKey,
      units: pack.units.map((unit) => ({ unitId: unit.unitId, path: unit.path, language: unit.language, loc: unit.loc, bytes: 10, files: [unit.path], offset: 0, length: 10 })),
      known: true,
    }));
    await s3.put(packsIndexKey(customerId, runId), lines.map((line) => `${JSON.stringify(line)}\n`).join(''));
    await s3.put(splitSummaryKey(customerId, runId), JSON.stringify({ sourceKey: `uploads/${customerId}/${runId}.zip`, skipped: [{ path: 'web/logo.png', reason: 'binary' }] }));
    await ddb.documents.send(new PutCommand({ TableName: ddb.table, Item: { ...runKey(customerId, runId), customerId, runId, status: 'RUNNING', startedAt: '2024-05-01T10:00:00.000Z' } }));
    const split = {
      manifest: { bucket: s3.bucket, key: `runs/${customerId}/${runId}/manifest.jsonl` },
      summaryKey: splitSummaryKey(customerId, runId),
      packsKey: packsIndexKey(customerId, runId),
      skipped: 1,
      packs: packs.length,
      packsToAnalyze: 0,
    } as SplitOutcome;
    return { customerId, runId, mapResult: null, split, customerKeyId: `local:${customerId}:1` };
  };

  const reportOf = async (customerId: string, runId: string) =>
    parseReport(await decryptReport((await s3.get(reportKey(customerId, runId)))!, acmeKey, { customerId, runId }));

  const encryptDeps = () => ({ blobs: s3.blobs, runs, keyringFor: async () => acmeKey, now: () => NOW });

  beforeAll(async () => {
    [s3, ddb] = await Promise.all([startLocalS3(), startLocalTable()]);
    runs = new RunStore(ddb.documents, ddb.table, 4);
  });

  afterAll(async () => {
    await Promise.all([s3?.stop(), ddb?.stop()]);
  });

  describe('a re-run of the same packs', () => {
    let first: Awaited<ReturnType<typeof aggregateFindings>>;
    let second: Awaited<ReturnType<typeof aggregateFindings>>;
    let packs: Array<{ findingsKey: string; units: ReportUnit[] }>;

    beforeAll(async () => {
      packs = [await storeFindings('acme', 'pack-1', [units.a, units.b]), await storeFindings('acme', 'pack-2', [units.c, units.d])];
      const r1 = await knownRun('acme', 'r1', packs);
      first = await aggregateFindings(r1, { blobs: s3.blobs, runs });
      await encryptReport({ ...r1, customerKeyId: 'local:acme:1' }, encryptDeps());
      // The packs' findings are gone: a run that read them would fail.
      for (const pack of packs) await s3.client.send(new DeleteObjectCommand({ Bucket: s3.bucket, Key: pack.findingsKey }));
      const r2 = await knownRun('acme', 'r2', packs);
      second = await aggregateFindings(r2, { blobs: s3.blobs, runs });
      await encryptReport({ ...r2, customerKeyId: 'local:acme:1' }, encryptDeps());
    });

    it('builds the result on the first run and reads it on the second, with the same summary', () => {
      expect(first.resultReused).toBe(false);
      expect(second.resultReused).toBe(true);
      expect(second.summary).toEqual(first.summary);
    });

    it('records the second run as its own: its rows and summary on its own run item', async () => {
      const [rows1, rows2, item2] = await Promise.all([runs.unitRows('acme', 'r1'), runs.unitRows('acme', 'r2'), runs.get('acme', 'r2')]);
      expect(rows2).toEqual(rows1);
      expect(rows2.every((row) => row.cached)).toBe(true);
      expect(JSON.parse((item2 as Record<string, any>).summary)).toMatchObject({ units: 4, findings: first.summary.findings });
    });

    it('encrypts a report of its own: its run id and source, the same findings as the first run’s', async () => {
      const [report1, report2] = await Promise.all([reportOf('acme', 'r1'), reportOf('acme', 'r2')]);
      expect(report2.run).toMatchObject({ customerId: 'acme', runId: 'r2', sourceArchive: 'uploads/acme/r2.zip', startedAt: '2024-05-01T10:00:00.000Z' });
      expect(report2.objects).toEqual(report1.objects);
      expect(report2.summary).toEqual(report1.summary);
      expect(report2.skippedFiles).toEqual([{ path: 'web/logo.png', reason: 'binary' }]);
    });

    it('keeps the result in S3 under the customer’s findings area, gzipped, never under the run', async () => {
      const keys = [...(await s3.blobs.sizes(s3.bucket, 'units/acme/results/')).keys()];
      expect(keys).toHaveLength(2);
      expect(keys.every((key) => /^units\/acme\/results\/[0-9a-f]{64}\.(summary|report)\.json\.gz$/.test(key))).toBe(true);
    });
  });

  it('builds a new result when one pack’s findings differ (one changed unit)', async () => {
    // Prepare: the same first pack; the second pack's unit changed, so its findings have another content address.
    const same = await storeFindings('globex', 'pack-1', [units.a]);
    const before = await aggregateFindings(await knownRun('globex', 'g1', [same, await storeFindings('globex', 'pack-2', [units.c])]), { blobs: s3.blobs, runs });

    // Act: the unit at that place now has other code (another unit id, other findings).
    const after = await aggregateFindings(await knownRun('globex', 'g2', [same, await storeFindings('globex', 'pack-2-changed', [units.b])]), { blobs: s3.blobs, runs });

    // Assess
    const findingsOf = (unit: ReportUnit): number => unit.findings.length + (unit.omittedFindings ?? 0);
    expect(after.resultReused).toBe(false);
    expect(after.summary.units).toBe(before.summary.units);
    expect(after.summary.findings - before.summary.findings).toBe(findingsOf(units.b) - findingsOf(units.c));
    expect(findingsOf(units.b)).not.toBe(findingsOf(units.c));
  });

  it('keeps no result without the customer’s key, so the next run builds it again', async () => {
    // Prepare
    const packs = [await storeFindings('initech', 'pack-1', [units.a])];
    const { customerKeyId: _key, ...withoutKey } = await knownRun('initech', 'i1', packs);
    await aggregateFindings(withoutKey, { blobs: s3.blobs, runs });

    // Act
    const next = await aggregateFindings(await knownRun('initech', 'i2', packs), { blobs: s3.blobs, runs });

    // Assess
    expect(next.resultReused).toBe(false);
    expect((await s3.blobs.sizes(s3.bucket, 'units/initech/results/')).size).toBe(2);
  });

  it('keeps no result of a run with a failed batch, nor of findings kept under the run', async () => {
    // Prepare: writeMapRun keeps each batch's findings under the run (as for a unit stopped at a budget).
    const mapResult = await writeMapRun(s3, 'umbrella', 'u1', { succeeded: [{ batchId: 'b1', units: [units.a] }], failed: [{ unitIds: ['e'.repeat(64)] }] });
    await ddb.documents.send(new PutCommand({ TableName: ddb.table, Item: { ...runKey('umbrella', 'u1'), customerId: 'umbrella', runId: 'u1', status: 'RUNNING' } }));

    // Act
    const result = await aggregateFindings({ customerId: 'umbrella', runId: 'u1', mapResult, split: { skipped: 0 } as SplitOutcome, customerKeyId: 'local:umbrella:1' }, { blobs: s3.blobs, runs });

    // Assess
    expect(result.resultReused).toBe(false);
    expect(result.summary.unitsFailed).toBe(1);
    expect((await s3.blobs.sizes(s3.bucket, 'units/umbrella/results/')).size).toBe(0);
  });

  it('writes the run’s version, time, ids and source ahead of the result’s report content, as one JSON report', () => {
    // Prepare
    const content = { rulePacks: [RULE_PACK], summary: { units: 1 }, objects: [] };
    const run = { customerId: 'acme', runId: 'r9', startedAt: '2024-05-01T10:00:00.000Z', finishedAt: NOW.toISOString(), sourceArchive: 'uploads/acme/x.zip' };

    // Act
    const serialized = serializeRunReport(JSON.stringify(content), run, NOW);

    // Assess: what serializeReport would write for the whole report, key order included.
    expect(serialized.toString('utf8')).toBe(JSON.stringify({ reportVersion: REPORT_VERSION, generatedAt: NOW.toISOString(), run, ...content }));
  });
});
