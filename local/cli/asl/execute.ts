/**
 * `asl execute`: read the definition(s), run each execution on the local engine, print one result line each.
 *
 * With `--definition`, every file is read and the definition validated before the execution starts: a setup error
 * prints nothing on stdout and exits 1. With `--cases`, a batch, one case never stops the others: a line that cannot
 * be read, a definition or input the engine refuses, or a mock test case that does not exist gives that case the
 * result `{"id", "status": "REJECTED", "error", "cause"}`; an execution still running after `--case-timeout` seconds
 * is stopped and reported `{"id", "status": "TIMED_OUT", "error": "Local.CaseTimeout", …}`; then the next case runs.
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
import type { CaseEntry, ExecutionCase } from './inputs';
import { mockedRegistry, readMockConfig } from './mocks';
import type { LoadedMockConfig } from './mocks';
import type { CliIo } from './output';
import { runDefinition } from './run-definition';
import type { ExecutionResult } from './run-definition';

const DEFAULT_NAME = 'asl-cli';

/** The `error` of a case line that is not a case (unreadable JSON, no id, a definition file that cannot be read). */
const INVALID_CASE_ERROR = 'Local.InvalidCase';

/** `machines/analysis.asl.json` → `analysis`; characters a state machine name may not hold become `-`. */
const nameFromPath = (path: string): string => {
  const base = basename(path).replace(/(\.asl)?\.json$/i, '');
  const name = base.replace(/[^A-Za-z0-9_.-]/g, '-').slice(0, 80);
  return name === '' ? DEFAULT_NAME : name;
};

/** The result line of a case that did not run. */
type RejectedResult = { status: 'REJECTED'; output: null; error: string; cause: string };

const rejected = (error: string, cause: string): RejectedResult => ({ status: 'REJECTED', output: null, error, cause });

type Batch = { base: IntegrationRegistry; mocks: LoadedMockConfig | undefined; name: string; command: ExecuteCommand };

/**
 * Runs one case of a batch to its result; never throws for what is wrong with the case itself. The engine
 * validates the definition and the input (CreateStateMachine, StartExecution) and its refusal is the case's result.
 */
const runCase = async (entry: ExecutionCase, batch: Batch): Promise<ExecutionResult | RejectedResult> => {
  const { command, mocks, base, name } = batch;
  const testCase = entry.testCase ?? command.testCase;
  let registry = base;
  try {
    if (mocks !== undefined && testCase !== undefined) registry = mockedRegistry(base, mocks, name, testCase);
  } catch (error) {
    return rejected(INVALID_CASE_ERROR, `${command.casesFile}:${entry.line}: ${(error as Error).message}`);
  }
  try {
    return await runDefinition({
      definition: entry.definition,
      input: entry.input,
      name,
      integrations: registry,
      history: command.history,
      timeoutSeconds: command.caseTimeoutSeconds,
    });
  } catch (error) {
    if (error instanceof ApiError) return rejected(error.name, `${command.casesFile}:${entry.line}: ${error.message}`);
    throw error;
  }
};

const runBatch = async (command: ExecuteCommand, io: CliIo, base: IntegrationRegistry): Promise<ExitCode> => {
  const casesFile = command.casesFile as string;
  const mocks = command.mockConfigFile === undefined ? undefined : await readMockConfig(command.mockConfigFile);
  const entries: CaseEntry[] = await readCasesFile(casesFile);
  const batch: Batch = { base, mocks, name: command.stateMachineName ?? DEFAULT_NAME, command };
  let allSucceeded = true;
  for (const entry of entries) {
    const result = entry.kind === 'rejected' ? rejected(INVALID_CASE_ERROR, entry.problem) : await runCase(entry, batch);
    if (result.status !== 'SUCCEEDED') allSucceeded = false;
    io.stdout(JSON.stringify({ id: entry.id, ...result }));
  }
  return allSucceeded ? ExitCodes.Success : ExitCodes.ExecutionFailed;
};

const runOne = async (command: ExecuteCommand, io: CliIo, base: IntegrationRegistry): Promise<ExitCode> => {
  const definitionFile = command.definitionFile as string;
  const mocks = command.mockConfigFile === undefined ? undefined : await readMockConfig(command.mockConfigFile);
  const name = command.stateMachineName ?? nameFromPath(definitionFile);
  const definition = await readDefinitionFile(definitionFile);
  const { problems } = validateDefinition(definition);
  if (problems.length > 0) throw new SetupError(definitionFile, `invalid definition:\n  ${problems.join('\n  ')}`);
  const input = command.inputFile === undefined ? '{}' : await readInputFile(command.inputFile);
  const registry = mocks === undefined || command.testCase === undefined ? base : mockedRegistry(base, mocks, name, command.testCase);
  const result = await runDefinition({
    definition,
    input,
    name,
    integrations: registry,
    history: command.history,
    timeoutSeconds: command.caseTimeoutSeconds,
  }).catch((error: unknown) => {
    // The engine refused before running (the input, typically): a setup error, named as the API names it.
    if (error instanceof ApiError) throw new SetupError(definitionFile, `${error.name}: ${error.message}`, { cause: error });
    throw error;
  });
  io.stdout(JSON.stringify(result));
  return result.status === 'SUCCEEDED' ? ExitCodes.Success : ExitCodes.ExecutionFailed;
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
    return command.casesFile !== undefined ? await runBatch(command, io, base) : await runOne(command, io, base);
  } finally {
    base.destroy();
  }
};

export { executeCommand, nameFromPath };
