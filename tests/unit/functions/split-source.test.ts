/**
 * splitSource() on real zips read through the local S3 server: content-addressed packs of units, the manifest written
 * last, packs whose findings are known left out of the map, plan limits, and the customer's upload prefix as the only
 * place a run may read from.
 */
import { createHash } from 'node:crypto';
import { splitSource, type SplitSourceEvent } from '../../../functions/split-source/split-source';
import { DeleteObjectCommand } from '@aws-sdk/client-s3';
import { manifestKey, packsIndexKey, splitSummaryKey } from '../../../functions/lib/run';
import { readPackedUnit, type PackLine } from '../../../functions/lib/source';
import { abapProgram, zipOf } from './support/archives';
import { startLocalS3, type LocalS3 } from './support/local-services';

const CUSTOMER_KEY = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';

describe('Function: splitSource()', () => {
  let s3: LocalS3;
  let zip: Buffer;

  const eventFor = (runId: string, key: string, extra: Partial<SplitSourceEvent> = {}): SplitSourceEvent => ({
    customerId: 'acme',
    runId,
    source: { bucket: s3.bucket, key },
    ...extra,
  });
  const deps = () => ({ blobs: s3.blobs, bucket: s3.bucket });
  /** The pack lines of a JSONL object (the manifest or the pack index). */
  const packsIn = async (key: string): Promise<Array<PackLine & { known?: boolean }>> =>
    (await s3.get(key))!.toString('utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line));
  /** Every unit of the run's packs with its pack. */
  const unitsIn = async (key: string) => (await packsIn(key)).flatMap((pack) => pack.units.map((unit) => ({ pack, unit })));

  beforeAll(async () => {
    s3 = await startLocalS3();
    zip = await zipOf({
      'src/zfirst.prog.abap': abapProgram('zfirst'),
      'src/zsecond.prog.abap': abapProgram('zsecond', 3),
      // Same bytes under another name in another folder: the same unit.
      'old/zfirst.prog.abap': abapProgram('zfirst'),
      'web/logo.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]),
    });
    await s3.put('uploads/acme/2024/src.zip', zip);
  });

  afterAll(async () => {
    await s3?.stop();
  });

  describe('a valid archive', () => {
    let outcome: Awaited<ReturnType<typeof splitSource>>;

    beforeAll(async () => {
      outcome = await splitSource(eventFor('r1', 'uploads/acme/2024/src.zip', { customerKeyId: CUSTOMER_KEY }), deps());
    });

    it('returns the counts and where the manifest is', () => {
      expect(outcome).toEqual({
        manifest: { bucket: s3.bucket, key: manifestKey('acme', 'r1') },
        summaryKey: splitSummaryKey('acme', 'r1'),
        packsKey: packsIndexKey('acme', 'r1'),
        format: 'zip',
        units: 2,
        loc: expect.any(Number),
        bytes: expect.any(Number),
        skipped: 1,
        duplicates: 1,
        packs: 1,
        packsToAnalyze: 1,
        reusedPacks: 0,
        splitReused: false,
      });
      expect(outcome.loc).toBe(6 + 9);
    });

    it('stores the units in one pack under its content address, encrypted under the customer key, each at its byte range', async () => {
      // Prepare
      const packs = await packsIn(manifestKey('acme', 'r1'));
      const lines = packs.flatMap((pack) => pack.units);

      // Act
      const body = (await s3.get(packs[0].key))!;
      const head = await s3.head(packs[0].key);

      // Assess
      expect(packs).toHaveLength(1);
      expect(packs[0].key).toBe(`units/acme/packs/${createHash('sha256').update(body).digest('hex')}`);
      expect(packs[0].bytes).toBe(body.length);
      expect(head!.kmsKeyId).toBe(CUSTOMER_KEY);
      expect(lines).toHaveLength(2);
      for (const line of lines) {
        expect(createHash('sha256').update(body.subarray(line.offset, line.offset + line.length)).digest('hex')).toBe(line.unitId);
        expect(readPackedUnit(body, packs[0].key, line).files[0].text).toContain('REPORT');
      }
      // The first of two identical objects is the unit; the other is listed as its duplicate.
      expect(lines.map((line) => line.path).sort()).toEqual(['src/zfirst.prog.abap', 'src/zsecond.prog.abap']);
      expect(lines.find((line) => line.path === 'src/zfirst.prog.abap')?.duplicates).toEqual(['old/zfirst.prog.abap']);
    });

    it('writes a manifest of ids, paths and counts without code, and the split summary with skipped files', async () => {
      // Act
      const manifest = (await s3.get(manifestKey('acme', 'r1')))!.toString('utf8');
      const summary = JSON.parse((await s3.get(splitSummaryKey('acme', 'r1')))!.toString('utf8'));

      // Assess
      expect(manifest.endsWith('\n')).toBe(true);
      expect(manifest).not.toMatch(/REPORT|EXEC SQL/);
      const duplicate = (await unitsIn(manifestKey('acme', 'r1'))).map(({ unit }) => unit).find((line) => line.duplicates);
      expect(duplicate?.duplicates).toHaveLength(1);
      expect(summary).toMatchObject({ sourceKey: 'uploads/acme/2024/src.zip', format: 'zip', totals: { units: 2, skipped: 1 } });
      expect(summary.skipped).toEqual([expect.objectContaining({ path: 'web/logo.png', reason: expect.any(String) })]);
    });

    it('counts the pack of a second split of the same archive as reused and does not rewrite it', async () => {
      // Act
      const second = await splitSource(eventFor('r2', 'uploads/acme/2024/src.zip'), deps());

      // Assess
      expect(second.units).toBe(2);
      expect(second.reusedPacks).toBe(1);
      expect(await s3.get(manifestKey('acme', 'r2'))).toEqual(await s3.get(manifestKey('acme', 'r1')));
      // Reused objects keep the customer key they were first written with.
      const [pack] = await packsIn(manifestKey('acme', 'r2'));
      expect((await s3.head(pack.key))!.kmsKeyId).toBe(CUSTOMER_KEY);
    });

    it('leaves a pack whose findings are known under the deployed rule packs out of the map, and lists it as known', async () => {
      // Prepare: a split under a rule-pack version, and the findings of its pack written as analyze-units writes them.
      const first = await splitSource(eventFor('known-1', 'uploads/acme/2024/src.zip'), { ...deps(), rulePackVersion: 'v-test' });
      const [pack] = await packsIn(manifestKey('acme', 'known-1'));
      await s3.put(pack.findingsKey, JSON.stringify({ batchId: 'b', rulePacks: [], units: [] }));

      // Act
      const again = await splitSource(eventFor('known-2', 'uploads/acme/2024/src.zip'), { ...deps(), rulePackVersion: 'v-test' });
      const other = await splitSource(eventFor('known-3', 'uploads/acme/2024/src.zip'), { ...deps(), rulePackVersion: 'v-other' });

      // Assess
      expect(first.packsToAnalyze).toBe(1);
      expect(again).toMatchObject({ packs: 1, packsToAnalyze: 0 });
      expect((await s3.get(manifestKey('acme', 'known-2')))!.length).toBe(0);
      expect(await packsIn(packsIndexKey('acme', 'known-2'))).toEqual([{ ...pack, known: true }]);
      // Under other rule packs the same pack is analysed again.
      expect(other.packsToAnalyze).toBe(1);
    });
  });

  describe('an archive split before', () => {
    const VERSION = 'v-record';
    const recordsOf = async (customerId: string): Promise<string[]> => [...(await s3.blobs.sizes(s3.bucket, `units/${customerId}/splits/`)).keys()];
    const split = (customerId: string, runId: string, key: string, extra: Partial<SplitSourceEvent> = {}, rulePackVersion = VERSION) =>
      splitSource({ ...eventFor(runId, key, extra), customerId }, { ...deps(), rulePackVersion });

    beforeAll(async () => {
      await s3.put('uploads/initech/src.zip', zip);
    });

    it('takes the packs of its first split, without splitting it again, for a run recorded as its own', async () => {
      // Prepare
      const first = await split('initech', 'rec-1', 'uploads/initech/src.zip', { customerKeyId: CUSTOMER_KEY });
      // The record of the split is kept under the customer's key, beside the packs it names.
      const [record] = await recordsOf('initech');

      // Act: the same bytes uploaded again under another name.
      await s3.put('uploads/initech/again.zip', zip);
      const second = await split('initech', 'rec-2', 'uploads/initech/again.zip', { customerKeyId: CUSTOMER_KEY });

      // Assess
      expect(first.splitReused).toBe(false);
      expect(second).toMatchObject({ splitReused: true, units: first.units, loc: first.loc, skipped: first.skipped, duplicates: first.duplicates, packs: first.packs, reusedPacks: first.packs });
      expect((await s3.head(record))!.kmsKeyId).toBe(CUSTOMER_KEY);
      expect(await packsIn(packsIndexKey('initech', 'rec-2'))).toEqual(await packsIn(packsIndexKey('initech', 'rec-1')));
      expect(await s3.get(manifestKey('initech', 'rec-2'))).toEqual(await s3.get(manifestKey('initech', 'rec-1')));
      const [summary1, summary2] = await Promise.all(['rec-1', 'rec-2'].map(async (runId) => JSON.parse((await s3.get(splitSummaryKey('initech', runId)))!.toString('utf8'))));
      expect(summary2).toEqual({ ...summary1, sourceKey: 'uploads/initech/again.zip' });
    });

    it('marks the packs whose findings became known since, and leaves them out of the map', async () => {
      // Prepare
      const [pack] = await packsIn(packsIndexKey('initech', 'rec-1'));
      await s3.put(pack.findingsKey, JSON.stringify({ batchId: 'b', rulePacks: [], units: [] }));

      // Act
      const again = await split('initech', 'rec-3', 'uploads/initech/src.zip');

      // Assess
      expect(again).toMatchObject({ splitReused: true, packsToAnalyze: 0 });
      expect(await packsIn(packsIndexKey('initech', 'rec-3'))).toEqual([{ ...pack, known: true }]);
    });

    it.each([
      ['one changed unit', async () => zipOf({ 'src/zfirst.prog.abap': abapProgram('zfirst'), 'src/zsecond.prog.abap': abapProgram('zsecond', 4), 'old/zfirst.prog.abap': abapProgram('zfirst') }), {}, VERSION],
      ['another rule-pack version', async () => zip, {}, 'v-other'],
      ['another pack size', async () => zip, { maxItemsPerBatch: 1 }, VERSION],
    ] as const)('splits again for %s', async (_case, archive, extra, version) => {
      // Prepare
      await s3.put('uploads/hooli/src.zip', zip);
      const before = await split('hooli', `base-${_case.length}`, 'uploads/hooli/src.zip');
      await s3.put('uploads/hooli/changed.zip', await archive());

      // Act
      const after = await split('hooli', `after-${_case.length}`, 'uploads/hooli/changed.zip', extra, version);

      // Assess
      expect(after.splitReused).toBe(false);
      const [packsBefore, packsAfter] = await Promise.all([packsIn(packsIndexKey('hooli', `base-${_case.length}`)), packsIn(packsIndexKey('hooli', `after-${_case.length}`))]);
      // Nothing of the earlier split's findings is taken for the changed pack.
      expect(packsAfter.some((pack) => !packsBefore.some((earlier) => earlier.findingsKey === pack.findingsKey))).toBe(true);
    });

    it('splits again when a pack it names is no longer stored', async () => {
      // Prepare
      await s3.put('uploads/umbrella/src.zip', zip);
      await split('umbrella', 'gone-1', 'uploads/umbrella/src.zip');
      const [pack] = await packsIn(packsIndexKey('umbrella', 'gone-1'));
      await s3.client.send(new DeleteObjectCommand({ Bucket: s3.bucket, Key: pack.key }));

      // Act
      const again = await split('umbrella', 'gone-2', 'uploads/umbrella/src.zip');

      // Assess: the pack is written again.
      expect(again).toMatchObject({ splitReused: false, reusedPacks: 0 });
      expect(await s3.head(pack.key)).toBeDefined();
    });

    it('still refuses a run over the plan’s limits', async () => {
      // Prepare
      await split('initech', 'limit-1', 'uploads/initech/src.zip');

      // Act
      const over = split('initech', 'limit-2', 'uploads/initech/src.zip', { limits: { maxUnits: 1 } });

      // Assess
      await expect(over).rejects.toMatchObject({ name: 'PlanLimitExceededError', limit: 'units', allowed: 1, actual: 2 });
      expect(await s3.get(manifestKey('initech', 'limit-2'))).toBeUndefined();
    });
  });

  it('puts at most maxItemsPerBatch units in a pack, and the same units in the same packs whatever the archive order', async () => {
    // Prepare
    const files = Object.fromEntries(Array.from({ length: 7 }, (_, i) => [`src/zp${i}.prog.abap`, abapProgram(`zp${i}`, i)]));
    await s3.put('uploads/acme/many.zip', await zipOf(files));
    await s3.put('uploads/acme/reversed.zip', await zipOf(Object.fromEntries(Object.entries(files).reverse())));

    // Act
    const outcome = await splitSource(eventFor('many', 'uploads/acme/many.zip', { maxItemsPerBatch: 2 }), deps());
    const reversed = await splitSource(eventFor('reversed', 'uploads/acme/reversed.zip', { maxItemsPerBatch: 2 }), deps());

    // Assess
    const packs = await packsIn(manifestKey('acme', 'many'));
    expect(outcome).toMatchObject({ units: 7, packs: 4, packsToAnalyze: 4 });
    expect(packs.map((pack) => pack.units.length)).toEqual([1, 2, 2, 2]);
    expect(reversed.reusedPacks).toBe(4);
    expect((await packsIn(manifestKey('acme', 'reversed'))).map((pack) => pack.key)).toEqual(packs.map((pack) => pack.key));
  });

  it('writes units without SSE-KMS for a local key id (not a KMS key)', async () => {
    // Prepare
    await s3.put('uploads/local/a.zip', await zipOf({ 'zlocal.prog.abap': abapProgram('zlocal') }));

    // Act
    const outcome = await splitSource(
      { customerId: 'local', runId: 'r1', source: { bucket: s3.bucket, key: 'uploads/local/a.zip' }, customerKeyId: 'local:local:1' },
      deps(),
    );

    // Assess
    const [pack] = await packsIn(manifestKey('local', 'r1'));
    expect(outcome.units).toBe(1);
    expect((await s3.head(pack.key))!.kmsKeyId).toBeUndefined();
  });

  it.each([
    ['customerId', { customerId: '' }],
    ['runId', { runId: 7 }],
    ['source.bucket', { source: { key: 'uploads/acme/2024/src.zip' } }],
    ['source.key', { source: { bucket: 'data-bucket', key: '' } }],
    ['source.bucket', { source: undefined }],
    ['source.bucket', { source: { bucket: 'someone-elses-bucket', key: 'uploads/acme/2024/src.zip' } }],
    ['customerId', { customerId: 'Upper_Case' }],
    ['runId', { runId: '../../other/zz' }],
  ])('refuses an event without a valid %s, naming it', async (field, change) => {
    // Prepare
    const event = { ...eventFor('bad', 'uploads/acme/2024/src.zip'), ...change } as unknown as SplitSourceEvent;

    // Act + Assess
    await expect(splitSource(event, deps())).rejects.toMatchObject({ name: 'InvalidEventError', field, message: expect.stringContaining(field) });
  });

  it.each([
    ['another customer’s upload', 'uploads/other/2024/src.zip'],
    ['a customer whose id starts with the same letters', 'uploads/acmecorp/src.zip'],
    ['a key outside the uploads', 'units/acme/abc'],
    ['a path that climbs out of the prefix', 'uploads/acme/../other/src.zip'],
  ])('refuses %s', async (_case, key) => {
    // Act + Assess
    await expect(splitSource(eventFor('outside', key), deps())).rejects.toMatchObject({
      name: 'InvalidEventError',
      field: 'source.key',
      message: expect.stringContaining('uploads/acme/'),
    });
  });

  it('fails a missing archive with SourceNotFoundError naming it', async () => {
    // Act + Assess
    await expect(splitSource(eventFor('missing', 'uploads/acme/none.zip'), deps())).rejects.toMatchObject({
      name: 'SourceNotFoundError',
      bucket: s3.bucket,
      key: 'uploads/acme/none.zip',
    });
  });

  it('refuses an archive over the plan’s size before reading it', async () => {
    // Act + Assess
    await expect(splitSource(eventFor('big', 'uploads/acme/2024/src.zip', { limits: { maxArchiveBytes: zip.length - 1 } }), deps())).rejects.toMatchObject({
      name: 'PlanLimitExceededError',
      limit: 'archive bytes',
      allowed: zip.length - 1,
      actual: zip.length,
    });
    expect(await s3.get(manifestKey('acme', 'big'))).toBeUndefined();
  });

  it.each([
    ['units', { maxUnits: 1 }, 1, 2],
    ['lines of code', { maxLoc: 10 }, 10, 15],
  ])('refuses a run over the plan’s %s and writes neither manifest nor summary', async (limit, limits, allowed, actual) => {
    // Prepare
    const runId = `over-${allowed}`;

    // Act
    const split = splitSource(eventFor(runId, 'uploads/acme/2024/src.zip', { limits }), deps());

    // Assess
    await expect(split).rejects.toMatchObject({ name: 'PlanLimitExceededError', limit, allowed, actual });
    expect(await s3.get(manifestKey('acme', runId))).toBeUndefined();
    expect(await s3.get(splitSummaryKey('acme', runId))).toBeUndefined();
  });

  it.each([
    ['text', 'plain text, not a zip\n'.repeat(10), /is not a zip, tar.gz or tar archive/],
    ['empty', '', /is empty, not an archive/],
  ])('writes nothing for a %s file that is not an archive', async (runId, content, message) => {
    // Prepare
    await s3.put(`uploads/acme/${runId}.zip`, content);

    // Act + Assess
    await expect(splitSource(eventFor(runId, `uploads/acme/${runId}.zip`), deps())).rejects.toMatchObject({ name: 'NotAnArchiveError', message: expect.stringMatching(message) });
    expect(await s3.get(manifestKey('acme', runId))).toBeUndefined();
    expect(await s3.get(splitSummaryKey('acme', runId))).toBeUndefined();
  });

  it('writes no manifest for an archive the splitter rejects', async () => {
    // Act
    const split = splitSource(eventFor('hostile', 'uploads/acme/2024/src.zip'), { ...deps(), splitOptions: { maxEntries: 2 } });

    // Assess
    await expect(split).rejects.toMatchObject({ name: 'TooManyEntriesError' });
    expect(await s3.get(manifestKey('acme', 'hostile'))).toBeUndefined();
    expect(await s3.get(splitSummaryKey('acme', 'hostile'))).toBeUndefined();
  });
});
