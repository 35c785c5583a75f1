/**
 * What each function loads at init (module scope, Lambda's cold start), checked in a fresh Node.js process: the
 * function is bundled as the template bundles it, except that the AWS SDK, Powertools, middy and the X-Ray SDK stay
 * `require()`s of node_modules, so the process's module cache names every one of those packages init loaded.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { loadManifest, type FunctionManifest } from '../../../local/manifest';

const ROOT = resolve(__dirname, '..', '..', '..');
const manifest = loadManifest(join(ROOT, 'template.yaml'));
const WATCHED = ['@aws-sdk/*', '@smithy/*', '@aws-lambda-powertools/*', '@middy/*', 'aws-xray-sdk-core'];

/** Prints the watched packages the bundle loaded, by package name, once `require` returns. */
const PROBE = `
require(process.argv[1]);
const names = Object.keys(require.cache)
  .map((file) => /\\/node_modules\\/(@aws-sdk\\/[^/]+|@smithy\\/[^/]+|@aws-lambda-powertools\\/[^/]+|@middy\\/[^/]+|aws-xray-sdk-core)\\//.exec(file)?.[1])
  .filter(Boolean);
process.stdout.write('\\nLOADED ' + JSON.stringify([...new Set(names)].sort()) + '\\n');`;

describe('Functions: what init loads', () => {
  let outDir: string;

  beforeAll(() => {
    outDir = mkdtempSync(join(tmpdir(), 'init-loads-'));
  });

  afterAll(() => {
    rmSync(outDir, { recursive: true, force: true });
  });

  /** Bundles the function (once) and returns the watched packages a fresh process loaded requiring it. */
  const loadedAtInit = async (fn: FunctionManifest, extraEnv: Record<string, string> = {}): Promise<string[]> => {
    // The analysis engine is bundled from source (tsconfig paths), the watched packages are left to node_modules
    const outfile = join(outDir, fn.logicalId, 'handler.js');
    if (!existsSync(outfile)) await build({ entryPoints: [fn.entry], outfile, bundle: true, platform: 'node', format: 'cjs', target: 'node22', external: WATCHED, logLevel: 'silent' });
    const env = { PATH: process.env.PATH ?? '', ...fn.environment, AWS_REGION: manifest.region, AWS_LAMBDA_FUNCTION_NAME: fn.functionName, NODE_PATH: join(ROOT, 'node_modules'), ...extraEnv };
    const stdout = execFileSync(process.execPath, ['-e', PROBE, outfile], { env, encoding: 'utf8', timeout: 60_000 });
    return JSON.parse(stdout.split('\n').find((line) => line.startsWith('LOADED '))!.slice('LOADED '.length)) as string[];
  };

  it.each(manifest.functions.map((fn) => [fn.logicalId, fn] as const))('%s loads no AWS SDK package at init, nor the X-Ray SDK where nothing traces', async (_logicalId, fn) => {
    // Act: outside a Lambda execution environment, as the local runtime and the bench run it
    const loaded = await loadedAtInit(fn);

    // Assess: Powertools and middy wrap every handler at init; the SDK packages wait for the first client or command,
    // @smithy/core for the first failed call to classify; Powertools' Tracer would trace nothing, so it is not loaded
    expect(loaded).toEqual(expect.arrayContaining(['@aws-lambda-powertools/logger', '@middy/core']));
    expect(loaded.filter((name) => name.startsWith('@aws-sdk/') || name === '@smithy/core')).toEqual([]);
    expect(loaded.filter((name) => name === 'aws-xray-sdk-core' || name === '@aws-lambda-powertools/tracer')).toEqual([]);
  }, 60_000);

  it('builds Powertools\' Tracer with the X-Ray SDK at init inside a Lambda execution environment, where it traces', async () => {
    // Prepare
    const fn = manifest.functions[0];

    // Act
    const loaded = await loadedAtInit(fn, { AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x' });

    // Assess
    expect(loaded).toEqual(expect.arrayContaining(['@aws-lambda-powertools/tracer', 'aws-xray-sdk-core']));
  }, 60_000);
});
