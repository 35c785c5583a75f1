/**
 * `asl`: run Amazon States Language definitions on the local engine, or serve the Step Functions API.
 *
 *   npm run --silent asl -- serve --port 8083 [--state-dir DIR]
 *   npm run --silent asl -- execute --definition FILE [--input FILE] [--mock-config FILE --test-case NAME] [--history]
 *   npm run --silent asl -- execute --cases FILE.jsonl
 *
 * A thin shell: arguments are parsed in asl/args.ts, the work is done by the programmatic API (the engine, the
 * endpoint, the file store); this file maps outcomes to exit codes (asl/help.ts documents them).
 */
import { parseAslArgs } from './asl/args';
import { SetupError, UsageError } from './asl/errors';
import { executeCommand } from './asl/execute';
import { ExitCodes, HELP } from './asl/help';
import type { ExitCode } from './asl/help';
import { processIo } from './asl/output';
import type { CliIo } from './asl/output';
import { serveCommand } from './asl/serve';

/** Errors that mean "nothing ran because of what you gave me", as opposed to a bug. */
const SETUP_ERROR_NAMES = new Set(['EndpointListenError', 'StateDirectoryLockedError', 'CorruptRecordError']);

/**
 * Runs the command line `argv` (the arguments after `asl`) and resolves with the exit code.
 *
 * @example
 * process.exitCode = await runAsl(process.argv.slice(2));
 */
const runAsl = async (argv: readonly string[], io: CliIo = processIo): Promise<ExitCode> => {
  try {
    const command = parseAslArgs(argv);
    if (command.command === 'help') {
      io.stdout(HELP.trimEnd());
      return ExitCodes.Success;
    }
    if (command.command === 'serve') return await serveCommand(command, io);
    return await executeCommand(command, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`asl: ${error.message}`);
      io.stderr("Run 'npm run --silent asl -- --help' for usage.");
      return ExitCodes.Setup;
    }
    if (error instanceof SetupError || SETUP_ERROR_NAMES.has((error as Error).name)) {
      io.stderr(`asl: ${(error as Error).message}`);
      return ExitCodes.Setup;
    }
    io.stderr(`asl: unexpected ${(error as Error).name ?? 'error'}: ${(error as Error).message ?? String(error)}`);
    return ExitCodes.Setup;
  }
};

if (require.main === module) {
  void runAsl(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}

export { runAsl };
