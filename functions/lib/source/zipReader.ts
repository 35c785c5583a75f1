/**
 * Reading a zip through its central directory with ranged reads (yauzl over a {@link ByteSourceReader}).
 *
 * yauzl runs with `decodeStrings: false` and `validateEntrySizes: false`: file names are decoded and validated here
 * (so a bad one is a named error with the path in it, not a yauzl message), and sizes are enforced while inflating
 * by the {@link InflationGuard}, which also checks the CRC-32 that yauzl leaves unchecked.
 */
import { crc32, inflateRawSync } from 'node:zlib';
import { fromRandomAccessReaderPromise, getFileNameLowLevel } from 'yauzl';
import type { Entry, ZipFile } from 'yauzl';
import { createEntryValidator } from './archive';
import type { ArchiveEntry, ArchiveReader, ContentHandler, RawEntryKind } from './archive';
import { ArchiveFormats } from './constants';
import {
  ArchiveTooLargeError,
  CorruptArchiveError,
  DecompressionBombError,
  SourceArchiveError,
  TooManyEntriesError,
} from './errors';
import { InflationGuard } from './guard';
import { ByteSourceReader } from './rangeReader';
import type { ByteSource, ResolvedSplitOptions } from './types';

/** Size of a local file header without its name and extra field (APPNOTE 4.3.7). */
const LOCAL_HEADER_FIXED = 30;

// Unix file types in the high 16 bits of the external attributes (st_mode, S_IFMT bits).
const UNIX_TYPES: Readonly<Record<number, RawEntryKind>> = {
  0o100000: 'file',
  0o040000: 'directory',
  0o120000: 'symlink',
  0o020000: 'character device',
  0o060000: 'block device',
  0o010000: 'FIFO',
  0o140000: 'socket',
};
/** MS-DOS directory attribute in the low byte of the external attributes. */
const DOS_DIRECTORY = 0x10;

/** The entry type, from the Unix mode when the zipper recorded one (any host: a link is refused whoever made it). */
const kindOf = (entry: Entry, rawPath: string): RawEntryKind => {
  const unixType = (entry.externalFileAttributes >>> 16) & 0o170000;
  if (unixType !== 0) return UNIX_TYPES[unixType] ?? 'entry of unknown type';
  if (rawPath.endsWith('/') || rawPath.endsWith('\\')) return 'directory';
  return (entry.externalFileAttributes & DOS_DIRECTORY) !== 0 ? 'directory' : 'file';
};

/** Turns anything a zip read threw into a named error; ours pass through. */
const asArchiveError = (error: unknown, entryPath?: string): SourceArchiveError => {
  if (error instanceof SourceArchiveError) return error;
  const detail = error instanceof Error ? error.message : String(error);
  return new CorruptArchiveError(detail, { cause: error, ...(entryPath === undefined ? {} : { entryPath }) });
};

/**
 * Opens a zip: reads its end-of-central-directory record (one block at the end of the source) and refuses it at once
 * if it declares more than `maxEntries` entries.
 *
 * @example
 * const reader = await openZip(source, options);
 * const entries = await reader.list();
 */
