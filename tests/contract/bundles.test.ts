/**
 * Bundles ↔ template: `npm run build` (scripts/build.ts) bundles every function and layer into a temporary directory,
 * and each function's bundle loads in a fresh Node.js process the way Lambda loads it (template environment, only its
 * own layers and the runtime's SDK on the module path, no AWS account) and answers the PreTraffic hook's smoke event.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { LAMBDA_RUNTIME_MODULES } from '../../local/lambda';
import { buildAll, formatTable, type BuildArtifact } from '../../scripts/build';
import { loadProjectManifest, TEMPLATE_PATH } from './support/project';

const run = promisify(execFile);
const manifest = loadProjectManifest();
const outDir = mkdtempSync(join(tmpdir(), 'contract-bundles-'));
let artifacts: BuildArtifact[] = [];

/** Loads a bundle as Lambda's Node.js runtime does (require, then call the export) and prints what it answered. */
const PROBE = `
const [file, exported] = process.argv.slice(1);
const context = { functionName: process.env.AWS_LAMBDA_FUNCTION_NAME, functionVersion: '2', invokedFunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:probe:2',
  memoryLimitInMB: '128', awsRequestId: 'contract-probe', logGroupName: '/aws/lambda/probe', logStreamName: 'probe', callbackWaitsForEmptyEventLoop: true,
  getRemainingTimeInMillis: () => 60000, done() {}, fail() {}, succeed() {} };
const handler = require(file)[exported];
if (typeof handler !== 'function') { process.stdout.write('\\nPROBE ' + JSON.stringify({ exported: typeof handler }) + '\\n'); process.exit(0); }
Promise.resolve(handler({ smokeTest: true }, context)).then(
  (answer) => process.stdout.write('\\nPROBE ' + JSON.stringify({ exported: 'function', answer }) + '\\n'),
  (error) => process.stdout.write('\\nPROBE ' + JSON.stringify({ exported: 'function', error: String(error && error.stack || error) }) + '\\n'),
);`;

const probe = async (file: string, exported: string, env: Record<string, string>): Promise<Record<string, any>> => {
  const { stdout } = await run(process.execPath, ['-e', PROBE, file, exported], { env, timeout: 30_000, maxBuffer: 10 * 1024 * 1024 });
  const line = stdout.split('\n').find((candidate) => candidate.startsWith('PROBE '));
  if (line === undefined) throw new Error(`the probe printed no answer:\n${stdout}`);
  return JSON.parse(line.slice('PROBE '.length));
};

/**
 * A Lambda-like environment: the template's variables, on NODE_PATH the layers' node_modules and then the runtime's own
 * modules (the SDK v3, which the bundles leave out), nothing of this shell.
 */
const lambdaEnvironment = (logicalId: string, layerPaths: string[]): Record<string, string> => {
  const fn = manifest.functions.find((candidate) => candidate.logicalId === logicalId)!;
  return {
    PATH: process.env.PATH ?? '',
    ...fn.environment,
    AWS_REGION: manifest.region,
    AWS_LAMBDA_FUNCTION_NAME: fn.functionName,
    AWS_LAMBDA_FUNCTION_VERSION: '2',
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memoryMb),
    NODE_PATH: [...layerPaths, LAMBDA_RUNTIME_MODULES].join(':'),
  };
};

const layerModules = (logicalId: string): string[] =>
  manifest.functions
    .find((fn) => fn.logicalId === logicalId)!
    .layers.map((layer) => join(outDir, 'layers', layer, 'nodejs', 'node_modules'));

beforeAll(async () => {
  artifacts = await buildAll({ outDir, templatePath: TEMPLATE_PATH });
}, 120_000);

afterAll(() => {
  rmSync(outDir, { recursive: true, force: true });
});

describe('Contract: bundles ↔ template', () => {
  it('builds every function and every layer of the template and tabulates them', () => {
    // Act
    const table = formatTable(artifacts, outDir);

    // Assess
    expect(artifacts.map((artifact) => artifact.logicalId).sort()).toEqual(
      [...manifest.functions.map((fn) => fn.logicalId), ...manifest.layers.map((layer) => layer.logicalId)].sort(),
    );
    for (const artifact of artifacts) {
      expect(artifact.bytes).toBeGreaterThan(0);
      expect(table).toContain(artifact.logicalId);
    }
  });

  it.each(manifest.functions.map((fn) => [fn.logicalId, fn.handlerExport]))(
    '%s: its bundle loads with only its own layers, exports %s and answers the smoke event',
    async (logicalId, exported) => {
      // Prepare
      const bundle = artifacts.find((artifact) => artifact.logicalId === logicalId)!.file;

      // Act
      const answer = await probe(bundle, exported, lambdaEnvironment(logicalId, layerModules(logicalId)));

      // Assess
      expect(answer).toEqual({ exported: 'function', answer: expect.objectContaining({ ok: true }) });
    },
    60_000,
  );

  it('analyses the smoke probe in the unit sandbox worker the layer bundle starts', async () => {
    // Prepare
    const bundle = artifacts.find((artifact) => artifact.logicalId === 'AnalyzeUnitsFunction')!.file;

    // Act
    const answer = await probe(bundle, 'handler', lambdaEnvironment('AnalyzeUnitsFunction', layerModules('AnalyzeUnitsFunction')));

    // Assess: the worker loaded the layer from its own path, parsed the program and answered
    expect(answer.answer.checks).toMatchObject({ probeAnalysed: true, probeFindings: 0 });
  }, 60_000);

  it('leaves analysis-engine to the layer instead of bundling it into the function', async () => {
    // Prepare
    const bundle = artifacts.find((artifact) => artifact.logicalId === 'AnalyzeUnitsFunction')!.file;

    // Act: the same bundle without its layer on the module path.
    const loaded = run(process.execPath, ['-e', `require(${JSON.stringify(bundle)})`], { env: lambdaEnvironment('AnalyzeUnitsFunction', []), timeout: 30_000 });

    // Assess
    await expect(loaded).rejects.toThrow(/Cannot find module 'analysis-engine'/);
  }, 60_000);
});
