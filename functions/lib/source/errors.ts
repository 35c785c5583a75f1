/**
 * Rejections of an uploaded source archive. Each one stops the split, says what was wrong and where (the entry path,
 * quoted and shortened), and carries the context in typed fields. The state machine's Catch matches on `name`.
 * Entry paths are identifiers, not source text: they may appear in the run's failure cause.
 */

/** Longest entry path quoted in a message; the full path stays in the `entryPath` field. */
const MAX_QUOTED_PATH = 200;

/** Quotes a path for a message: JSON string escaping (control characters stay visible), shortened in the middle. */
const quote = (path: string): string => {
  const shown =
    path.length > MAX_QUOTED_PATH ? `${path.slice(0, MAX_QUOTED_PATH / 2)}…${path.slice(-MAX_QUOTED_PATH / 2)}` : path;
  return JSON.stringify(shown);
};

/** Where a path went wrong. */
type PathProblem = 'traversal' | 'absolute' | 'drive-letter' | 'control-character';

/** Kinds of decompression bomb detected. */
type BombKind = 'entry-ratio' | 'archive-ratio' | 'overlapping-entries';

/** Options every error here takes: the cause, and the entry it concerns when there is one. */
type SourceErrorOptions = ErrorOptions & { entryPath?: string };

/** Base class of every rejection of an archive, so callers can catch the whole family. */
class SourceArchiveError extends Error {
  /** The archive entry concerned, normalised when it could be, else as found in the archive. */
  public readonly entryPath?: string;
  public constructor(message: string, options?: SourceErrorOptions) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'SourceArchiveError';
    if (options?.entryPath !== undefined) this.entryPath = options.entryPath;
  }
}

/** The bytes are neither a zip nor a (gzipped) tar, judged by their magic bytes. */
class NotAnArchiveError extends SourceArchiveError {
  /** The first bytes seen, as hex (at most 8). */
  public readonly magic: string;
  public constructor(sourceName: string | undefined, magic: Buffer, options?: SourceErrorOptions) {
    const hex = magic.subarray(0, 8).toString('hex');
    const what = sourceName === undefined ? 'The upload' : `The upload ${quote(sourceName)}`;
    super(
      magic.length === 0
        ? `${what} is empty, not an archive`
        : `${what} is not a zip, tar.gz or tar archive (it starts with bytes ${hex})`,
      options,
    );
    this.name = 'NotAnArchiveError';
    this.magic = hex;
  }
}

/** The archive is truncated or malformed: its structure could not be read, or an entry failed its CRC. */
class CorruptArchiveError extends SourceArchiveError {
  public constructor(detail: string, options?: SourceErrorOptions) {
    const where = options?.entryPath === undefined ? '' : ` at entry ${quote(options.entryPath)}`;
    super(`The archive is truncated or corrupt${where}: ${detail}`, options);
    this.name = 'CorruptArchiveError';
  }
}

/** The byte source itself failed (a ranged GET, a file read): not the archive's fault, possibly transient. */
class ArchiveReadError extends SourceArchiveError {
  /** First byte requested. */
  public readonly start: number;
  /** Last byte requested (inclusive). */
  public readonly end: number;
  public constructor(start: number, end: number, options?: SourceErrorOptions) {
    const reason = options?.cause instanceof Error ? `: ${options.cause.message}` : '';
    super(`Could not read bytes ${start}-${end} of the archive${reason}`, options);
    this.name = 'ArchiveReadError';
    this.start = start;
    this.end = end;
  }
}

/** Nothing in the archive could be analysed (every entry was skipped, or there were none). */
class EmptyArchiveError extends SourceArchiveError {
  /** Entries in the archive. */
  public readonly entries: number;
  /** Files skipped, with their reasons, by reason. */
  public readonly skippedByReason: Readonly<Record<string, number>>;
  public constructor(entries: number, skippedByReason: Readonly<Record<string, number>>, options?: SourceErrorOptions) {
    const reasons = Object.entries(skippedByReason)
      .map(([reason, count]) => `${count} ${reason}`)
      .join(', ');
    super(
      entries === 0
        ? 'The archive has no entries: nothing to analyse'
        : `The archive has no file to analyse (${entries} entries; skipped: ${reasons || 'none'})`,
      options,
    );
    this.name = 'EmptyArchiveError';
    this.entries = entries;
    this.skippedByReason = skippedByReason;
  }
}

