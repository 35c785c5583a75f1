/**
 * yauzl's RandomAccessReader over a {@link ByteSource}, with a small block cache.
 *
 * yauzl reads a zip through its central directory: the end record, then 46 bytes and the names of each entry, then
 * each entry's local header and data. Passed straight to S3 that is several ranged GETs per entry. Reading aligned
 * blocks and keeping a few of them turns the central directory into a handful of GETs, and small entries (most
 * source files) into one GET per block of neighbours. Entries larger than a block are streamed with one ranged read
 * of their own, not cached.
 */
import { PassThrough } from 'node:stream';
import type { Readable } from 'node:stream';
import { RandomAccessReader } from 'yauzl';
import { readRange } from './byteSource';
import { ArchiveReadError } from './errors';
import type { ByteSource } from './types';

/** Settings of the reader. */
type RangeReaderOptions = {
  /** Bytes per block (one ranged read each). */
  blockSize: number;
  /** Blocks kept; the least recently used is dropped first. */
  maxCachedBlocks: number;
};

/**
 * Reads a byte source for yauzl in cached blocks.
 *
 * @example
 * const reader = new ByteSourceReader(source, { blockSize: 1 << 20, maxCachedBlocks: 8 });
 * const zip = await fromRandomAccessReaderPromise(reader, source.size, { autoClose: false });
 */
class ByteSourceReader extends RandomAccessReader {
  // A Map iterates in insertion order: re-inserting on each hit makes the first key the least recently used.
  private readonly blocks = new Map<number, Promise<Buffer>>();

  public constructor(
    private readonly source: ByteSource,
    private readonly options: RangeReaderOptions,
  ) {
    super();
  }

  /** Reads `length` bytes at `position` through the block cache. */
  public async bytes(position: number, length: number): Promise<Buffer> {
    if (length === 0) return Buffer.alloc(0);
    const { blockSize } = this.options;
    const first = Math.floor(position / blockSize);
    const last = Math.floor((position + length - 1) / blockSize);
    const parts: Buffer[] = [];
    for (let index = first; index <= last; index += 1) {
      const block = await this.block(index);
      const blockStart = index * blockSize;
      const from = Math.max(position - blockStart, 0);
      const to = Math.min(position + length - blockStart, block.length);
      parts.push(block.subarray(from, to));
    }
    return parts.length === 1 ? parts[0] : Buffer.concat(parts, length);
  }

  public override read(
    buffer: Buffer,
    offset: number,
    length: number,
    position: number,
    callback: (err: Error | null) => void,
  ): void {
    this.bytes(position, length).then(
      (bytes) => {
        bytes.copy(buffer, offset);
        callback(null);
      },
      (error: Error) => callback(error),
    );
  }

  /** yauzl's hook for entry data: `end` is exclusive. */
  public override _readStreamForRange(start: number, end: number): Readable {
    const out = new PassThrough();
    if (end - start <= this.options.blockSize) {
      this.bytes(start, end - start).then(
        (bytes) => out.end(bytes),
        (error: Error) => out.destroy(error),
      );
      return out;
    }
    let upstream: Readable | undefined;
    // yauzl destroys the stream it got when its consumer stops early (a limit hit): stop the ranged read too.
    out.on('close', () => upstream?.destroy());
    this.source.read(start, end - 1).then(
      (stream) => {
        if (out.destroyed) {
          stream.destroy();
          return;
        }
        upstream = stream;
        stream.on('error', (error) => out.destroy(new ArchiveReadError(start, end - 1, { cause: error })));
        stream.pipe(out);
      },
      (error: unknown) => out.destroy(new ArchiveReadError(start, end - 1, { cause: error })),
    );
    return out;
  }

  private block(index: number): Promise<Buffer> {
    const cached = this.blocks.get(index);
    if (cached !== undefined) {
      this.blocks.delete(index);
      this.blocks.set(index, cached);
      return cached;
    }
    const start = index * this.options.blockSize;
    const end = Math.min(start + this.options.blockSize, this.source.size) - 1;
    const pending = readRange(this.source, start, end);
    // A failed read must not stay cached: the next attempt (yauzl retries nothing, but a later entry may) reads again.
    pending.catch(() => {
      if (this.blocks.get(index) === pending) this.blocks.delete(index);
    });
    this.blocks.set(index, pending);
    while (this.blocks.size > this.options.maxCachedBlocks) {
      const oldest = this.blocks.keys().next().value as number;
      this.blocks.delete(oldest);
    }
    return pending;
  }
}

export { ByteSourceReader };
export type { RangeReaderOptions };
