/** Types of build-cache.js (plain JavaScript so the command-line launcher can use it; see there). */

/** What a stamp records. */
export type BuildStamp = {
  /** Hash of the build's configuration ({@link buildKey}). */
  key: string;
  /** Absolute path → SHA-256 of each input file. */
  inputs: Record<string, string>;
  /** Absolute folder → SHA-256 of its sorted listing (the project's own source folders only). */
  folders: Record<string, string>;
  /** The files the build wrote, all of which must still exist. */
  outputs: string[];
};

/** The key of a build: its options, the esbuild version, the build script's own source and the project's lockfile. */
export declare const buildKey: (options: unknown, buildScript: string, root?: string) => string;

/** Whether the build recorded in `stampFile` can be reused: same key, every output present, every input unchanged. */
export declare const isBuildFresh: (stampFile: string, key: string) => boolean;

/** Records a finished build from the keys of esbuild's metafile `inputs` and `outputs` (relative to `workingDir`). */
export declare const recordBuild: (stampFile: string, key: string, inputs: readonly string[], outputs: readonly string[], workingDir?: string) => void;
