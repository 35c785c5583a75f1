/**
 * Reuse of a previous build when nothing it was built from has changed, so that the local runtime does not bundle
 * every function and the layer again on each start (`npm start` spent most of its CPU there).
 *
 * A build leaves a stamp beside its output: the hash of what configures it (the build options, the esbuild version,
 * the source of the build script itself) and the content hash (SHA-256) of every file esbuild read for it (from its
 * metafile), plus the listing of each of the project's own source folders it read from (a new file there can change
 * how an import resolves). The build is reused only when the stamp's key is the same and every one of those files
 * and listings hashes the same now; anything missing, unreadable or different means building again. Third-party
 * inputs are hashed like the rest, and package-lock.json is part of the key, so an `npm install` that changes how a
 * package resolves is a new build too. A stamp's validity rests on content hashes, never on times or sizes (those only
 * spare hashing one file twice within one process): a stale bundle is never used.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { version as esbuildVersion } from 'esbuild';

/** What a stamp records. */
type BuildStamp = {
  /** Hash of the build's configuration ({@link buildKey}). */
  key: string;
  /** Absolute path → SHA-256 of each input file. */
  inputs: Record<string, string>;
  /** Absolute folder → SHA-256 of its sorted listing (the project's own source folders only). */
  folders: Record<string, string>;
  /** The files the build wrote, all of which must still exist. */
  outputs: string[];
};

const sha256 = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');

/**
 * Hashes already taken in this process, with the file's change time, modification time and size then: the functions'
 * bundles share most of their inputs (the SDK), so a start checks about 2,700 distinct files, not 8,000. A write
 * always moves the change time (which no tool can set back), so an edited file is hashed again.
 */
const hashes = new Map<string, { signature: string; hash: string }>();

const hashFile = (path: string): string | undefined => {
  try {
    const stat = statSync(path);
    const signature = `${stat.ctimeMs}:${stat.mtimeMs}:${stat.size}:${stat.ino}`;
    const known = hashes.get(path);
    if (known?.signature === signature) return known.hash;
    const hash = sha256(readFileSync(path));
    hashes.set(path, { signature, hash });
    return hash;
  } catch {
    return undefined;
  }
};

const hashFolder = (path: string): string | undefined => {
  try {
    return sha256(readdirSync(path).sort().join('\n'));
  } catch {
    return undefined;
  }
};

/** The lockfile of the project a build runs in (its resolution of every package), when there is one. */
const lockfileHash = (root: string): string => hashFile(join(root, 'package-lock.json')) ?? 'none';

/**
 * The key of a build: its options, the esbuild version, the build script's own source and the project's lockfile.
 *
 * @example
 * const key = buildKey({ entry, target, minify }, __filename);
 */
const buildKey = (options: unknown, buildScript: string, root = process.cwd()): string =>
  sha256(JSON.stringify({ options, esbuild: esbuildVersion, script: hashFile(buildScript) ?? 'missing', lockfile: lockfileHash(root) }));

/**
 * Whether the build recorded in `stampFile` can be reused: same key, every output present, every input and source
 * folder unchanged.
 */
const isBuildFresh = (stampFile: string, key: string): boolean => {
  let stamp: BuildStamp;
  try {
    stamp = JSON.parse(readFileSync(stampFile, 'utf8')) as BuildStamp;
  } catch {
    return false;
  }
  if (stamp.key !== key || !Array.isArray(stamp.outputs) || Object.keys(stamp.inputs ?? {}).length === 0) return false;
  if (!stamp.outputs.every((output) => existsSync(output))) return false;
  for (const [path, hash] of Object.entries(stamp.inputs)) if (hashFile(path) !== hash) return false;
  for (const [path, hash] of Object.entries(stamp.folders ?? {})) if (hashFolder(path) !== hash) return false;
  return true;
};

/**
 * Records a finished build: `inputs` are the keys of esbuild's metafile `inputs` (relative to `workingDir`), which
 * name every file it read; entries that are no file (`<stdin>`) are covered by the key.
 */
const recordBuild = (stampFile: string, key: string, inputs: readonly string[], outputs: readonly string[], workingDir = process.cwd()): void => {
  const files: Record<string, string> = {};
  const folders: Record<string, string> = {};
  for (const input of inputs) {
    const path = isAbsolute(input) ? input : resolve(workingDir, input);
    const hash = hashFile(path);
    if (hash === undefined) continue;
    files[path] = hash;
    if (!path.includes('/node_modules/')) folders[dirname(path)] ??= hashFolder(dirname(path)) ?? '';
  }
  const stamp: BuildStamp = { key, inputs: files, folders, outputs: outputs.map((output) => resolve(output)) };
  writeFileSync(stampFile, `${JSON.stringify(stamp)}\n`);
};

export { buildKey, isBuildFresh, recordBuild };
export type { BuildStamp };