/** An entry path that would escape the extraction root, or is not a plain relative path. */
class UnsafePathError extends SourceArchiveError {
  public readonly problem: PathProblem;
  public constructor(entryPath: string, problem: PathProblem, options?: ErrorOptions) {
    const what = {
      traversal: 'contains a ".." segment (path traversal)',
      absolute: 'is an absolute path',
      'drive-letter': 'starts with a drive letter',
      'control-character': 'contains a control character',
    }[problem];
    super(`Entry ${quote(entryPath)} ${what}; only relative paths inside the archive are accepted`, {
      ...options,
      entryPath,
    });
    this.name = 'UnsafePathError';
    this.problem = problem;
  }
}

/** An entry path longer or deeper than the limits. */
class PathTooLongError extends SourceArchiveError {
  public readonly limit: 'maxPathLength' | 'maxPathDepth';
  public readonly allowed: number;
  public readonly actual: number;
  public constructor(
    entryPath: string,
    limit: 'maxPathLength' | 'maxPathDepth',
    allowed: number,
    actual: number,
    options?: ErrorOptions,
  ) {
    const what = limit === 'maxPathLength' ? `${actual} characters long` : `${actual} directories deep`;
    super(`Entry ${quote(entryPath)} is ${what}; the limit is ${allowed} (${limit})`, { ...options, entryPath });
    this.name = 'PathTooLongError';
    this.limit = limit;
    this.allowed = allowed;
    this.actual = actual;
  }
}

/** A symlink, hard link, device file, FIFO or socket: never accepted in an upload. */
class ForbiddenEntryTypeError extends SourceArchiveError {
  public readonly entryType: string;
  public constructor(entryPath: string, entryType: string, options?: ErrorOptions) {
    super(`Entry ${quote(entryPath)} is a ${entryType}; only regular files and directories are accepted`, {
      ...options,
      entryPath,
    });
    this.name = 'ForbiddenEntryTypeError';
    this.entryType = entryType;
  }
}

/** Two entries with the same path (one would silently shadow the other). */
class DuplicateEntryError extends SourceArchiveError {
  /** The path of the earlier entry (differs from `entryPath` only in letter case for abapGit names). */
  public readonly otherPath: string;
  public constructor(entryPath: string, otherPath: string, options?: ErrorOptions) {
    super(
      entryPath === otherPath
        ? `Entry ${quote(entryPath)} appears twice in the archive`
        : `Entries ${quote(otherPath)} and ${quote(entryPath)} name the same abapGit file`,
      { ...options, entryPath },
    );
    this.name = 'DuplicateEntryError';
    this.otherPath = otherPath;
  }
}

/** More entries than `maxEntries`. */
class TooManyEntriesError extends SourceArchiveError {
  public readonly allowed: number;
  /** Entries declared by a zip's end-of-central-directory record, or counted when the limit was passed. */
  public readonly actual: number;
  public constructor(allowed: number, actual: number, declared: boolean, options?: SourceErrorOptions) {
    const what = declared ? `declares ${actual} entries` : `has more than ${allowed} entries`;
    super(`The archive ${what}; the limit is ${allowed} (maxEntries)`, options);
    this.name = 'TooManyEntriesError';
    this.allowed = allowed;
    this.actual = actual;
  }
}

/** More bytes inflated in total than `maxTotalBytes` (or declared by the entries a zip would have read). */
class ArchiveTooLargeError extends SourceArchiveError {
  public readonly allowed: number;
  /** Bytes inflated when the limit was hit, or the declared total. */
  public readonly actual: number;
  /** Whether `actual` is the zip's declared total (nothing was inflated) rather than a count of inflated bytes. */
  public readonly declared: boolean;
  public constructor(allowed: number, actual: number, declared: boolean, options?: SourceErrorOptions) {
    const where = options?.entryPath === undefined ? '' : ` (reached in entry ${quote(options.entryPath)})`;
    super(
      declared
        ? `The archive's files to analyse declare ${actual} bytes in total; the limit is ${allowed} (maxTotalBytes)`
        : `The archive inflates to more than ${allowed} bytes${where}; stopped at ${actual} bytes (maxTotalBytes)`,
      options,
    );
    this.name = 'ArchiveTooLargeError';
    this.allowed = allowed;
    this.actual = actual;
    this.declared = declared;
  }
}

