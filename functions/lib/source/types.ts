/**
 * Types of source splitting: the byte source it reads, the units it produces, the sink it hands them to, and its
 * options. Types only.
 */
import type { Readable } from 'node:stream';
import type { ArchiveFormats, Languages, ProgramTypes, SkipReasons } from './constants';

/**
 * Random access to the bytes of an uploaded archive. In the cloud each `read` is one ranged S3 GET; locally it is a
 * file read (see byteSource.ts).
 */
type ByteSource = {
  /** Total size in bytes. */
  size: number;
  /**
   * Streams the bytes `start..endInclusive` (HTTP `Range: bytes=start-end` semantics).
   * @default endInclusive = size - 1
   */
  read(start: number, endInclusive?: number): Promise<Readable>;
  /** A name for messages only; the format is always detected from the bytes. */
  name?: string;
};

type ArchiveFormat = (typeof ArchiveFormats)[keyof typeof ArchiveFormats];
type Language = (typeof Languages)[keyof typeof Languages];
type SkipReason = (typeof SkipReasons)[keyof typeof SkipReasons];
type ProgramType = (typeof ProgramTypes)[keyof typeof ProgramTypes];

/** One file of a unit. */
type UnitFile = {
  /** Path inside the archive, normalised: `/`-separated, no leading `./`, no trailing `/`. Not part of the unitId. */
  path: string;
  /**
   * The file name the analyzer sees: the abapGit file name (`zcl_x.clas.locals_imp.abap`), `<name>.prog.abap` for a
   * plain `.abap` file, else the base name. Part of the unitId.
   */
  name: string;
  /** The decoded text: BOM removed, CRLF turned into LF. */
  text: string;
};

/**
 * An analysis unit: one ABAP object (with its abapGit XML) or one web file. Its `unitId` is the SHA-256 of its
 * stored form (see unitFormat.ts), which holds names and texts but no directory: the same object moved to another
 * folder keeps its id, so the per-customer findings cache still applies.
 */
type SourceUnit = {
  /** SHA-256 (lowercase hex) of {@link serializeUnit}'s bytes: the S3 key suffix `units/{customerId}/{unitId}`. */
  unitId: string;
  language: Language;
  /** abapGit object type, upper case (`CLAS`, `PROG`, `FUGR`…); absent for web files. */
  objectType?: string;
  /** ABAP object name, upper case, namespaces with slashes (`/ACME/ZCL_X`); absent for web files. */
  objectName?: string;
  /** For a PROG: its program type from the XML `<SUBC>` (`include` for SUBC I). */
  programType?: ProgramType;
  /** Path of the main file (the `.clas.abap`, the `.prog.abap`, the web file) inside the archive. */
  path: string;
  /** The unit's files, sorted by name. */
  files: UnitFile[];
  /**
   * Files of other units the analyzer parses with this one but does not report on: includes of another program whose
   * macros this program calls (see programs.ts). Sorted by name; part of the unitId, so the cached findings follow
   * them.
   */
  context?: UnitFile[];
  /** Non-blank lines of source (the `.xml` metadata is not counted). */
  loc: number;
  /** UTF-8 bytes of all file texts, as stored. */
  bytes: number;
};

/** A unit without its text: what the manifest and the split result carry (execution data never holds code). */
type UnitSummary = Omit<SourceUnit, 'files' | 'context'> & {
  /** Archive paths of the unit's files, sorted by file name. */
  files: string[];
  /** Main paths of other objects in the archive with byte-identical content (deduplicated into this unit). */
  duplicates?: string[];
};

/** An entry (or a whole directory) left out of the analysis, with the reason. */
type SkippedEntry = {
  /** Entry path, or a directory path ending in `/` when a whole directory was skipped. */
  path: string;
  reason: SkipReason;
  /** What exactly was seen (`NUL byte at offset 12`, `average line 812 chars`); never source text. */
  detail?: string;
  /** For a skipped directory: how many file entries it held. */
  entries?: number;
  /** Non-blank lines, when the file was read and is text (`invalid-encoding`, `minified-content`); else unknown. */
  lines?: number;
};

/** Counts of one split. */
type SplitTotals = {
  /** Archive entries, directories included. */
  entries: number;
  /** Regular file entries. */
  files: number;
  /** Distinct units (after deduplication). */
  units: number;
  /** Units dropped because an identical unit was already in this archive. */
  duplicates: number;
  /** Skipped files (a skipped directory counts its entries). */
  skipped: number;
  /** Sum of the distinct units' `loc`. */
  loc: number;
  /** Sum of the distinct units' `bytes`. */
  bytes: number;
  /** Bytes inflated from the archive while reading it (what the size and ratio limits count). */
  inflatedBytes: number;
};

/** What a successful split returns. */
type SplitResult = {
  format: ArchiveFormat;
  /** Distinct units, in the order they were completed. */
  units: UnitSummary[];
  skipped: SkippedEntry[];
  /** Every file read into a unit (duplicates included) with the encoding it was decoded from, in reading order. */
  encodings: FileEncoding[];
  totals: SplitTotals;
};

