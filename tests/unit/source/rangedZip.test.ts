import { Readable } from 'node:stream';
import { splitArchive } from '../../../functions/lib/source';
import type { ByteSource } from '../../../functions/lib/source';
import { noise, zipOf } from './helpers/archives';
import { countingSource, memorySink } from './helpers/sources';

const KiB = 1024;

/** An archive of a few small ABAP programs behind 4 MiB of assets the splitter never needs to read. */
const archiveWithAssets = async (): Promise<Buffer> =>
  zipOf([
    ...Array.from({ length: 8 }, (_, i) => ({ path: `assets/photo${i}.jpg`, content: noise(512 * KiB, i + 1), store: true })),
    ...Array.from({ length: 20 }, (_, i) => ({ path: `src/z${i}.prog.abap`, content: `REPORT z${i}.\nWRITE ${i}.\n` })),
  ]);

describe('Class: ByteSourceReader (through splitArchive())', () => {
  it('reads the central directory and the wanted entries by ranged reads, not the whole archive', async () => {
    // Prepare
    const archive = await archiveWithAssets();
    const source = countingSource(archive);

    // Act
    const result = await splitArchive(source, memorySink(), { blockSize: 64 * KiB });

    // Assess
    expect(result.totals.units).toBe(20);
    expect(archive.length).toBeGreaterThan(4 * 1024 * KiB);
    // The sniff, the tail (end record, central directory, and the programs stored just before it), nothing else.
    expect(source.requestedBytes()).toBeLessThan(archive.length / 10);
    expect(source.requests.some(([start, end]) => start === 0 && end === archive.length - 1)).toBe(false);
  });

  it('reads the central directory of many entries in a few block reads, not several reads per entry', async () => {
    // Prepare: 300 entries, so per-entry reads would be 600 requests
    const archive = await zipOf(
      Array.from({ length: 300 }, (_, i) => ({ path: `docs/page${i}.md`, content: `# page ${i}\n` })).concat([
        { path: 'src/zmain.prog.abap', content: 'REPORT zmain.\n' },
      ]),
    );
    const source = countingSource(archive);

    // Act
    await splitArchive(source, memorySink(), { blockSize: 16 * KiB });

    // Assess
    const blocks = Math.ceil(archive.length / (16 * KiB));
    expect(source.requests.length).toBeLessThanOrEqual(blocks + 1);
  });

  it('streams an entry larger than a block with one ranged read of its own', async () => {
    // Prepare: a 300 KiB readable JavaScript file (compresses to well over one 16 KiB block)
    const js = Array.from({ length: 6000 }, (_, i) => `  model.f${i} = ${noise(8, i).toString('hex')};`).join('\n');
    const archive = await zipOf([{ path: 'web/model.js', content: js }]);
    const source = countingSource(archive);

    // Act
    const result = await splitArchive(source, memorySink(), { blockSize: 16 * KiB });

    // Assess
    expect(result.units).toHaveLength(1);
    const dataReads = source.requests.filter(([start, end]) => end - start + 1 > 16 * KiB);
    expect(dataReads).toHaveLength(1);
  });

  it('keeps at most maxCachedBlocks blocks, reading a block again once evicted', async () => {
    // Prepare: about 40 KiB of programs, all inside the 64 KiB tail yauzl reads to find the end record
    const archive = await zipOf(
      Array.from({ length: 20 }, (_, i) => ({ path: `src/z${i}.prog.abap`, content: `* ${noise(2 * KiB, i + 1).toString('hex')}\n` })),
    );
    const roomy = countingSource(archive);
    const tight = countingSource(archive);

    // Act
    await splitArchive(roomy, memorySink(), { blockSize: 4 * KiB, maxCachedBlocks: 64 });
    await splitArchive(tight, memorySink(), { blockSize: 4 * KiB, maxCachedBlocks: 1 });

    // Assess
    expect(tight.requests.length).toBeGreaterThan(roomy.requests.length);
  });

  it('reports a failing byte source as ArchiveReadError with the range', async () => {
    // Prepare: a source whose reads fail past the first 4 KiB (the sniff works, the end record read does not)
    const archive = await archiveWithAssets();
    const source: ByteSource = {
      size: archive.length,
      read: async (start, end = archive.length - 1) => {
        if (end >= 4 * KiB) throw new Error('503 Slow Down');
        return Readable.from([archive.subarray(start, end + 1)]);
      },
    };
    const sink = memorySink();

    // Act
    const error = await splitArchive(source, sink, { blockSize: 64 * KiB }).catch((caught: unknown) => caught);

    // Assess
    expect(error).toMatchObject({ name: 'ArchiveReadError' });
    expect((error as Error).message).toMatch(/^Could not read bytes \d+-\d+ of the archive: 503 Slow Down$/);
    expect(sink.committed).toBeUndefined();
  });
});
