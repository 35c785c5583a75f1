/**
 * Bundles functions with esbuild as `sam build` does (Metadata.BuildProperties of each function: EntryPoints,
 * External, Minify, Sourcemap, Target, Format), and the worker runtime of the local Lambda pool.
 * `npm run build` and the local runtime use this one path, so what runs locally is what deploys.
 */
import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import type { FunctionManifest } from '../manifest';

type BundleResult = { logicalId: string; outfile: string; bytes: number; millis: number };

/** Lambda's Node.js 22 runtime; esbuild targets it so syntax is never lowered further than needed. */
const LAMBDA_NODE_TARGET = 'node22';

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
  await build({
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
    external: fn.build.external,
    logLevel: 'silent',
    legalComments: 'none',
  });
  return { logicalId: fn.logicalId, outfile, bytes: statSync(outfile).size, millis: Date.now() - started };
};

/** Bundles the worker bootstrap (TypeScript) so worker threads run plain JavaScript in any host (tsx, jest, node). */
const bundleWorkerRuntime = async (outDir: string): Promise<string> => {
  mkdirSync(outDir, { recursive: true });
  const outfile = join(outDir, 'lambda-worker.js');
  await build({
    entryPoints: [join(__dirname, 'worker-runtime.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'silent',
  });
  return outfile;
};

export { LAMBDA_NODE_TARGET, bundleFunction, bundleWorkerRuntime };
export type { BundleResult };
