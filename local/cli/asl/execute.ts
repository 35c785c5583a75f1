/**
 * `asl execute`: read the definition(s), run each execution on the local engine, print one result line each.
 * Every file is read and every definition validated before the first execution starts, so a setup error never
 * leaves half the results printed.
 */
import { basename } from 'node:path';
import { ApiError, validateDefinition } from '../../asl';
import { createIntegrationRegistry } from '../../asl/integrations';
import type { IntegrationRegistry } from '../../asl/integrations';
import type { ExecuteCommand } from './args';
import { SetupError } from './errors';
import { ExitCodes } from './help';
import type { ExitCode } from './help';
import { readCasesFile, readDefinitionFile, readInputFile } from './inputs';
import type { ExecutionCase } from './inputs';
import { mockedRegistry, readMockConfig } from './mocks';
import type { CliIo } from './output';
import { runDefinition } from './run-definition';

const DEFAULT_NAME = 'asl-cli';

/** `machines/analysis.asl.json` → `analysis`; characters a state machine name may not hold become `-`. */
const nameFromPath = (path: string): string => {
  const base = basename(path).replace(/(\.asl)?\.json$/i, '');
  const name = base.replace(/[^A-Za-z0-9_.-]/g, '-').slice(0, 80);
  return name === '' ? DEFAULT_NAME : name;
};

const checkDefinition = (text: string, path: string, line?: number): void => {
  const { problems } = validateDefinition(text);
  if (problems.length > 0)
    throw new SetupError(path, `invalid definition:\n  ${problems.join('\n  ')}`, line === undefined ? {} : { line });
};

type PlannedRun = { id?: string | number; definition: string; input: string; registry: IntegrationRegistry };

const plan = async (command: ExecuteCommand, base: IntegrationRegistry): Promise<{ runs: PlannedRun[]; name: string }> => {
  const mocks = command.mockConfigFile === undefined ? undefined : await readMockConfig(command.mockConfigFile);
  const registryFor = (name: string, testCase: string | undefined): IntegrationRegistry =>
    mocks === undefined || testCase === undefined ? base : mockedRegistry(base, mocks, name, testCase);

  if (command.definitionFile !== undefined) {
    const name = command.stateMachineName ?? nameFromPath(command.definitionFile);
    const definition = await readDefinitionFile(command.definitionFile);
    checkDefinition(definition, command.definitionFile);
    const input = command.inputFile === undefined ? '{}' : await readInputFile(command.inputFile);
    return { name, runs: [{ definition, input, registry: registryFor(name, command.testCase) }] };
  }
  const casesFile = command.casesFile as string;
  const name = command.stateMachineName ?? DEFAULT_NAME;
  const cases: ExecutionCase[] = await readCasesFile(casesFile);
  const runs = cases.map((entry) => {
    checkDefinition(entry.definition, casesFile, entry.line);
    return { id: entry.id, definition: entry.definition, input: entry.input, registry: registryFor(name, entry.testCase ?? command.testCase) };
  });
  return { name, runs };
};

/**
 * Runs `asl execute` and returns its exit code; results go to `io.stdout`, problems to `io.stderr`.
 *
 * @example
 * const code = await executeCommand(parseAslArgs(argv) as ExecuteCommand, processIo);
 */
const executeCommand = async (command: ExecuteCommand, io: CliIo): Promise<ExitCode> => {
  const base = createIntegrationRegistry();
  try {
    const { runs, name } = await plan(command, base);
    let failed = false;
    for (const run of runs) {
      const result = await runDefinition({
        definition: run.definition,
        input: run.input,
        name,
        integrations: run.registry,
        history: command.history,
      }).catch((error: unknown) => {
        // The engine refused before running (the input, typically): a setup error, named as the API names it.
        if (error instanceof ApiError)
          throw new SetupError(command.casesFile ?? command.definitionFile ?? '', `${error.name}: ${error.message}${run.id === undefined ? '' : ` (case ${JSON.stringify(run.id)})`}`, { cause: error });
        throw error;
      });
      if (result.status !== 'SUCCEEDED') failed = true;
      io.stdout(JSON.stringify(run.id === undefined ? result : { id: run.id, ...result }));
    }
    return failed ? ExitCodes.ExecutionFailed : ExitCodes.Success;
  } finally {
    base.destroy();
  }
};

export { executeCommand, nameFromPath };
