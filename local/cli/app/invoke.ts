/**
 * npm run invoke -- <LogicalId> [events/<name>.json]: runs one function as `sam local invoke` would, with its
 * template environment, in a local Lambda environment (bundled as sam build bundles it, layers on the module
 * path), against the local services. The function's logs go to stderr, its result to stdout.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildLayers, openSession } from '../../app';
import { LambdaPool } from '../../lambda';
import { findFunction } from '../../manifest';
import { COMMON_FLAGS, ExitCodes, UsageError, reporterFor, runCommand } from './common';

const USAGE = `Usage: npm run invoke -- <FunctionLogicalId> [event.json] [--event-stdin]

Runs one function of template.yaml locally against the local services (an \`npm run local\` that is running,
or services started for this call). The event defaults to events/<function-folder>.json.

Exit codes: 0 the function returned; 1 usage error; 2 the function failed.`;

const kebab = (logicalId: string): string =>
  logicalId
    .replace(/Function$/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase();

const main = async (): Promise<number> => {
  const { values, positionals } = parseArgs({ options: { ...COMMON_FLAGS }, allowPositionals: true });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return ExitCodes.Success;
  }
  const [logicalId, eventFile] = positionals;
  if (!logicalId || positionals.length > 2) throw new UsageError('expected a function logical id and, optionally, an event file');
  const reporter = reporterFor({ ...values, quiet: values.quiet ?? !values.verbose });
  const session = await openSession({ reporter, stateDir: values['state-dir'] });
  let pool: LambdaPool | undefined;
  try {
    const fn = findFunction(session.manifest, logicalId);
    if (!fn) throw new UsageError(`template.yaml has no function ${logicalId} (functions: ${session.manifest.functions.map((f) => f.logicalId).join(', ')})`);
    const path = eventFile ?? join(session.manifest.root, 'events', `${kebab(fn.logicalId)}.json`);
    let payload: string;
    try {
      payload = JSON.stringify(JSON.parse(readFileSync(path, 'utf8')));
    } catch (error) {
      throw new UsageError(`cannot read the event ${path}: ${(error as Error).message}`);
    }
    const buildDir = join(session.stateDir, 'build');
    pool = new LambdaPool({
      manifest: session.manifest,
      buildDir,
      environment: session.environment,
      layerPaths: () => buildLayers(session.manifest, buildDir),
      size: 1,
      onLog: (_id, chunk) => process.stderr.write(chunk),
    });
    const result = await pool.invoke({ functionName: fn.logicalId, payload });
    process.stdout.write(`${result.payload}\n`);
    return result.functionError ? ExitCodes.Failed : ExitCodes.Success;
  } finally {
    await pool?.close();
    await session.close();
  }
};

runCommand(USAGE, main);