/**
 * An entry inflated past what it may: past `maxFileBytes`, or past the size its own header declared (a zip header
 * that lies about sizes is hostile, whatever the size).
 */
class EntryTooLargeError extends SourceArchiveError {
  public readonly limit: 'maxFileBytes' | 'declaredSize';
  public readonly allowed: number;
  /** Bytes inflated when reading stopped. */
  public readonly actual: number;
  public constructor(
    entryPath: string,
    limit: 'maxFileBytes' | 'declaredSize',
    allowed: number,
    actual: number,
    options?: ErrorOptions,
  ) {
    const what =
      limit === 'declaredSize'
        ? `declares ${allowed} bytes but inflates to more (stopped at ${actual})`
        : `inflates to more than ${allowed} bytes (stopped at ${actual}; maxFileBytes)`;
    super(`Entry ${quote(entryPath)} ${what}`, { ...options, entryPath });
    this.name = 'EntryTooLargeError';
    this.limit = limit;
    this.allowed = allowed;
    this.actual = actual;
  }
}

/** A decompression ("zip") bomb: a compression ratio past the limit, or zip entries sharing their data. */
class DecompressionBombError extends SourceArchiveError {
  public readonly kind: BombKind;
  /** The ratio observed (inflated / compressed), rounded; 0 for overlapping entries. */
  public readonly ratio: number;
  /** The ratio allowed; 0 for overlapping entries. */
  public readonly allowed: number;
  public constructor(kind: BombKind, ratio: number, allowed: number, options?: SourceErrorOptions) {
    const where = options?.entryPath === undefined ? '' : `Entry ${quote(options.entryPath)}`;
    const message = {
      'entry-ratio': `${where} inflates ${ratio}:1, above the limit of ${allowed}:1 (maxEntryRatio): a decompression bomb`,
      'archive-ratio': `The archive inflates ${ratio}:1 overall${where === '' ? '' : ` (at ${where.slice(6)})`}, above the limit of ${allowed}:1 (maxArchiveRatio): a decompression bomb`,
      'overlapping-entries': `${where} overlaps the data of another entry: a decompression bomb construction`,
    }[kind];
    super(message, options);
    this.name = 'DecompressionBombError';
    this.kind = kind;
    this.ratio = ratio;
    this.allowed = allowed;
  }
}

/** A stored unit or a manifest line that does not have the documented shape. */
class InvalidUnitError extends SourceArchiveError {
  /** Where in the document: a JSON path such as `files[2].text`, or `(root)`. */
  public readonly where: string;
  public constructor(where: string, problem: string, options?: SourceErrorOptions) {
    super(`Invalid unit data at ${where}: ${problem}`, options);
    this.name = 'InvalidUnitError';
    this.where = where;
  }
}

/** A stored unit whose SHA-256 is not the unitId it was stored under. */
class UnitIntegrityError extends SourceArchiveError {
  public readonly expected: string;
  public readonly actual: string;
  public constructor(expected: string, actual: string, options?: SourceErrorOptions) {
    super(`Unit content hashes to ${actual}, not to its unitId ${expected}`, options);
    this.name = 'UnitIntegrityError';
    this.expected = expected;
    this.actual = actual;
  }
}

/** A pack whose bytes do not hold the units its index places in it (truncated, or ranges past its end). */
class PackIntegrityError extends SourceArchiveError {
  /** The pack's object key. */
  public readonly packKey: string;
  public constructor(packKey: string, detail: string, options?: SourceErrorOptions) {
    super(`Pack ${packKey} is corrupt: ${detail}`, options);
    this.name = 'PackIntegrityError';
    this.packKey = packKey;
  }
}

export {
  PackIntegrityError,
  ArchiveReadError,
  ArchiveTooLargeError,
  CorruptArchiveError,
  DecompressionBombError,
  DuplicateEntryError,
  EmptyArchiveError,
  EntryTooLargeError,
  ForbiddenEntryTypeError,
  InvalidUnitError,
  NotAnArchiveError,
  PathTooLongError,
  SourceArchiveError,
  TooManyEntriesError,
  UnitIntegrityError,
  UnsafePathError,
};
export type { BombKind, PathProblem, SourceErrorOptions };
