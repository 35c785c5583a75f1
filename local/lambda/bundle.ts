/**
 * Bundles functions with esbuild as `sam build` does (Metadata.BuildProperties of each function: EntryPoints,
 * External, Minify, Sourcemap, SourcesContent, Target, Format), and the worker runtime of the local Lambda pool.
 * `npm run build` and the local runtime use this one path, so what runs locally is what deploys.
 */
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { build, type BuildOptions } from 'esbuild';
import type { FunctionManifest } from '../manifest';
import { buildKey, isBuildFresh, recordBuild } from './build-cache';

type BundleResult = {
  logicalId: string;
  outfile: string;
  bytes: number;
  millis: number;
  /** The bundle of an earlier build was reused: nothing it was built from had changed (build-cache.ts). */
  reused: boolean;
};

/** Lambda's Node.js 22 runtime; esbuild targets it so syntax is never lowered further than needed. */
const LAMBDA_NODE_TARGET = 'node22';

/**
 * The folder that plays Lambda's `/var/runtime/node_modules`: the packages the Node.js runtime itself provides (the
 * AWS SDK v3, which the template leaves out of the bundles: `External: ['@aws-sdk/*']`). Here that is the project's
 * own node_modules, so the local runtime runs the SDK version package-lock.json pins. Lambda puts it on NODE_PATH
 * after the layers; so does the local runtime (worker-runtime.ts) and the bench's cold-start loader.
 */
const LAMBDA_RUNTIME_MODULES = dirname(dirname(dirname(require.resolve('@aws-sdk/client-s3/package.json'))));

/**
 * Bundles one function into `<outDir>/<LogicalId>/<handler file>.js`.
 *
 * @example
 * const { outfile } = await bundleFunction(manifest.functions[0], '.local/build');
 */
const bundleFunction = async (fn: FunctionManifest, outDir: string): Promise<BundleResult> => {
  const started = Date.now();
  const dir = join(outDir, fn.logicalId);
  mkdirSync(dir, { recursive: true });
  const outfile = join(dir, 'handler.js');
  const options: BuildOptions = {
    entryPoints: [fn.entry],
    outfile,
    bundle: true,
    platform: 'node',
    target: [LAMBDA_NODE_TARGET, fn.build.target],
    format: fn.build.format,
    minify: fn.build.minify,
    // Handler errors are matched by `name` in the state machine's Catch: minified class names would break that.
    keepNames: true,
    sourcemap: fn.build.sourcemap,
    sourcesContent: fn.build.sourcesContent,
    external: fn.build.external,
    logLevel: 'silent',
    legalComments: 'none',
  };
  const built = await buildOnce(options, join(dir, BUILD_STAMP));
  return { logicalId: fn.logicalId, outfile, bytes: statSync(outfile).size, millis: Date.now() - started, reused: built.reused };
};

/** The stamp of a build beside its output (build-cache.ts). */
const BUILD_STAMP = 'build-stamp.json';

/**
 * Runs an esbuild build unless the one recorded in `stampFile` is still current.
 *
 * @example
 * const { reused } = await buildOnce({ entryPoints: ['a.ts'], outfile: 'out/a.js', bundle: true }, 'out/build-stamp.json');
 */
const buildOnce = async (options: BuildOptions, stampFile: string): Promise<{ reused: boolean }> => {
  const key = buildKey(options, __filename);
  if (isBuildFresh(stampFile, key)) return { reused: true };
  // No stamp while the outputs are being replaced: an interrupted build is never taken for a finished one.
  rmSync(stampFile, { force: true });
  const result = await build({ ...options, metafile: true });
  recordBuild(stampFile, key, Object.keys(result.metafile.inputs), Object.keys(result.metafile.outputs));
  return { reused: false };
};

/** Bundles the worker bootstrap (TypeScript) so worker threads run plain JavaScript in any host (tsx, jest, node). */
const bundleWorkerRuntime = async (outDir: string): Promise<string> => {
  mkdirSync(outDir, { recursive: true });
  const outfile = join(outDir, 'lambda-worker.js');
  await buildOnce(
    {
      entryPoints: [join(__dirname, 'worker-runtime.ts')],
      outfile,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      logLevel: 'silent',
      define: { LAMBDA_RUNTIME_MODULES: JSON.stringify(LAMBDA_RUNTIME_MODULES) },
    },
    join(outDir, BUILD_STAMP),
  );
  return outfile;
};

export { BUILD_STAMP, LAMBDA_NODE_TARGET, LAMBDA_RUNTIME_MODULES, buildOnce, bundleFunction, bundleWorkerRuntime };
export type { BundleResult };
