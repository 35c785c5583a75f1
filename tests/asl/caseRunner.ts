/**
 * Runs one data-driven conformance case (tests/asl/<feature>/caseNNN.json) on a fresh engine.
 *
 * A case names a definition and an input, and expects a status with an output or an error (and optionally a
 * cause, the exact sequence of history event types, or the whole history shape: each event's type and
 * previousEventId in order, the arguments each mocked task received, and the variables in the exit events). Task states are served by mocks: `mocks["<state name>"]` lists the answers of successive
 * calls (the last one repeats): `{ "return": <value> }`, `{ "throw": { "Error", "Cause" } }`, `{ "echo": true }`
 * (returns the arguments), optionally with `"delaySeconds"` (ASL seconds, scaled like every wait).
 */
import { readFileSync } from 'node:fs';
import { Engine } from '../../local/asl';
import type { HistoryEvent } from '@aws-sdk/client-sfn';
import { StatesError } from '../../local/asl/errors';
import type { IntegrationRegistry, ServiceIntegration, TaskRequest } from '../../local/asl/integrations/types';

type MockAnswer = {
  return?: unknown;
  throw?: { Error: string; Cause?: string };
  echo?: boolean;
  delaySeconds?: number;
};

type ConformanceCase = {
  description: string;
  /** Where the expected behaviour comes from (spec section or AWS guide page). */
  source?: string;
  definition: unknown;
  input?: unknown;
  mocks?: Record<string, MockAnswer[]>;
  expected: {
    status: 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';
    output?: unknown;
    error?: string;
    cause?: string;
    /** A substring the cause must contain. */
    causeContains?: string;
  };
  /** The exact sequence of history event types. */
  events?: string[];
  /**
   * The history shape: `[type, previousEventId]` for every event, in order (event ids are 1, 2, … by position), as
   * GetExecutionHistory returns them.
   */
  history?: [string, number][];
  /** Arguments each mocked state received, call by call. */
  calls?: Record<string, unknown[]>;
  /** Variables assigned when each named state exited (the last time it did). */
  assigned?: Record<string, Record<string, unknown>>;
  /** ASL seconds are multiplied by this. @default 0.001 */
  timeScale?: number;
  /** Engine type of the state machine. @default STANDARD */
  type?: 'STANDARD' | 'EXPRESS';
};

type CaseResult = {
  status: string;
  output?: unknown;
  error?: string;
  cause?: string;
  events: HistoryEvent[];
  calls: Record<string, unknown[]>;
};

const ROLE_ARN = 'arn:aws:iam::123456789012:role/conformance';

const mockRegistry = (mocks: Record<string, MockAnswer[]>, calls: Record<string, unknown[]>, timeScale: number): IntegrationRegistry => ({
  resolve: (_resource, stateName): ServiceIntegration | undefined => {
    const answers = mocks[stateName];
    if (!answers) return undefined;
    return {
      completesCallback: true,
      invoke: async (request: TaskRequest) => {
        const made = (calls[stateName] ??= []);
        made.push(request.arguments);
        const answer = answers[Math.min(made.length - 1, answers.length - 1)];
        if (answer.delaySeconds) {
          await new Promise<void>((resolve, reject) => {
            const timer = setTimeout(resolve, answer.delaySeconds! * 1000 * timeScale);
            request.signal.addEventListener('abort', () => {
              clearTimeout(timer);
              reject(request.signal.reason);
            });
          });
        }
        if (answer.throw) throw new StatesError(answer.throw.Error, answer.throw.Cause ?? '');
        if (answer.echo) return request.arguments;
        return answer.return ?? null;
      },
    };
  },
});

/** Loads a case file. */
const loadCase = (file: string): ConformanceCase => JSON.parse(readFileSync(file, 'utf8')) as ConformanceCase;

/** Runs a case and returns what happened. */
const runCase = async (testCase: ConformanceCase): Promise<CaseResult> => {
  const calls: Record<string, unknown[]> = {};
  const timeScale = testCase.timeScale ?? 0.001;
  const engine = new Engine({ integrations: mockRegistry(testCase.mocks ?? {}, calls, timeScale), timeScale, random: () => 0.5 });
  const { stateMachineArn } = await engine.createStateMachine({
    name: 'conformance',
    definition: JSON.stringify(testCase.definition),
    roleArn: ROLE_ARN,
    type: testCase.type ?? 'STANDARD',
  });
  const { executionArn } = await engine.startExecution({ stateMachineArn, input: JSON.stringify(testCase.input ?? {}) });
  const result = await engine.waitForExecution(executionArn);
  const { events } = await engine.getExecutionHistory({ executionArn, maxResults: 1000 });
  return {
    status: result.status as string,
    ...(result.output !== undefined ? { output: JSON.parse(result.output) } : {}),
    ...(result.error !== undefined ? { error: result.error } : {}),
    ...(result.cause !== undefined ? { cause: result.cause } : {}),
    events: events ?? [],
    calls,
  };
};

/** The variables each state assigned, from the StateExited events (the last exit of a state wins). */
const assignedByState = (events: readonly HistoryEvent[]): Record<string, Record<string, unknown>> => {
  const assigned: Record<string, Record<string, unknown>> = {};
  for (const event of events) {
    const details = event.stateExitedEventDetails;
    if (details?.assignedVariables) {
      assigned[details.name ?? ''] = Object.fromEntries(Object.entries(details.assignedVariables).map(([name, json]) => [name, JSON.parse(json)]));
    }
  }
  return assigned;
};

export { assignedByState, loadCase, runCase };
export type { CaseResult, ConformanceCase, MockAnswer };
