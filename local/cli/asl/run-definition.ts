/**
 * The programmatic side of `asl execute`: run one definition on a fresh engine to its end and describe how it
 * ended. The CLI only reads files and prints what this returns.
 */
import type { HistoryEvent } from '@aws-sdk/client-sfn';
import { Engine } from '../../asl';
import type { EngineOptions } from '../../asl';

/** How an execution ended, as `asl execute` prints it. */
type ExecutionResult = {
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

/**
 * Creates the state machine on a new in-memory engine, runs one execution to its end and returns its result.
 * Rejects with the engine's ApiError when the definition or the input is refused (nothing ran).
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
    const ended = await engine.waitForExecution(executionArn);
    return {
      status: ended.status ?? 'UNKNOWN',
      output: ended.output === undefined ? null : (JSON.parse(ended.output) as unknown),
      error: ended.error ?? null,
      cause: ended.cause ?? null,
      ...(options.history ? { history: await readHistory(engine, executionArn) } : {}),
    };
  } finally {
    await engine.close();
  }
};

export { runDefinition };
export type { ExecutionResult, RunDefinitionOptions };
