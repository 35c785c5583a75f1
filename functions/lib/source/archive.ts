/**
 * The contract both archive readers (zip, tar) meet, and the checks every listed entry passes, whatever the format:
 * count, path, type, uniqueness. Listing comes first and reads no file content, so an archive is rejected for any of
 * these before a single unit is written.
 */
import { DuplicateEntryError, ForbiddenEntryTypeError, TooManyEntriesError } from './errors';
import { normalizeEntryPath } from './paths';
import type { ArchiveFormat, ResolvedSplitOptions } from './types';

/** Entry types as found in an archive; only `file` and `directory` pass validation. */
type RawEntryKind =
  | 'file'
  | 'directory'
  | 'symlink'
  | 'hard link'
  | 'character device'
  | 'block device'
  | 'FIFO'
  | 'socket'
  | 'entry of unknown type';

/** One validated archive entry, metadata only. */
type ArchiveEntry = {
  /** Position in listing order (central directory order for zip, stream order for tar). */
  index: number;
  /** Normalised path (see paths.ts). */
  path: string;
  kind: 'file' | 'directory';
  /** Uncompressed size the entry declares (exact for tar; a claim for zip, checked while inflating). */
  size: number;
  /** tar: CRC-32 of the content, computed while listing, checked again while reading (the source must not change). */
  crc32?: number;
  /** zip: the entry is encrypted and cannot be read. */
  encrypted?: boolean;
  /** zip: the compression method, when it is neither stored (0) nor deflate (8). */
  unsupportedCompression?: number;
};

/** Called with each wanted entry's complete content, in archive order. */
type ContentHandler = (entry: ArchiveEntry, bytes: Buffer) => Promise<void>;

/** An opened archive. */
type ArchiveReader = {
  format: ArchiveFormat;
  /** Lists and validates every entry without reading file content. Called once, first. */
  list(): Promise<ArchiveEntry[]>;
  /** Reads the content of the wanted entries (from `list`) and hands each to `onContent`, awaiting it. */
  readContents(wanted: ReadonlyArray<ArchiveEntry>, onContent: ContentHandler): Promise<void>;
  /** Bytes inflated by `readContents`. */
  inflatedBytes(): number;
  /** Releases what the reader holds; safe to call more than once. */
  close(): Promise<void>;
};

/** Validates one raw entry after another and returns its normalised path. */
type EntryValidator = (rawPath: string, kind: RawEntryKind) => string;

/**
 * Creates the validator for one listing: counts entries against `maxEntries`, normalises and checks each path
 * (paths.ts), refuses every type but files and directories, and refuses a file path seen before.
 *
 * @example
 * const validate = createEntryValidator(options);
 * validate('./src/zfoo.prog.abap', 'file'); // 'src/zfoo.prog.abap'
 * validate('link', 'symlink');              // throws ForbiddenEntryTypeError
 */
const createEntryValidator = (
  options: Pick<ResolvedSplitOptions, 'maxEntries' | 'maxPathLength' | 'maxPathDepth' | 'signal'>,
): EntryValidator => {
  const seen = new Set<string>();
  let count = 0;
  return (rawPath, kind) => {
    options.signal?.throwIfAborted();
    count += 1;
    if (count > options.maxEntries) throw new TooManyEntriesError(options.maxEntries, count, false);
    const path = normalizeEntryPath(rawPath, options);
    if (kind !== 'file' && kind !== 'directory') throw new ForbiddenEntryTypeError(path || rawPath, kind);
    if (kind === 'file') {
      if (path === '') throw new ForbiddenEntryTypeError(rawPath, 'file without a name');
      if (seen.has(path)) throw new DuplicateEntryError(path, path);
      seen.add(path);
    }
    return path;
  };
};

export { createEntryValidator };
export type { ArchiveEntry, ArchiveReader, ContentHandler, EntryValidator, RawEntryKind };
