/**
 * The `asl` command line, parsed into one typed command. Only parsing and checking happen here; nothing is read
 * or run.
 */
import { parseArgs } from 'node:util';
import type { ParseArgsConfig } from 'node:util';
import { UsageError } from './errors';

/** `asl serve`: the Step Functions endpoint over a file-backed engine, in the foreground. */
type ServeCommand = {
  command: 'serve';
  port: number;
  host: string;
  stateDir: string;
  /** Start from an empty state directory. */
  fresh: boolean;
};

/** `asl execute`: run one definition, or every case of a JSON Lines file, and print the results. */
type ExecuteCommand = {
  command: 'execute';
  /** One definition file, or undefined when `casesFile` is given. */
  definitionFile?: string;
  inputFile?: string;
  casesFile?: string;
  mockConfigFile?: string;
  testCase?: string;
  /** The state machine name: CreateStateMachine's name and the mock configuration's `StateMachines` key. */
  stateMachineName?: string;
  history: boolean;
  /**
   * Seconds of real time after which an execution is stopped and reported TIMED_OUT; 0 means no limit. Defaults to
   * {@link DEFAULT_CASE_TIMEOUT_SECONDS} with `--cases` (one endless case must not hold the batch), none otherwise.
   */
  caseTimeoutSeconds: number;
};

type HelpCommand = { command: 'help' };

type AslCommand = ServeCommand | ExecuteCommand | HelpCommand;

/** Defaults of `serve`: Step Functions Local's port, loopback, and the runtime's state folder. */
const ServeDefaults = { port: 8083, host: '127.0.0.1', stateDir: '.local/stepfunctions' } as const;

/** `--case-timeout` when `--cases` is given without one: long enough for real waits, short enough for a batch. */
const DEFAULT_CASE_TIMEOUT_SECONDS = 300;

const parseSeconds = (text: string, flag: string): number => {
  const seconds = Number(text);
  if (text.trim() === '' || !Number.isFinite(seconds) || seconds < 0) throw new UsageError(`--${flag} must be a number of seconds >= 0 (got '${text}')`);
  return seconds;
};

const parsePort = (text: string): number => {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535) throw new UsageError(`--port must be an integer from 0 to 65535 (got '${text}')`);
  return port;
};

const parse = (args: string[], options: NonNullable<ParseArgsConfig['options']>) => {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false });
  } catch (error) {
    throw new UsageError((error as Error).message, { cause: error });
  }
};

const parseServe = (args: string[]): ServeCommand => {
  const { values } = parse(args, {
    port: { type: 'string' },
    host: { type: 'string' },
    'state-dir': { type: 'string' },
    fresh: { type: 'boolean' },
  });
  return {
    command: 'serve',
    port: values.port === undefined ? ServeDefaults.port : parsePort(values.port as string),
    host: (values.host as string | undefined) ?? ServeDefaults.host,
    stateDir: (values['state-dir'] as string | undefined) ?? ServeDefaults.stateDir,
    fresh: values.fresh === true,
  };
};

const parseExecute = (args: string[]): ExecuteCommand => {
  const { values } = parse(args, {
    definition: { type: 'string' },
    input: { type: 'string' },
    cases: { type: 'string' },
    'mock-config': { type: 'string' },
    'test-case': { type: 'string' },
    'state-machine': { type: 'string' },
    history: { type: 'boolean' },
    'case-timeout': { type: 'string' },
  });
  const caseTimeout = values['case-timeout'] as string | undefined;
  const command: ExecuteCommand = {
    command: 'execute',
    definitionFile: values.definition as string | undefined,
    inputFile: values.input as string | undefined,
    casesFile: values.cases as string | undefined,
    mockConfigFile: values['mock-config'] as string | undefined,
    testCase: values['test-case'] as string | undefined,
    stateMachineName: values['state-machine'] as string | undefined,
    history: values.history === true,
    caseTimeoutSeconds:
      caseTimeout !== undefined ? parseSeconds(caseTimeout, 'case-timeout') : values.cases !== undefined ? DEFAULT_CASE_TIMEOUT_SECONDS : 0,
  };
  if ((command.definitionFile === undefined) === (command.casesFile === undefined))
    throw new UsageError('execute needs exactly one of --definition FILE or --cases FILE.jsonl');
  if (command.casesFile !== undefined && command.inputFile !== undefined)
    throw new UsageError('--input applies to --definition; with --cases, each line carries its own "input"');
  if (command.testCase !== undefined && command.mockConfigFile === undefined)
    throw new UsageError('--test-case needs --mock-config FILE');
  return command;
};

/**
 * Parses the arguments after `asl` (so `process.argv.slice(2)`).
 *
 * @example
 * parseAslArgs(['execute', '--definition', 'machine.asl.json', '--history']);
 * // { command: 'execute', definitionFile: 'machine.asl.json', history: true, … }
 */
const parseAslArgs = (argv: readonly string[]): AslCommand => {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help' || rest.includes('--help'))
    return { command: 'help' };
  if (command === 'serve') return parseServe(rest);
  if (command === 'execute') return parseExecute(rest);
  throw new UsageError(`Unknown command '${command}': expected 'serve' or 'execute' (see --help)`);
};

export { DEFAULT_CASE_TIMEOUT_SECONDS, parseAslArgs, ServeDefaults };
export type { AslCommand, ExecuteCommand, HelpCommand, ServeCommand };
