/**
 * Splitting a customer's source archive into analysis units: the domain of the split-source Lambda and the local
 * runtime. Knows nothing of Lambda events or AWS clients: the caller brings a {@link ByteSource} and a
 * {@link UnitSink}. Packing a directory lives in `./pack` (it needs a dev dependency).
 */
export type {
  ArchiveFormat,
  ByteSource,
  FallbackEncoding,
  FileEncoding,
  LegacyEncoding,
  Language,
  ProgramType,
  SkippedEntry,
  SkipReason,
  SourceUnit,
  SplitOptions,
  SplitResult,
  SplitTotals,
  UnitFile,
  UnitSink,
  UnitSummary,
} from './types';
export type { BombKind, PathProblem } from './errors';
export type { StoredUnit, UnitContent } from './unitFormat';
export {
  ArchiveFormats,
  DEFAULT_LIMITS,
  DEFAULT_TUNING,
  DEFAULT_VENDORED_DIRECTORIES,
  Languages,
  ProgramTypes,
  SkipReasons,
  UNIT_FORMAT_VERSION,
} from './constants';
export {
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
  PackIntegrityError,
  PathTooLongError,
  SourceArchiveError,
  TooManyEntriesError,
  UnitIntegrityError,
  UnsafePathError,
} from './errors';
export { bufferByteSource, fileByteSource } from './byteSource';
export { detectFormat } from './detectFormat';
export { parseManifestLine, toManifestLine } from './manifest';
export { packUnits, planPacks, readPackedUnit, PACK_DEFAULTS } from './packs';
export type { PackedUnit, PackLine, PackPlanOptions } from './packs';
export { splitArchive } from './splitArchive';
export { parseUnit, serializeUnit, unitIdOf } from './unitFormat';
