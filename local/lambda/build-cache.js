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
 *
 * Plain JavaScript (CommonJS, types in build-cache.d.ts) because the command-line launcher (local/cli/launch.js)
 * checks its own build with it before anything can compile TypeScript.
 */
'use strict';
const { createHash } = require('node:crypto');
const { existsSync, readdirSync, readFileSync, statSync, writeFileSync } = require('node:fs');
const { dirname, isAbsolute, join, resolve } = require('node:path');

/** The esbuild version, from its package.json: a freshness check need not load esbuild. */
let version;
const esbuildVersion = () => (version ??= JSON.parse(readFileSync(require.resolve('esbuild/package.json'), 'utf8')).version);

/** @param {string | Buffer} data */
const sha256 = (data) => createHash('sha256').update(data).digest('hex');

/**
 * Hashes already taken in this process, with the file's change time, modification time and size then: the functions'
 * bundles share most of their inputs (the SDK), so a start checks about 2,700 distinct files, not 8,000. A write
 * always moves the change time (which no tool can set back), so an edited file is hashed again.
 */
/** @type {Map<string, { signature: string; hash: string }>} */
const hashes = new Map();

/** @param {string} path @returns {string | undefined} */
const hashFile = (path) => {
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

/** @param {string} path @returns {string | undefined} */
const hashFolder = (path) => {
  try {
    return sha256(readdirSync(path).sort().join('\n'));
  } catch {
    return undefined;
  }
};

/** The lockfile of the project a build runs in (its resolution of every package), when there is one. */
/** @param {string} root */
const lockfileHash = (root) => hashFile(join(root, 'package-lock.json')) ?? 'none';

/**
 * The key of a build: its options, the esbuild version, the build script's own source and the project's lockfile.
 *
 * @example
 * const key = buildKey({ entry, target, minify }, __filename);
 */
const buildKey = (options, buildScript, root = process.cwd()) =>
  sha256(JSON.stringify({ options, esbuild: esbuildVersion(), script: hashFile(buildScript) ?? 'missing', lockfile: lockfileHash(root) }));

/**
 * Whether the build recorded in `stampFile` can be reused: same key, every output present, every input and source
 * folder unchanged.
 */
const isBuildFresh = (stampFile, key) => {
  /** @type {import('./build-cache').BuildStamp} */
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(stampFile, 'utf8'));
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
const recordBuild = (stampFile, key, inputs, outputs, workingDir = process.cwd()) => {
  /** @type {Record<string, string>} */
  const files = {};
  /** @type {Record<string, string>} */
  const folders = {};
  for (const input of inputs) {
    const path = isAbsolute(input) ? input : resolve(workingDir, input);
    const hash = hashFile(path);
    if (hash === undefined) continue;
    files[path] = hash;
    if (!path.includes('/node_modules/')) folders[dirname(path)] ??= hashFolder(dirname(path)) ?? '';
  }
  const stamp = { key, inputs: files, folders, outputs: outputs.map((output) => resolve(output)) };
  writeFileSync(stampFile, `${JSON.stringify(stamp)}\n`);
};

module.exports = { buildKey, isBuildFresh, recordBuild };
