/**
 * Fixed value sets and default limits of source splitting. Union types are derived from these objects in types.ts.
 */

/** Archive formats recognised from their magic bytes (never from the file name). */
const ArchiveFormats = {
  Zip: 'zip',
  TarGz: 'tar.gz',
  Tar: 'tar',
} as const;

/** Languages a unit can be in. abapGit `.xml` metadata travels inside `abap` units. */
const Languages = {
  Abap: 'abap',
  JavaScript: 'javascript',
  TypeScript: 'typescript',
  Html: 'html',
} as const;

/**
 * Why an archive entry was left out of the analysis. Skips are not errors: they are recorded in the result so the
 * report can say what was not analysed and why.
 */
const SkipReasons = {
  /** Inside a `node_modules/` directory: third-party packages, not the customer's code. Recorded once per directory. */
  NodeModules: 'node-modules',
  /** Inside a vendored directory (`vendor/`, `bower_components/`, `third_party/`…). Recorded once per directory. */
  Vendored: 'vendored',
  /** Version-control metadata (`.git/`, `.svn/`, `.hg/`). Recorded once per directory. */
  VcsMetadata: 'vcs-metadata',
  /** Operating-system litter: `__MACOSX/` resource forks, `._*` AppleDouble files, `.DS_Store`, `Thumbs.db`. */
  OsMetadata: 'os-metadata',
  /** Minified by its name: `*.min.js` (also `.min.mjs`, `.min.cjs`). Not read. */
  MinifiedName: 'minified-name',
  /** Minified by its content: long-line heuristic, see content.ts `detectMinified` (the detail gives the figures). */
  MinifiedContent: 'minified-content',
  /** Binary content: a known magic number, a NUL byte, or mostly control characters. */
  Binary: 'binary',
  /** Not valid UTF-8 (nor UTF-16 with a BOM) and no fallback encoding was configured. */
  InvalidEncoding: 'invalid-encoding',
  /** A file type the analyzers do not handle (by extension). Not read. */
  UnsupportedType: 'unsupported-type',
  /** Larger than `maxFileBytes` by its declared size. Not read (a tar.gz entry is still inflated, and counted). */
  TooLarge: 'too-large',
  /** Empty or whitespace only. */
  Empty: 'empty',
  /** A zip entry encrypted with a password: it cannot be read. */
  Encrypted: 'encrypted',
  /** A zip entry compressed with a method other than stored or deflate (bzip2, LZMA, zstd…). */
  UnsupportedCompression: 'unsupported-compression',
  /** abapGit metadata with no source beside it (DDIC objects, packages, `.abapgit.xml`). */
  MetadataOnly: 'metadata-only',
} as const;

/** ABAP program types, from the abapGit `<SUBC>` field of a PROG's XML. */
const ProgramTypes = {
  '1': 'executable',
  I: 'include',
  M: 'module-pool',
  S: 'subroutine-pool',
  F: 'function-group',
  K: 'class-pool',
  J: 'interface-pool',
  T: 'type-pool',
} as const;

/** Directory names (compared case-insensitively) whose content is third-party code. */
const DEFAULT_VENDORED_DIRECTORIES: ReadonlyArray<string> = [
  'bower_components',
  'jspm_packages',
  'web_modules',
  'vendor',
  'vendors',
  'third_party',
  'third-party',
  'thirdparty',
  '.yarn',
  '.pnpm-store',
];

/** Default safety limits; see {@link SplitOptions} in types.ts for what each one means. */
const DEFAULT_LIMITS = {
  maxEntries: 100_000,
  maxTotalBytes: 2 * 1024 ** 3,
  maxFileBytes: 8 * 1024 ** 2,
  maxEntryRatio: 200,
  maxArchiveRatio: 100,
  ratioFloorBytes: 4 * 1024 ** 2,
  maxPathLength: 1024,
  maxPathDepth: 32,
} as const;

/** Default tuning of reading and writing; see {@link SplitOptions}. */
const DEFAULT_TUNING = {
  blockSize: 1024 ** 2,
  maxCachedBlocks: 8,
  sinkConcurrency: 8,
} as const;

/**
 * Version tag of the stored unit format (the S3 object under `units/{customerId}/{unitId}`). It is part of the
 * hashed bytes, so a change of format changes every unitId instead of silently colliding with old objects.
 */
const UNIT_FORMAT_VERSION = 1;

export {
  ArchiveFormats,
  DEFAULT_LIMITS,
  DEFAULT_TUNING,
  DEFAULT_VENDORED_DIRECTORIES,
  Languages,
  ProgramTypes,
  SkipReasons,
  UNIT_FORMAT_VERSION,
};
