/**
 * What the application's commands share: exit codes, the reporter level from flags, and running a command with
 * errors turned into one clear line and an exit code.
 */
import { createReporter, type Level, type Reporter } from '../../app';

/** 0 success; 1 a usage or setup error (nothing ran); 2 the run or invocation failed. */
const ExitCodes = { Success: 0, Setup: 1, Failed: 2 } as const;

class UsageError extends Error {
  public constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

const reporterFor = (values: { quiet?: boolean; verbose?: boolean; debug?: boolean }): Reporter => {
  const level: Level = values.debug ? 'debug' : values.verbose ? 'verbose' : values.quiet ? 'quiet' : 'normal';
  return createReporter({ level });
};

/** Runs a command's main; its resolved number is the exit code. */
const runCommand = (usage: string, main: () => Promise<number>): void => {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error: Error) => {
      process.stderr.write(`error: ${error.message}\n`);
      if (error instanceof UsageError) process.stderr.write(`\n${usage}\n`);
      else if (process.env.DEBUG) process.stderr.write(`${error.stack}\n`);
      process.exitCode = ExitCodes.Setup;
    },
  );
};

const COMMON_FLAGS = {
  quiet: { type: 'boolean', short: 'q' },
  verbose: { type: 'boolean', short: 'v' },
  debug: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  'state-dir': { type: 'string' },
} as const;

export { COMMON_FLAGS, ExitCodes, UsageError, reporterFor, runCommand };