/**
 * Where units go. `put` is called once per distinct unit as it completes, with the exact bytes to store (their
 * SHA-256 is the unitId); up to `sinkConcurrency` calls are in flight at once. `commit` is called once, after every
 * `put` has resolved, and only when the whole archive passed every check: a rejected archive never gets a manifest.
 * Units already put before a rejection are harmless: they are content-addressed and no manifest lists them.
 */
type UnitSink = {
  put(unit: SourceUnit, body: Buffer): Promise<void>;
  commit(result: SplitResult): Promise<void>;
};

/**
 * Legacy code pages a file that is not UTF-8 is decoded with (iconv-lite names): Western, Central European, Cyrillic,
 * Arabic, Greek, Hebrew and Turkish single-byte pages, and the Japanese, Korean and Chinese multibyte ones.
 */
type LegacyEncoding =
  | 'windows-1252'
  | 'windows-1250'
  | 'windows-1251'
  | 'windows-1253'
  | 'windows-1254'
  | 'windows-1255'
  | 'windows-1256'
  | 'iso-8859-2'
  | 'iso-8859-5'
  | 'iso-8859-6'
  | 'iso-8859-7'
  | 'iso-8859-8'
  | 'iso-8859-9'
  | 'koi8-r'
  | 'shift_jis'
  | 'euc-jp'
  | 'cp949'
  | 'gb18030'
  | 'big5';

/** The code page assumed for a file that is not UTF-8 when detection finds none (single-byte pages decode anything). */
type FallbackEncoding = LegacyEncoding;

/** How one file read into a unit was decoded (the report lists it per file). */
type FileEncoding = {
  /** Archive path. */
  path: string;
  /** `utf-8`, a Unicode encoding named by its BOM, or the legacy code page used. */
  encoding: string;
  /** For a detected code page: the detector's confidence, 0–100. Absent when certain (Unicode) or assumed (the fallback). */
  confidence?: number;
};

/** Options of {@link splitArchive}. Every limit is enforced on bytes as they inflate, not on declared sizes alone. */
type SplitOptions = {
  /**
   * Most archive entries (directories included). A zip declaring more is rejected before its central directory is read.
   * @default 100_000
   */
  maxEntries?: number;
  /**
   * Most bytes inflated in total. For zip only entries that are read count; a tar.gz must be inflated whole (twice:
   * see splitArchive.ts), so every byte of the tar stream counts.
   * @default 2 GiB
   */
  maxTotalBytes?: number;
  /**
   * Largest file read. A file declaring more is skipped (`too-large`); a zip entry that inflates past this while
   * declaring less is rejected (its header lied).
   * @default 8 MiB
   */
  maxFileBytes?: number;
  /**
   * Highest compression ratio (inflated / compressed) of one entry, judged once `ratioFloorBytes` have inflated.
   * @default 200
   */
  maxEntryRatio?: number;
  /**
   * Highest compression ratio of the archive as a whole, judged once `ratioFloorBytes` have inflated.
   * @default 100
   */
  maxArchiveRatio?: number;
  /**
   * Ratios are judged only past this many inflated bytes: small text compresses unusually well and is harmless.
   * @default 4 MiB
   */
  ratioFloorBytes?: number;
  /**
   * Longest entry path, in characters.
   * @default 1024
   */
  maxPathLength?: number;
  /**
   * Most path segments in an entry path.
   * @default 32
   */
  maxPathDepth?: number;
  /**
   * Code page assumed for a file that is neither Unicode nor a code page the detector recognises (see content.ts).
   * `false` skips such files as `invalid-encoding` instead.
   * @default 'windows-1252'
   */
  fallbackEncoding?: FallbackEncoding | false;
  /**
   * Directory names (case-insensitive) skipped as `vendored`. `node_modules` is always skipped, as `node-modules`.
   * @default DEFAULT_VENDORED_DIRECTORIES
   */
  vendoredDirectories?: ReadonlyArray<string>;
  /**
   * Size of the blocks a zip is read in (one ranged read each) and cached in, for the central directory and small
   * entries. Larger entries are streamed with one ranged read of their own.
   * @default 1 MiB
   */
  blockSize?: number;
  /**
   * Blocks kept in the cache (memory bound: blockSize × maxCachedBlocks).
   * @default 8
   */
  maxCachedBlocks?: number;
  /**
   * Most `sink.put` calls in flight at once.
   * @default 8
   */
  sinkConcurrency?: number;
  /** Aborts the split (for example before the Lambda times out); the split rejects with the signal's reason. */
  signal?: AbortSignal;
};

/** {@link SplitOptions} with every default applied. */
type ResolvedSplitOptions = Required<Omit<SplitOptions, 'fallbackEncoding' | 'signal'>> &
  Pick<SplitOptions, 'fallbackEncoding' | 'signal'>;

export type {
  ArchiveFormat,
  ByteSource,
  FallbackEncoding,
  FileEncoding,
  Language,
  LegacyEncoding,
  ProgramType,
  ResolvedSplitOptions,
  SkippedEntry,
  SkipReason,
  SourceUnit,
  SplitOptions,
  SplitResult,
  SplitTotals,
  UnitFile,
  UnitSink,
  UnitSummary,
};
