/**
 * `npm run build`: builds what `sam build` builds, without SAM or Docker. Every AWS::Serverless::Function is bundled
 * with esbuild from its Metadata.BuildProperties (through local/lambda's bundleFunction, the path the local runtime
 * uses too) into `<out>/functions/<LogicalId>/handler.js`; every layer is built by its own `build.ts` in its ContentUri
 * (the script its Makefile runs under `sam build`) into `<out>/layers/<LogicalId>/`. Prints each artifact's size and
 * build time.
 *
 * Usage: npm run build [-- --out DIR] [--template FILE]
 * Exit codes: 0 built; 1 a usage error or a failed build.
 */
import { rmSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { bundleFunction } from '../local/lambda/bundle';
import { loadManifest, type LayerManifest } from '../local/manifest';

/** One built function or layer. */
type BuildArtifact = {
  kind: 'function' | 'layer';
  logicalId: string;
  /** The bundle: the function's handler.js, or the layer's main file. */
  file: string;
  bytes: number;
  millis: number;
};

type BuildOptions = {
  /**
   * Output root.
   * @default 'dist'
   */
  outDir?: string;
  /**
   * The SAM template.
   * @default 'template.yaml'
   */
  templatePath?: string;
};

/** What a layer's build.ts exports (layers/analysis-engine/build.ts is one). */
type LayerBuilder = { buildLayer(options: { outdir: string }): Promise<{ file: string; bytes: number }> };

const loadLayerBuilder = (layer: LayerManifest): LayerBuilder => {
  const script = join(layer.contentUri, 'build.ts');
  let builder: Partial<LayerBuilder>;
  try {
    // The layer's own build script, as its Makefile runs it; required at run time so any layer can bring one.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    builder = require(script) as Partial<LayerBuilder>;
  } catch (error) {
    throw new Error(`Layer ${layer.logicalId}: cannot load its build script ${script}: ${(error as Error).message}`, { cause: error });
  }
  if (typeof builder.buildLayer !== 'function') throw new Error(`Layer ${layer.logicalId}: ${script} exports no buildLayer function`);
  return builder as LayerBuilder;
};

/**
 * Builds every function and layer of the template.
 *
 * @example
 * const artifacts = await buildAll({ outDir: '/tmp/build' });
 * artifacts.find((artifact) => artifact.logicalId === 'SplitSourceFunction')?.file; // '/tmp/build/functions/SplitSourceFunction/handler.js'
 */
const buildAll = async (options: BuildOptions = {}): Promise<BuildArtifact[]> => {
  const outDir = resolve(options.outDir ?? 'dist');
  const manifest = loadManifest(options.templatePath ?? 'template.yaml');
  const artifacts: BuildArtifact[] = [];
  // One at a time: the times are then each bundle's own, and the build shares the machine's cores with others.
  for (const fn of manifest.functions) {
    rmSync(join(outDir, 'functions', fn.logicalId), { recursive: true, force: true });
    const result = await bundleFunction(fn, join(outDir, 'functions'));
    artifacts.push({ kind: 'function', logicalId: fn.logicalId, file: result.outfile, bytes: result.bytes, millis: result.millis });
  }
  for (const layer of manifest.layers) {
    const { buildLayer } = loadLayerBuilder(layer);
    const started = Date.now();
    const result = await buildLayer({ outdir: join(outDir, 'layers', layer.logicalId) });
    artifacts.push({ kind: 'layer', logicalId: layer.logicalId, file: result.file, bytes: result.bytes, millis: Date.now() - started });
  }
  return artifacts;
};

/**
 * The artifacts as a table (size in KB of 1,024 bytes, time in ms) with a total line.
 *
 * @example
 * process.stdout.write(formatTable(await buildAll()));
 */
const formatTable = (artifacts: BuildArtifact[], root = process.cwd()): string => {
  const rows = artifacts.map((artifact) => [artifact.kind, artifact.logicalId, (artifact.bytes / 1024).toFixed(1), String(artifact.millis), relative(root, artifact.file)]);
  const total = artifacts.reduce((sum, artifact) => ({ bytes: sum.bytes + artifact.bytes, millis: sum.millis + artifact.millis }), { bytes: 0, millis: 0 });
  const header = ['kind', 'logical id', 'size KB', 'time ms', 'bundle'];
  const footer = ['', 'total', (total.bytes / 1024).toFixed(1), String(total.millis), ''];
  const all = [header, ...rows, footer];
  const widths = header.map((_, column) => Math.max(...all.map((row) => row[column].length)));
  const numeric = new Set([2, 3]);
  const line = (row: string[]): string =>
    row
      .map((cell, column) => (numeric.has(column) ? cell.padStart(widths[column]) : cell.padEnd(widths[column])))
      .join('  ')
      .trimEnd();
  return `${[line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line), line(footer)].join('\n')}\n`;
};

const main = async (): Promise<number> => {
  let values: { out?: string; template?: string; help?: boolean };
  try {
    ({ values } = parseArgs({ options: { out: { type: 'string' }, template: { type: 'string' }, help: { type: 'boolean', short: 'h' } } }));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\nUsage: npm run build [-- --out DIR] [--template FILE]\n`);
    return 1;
  }
  if (values.help) {
    process.stdout.write('Usage: npm run build [-- --out DIR] [--template FILE]\nBundles every function and layer of template.yaml as sam build does.\nExit codes: 0 built; 1 a usage error or a failed build.\n');
    return 0;
  }
  const started = Date.now();
  const artifacts = await buildAll({ outDir: values.out, templatePath: values.template });
  process.stdout.write(formatTable(artifacts));
  process.stdout.write(`built ${artifacts.length} artifacts in ${Date.now() - started} ms\n`);
  return 0;
};

if (require.main === module) {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`build failed: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}

export { buildAll, formatTable };
export type { BuildArtifact, BuildOptions };
