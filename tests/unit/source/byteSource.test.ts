import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { bufferByteSource, fileByteSource } from '../../../functions/lib/source';
import { readRange } from '../../../functions/lib/source/byteSource';

const text = async (stream: Readable): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};

describe('Function: fileByteSource()', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bytes-'));
    await writeFile(join(dir, 'f.bin'), '0123456789');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reports the size and streams inclusive ranges', async () => {
    // Act
    const source = await fileByteSource(join(dir, 'f.bin'));

    // Assess
    expect(source.size).toBe(10);
    expect(await text(await source.read(2, 4))).toBe('234');
    expect(await text(await source.read(7))).toBe('789');
  });

  it.each([
    [-1, 3],
    [5, 10],
    [3, 1],
  ])('refuses the range %i-%i', async (start, end) => {
    // Act
    const source = await fileByteSource(join(dir, 'f.bin'));

    // Assess
    await expect(source.read(start, end)).rejects.toThrow(RangeError);
  });
});

describe('Function: readRange()', () => {
  it('reads a range of a buffer source into one buffer', async () => {
    // Assess
    expect((await readRange(bufferByteSource(Buffer.from('abcdef')), 1, 3)).toString()).toBe('bcd');
  });

  it('fails with ArchiveReadError when the source delivers fewer bytes than asked for', async () => {
    // Prepare
    const short = { size: 10, read: async () => Readable.from([Buffer.from('abc')]) };

    // Act
    const error = await readRange(short, 0, 9).catch((caught: unknown) => caught);

    // Assess
    expect(error).toMatchObject({ name: 'ArchiveReadError', start: 0, end: 9 });
    expect((error as Error).message).toBe('Could not read bytes 0-9 of the archive: expected 10 bytes, got 3');
  });
});
