/**
 * Reading a tar or tar.gz as one stream (gunzip → tar-stream), twice.
 *
 * A tar has no directory: what is in it is known only once it has all been read, and a class's parts may come in any
 * order. So the first pass lists (inflating everything, keeping nothing), which lets every limit and every path and
 * type check run before any unit is written; the second pass reads the wanted entries, knowing which files make up
 * each ABAP object, so an object is handed on as soon as its last file arrives and memory stays bounded by the
 * objects in progress. The cost is inflating the archive twice; gunzip runs at hundreds of MB/s, far above what the
 * rest of the split does. The second pass stops as soon as the last wanted entry has been read.
 */
import { pipeline, Transform } from 'node:stream';
import { crc32, createGunzip } from 'node:zlib';
import { extract } from 'tar-stream';
import type { Header } from 'tar-stream';
import { createEntryValidator } from './archive';
import type { ArchiveEntry, ArchiveReader, ContentHandler, RawEntryKind } from './archive';
import { ArchiveFormats } from './constants';
import { ArchiveReadError, CorruptArchiveError, SourceArchiveError } from './errors';
import { InflationGuard } from './guard';
import type { EntryBounds } from './guard';
import { normalizeEntryPath } from './paths';
import type { ByteSource, ResolvedSplitOptions } from './types';

/**
 * gunzip takes its input in chunks, so the compressed bytes counted when an entry starts and ends are off by up to
 * one chunk. This much is added to an entry's compressed count before judging its ratio: a small, highly
 * compressible file is never mistaken for a bomb, and a real bomb (gigabytes from megabytes) still is, early.
 */
const COMPRESSED_SLACK = 64 * 1024;

const TAR_TYPES: Readonly<Record<string, RawEntryKind>> = {
  file: 'file',
  'contiguous-file': 'file',
  directory: 'directory',
  symlink: 'symlink',
  link: 'hard link',
  'character-device': 'character device',
  'block-device': 'block device',
  fifo: 'FIFO',
};

/** One tar entry as tar-stream delivers it (a streamx Readable, async iterable at runtime). */
type TarEntry = { header: Header } & AsyncIterable<Buffer>;

/** What a pass does with each entry; it must consume or drain the entry's stream. */
type EntryVisitor = (
  header: Header,
  stream: TarEntry,
  bounds: () => EntryBounds,
) => Promise<'continue' | 'stop'>;

/**
 * Consumes an entry's stream, handing each chunk to `take`. A failure of the stream itself (gunzip or tar-stream
 * found the archive broken) becomes a {@link CorruptArchiveError} naming the entry; what `take` throws (a limit)
 * passes through.
 */
const consume = async (stream: AsyncIterable<Buffer>, path: string, take: (chunk: Buffer) => void): Promise<void> => {
  try {
    for await (const chunk of stream) take(chunk);
  } catch (error) {
    if (error instanceof SourceArchiveError) throw error;
    const detail = error instanceof Error ? error.message : String(error);
    throw new CorruptArchiveError(detail, { cause: error, entryPath: path });
  }
};

/**
 * Streams the archive once through gunzip (for tar.gz) and tar-stream, counting compressed and inflated bytes in
 * `guard`, and calls `visit` for each entry in order.
 */
const streamTar = async (
  source: ByteSource,
  gzipped: boolean,
  guard: InflationGuard,
  visit: EntryVisitor,
): Promise<void> => {
  let current: string | undefined;
  let failure: SourceArchiveError | undefined;
  const fail = (error: SourceArchiveError): SourceArchiveError => {
    failure ??= error;
    return failure;
  };
  const countCompressed = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      guard.addCompressed(chunk.length);
      done(null, chunk);
    },
  });
  const countInflated = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      try {
        guard.addInflated(chunk.length, current);
        done(null, chunk);
      } catch (error) {
        done(fail(error as SourceArchiveError));
      }
    },
  });
  const input = await source.read(0).catch((error: unknown) => {
    throw new ArchiveReadError(0, source.size - 1, { cause: error });
  });
  input.on('error', (error) => fail(new ArchiveReadError(0, source.size - 1, { cause: error })));
  const tar = extract();
  const stages: Array<NodeJS.ReadableStream | NodeJS.WritableStream> = gzipped
    ? [input, countCompressed, createGunzip(), countInflated]
    : [input, countInflated];
  // tar-stream is built on streamx, not Node streams: it is fed by pipe(), and a failure upstream is handed to it
  // with destroy(error), which is what makes its async iteration reject.
  const inflated = pipeline(stages as [NodeJS.ReadableStream, ...NodeJS.WritableStream[]], (error) => {
    if (error) tar.destroy(failure ?? error);
  }) as unknown as NodeJS.ReadableStream;
  inflated.pipe(tar as unknown as NodeJS.WritableStream);

  const boundsFrom =
    (compressedAtStart: number) =>
    (): EntryBounds =>
      gzipped ? { compressedBytes: () => guard.compressed - compressedAtStart + COMPRESSED_SLACK } : {};
  let visitorError: unknown;
  try {
    for await (const entry of tar as unknown as AsyncIterable<TarEntry>) {
      current = entry.header.name;
      const outcome = await visit(entry.header, entry, boundsFrom(guard.compressed)).catch((error: unknown) => {
        visitorError = error;
        throw error;
      });
      if (outcome === 'stop') break;
    }
  } catch (error) {
    if (failure !== undefined) throw failure;
    // What the visitor threw (a limit, a sink failure) is its own error, not a sign of a corrupt archive.
    if (error === visitorError || error instanceof SourceArchiveError) throw error;
    const detail = error instanceof Error ? error.message : String(error);
    throw new CorruptArchiveError(detail, { cause: error, ...(current === undefined ? {} : { entryPath: current }) });
  } finally {
    if (!input.destroyed) input.destroy();
    if (!tar.destroyed) tar.destroy();
  }
  if (failure !== undefined) throw failure;
};

