/**
 * The one way the project's command-line tools run (package.json: `npm start`, `npm run local|invoke|trace|report|
 * customer`): `node local/cli/launch.js <command> [arguments]` runs local/cli/app/<command>.ts from an esbuild bundle
 * that is built once and reused while nothing it was built from has changed — the same content-hash stamp as the
 * function bundles (local/lambda/build-cache.js). Running the TypeScript through tsx transpiled the CLI's whole tree
 * (some 400 files) on every start, 1.4–4 s of `npm start`; the bundle loads in a fraction of that. An edited source
 * is a new bundle on the next start, with no step of its own, and a fresh clone builds it on its first start.
 *
 * The bundle holds the project's own code only: packages stay `require()`s of node_modules (native parts, files they
 * read beside themselves), and every source file keeps its own __dirname/__filename (the local runtime finds the
 * worker bootstrap and the console's static files beside their sources, and keys its builds by those files).
 * Plain JavaScript, since it runs before anything can compile TypeScript.
 */
'use strict';
const { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } = require('node:fs');
const { dirname, join } = require('node:path');
const { buildKey, isBuildFresh, recordBuild } = require('../lambda/build-cache');

const ROOT = join(__dirname, '..', '..');
/** The commands, each local/cli/app/<command>.ts. */
const COMMANDS = ['start', 'local', 'invoke', 'trace', 'report', 'customer'];
/** Beside other tools' caches: outside the state directory, which `npm start -- --fresh` empties. */
const OUT_DIR = join(ROOT, 'node_modules', '.cache', 'upgrade-impact-cli');

/** esbuild plugin: each project source file sees its own path as __dirname/__filename, not the bundle's. */
const sourcePaths = {
  name: 'source-paths',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, (args) => {
      if (args.path.includes('/node_modules/')) return undefined;
      const source = readFileSync(args.path, 'utf8');
      if (!/\b__(dirname|filename)\b/.test(source)) return undefined;
      const paths = `const __dirname = ${JSON.stringify(dirname(args.path))}, __filename = ${JSON.stringify(args.path)};\n`;
      return { contents: paths + source, loader: 'ts' };
    });
  },
};

/**
 * The bundle of one command, built now unless the last build is still current. Outputs are written under temporary
 * names and renamed, so a start running beside a build never loads half a file.
 *
 * @param {string} command
 * @returns {Promise<string>} the bundle's path
 */
const commandBundle = async (command) => {
  const outfile = join(OUT_DIR, `${command}.js`);
  const stampFile = join(OUT_DIR, `${command}.stamp.json`);
  const options = {
    entryPoints: [join(ROOT, 'local', 'cli', 'app', `${command}.ts`)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
    // Error classes are told apart by name in messages and exit codes; the bundle's renaming must not change them.
    keepNames: true,
    sourcemap: true,
    logLevel: 'silent',
    absWorkingDir: ROOT,
  };
  const key = buildKey(options, __filename, ROOT);
  if (isBuildFresh(stampFile, key)) return outfile;
  const { build } = require('esbuild');
  rmSync(stampFile, { force: true });
  mkdirSync(OUT_DIR, { recursive: true });
  const result = await build({ ...options, plugins: [sourcePaths], write: false, metafile: true });
  for (const file of result.outputFiles) {
    const temporary = `${file.path}.${process.pid}.tmp`;
    writeFileSync(temporary, file.contents);
    renameSync(temporary, file.path);
  }
  recordBuild(stampFile, key, Object.keys(result.metafile.inputs), Object.keys(result.metafile.outputs), ROOT);
  return outfile;
};

/**
 * TypeScript required at run time rather than bundled (a layer's build script, needed only when the layer is
 * rebuilt) is compiled by tsx, registered on that first need.
 */
const compileTypeScriptOnDemand = () => {
  require.extensions['.ts'] = function compileWithTsx(module, filename) {
    delete require.extensions['.ts'];
    require('tsx/cjs/api').register();
    return require.extensions['.ts'](module, filename);
  };
};

const main = async () => {
  const [command, ...args] = process.argv.slice(2);
  if (!COMMANDS.includes(command)) {
    process.stderr.write(`Usage: node local/cli/launch.js <${COMMANDS.join('|')}> [arguments]\n`);
    process.exit(1);
  }
  const bundle = await commandBundle(command);
  compileTypeScriptOnDemand();
  // The command reads its arguments from process.argv.slice(2), as when it is run directly.
  process.argv = [process.argv[0], bundle, ...args];
  require(bundle);
};

main().catch((error) => {
  process.stderr.write(`Could not start the command: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
