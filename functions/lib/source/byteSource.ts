/**
 * Byte sources for a local file and an in-memory buffer, and reading a range of any byte source into memory. The
 * S3 byte source (ranged GetObject) belongs to the split-source handler's adapters.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { ArchiveReadError } from './errors';
import type { ByteSource } from './types';

/** Checks a range against a source's size; returns the inclusive end. */
const checkRange = (size: number, start: number, endInclusive: number | undefined): number => {
  const end = endInclusive ?? size - 1;
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end < start - 1 || end >= size) {
    throw new RangeError(`Range ${start}-${end} is outside the source (size ${size})`);
  }
  return end;
};

/**
 * A byte source over a local file; each `read` opens a stream over the range.
 *
 * @example
 * const source = await fileByteSource('/tmp/upload.zip');
 * const result = await splitArchive(source, sink);
 */
const fileByteSource = async (path: string): Promise<ByteSource> => {
  const { size } = await stat(path);
  return {
    size,
    name: path,
    read: async (start, endInclusive) => {
      const end = checkRange(size, start, endInclusive);
      return end < start ? Readable.from([]) : createReadStream(path, { start, end });
    },
  };
};

/**
 * A byte source over a buffer already in memory (tests, small uploads).
 *
 * @example
 * const result = await splitArchive(bufferByteSource(zipBytes, 'upload.zip'), sink);
 */
const bufferByteSource = (buffer: Buffer, name?: string): ByteSource => ({
  size: buffer.length,
  ...(name === undefined ? {} : { name }),
  read: async (start, endInclusive) => {
    const end = checkRange(buffer.length, start, endInclusive);
    return Readable.from(end < start ? [] : [buffer.subarray(start, end + 1)]);
  },
});

/**
 * Reads `start..endInclusive` of a source into one buffer, failing with {@link ArchiveReadError} if the source fails
 * or delivers a different number of bytes than asked for.
 */
const readRange = async (source: ByteSource, start: number, endInclusive: number): Promise<Buffer> => {
  const expected = endInclusive - start + 1;
  try {
    const stream = await source.read(start, endInclusive);
    const chunks: Buffer[] = [];
    let length = 0;
    for await (const chunk of stream) {
      const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
      length += buffer.length;
      if (length > expected) {
        stream.destroy();
        break;
      }
      chunks.push(buffer);
    }
    if (length !== expected) throw new Error(`expected ${expected} bytes, got ${length > expected ? 'more' : length}`);
    return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, length);
  } catch (error) {
    if (error instanceof ArchiveReadError) throw error;
    throw new ArchiveReadError(start, endInclusive, { cause: error });
  }
};

export { bufferByteSource, fileByteSource, readRange };
