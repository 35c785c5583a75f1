import { bufferByteSource, splitArchive } from '../../../functions/lib/source';
import type { SplitOptions } from '../../../functions/lib/source';
import { patchBytes, patchZipEntry, tarGzOf, tarOf, zipLocalHeaderOffset, zipOf } from './helpers/archives';
import { memorySink } from './helpers/sources';

const OK = { path: 'src/zok.prog.abap', content: 'REPORT zok.\n' };

/** Splits an archive and returns what it was rejected with, and the sink (which must hold no commit). */
const rejectionOf = async (archive: Buffer, options?: SplitOptions) => {
  const sink = memorySink();
  const error = await splitArchive(bufferByteSource(archive), sink, options).then(
    () => undefined,
    (caught: unknown) => caught as Error & Record<string, unknown>,
  );
  if (error === undefined) throw new Error('the split was expected to fail');
  return { error, sink };
};

describe('Function: splitArchive()', () => {
  describe('unsafe paths', () => {
    it.each([
      ['../evil.abap', 'traversal'],
      ['a/../../x.abap', 'traversal'],
      ['/etc/passwd.abap', 'absolute'],
      ['C:/win.abap', 'drive-letter'],
      ['..\\evil.abap', 'traversal'],
      ['src/\u0007x.abap', 'control-character'],
    ])('rejects a zip entry named %j as %s', async (hostile, problem) => {
      // Prepare: yazl refuses such names, so write a placeholder of the same length and patch it in.
      const placeholder = `${'q'.repeat(hostile.length - 5)}.abap`;
      const archive = patchBytes(await zipOf([OK, { path: placeholder, content: 'REPORT x.\n' }]), placeholder, hostile);

      // Act
      const { error, sink } = await rejectionOf(archive);

      // Assess
      expect(error.name).toBe('UnsafePathError');
      expect(error.problem).toBe(problem);
      expect(error.message).toContain(JSON.stringify(hostile));
      expect(sink.units).toHaveLength(0);
      expect(sink.committed).toBeUndefined();
    });

    it.each([
      ['../evil.abap', 'traversal'],
      ['src/../../evil.abap', 'traversal'],
      ['/etc/cron.d/evil', 'absolute'],
      ['..\\..\\evil.abap', 'traversal'],
    ])('rejects a tar.gz entry named %j as %s', async (hostile, problem) => {
      // Act
      const { error, sink } = await rejectionOf(await tarGzOf([OK, { path: hostile, content: 'x' }]));

      // Assess
      expect(error).toMatchObject({ name: 'UnsafePathError', problem, entryPath: hostile });
      expect(sink.units).toHaveLength(0);
    });

    it('rejects a path longer than maxPathLength', async () => {
      // Act
      const { error } = await rejectionOf(await tarGzOf([{ path: `src/${'a'.repeat(200)}.abap`, content: 'x' }]), {
        maxPathLength: 100,
      });

      // Assess
      expect(error).toMatchObject({ name: 'PathTooLongError', limit: 'maxPathLength', allowed: 100, actual: 209 });
    });

    it('rejects a path deeper than maxPathDepth', async () => {
      // Act
      const { error } = await rejectionOf(await zipOf([{ path: 'a/b/c/d/e/f.abap', content: 'x' }]), { maxPathDepth: 4 });

      // Assess
      expect(error).toMatchObject({ name: 'PathTooLongError', limit: 'maxPathDepth', allowed: 4, actual: 6 });
      expect(error.message).toContain('"a/b/c/d/e/f.abap" is 6 directories deep; the limit is 4 (maxPathDepth)');
    });
  });

  describe('links and special files', () => {
    it('rejects a symlink in a zip (Unix mode in the external attributes)', async () => {
      // Act
      const { error, sink } = await rejectionOf(
        await zipOf([OK, { path: 'src/link.abap', content: '/etc/passwd', mode: 0o120777 }]),
      );

      // Assess
      expect(error).toMatchObject({ name: 'ForbiddenEntryTypeError', entryType: 'symlink', entryPath: 'src/link.abap' });
      expect(error.message).toBe(
        'Entry "src/link.abap" is a symlink; only regular files and directories are accepted',
      );
      expect(sink.units).toHaveLength(0);
    });

    it.each([
      ['symlink', 'symlink'],
      ['link', 'hard link'],
      ['character-device', 'character device'],
      ['block-device', 'block device'],
      ['fifo', 'FIFO'],
    ] as const)('rejects a tar %s entry as a %s', async (type, entryType) => {
      // Act
      const { error } = await rejectionOf(
        await tarOf([OK, { path: 'src/special', type, ...(type.endsWith('link') ? { linkname: '/etc/shadow' } : {}) }]),
      );

      // Assess
      expect(error).toMatchObject({ name: 'ForbiddenEntryTypeError', entryType, entryPath: 'src/special' });
    });
  });

  describe('duplicates', () => {
    it('rejects the same path twice', async () => {
      // Act
      const { error } = await rejectionOf(await tarGzOf([OK, { path: 'src/zok.prog.abap', content: 'REPORT evil.\n' }]));

      // Assess
      expect(error).toMatchObject({ name: 'DuplicateEntryError', entryPath: 'src/zok.prog.abap' });
    });

    it('rejects two files of one ABAP object that differ only in letter case', async () => {
      // Act
      const { error } = await rejectionOf(await zipOf([OK, { path: 'src/ZOK.PROG.ABAP', content: 'REPORT zok2.\n' }]));

      // Assess
      expect(error).toMatchObject({ name: 'DuplicateEntryError', entryPath: 'src/ZOK.PROG.ABAP', otherPath: 'src/zok.prog.abap' });
    });
  });

  describe('not an archive, truncated, corrupt', () => {
    it.each([
      ['plain text', Buffer.from('REPORT zfoo.\n')],
      ['a PNG', Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex')],
      ['an empty upload', Buffer.alloc(0)],
      ['a gzip of something other than deflate', Buffer.from('1f8b0900', 'hex')],
    ])('rejects %s as not an archive, whatever its name', async (_what, bytes) => {
      // Act
      const sink = memorySink();
      const error = await splitArchive(bufferByteSource(bytes, 'upload.zip'), sink).catch((caught: unknown) => caught);

      // Assess
      expect(error).toMatchObject({ name: 'NotAnArchiveError' });
      expect((error as Error).message).toMatch(/^The upload "upload\.zip" is (empty|not a zip, tar\.gz or tar archive)/);
    });

    it('rejects a zip cut short (no end of central directory)', async () => {
      // Prepare
      const whole = await zipOf([OK, { path: 'src/zb.prog.abap', content: 'REPORT zb.\n'.repeat(50) }]);

      // Act
      const { error, sink } = await rejectionOf(whole.subarray(0, whole.length - 30));

      // Assess
      expect(error.name).toBe('CorruptArchiveError');
      expect(error.message).toMatch(/^The archive is truncated or corrupt: /);
      expect(sink.committed).toBeUndefined();
    });

    it('rejects a tar.gz cut short, naming the entry being read', async () => {
      // Prepare
      const whole = await tarGzOf([OK, { path: 'src/zbig.prog.abap', content: Buffer.from(Array.from({ length: 4000 }, (_, i) => `WRITE ${i}.\n`).join('')) }]);

      // Act
      const { error, sink } = await rejectionOf(whole.subarray(0, Math.floor(whole.length / 2)));

      // Assess
      expect(error.name).toBe('CorruptArchiveError');
      expect(error.entryPath).toBe('src/zbig.prog.abap');
      expect(sink.units).toHaveLength(0);
    });

    it('rejects a tar cut inside an entry', async () => {
      // Prepare
      const whole = await tarOf([OK, { path: 'src/zb.prog.abap', content: 'x'.repeat(3000) }]);

      // Act
      const { error } = await rejectionOf(whole.subarray(0, 1024 + 512 + 1000));

      // Assess
      expect(error.name).toBe('CorruptArchiveError');
      expect(error.message).toContain('Unexpected end of data');
    });

    it.each([
      ['read in one piece', undefined],
      ['streamed', 16],
    ])('rejects a zip entry whose data fails its CRC-32 (%s)', async (_path, blockSize) => {
      // Prepare: stored, so one changed byte still reads
      const content = 'REPORT zcrc.\nWRITE 1.\n'.repeat(4);
      const archive = patchBytes(await zipOf([{ path: 'src/zcrc.prog.abap', content, store: true }]), 'WRITE 1.\nREPORT', 'WRITE 2.\nREPORT');

      // Act
      const { error } = await rejectionOf(archive, blockSize === undefined ? {} : { blockSize });

      // Assess
      expect(error).toMatchObject({ name: 'CorruptArchiveError', entryPath: 'src/zcrc.prog.abap' });
      expect(error.message).toBe('The archive is truncated or corrupt at entry "src/zcrc.prog.abap": CRC-32 mismatch');
    });

    it('rejects a zip entry whose local header is not where the central directory says', async () => {
      // Prepare: point the entry 4 bytes past its local header
      const built = await zipOf([{ path: 'src/za.prog.abap', content: 'REPORT za.\n' }]);
      const archive = patchZipEntry(built, 'src/za.prog.abap', { localHeaderOffset: zipLocalHeaderOffset(built, 'src/za.prog.abap') + 4 });

      // Act
      const { error } = await rejectionOf(archive);

      // Assess
      expect(error).toMatchObject({ name: 'CorruptArchiveError', entryPath: 'src/za.prog.abap' });
      expect(error.message).toContain('invalid local file header signature');
    });

    it('rejects zip entries that share their data (overlapping entries bomb)', async () => {
      // Prepare: point the second entry's central directory record at the first entry's local header.
      const built = await zipOf([
        { path: 'src/za.prog.abap', content: 'REPORT za.\n' },
        { path: 'src/zb.prog.abap', content: 'REPORT zb.\n' },
      ]);
      const archive = patchZipEntry(built, 'src/zb.prog.abap', {
        localHeaderOffset: zipLocalHeaderOffset(built, 'src/za.prog.abap'),
      });

      // Act
      const { error, sink } = await rejectionOf(archive);

      // Assess
      expect(error).toMatchObject({ name: 'DecompressionBombError', kind: 'overlapping-entries' });
      expect(sink.units).toHaveLength(0);
    });
  });

  describe('empty archives', () => {
    it.each(['zip', 'tar.gz'] as const)('rejects a %s with no entries', async (format) => {
      // Act
      const { error } = await rejectionOf(format === 'zip' ? await zipOf([]) : await tarGzOf([]));

      // Assess
      expect(error).toMatchObject({ name: 'EmptyArchiveError', entries: 0 });
      expect(error.message).toBe('The archive has no entries: nothing to analyse');
    });

    it('rejects an archive where every file is skipped, counting the reasons', async () => {
      // Act
      const { error, sink } = await rejectionOf(
        await zipOf([
          { path: 'web/node_modules/a/index.js', content: 'x' },
          { path: 'web/node_modules/b/index.js', content: 'y' },
          { path: 'logo.png', content: 'z' },
          { path: 'src/empty.prog.abap', content: '   \n' },
        ]),
      );

      // Assess
      expect(error).toMatchObject({
        name: 'EmptyArchiveError',
        entries: 4,
        skippedByReason: { 'node-modules': 2, 'unsupported-type': 1, empty: 1 },
      });
      expect(sink.committed).toBeUndefined();
    });
  });

  describe('sink failures', () => {
    it('rejects with the sink error, waits for the puts in flight, and never commits', async () => {
      // Prepare
      const entries = Array.from({ length: 20 }, (_, i) => ({ path: `src/z${i}.prog.abap`, content: `REPORT z${i}.\n` }));
      const sink = memorySink(/z7\./);

      // Act
      const error = await splitArchive(bufferByteSource(await zipOf(entries)), sink, { sinkConcurrency: 3 }).catch(
        (caught: unknown) => caught,
      );

      // Assess
      expect((error as Error).message).toBe('sink refused src/z7.prog.abap');
      expect(sink.committed).toBeUndefined();
      expect(sink.units.length).toBeLessThan(20);
    });

    it('stops when the abort signal fires', async () => {
      // Prepare
      const controller = new AbortController();
      const entries = Array.from({ length: 5 }, (_, i) => ({ path: `src/z${i}.prog.abap`, content: `REPORT z${i}.\n` }));
      const sink = memorySink();
      const put = sink.put;
      sink.put = async (unit, body) => {
        await put(unit, body);
        controller.abort(new Error('Lambda is about to time out'));
      };

      // Act
      const error = await splitArchive(bufferByteSource(await tarGzOf(entries)), sink, {
        signal: controller.signal,
        sinkConcurrency: 1,
      }).catch((caught: unknown) => caught);

      // Assess
      expect((error as Error).message).toBe('Lambda is about to time out');
      expect(sink.units.length).toBeLessThan(5);
      expect(sink.committed).toBeUndefined();
    });
  });
});