const openZip = async (source: ByteSource, options: ResolvedSplitOptions): Promise<ArchiveReader> => {
  const randomAccess = new ByteSourceReader(source, options);
  let zip: ZipFile;
  try {
    zip = await fromRandomAccessReaderPromise(randomAccess, source.size, {
      autoClose: false,
      decodeStrings: false,
      validateEntrySizes: false,
      strictFileNames: true,
    });
  } catch (error) {
    throw asArchiveError(error);
  }
  if (zip.entryCount > options.maxEntries) {
    zip.close();
    throw new TooManyEntriesError(options.maxEntries, zip.entryCount, true);
  }

  const zipEntries = new Map<number, Entry>();
  let guard = new InflationGuard(options);

  const list = async (): Promise<ArchiveEntry[]> => {
    const validate = createEntryValidator(options);
    const entries: ArchiveEntry[] = [];
    let index = 0;
    try {
      for await (const entry of zip.eachEntry()) {
        // With decodeStrings off, yauzl hands over the raw bytes; decode as the spec says (CP437, or UTF-8 when
        // flagged or given in an Info-ZIP Unicode Path field) but keep backslashes for our own validation.
        const rawPath = getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileNameRaw, entry.extraFields, true);
        const kind = kindOf(entry, rawPath);
        const path = validate(rawPath, kind);
        const listed: ArchiveEntry = { index, path, kind: kind === 'directory' ? 'directory' : 'file', size: entry.uncompressedSize };
        if (entry.isEncrypted()) listed.encrypted = true;
        if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) {
          listed.unsupportedCompression = entry.compressionMethod;
        }
        zipEntries.set(index, entry);
        entries.push(listed);
        index += 1;
      }
    } catch (error) {
      throw asArchiveError(error);
    }
    rejectOverlaps(entries);
    return entries;
  };

  /** Two entries whose data overlap: the construction of non-recursive zip bombs (Fifield, 2019). */
  const rejectOverlaps = (entries: ReadonlyArray<ArchiveEntry>): void => {
    const placed = entries
      .map((listed) => ({ listed, entry: zipEntries.get(listed.index) as Entry }))
      .sort((a, b) => a.entry.relativeOffsetOfLocalHeader - b.entry.relativeOffsetOfLocalHeader);
    for (let i = 1; i < placed.length; i += 1) {
      const before = placed[i - 1].entry;
      const after = placed[i];
      if (after.entry.relativeOffsetOfLocalHeader < before.relativeOffsetOfLocalHeader + LOCAL_HEADER_FIXED + before.compressedSize) {
        throw new DecompressionBombError('overlapping-entries', 0, 0, { entryPath: after.listed.path });
      }
    }
  };

  /** Checks what the wanted entries declare before inflating any of them. */
  const checkDeclared = (wanted: ReadonlyArray<ArchiveEntry>): void => {
    let declared = 0;
    let compressed = 0;
    for (const listed of wanted) {
      const entry = zipEntries.get(listed.index) as Entry;
      declared += entry.uncompressedSize;
      compressed += entry.compressedSize;
      const ratio = entry.uncompressedSize / Math.max(entry.compressedSize, 1);
      if (entry.uncompressedSize > options.ratioFloorBytes && ratio > options.maxEntryRatio) {
        throw new DecompressionBombError('entry-ratio', Math.round(ratio), options.maxEntryRatio, { entryPath: listed.path });
      }
    }
    if (declared > options.maxTotalBytes) throw new ArchiveTooLargeError(options.maxTotalBytes, declared, true);
    const ratio = declared / Math.max(compressed, 1);
    if (declared > options.ratioFloorBytes && ratio > options.maxArchiveRatio) {
      throw new DecompressionBombError('archive-ratio', Math.round(ratio), options.maxArchiveRatio);
    }
  };

  /**
   * Reads a small entry (compressed data within one block) without streams: the local header and the data come from
   * the block cache, and inflation is synchronous with `maxOutputLength` one byte past what the entry may hold, so it
   * still stops at the limit rather than inflating whatever the data says. Per-entry streams and a thread-pool round
   * trip per entry cost more than the inflation itself for source files (3x on a 5,000-file archive).
   */
  const readSmallEntry = async (listed: ArchiveEntry, entry: Entry): Promise<Buffer> => {
    const offset = entry.relativeOffsetOfLocalHeader;
    const header = await randomAccess.bytes(offset, LOCAL_HEADER_FIXED);
    if (header.readUInt32LE(0) !== 0x04034b50) {
      throw new CorruptArchiveError('invalid local file header signature', { entryPath: listed.path });
    }
    const dataStart = offset + LOCAL_HEADER_FIXED + header.readUInt16LE(26) + header.readUInt16LE(28);
    if (dataStart + entry.compressedSize > source.size) {
      throw new CorruptArchiveError('entry data runs past the end of the archive', { entryPath: listed.path });
    }
    const raw = await randomAccess.bytes(dataStart, entry.compressedSize);
    const allowed = Math.min(entry.uncompressedSize, options.maxFileBytes);
    let data: Buffer;
    if (entry.compressionMethod === 0) {
      data = raw;
    } else {
      try {
        data = inflateRawSync(raw, { maxOutputLength: allowed + 1 });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ERR_BUFFER_TOO_LARGE') throw error;
        data = Buffer.alloc(allowed + 1);
      }
    }
    guard.addInflated(data.length, listed.path);
    guard.entry(listed.path, { declaredSize: entry.uncompressedSize, compressedBytes: () => entry.compressedSize }).add(data.length);
    return data;
  };

  const readEntry = async (listed: ArchiveEntry): Promise<Buffer> => {
    const entry = zipEntries.get(listed.index) as Entry;
    guard.addCompressed(entry.compressedSize);
    if (entry.compressedSize <= options.blockSize) {
      const data = await readSmallEntry(listed, entry);
      return checkComplete(listed, entry, data, crc32(data));
    }
    const meter = guard.entry(listed.path, {
      declaredSize: entry.uncompressedSize,
      compressedBytes: () => entry.compressedSize,
    });
    const stream = await zip.openReadStreamPromise(entry);
    const chunks: Buffer[] = [];
    let crc = 0;
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        guard.addInflated(chunk.length, listed.path);
        meter.add(chunk.length);
        crc = crc32(chunk, crc);
        chunks.push(chunk);
      }
    } finally {
      // Leaving the loop early (a limit hit) must stop the inflation and the ranged read behind it.
      if (!stream.destroyed) stream.destroy();
    }
    return checkComplete(listed, entry, Buffer.concat(chunks, meter.inflated), crc);
  };

  /** An entry read in full must hold exactly what it declares, with the declared CRC-32. */
  const checkComplete = (listed: ArchiveEntry, entry: Entry, data: Buffer, crc: number): Buffer => {
    if (data.length !== entry.uncompressedSize) {
      throw new CorruptArchiveError(`declares ${entry.uncompressedSize} bytes but holds ${data.length}`, {
        entryPath: listed.path,
      });
    }
    if ((crc >>> 0) !== entry.crc32) throw new CorruptArchiveError('CRC-32 mismatch', { entryPath: listed.path });
    return data;
  };

  const readContents = async (wanted: ReadonlyArray<ArchiveEntry>, onContent: ContentHandler): Promise<void> => {
    checkDeclared(wanted);
    guard = new InflationGuard(options);
    // Local-header order: neighbouring small entries come from the same cached block.
    const ordered = [...wanted].sort(
      (a, b) =>
        (zipEntries.get(a.index) as Entry).relativeOffsetOfLocalHeader -
        (zipEntries.get(b.index) as Entry).relativeOffsetOfLocalHeader,
    );
    for (const listed of ordered) {
      options.signal?.throwIfAborted();
      let bytes: Buffer;
      try {
        bytes = await readEntry(listed);
      } catch (error) {
        throw asArchiveError(error, listed.path);
      }
      await onContent(listed, bytes);
    }
  };

  return {
    format: ArchiveFormats.Zip,
    list,
    readContents,
    inflatedBytes: () => guard.inflated,
    close: async () => zip.close(),
  };
};

export { openZip };
