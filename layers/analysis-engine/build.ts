/**
 * Builds the analysis-engine Lambda layer: src/index.ts and everything it imports (@abaplint/core included) bundled
 * into one CommonJS file at dist/nodejs/node_modules/analysis-engine/index.js, the layout Lambda puts on NODE_PATH
 * under /opt/nodejs/node_modules, so functions `require('analysis-engine')` and list it under esbuild `External`.
 *
 * Usage: `npx tsx layers/analysis-engine/build.ts [--outdir DIR] [--no-minify] [--sourcemap]`
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';

import { build, type Plugin } from 'esbuild';

/** Options of {@link buildLayer}. */
type BuildLayerOptions = {
  /**
   * Layer root; the bundle goes to `<outdir>/nodejs/node_modules/analysis-engine/index.js`.
   * @default layers/analysis-engine/dist
   */
  outdir?: string;
  /**
   * Minify whitespace and syntax. Identifiers are never minified: with keepNames (required, see below) renamed
   * classes get `__name` wrappers that made the analysis 25–40 % slower in measurements here, for 0.9 MiB saved.
   * @default true
   */
  minify?: boolean;
  /**
   * Write a linked source map beside the bundle.
   * @default false
   */
  sourcemap?: boolean;
};

/** What {@link buildLayer} produced. */
type BuildLayerResult = {
  /** Absolute path of the bundle. */
  file: string;
  /** Bytes of the bundle and its vendor files (the layer's code). */
  bytes: number;
  /** Bytes per input package (or `src` for this layer's own code), largest first. */
  inputs: { name: string; bytes: number }[];
  /** Every file esbuild read (absolute paths): what a cached build of the layer depends on. */
  sources: string[];
  /** Every file written (absolute paths). */
  outputs: string[];
};

const LAYER_ROOT = __dirname;

/**
 * Parser packages that get a file of their own in the layer (`vendor/<name>.js`), required by the engine on first
 * use (src/lazyModule.ts): a function or a batch that does not need a parser does not even compile it. abaplint alone
 * is most of the layer.
 */
const VENDOR_PACKAGES = ['@abaplint/core', 'meriyah', '@babel/parser', 'htmlparser2'] as const;

const vendorFile = (name: string): string => `vendor/${name.replace(/^@/, '').replace(/\//g, '-')}.js`;

/** Resolves each vendor package (not its package.json) to its own file beside the bundle, left to `require` at run time. */
const vendorExternals: Plugin = {
  name: 'vendor-externals',
  setup(builder) {
    const filter = new RegExp(`^(${VENDOR_PACKAGES.map((name) => name.replace(/[/.@]/g, (c) => `\\${c}`)).join('|')})$`);
    builder.onResolve({ filter }, (args) => ({ path: `./${vendorFile(args.path)}`, external: true }));
  },
};

const packageOf = (input: string): string => {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
  return match === null ? 'src' : match[1];
};

/**
 * Bundles the layer.
 *
 * `keepNames` is required, not cosmetic: abaplint identifies statement and expression types by their class names
 * (`constructor.name`), so anything that renames a class makes it report false parser errors. Identifier
 * minification renames every class; bundling alone also renames a class whose name collides with another module's
 * top-level name. The bundle is tested to give the same findings as the source (tests/unit/analysis/bundle.test.ts).
 *
 * @example
 * const { file, bytes } = await buildLayer({ outdir: '/tmp/layer' });
 */
const buildLayer = async (options: BuildLayerOptions = {}): Promise<BuildLayerResult> => {
  const outdir = resolve(options.outdir ?? join(LAYER_ROOT, 'dist'));
  const packageDir = join(outdir, 'nodejs', 'node_modules', 'analysis-engine');
  const file = join(packageDir, 'index.js');
  await rm(packageDir, { recursive: true, force: true });
  await mkdir(packageDir, { recursive: true });
  const common = {
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    minifyWhitespace: options.minify ?? true,
    minifySyntax: options.minify ?? true,
    minifyIdentifiers: false,
    keepNames: true,
    sourcemap: options.sourcemap === true ? 'linked' : false,
    metafile: true,
    legalComments: 'none',
    logLevel: 'warning',
  } as const;
  // Each parser package alone, as CommonJS (its `require` condition), class names kept as abaplint needs them.
  const vendors = await Promise.all(
    VENDOR_PACKAGES.map((name) =>
      build({
        ...common,
        stdin: { contents: `module.exports = require(${JSON.stringify(name)});`, resolveDir: LAYER_ROOT, loader: 'js' },
        outfile: join(packageDir, vendorFile(name)),
      }),
    ),
  );
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const meriyahVersion = (require('meriyah') as typeof import('meriyah')).version;
  const result = await build({
    ...common,
    entryPoints: [join(LAYER_ROOT, 'src', 'index.ts')],
    outfile: file,
    // Only the sandbox's path for TypeScript sources names tsx; the bundle never takes it.
    external: ['tsx'],
    plugins: [vendorExternals],
    // The rule-pack version names meriyah's version; written in, so that computing it does not load the parser.
    define: { __MERIYAH_VERSION__: JSON.stringify(meriyahVersion) },
  });
  await writeFile(
    join(packageDir, 'package.json'),
    `${JSON.stringify({ name: 'analysis-engine', private: true, main: 'index.js' }, null, 2)}\n`,
  );
  const perPackage = new Map<string, number>();
  const sources = new Set<string>();
  const outputs: string[] = [join(packageDir, 'package.json')];
  let bytes = 0;
  for (const built of [result, ...vendors]) {
    for (const input of Object.keys(built.metafile.inputs)) sources.add(resolve(input));
    for (const [outFile, output] of Object.entries(built.metafile.outputs)) {
      outputs.push(resolve(outFile));
      if (outFile.endsWith('.map')) continue;
      bytes += output.bytes;
      for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
        perPackage.set(packageOf(input), (perPackage.get(packageOf(input)) ?? 0) + bytesInOutput);
      }
    }
  }
  const inputs = [...perPackage].map(([name, bytes]) => ({ name, bytes })).sort((a, b) => b.bytes - a.bytes);
  return { file, bytes, inputs, sources: [...sources], outputs };
};

const main = async (): Promise<void> => {
  const args = process.argv.slice(2);
  const outdirAt = args.indexOf('--outdir');
  const { file, bytes, inputs } = await buildLayer({
    outdir: outdirAt >= 0 ? args[outdirAt + 1] : undefined,
    minify: !args.includes('--no-minify'),
    sourcemap: args.includes('--sourcemap'),
  });
  const kib = (value: number): string => `${(value / 1024).toFixed(1)} KiB`;
  process.stdout.write(`${relative(process.cwd(), file)}: ${kib(bytes)}\n`);
  for (const input of inputs.slice(0, 5)) process.stdout.write(`  ${input.name}: ${kib(input.bytes)}\n`);
  process.stdout.write(`layer root (holds nodejs/): ${relative(process.cwd(), dirname(dirname(dirname(dirname(file)))))}\n`);
};

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}

export type { BuildLayerOptions, BuildLayerResult };
export { buildLayer };
