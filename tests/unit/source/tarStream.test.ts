import { Readable } from 'node:stream';
import { splitArchive } from '../../../functions/lib/source';
import type { ByteSource } from '../../../functions/lib/source';
import { noise, tarGzOf, tarOf } from './helpers/archives';
import { countingSource, memorySink } from './helpers/sources';

describe('Function: splitArchive() on tar streams', () => {
  it('reads a tar.gz as whole streams in small chunks: the sniff, the listing pass and the reading pass', async () => {
    // Prepare
    const archive = await tarGzOf(
      Array.from({ length: 30 }, (_, i) => ({ path: `src/z${i}.prog.abap`, content: `REPORT z${i}.\nWRITE ${i}.\n` })),
    );
    const source = countingSource(archive, 256);

    // Act
    const result = await splitArchive(source, memorySink());

    // Assess
    expect(result.format).toBe('tar.gz');
    expect(result.totals.units).toBe(30);
    expect(source.requests).toEqual([
      [0, Math.min(511, archive.length - 1)],
      [0, archive.length - 1],
      [0, archive.length - 1],
    ]);
  });

  it('stops the reading pass after the last wanted entry', async () => {
    // Prepare: the program first, then 2 MiB of incompressible vendored files
    const archive = await tarGzOf([
      { path: 'src/zfirst.prog.abap', content: 'REPORT zfirst.\n' },
      ...Array.from({ length: 8 }, (_, i) => ({ path: `web/vendor/blob${i}.js`, content: noise(256 * 1024, i + 1).toString('base64') })),
    ]);
    const source = countingSource(archive, 4096);

    // Act
    const result = await splitArchive(source, memorySink());

    // Assess
    expect(result.skipped).toEqual([{ path: 'web/vendor/', reason: 'vendored', entries: 8 }]);
    // The listing pass takes it all; the reading pass only the head.
    expect(source.deliveredBytes()).toBeLessThan(archive.length * 1.2);
    expect(result.totals.inflatedBytes).toBeLessThan(512 * 1024);
  });

  it('splits a plain (uncompressed) tar detected by its ustar magic', async () => {
    // Act
    const result = await splitArchive(countingSource(await tarOf([{ path: 'web/app.ts', content: 'export const x = 1;\n' }])), memorySink());

    // Assess
    expect(result.format).toBe('tar');
    expect(result.units[0]).toMatchObject({ path: 'web/app.ts', language: 'typescript' });
  });

  it('reads long paths carried in pax headers and strips a leading ./', async () => {
    // Prepare
    const deep = `./${Array.from({ length: 12 }, (_, i) => `package_level_${i}`).join('/')}/zdeep.prog.abap`;

    // Act
    const result = await splitArchive(countingSource(await tarGzOf([{ path: deep, content: 'REPORT zdeep.\n' }])), memorySink());

    // Assess
    expect(result.units[0].path).toBe(deep.slice(2));
    expect(result.units[0].path.length).toBeGreaterThan(100);
  });

  it.each([
    ['content', 'src/za.prog.abap', 'REPORT zb.\n'],
    ['name', 'src/zb.prog.abap', 'REPORT za.\n'],
  ])('rejects a source whose bytes changed between the two passes (%s)', async (_what, path, content) => {
    // Prepare: a plain tar, so the changed archive has the same size
    const first = await tarOf([{ path: 'src/za.prog.abap', content: 'REPORT za.\n' }]);
    const second = await tarOf([{ path, content }]);
    let wholeReads = 0;
    const source: ByteSource = {
      size: first.length,
      read: async (start, end = first.length - 1) => {
        const bytes = end === first.length - 1 && ++wholeReads > 1 ? second : first;
        return Readable.from([bytes.subarray(start, end + 1)]);
      },
    };

    // Act
    const error = await splitArchive(source, memorySink()).catch((caught: unknown) => caught);

    // Assess
    expect(error).toMatchObject({ name: 'CorruptArchiveError', entryPath: path });
    expect((error as Error).message).toContain('the archive changed between the listing and the reading pass');
  });
});
