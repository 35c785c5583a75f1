/**
 * The programmatic side of `asl execute`: run one definition on a fresh engine to its end, or until its time limit,
 * and describe how it ended. The CLI only reads files and prints what this returns.
 */
import type { HistoryEvent } from '@aws-sdk/client-sfn';
import { Engine } from '../../asl';
import type { EngineOptions } from '../../asl';

/** The error of a result cut short by `--case-timeout` (not an ASL error: no state raised it). */
const CASE_TIMEOUT_ERROR = 'Local.CaseTimeout';

/** How an execution ended, as `asl execute` prints it. */
type ExecutionResult = {
  /** The execution's status; TIMED_OUT also when the time limit of the run cut it short. */
  status: string;
  /** The parsed output when it succeeded, else null. */
  output: unknown;
  error: string | null;
  cause: string | null;
  history?: HistoryEvent[];
};

/** What {@link runDefinition} needs. */
type RunDefinitionOptions = {
  /** The definition, as JSON text. */
  definition: string;
  /** The input, as JSON text. */
  input: string;
  /** The state machine's name (also the key of a mock configuration's `StateMachines`). */
  name: string;
  integrations: EngineOptions['integrations'];
  /** Return the GetExecutionHistory events too. */
  history: boolean;
  /** Stop the execution after this many seconds of real time and report it TIMED_OUT (0 or absent: no limit). */
  timeoutSeconds?: number;
};

const CLI_ROLE_ARN = 'arn:aws:iam::123456789012:role/asl-cli';

const readHistory = async (engine: Engine, executionArn: string): Promise<HistoryEvent[]> => {
  const events: HistoryEvent[] = [];
  let nextToken: string | undefined;
  do {
    const page = await engine.getExecutionHistory({ executionArn, maxResults: 1000, nextToken });
    events.push(...(page.events ?? []));
    nextToken = page.nextToken;
  } while (nextToken !== undefined);
  return events;
};

/** Resolves with `true` once `seconds` pass (never when there is no limit); `cancel` clears the timer. */
const timeLimit = (seconds: number | undefined): { expired: Promise<true>; cancel(): void } => {
  if (seconds === undefined || seconds <= 0) return { expired: new Promise<true>(() => undefined), cancel: () => undefined };
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<true>((resolve) => (timer = setTimeout(() => resolve(true), seconds * 1000)));
  return { expired, cancel: () => clearTimeout(timer) };
};

/**
 * Creates the state machine on a new in-memory engine, runs one execution to its end (or stops it at its time
 * limit: status TIMED_OUT, error Local.CaseTimeout) and returns its result. Rejects with the engine's ApiError when
 * the definition or the input is refused (nothing ran).
 *
 * @example
 * const result = await runDefinition({ definition, input: '{}', name: 'demo', integrations, history: false });
 * // { status: 'SUCCEEDED', output: {…}, error: null, cause: null }
 */
const runDefinition = async (options: RunDefinitionOptions): Promise<ExecutionResult> => {
  const engine = new Engine({ integrations: options.integrations });
  try {
    const { stateMachineArn } = await engine.createStateMachine({
      name: options.name,
      definition: options.definition,
      roleArn: CLI_ROLE_ARN,
      type: 'STANDARD',
    });
    const { executionArn } = await engine.startExecution({ stateMachineArn, input: options.input });
    const limit = timeLimit(options.timeoutSeconds);
    const timedOut = await Promise.race([engine.waitForExecution(executionArn).then(() => false), limit.expired]);
    limit.cancel();
    const history = async (): Promise<{ history?: HistoryEvent[] }> => (options.history ? { history: await readHistory(engine, executionArn) } : {});
    if (timedOut) {
      const cause = `The execution did not finish within the case time limit of ${options.timeoutSeconds} seconds (--case-timeout); it was stopped`;
      await engine.stopExecution({ executionArn, error: CASE_TIMEOUT_ERROR, cause });
      const stopped = await engine.describeExecution({ executionArn });
      // It may have ended on its own in the meantime: then that is its result.
      if (stopped.status === 'ABORTED' && stopped.error === CASE_TIMEOUT_ERROR) return { status: 'TIMED_OUT', output: null, error: CASE_TIMEOUT_ERROR, cause, ...(await history()) };
    }
    const ended = await engine.describeExecution({ executionArn });
    return {
      status: ended.status ?? 'UNKNOWN',
      output: ended.output === undefined ? null : (JSON.parse(ended.output) as unknown),
      error: ended.error ?? null,
      cause: ended.cause ?? null,
      ...(await history()),
    };
  } finally {
    await engine.close();
  }
};

export { CASE_TIMEOUT_ERROR, runDefinition };
export type { ExecutionResult, RunDefinitionOptions };