/**
 * Opens a tar or tar.gz for the two passes.
 *
 * @example
 * const reader = openTar(source, 'tar.gz', options);
 * const entries = await reader.list();
 * await reader.readContents(entries.filter(wanted), onContent);
 */
const openTar = (
  source: ByteSource,
  format: typeof ArchiveFormats.Tar | typeof ArchiveFormats.TarGz,
  options: ResolvedSplitOptions,
): ArchiveReader => {
  const gzipped = format === ArchiveFormats.TarGz;
  let listed: ArchiveEntry[] = [];
  let contentGuard = new InflationGuard(options);

  const list = async (): Promise<ArchiveEntry[]> => {
    const validate = createEntryValidator(options);
    const guard = new InflationGuard(options);
    const entries: ArchiveEntry[] = [];
    await streamTar(source, gzipped, guard, async (header, stream, bounds) => {
      // tar-stream gives null for a type flag it does not know.
      const type = header.type as string | null;
      const kind = (type !== null && Object.hasOwn(TAR_TYPES, type) ? TAR_TYPES[type] : undefined) ?? 'entry of unknown type';
      const path = validate(header.name, kind);
      const size = header.size ?? 0;
      // A file too large to analyse is still inflated to reach the next entry: meter it for the ratio only.
      const meter = guard.entry(path, { ...bounds(), maxBytes: Number.POSITIVE_INFINITY });
      let crc = 0;
      await consume(stream, path, (chunk) => {
        meter.add(chunk.length);
        crc = crc32(chunk, crc);
      });
      entries.push({ index: entries.length, path, kind: kind === 'directory' ? 'directory' : 'file', size, crc32: crc });
      return 'continue';
    });
    listed = entries;
    return entries;
  };

  const readContents = async (wanted: ReadonlyArray<ArchiveEntry>, onContent: ContentHandler): Promise<void> => {
    const byIndex = new Map(wanted.map((entry) => [entry.index, entry]));
    let remaining = byIndex.size;
    if (remaining === 0) return;
    contentGuard = new InflationGuard(options);
    let index = 0;
    await streamTar(source, gzipped, contentGuard, async (header, stream, bounds) => {
      const expected = listed[index];
      // The same bytes must give the same entries: a source that changed between the passes is refused.
      const changed = (): CorruptArchiveError =>
        new CorruptArchiveError('the archive changed between the listing and the reading pass', {
          entryPath: header.name,
        });
      if (expected === undefined || (header.size ?? 0) !== expected.size || normalizeEntryPath(header.name, options) !== expected.path) {
        throw changed();
      }
      index += 1;
      const entry = byIndex.get(expected.index);
      if (entry === undefined) {
        await consume(stream, expected.path, () => undefined);
        return 'continue';
      }
      const meter = contentGuard.entry(entry.path, { ...bounds(), declaredSize: entry.size });
      const chunks: Buffer[] = [];
      let crc = 0;
      await consume(stream, entry.path, (chunk) => {
        meter.add(chunk.length);
        crc = crc32(chunk, crc);
        chunks.push(chunk);
      });
      if (crc !== entry.crc32) throw changed();
      await onContent(entry, Buffer.concat(chunks, meter.inflated));
      remaining -= 1;
      options.signal?.throwIfAborted();
      return remaining === 0 ? 'stop' : 'continue';
    });
  };

  return {
    format,
    list,
    readContents,
    inflatedBytes: () => contentGuard.inflated,
    close: async () => undefined,
  };
};

export { openTar };
