import { bufferByteSource, DEFAULT_LIMITS, splitArchive } from '../../../functions/lib/source';
import type { SplitOptions } from '../../../functions/lib/source';
import { noise, patchZipEntry, tarGzOf, tarOf, zipOf } from './helpers/archives';
import type { EntrySpec } from './helpers/archives';
import { countingSource, memorySink } from './helpers/sources';

const MiB = 1024 * 1024;

/** ABAP-looking text that compresses like real code (a few to one), `lines` lines long. */
const realisticAbap = (lines: number, seed: number): string =>
  Array.from({ length: lines }, (_, i) => `  WRITE: / 'line ${i}', ${noise(6, seed + i).toString('hex')}.`).join('\n') + '\n';

const failureOf = async (archive: Buffer, options?: SplitOptions) => {
  const sink = memorySink();
  const source = countingSource(archive);
  const error = (await splitArchive(source, sink, options).then(
    () => undefined,
    (caught: unknown) => caught,
  )) as (Error & Record<string, unknown>) | undefined;
  if (error === undefined) throw new Error('the split was expected to fail');
  return { error, sink, source };
};

describe('Function: splitArchive()', () => {
  describe('entry count', () => {
    it('rejects a zip declaring more than maxEntries from its end record, before reading its entries', async () => {
      // Prepare: 50 incompressible entries of 40 KiB (2 MiB)
      const entries = Array.from({ length: 50 }, (_, i) => ({ path: `assets/b${i}.bin`, content: noise(40 * 1024, i + 1) }));
      const archive = await zipOf(entries);

      // Act
      const { error, source } = await failureOf(archive, { maxEntries: 10, blockSize: 4096 });

      // Assess
      expect(error).toMatchObject({ name: 'TooManyEntriesError', allowed: 10, actual: 50 });
      expect(error.message).toBe('The archive declares 50 entries; the limit is 10 (maxEntries)');
      // The sniff (512 bytes) and yauzl's search for the end record (the last 64 KiB + 42 bytes), in whole blocks.
      expect(source.requestedBytes()).toBeLessThanOrEqual(512 + 65_557 + 2 * 4096);
    });

    it('rejects a tar.gz with more than maxEntries entries, counting as it lists', async () => {
      // Act
      const entries = Array.from({ length: 12 }, (_, i) => ({ path: `src/z${i}.prog.abap`, content: 'REPORT z.\n' }));
      const { error, sink } = await failureOf(await tarGzOf(entries), { maxEntries: 10 });

      // Assess
      expect(error).toMatchObject({ name: 'TooManyEntriesError', allowed: 10, actual: 11 });
      expect(error.message).toBe('The archive has more than 10 entries; the limit is 10 (maxEntries)');
      expect(sink.units).toHaveLength(0);
    });
  });

  describe('zip bombs', () => {
    it('rejects a zip entry whose declared ratio is a bomb before inflating anything', async () => {
      // Prepare: 6 MiB of zeros deflate to a few KiB
      const archive = await zipOf([
        { path: 'src/zok.prog.abap', content: 'REPORT zok.\n' },
        { path: 'src/zbomb.prog.abap', content: Buffer.alloc(6 * MiB, 0x20) },
      ]);

      // Act
      const { error, sink } = await failureOf(archive);

      // Assess
      expect(error).toMatchObject({ name: 'DecompressionBombError', kind: 'entry-ratio', entryPath: 'src/zbomb.prog.abap' });
      expect(error.ratio as number).toBeGreaterThan(DEFAULT_LIMITS.maxEntryRatio);
      expect(sink.units).toHaveLength(0);
    });

    it('rejects a zip whose files declare more than maxTotalBytes together, before inflating anything', async () => {
      // Prepare
      const entries = Array.from({ length: 8 }, (_, i) => ({ path: `src/z${i}.prog.abap`, content: realisticAbap(400, i * 1000) }));

      // Act
      const { error, sink } = await failureOf(await zipOf(entries), { maxTotalBytes: 64 * 1024 });

      // Assess
      expect(error).toMatchObject({ name: 'ArchiveTooLargeError', allowed: 64 * 1024, declared: true });
      expect(sink.units).toHaveLength(0);
    });

    it.each([
      ['read in one piece', undefined],
      ['streamed', 4096],
    ])('stops inflating a zip entry whose header understates its size as soon as it passes the claim (%s)', async (_path, blockSize) => {
      // Prepare: the central directory and local header claim 100 bytes for 2 MiB
      const built = await zipOf([{ path: 'src/zlie.prog.abap', content: Buffer.from(realisticAbap(40_000, 7)) }]);
      const archive = patchZipEntry(built, 'src/zlie.prog.abap', { uncompressedSize: 100 });

      // Act
      const { error, sink } = await failureOf(archive, blockSize === undefined ? {} : { blockSize });

      // Assess
      expect(error).toMatchObject({ name: 'EntryTooLargeError', limit: 'declaredSize', allowed: 100, entryPath: 'src/zlie.prog.abap' });
      // Stopped just past the claim, not after inflating the 2 MiB.
      expect(error.actual as number).toBeLessThanOrEqual(64 * 1024);
      expect(sink.units).toHaveLength(0);
    });

    it('rejects, while inflating, a zip entry past maxFileBytes when its declared size was also past it and lied', async () => {
      // Prepare: claims 1,000 bytes (under the 4 KiB limit) and inflates to ~100 KiB
      const built = await zipOf([{ path: 'src/zbig.prog.abap', content: realisticAbap(2_000, 3) }]);
      const archive = patchZipEntry(built, 'src/zbig.prog.abap', { uncompressedSize: 1_000 });

      // Act
      const { error } = await failureOf(archive, { maxFileBytes: 4096 });

      // Assess
      expect(error.name).toBe('EntryTooLargeError');
      expect(error.actual as number).toBeLessThan(100 * 1024);
    });
  });

  describe('tar.gz bombs', () => {
    it('rejects a tar.gz entry whose ratio is a bomb while inflating, before writing any unit', async () => {
      // Prepare: 24 MiB of spaces (about 24 KiB compressed) behind a real file
      const archive = await tarGzOf([
        { path: 'src/zok.prog.abap', content: 'REPORT zok.\n' },
        { path: 'src/zbomb.prog.abap', content: Buffer.alloc(24 * MiB, 0x20) },
      ]);

      // Act
      const { error, sink } = await failureOf(archive, { maxTotalBytes: 1024 * MiB, maxArchiveRatio: 100_000 });

      // Assess
      expect(error).toMatchObject({ name: 'DecompressionBombError', kind: 'entry-ratio', entryPath: 'src/zbomb.prog.abap' });
      expect(sink.units).toHaveLength(0);
    });

    it('rejects a tar.gz whose overall ratio is a bomb', async () => {
      // Prepare: many files, each under the entry floor, that together inflate 1,000:1
      const entries: EntrySpec[] = Array.from({ length: 40 }, (_, i) => ({
        path: `src/z${i}.prog.abap`,
        content: Buffer.alloc(256 * 1024, 0x20),
      }));

      // Act
      const { error } = await failureOf(await tarGzOf(entries), { ratioFloorBytes: 1 * MiB });

      // Assess
      expect(error).toMatchObject({ name: 'DecompressionBombError', kind: 'archive-ratio', allowed: 100 });
      expect(error.message).toMatch(/^The archive inflates \d+:1 overall/);
    });

    it('rejects a tar.gz that inflates past maxTotalBytes, counting while it streams', async () => {
      // Prepare
      const entries = Array.from({ length: 6 }, (_, i) => ({ path: `src/z${i}.prog.abap`, content: realisticAbap(500, i * 1000) }));

      // Act
      const { error, sink } = await failureOf(await tarGzOf(entries), { maxTotalBytes: 100 * 1024 });

      // Assess
      expect(error).toMatchObject({ name: 'ArchiveTooLargeError', allowed: 100 * 1024, declared: false });
      expect(error.actual as number).toBeLessThanOrEqual(100 * 1024 + 64 * 1024);
      expect(sink.units).toHaveLength(0);
    });

    it('counts a plain tar against maxTotalBytes too (no ratio without compression)', async () => {
      // Act
      const { error } = await failureOf(await tarOf([{ path: 'src/z.prog.abap', content: Buffer.alloc(200 * 1024, 0x20) }]), {
        maxTotalBytes: 100 * 1024,
      });

      // Assess
      expect(error.name).toBe('ArchiveTooLargeError');
    });
  });

  describe('per-file limit', () => {
    it.each(['zip', 'tar.gz'] as const)('skips a %s file declaring more than maxFileBytes without failing the split', async (format) => {
      // Prepare
      const entries = [
        { path: 'src/zsmall.prog.abap', content: 'REPORT zsmall.\n' },
        { path: 'src/zhuge.prog.abap', content: realisticAbap(300, 1) },
      ];
      const archive = format === 'zip' ? await zipOf(entries) : await tarGzOf(entries);

      // Act
      const sink = memorySink();
      const result = await splitArchive(bufferByteSource(archive), sink, { maxFileBytes: 1024 });

      // Assess
      expect(sink.units.map((unit) => unit.path)).toEqual(['src/zsmall.prog.abap']);
      expect(result.skipped).toEqual([
        { path: 'src/zhuge.prog.abap', reason: 'too-large', detail: expect.stringMatching(/^declares \d+ bytes \(maxFileBytes 1024\)$/) },
      ]);
    });
  });

  describe('options', () => {
    it.each([
      [{ maxEntries: 0 }, 'Split option maxEntries must be a positive integer, got 0'],
      [{ maxFileBytes: 1.5 }, 'Split option maxFileBytes must be a positive integer, got 1.5'],
      [{ maxEntryRatio: -1 }, 'Split option maxEntryRatio must be a positive number, got -1'],
      [{ ratioFloorBytes: -1 }, 'Split option ratioFloorBytes must be a non-negative integer, got -1'],
    ])('refuses %j', async (options, message) => {
      // Act
      const error = await splitArchive(bufferByteSource(await zipOf([])), memorySink(), options).catch((caught: unknown) => caught);

      // Assess
      expect(error).toBeInstanceOf(RangeError);
      expect((error as Error).message).toBe(message);
    });
  });
});
