/**
 * Our engine under test, as a library user runs it: an {@link Engine} with its default in-memory store per
 * workload (it keeps every execution and its history, so a shared one would make later workloads pay for the
 * garbage of earlier ones), the workload registered once with CreateStateMachine (validation outside the timing),
 * each run a StartExecution awaited to its end. The engine records the full execution history as it goes (events with their input and
 * output), which is part of what is measured: it is what the engine always does.
 *
 * Transitions are counted from the history: one per `…StateEntered` event, Map iterations included.
 *
 * The same runner times another build of the engine (`--baseline DIR`: the Engine class of another checkout), so a
 * change is measured against the code before it side by side, in one process.
 */
import { Engine } from '../../local/asl';
import type { IntegrationRegistry } from '../../local/asl/integrations';
import type { Workload } from './definitions';
import type { EngineRunner, PreparedWorkload } from './runner';

// The workloads have no Task state; an empty registry makes any Task a visible failure rather than a network call.
const noIntegrations: IntegrationRegistry = { resolve: () => undefined };

/** The Engine class of this checkout, or of another one with the same API. */
type EngineClass = new (options: ConstructorParameters<typeof Engine>[0]) => Engine;

/** A runner for an engine build named `name` (a column of the table). */
const createEngineRunner = (name: string, EngineBuild: EngineClass): EngineRunner => {
  const engines: Engine[] = [];

  const runOnce = async (engine: Engine, stateMachineArn: string, input: string): Promise<string> => {
    const { executionArn } = await engine.startExecution({ stateMachineArn, input });
    const ended = await engine.waitForExecution(executionArn);
    if (ended.status !== 'SUCCEEDED') throw new Error(`Benchmark execution ${ended.status}: ${ended.error ?? ''} ${ended.cause ?? ''}`);
    return executionArn;
  };

  return {
    name,
    supports: () => true,
    prepare: async (workload: Workload): Promise<PreparedWorkload> => {
      const engine = new EngineBuild({ integrations: noIntegrations });
      engines.push(engine);
      const { stateMachineArn = '' } = await engine.createStateMachine({
        name: 'bench',
        definition: JSON.stringify(workload.definition),
        roleArn: 'arn:aws:iam::123456789012:role/bench',
      });
      const input = JSON.stringify(workload.input);
      return {
        run: async () => {
          await runOnce(engine, stateMachineArn, input);
        },
        countTransitions: async () => {
          const executionArn = await runOnce(engine, stateMachineArn, input);
          let entered = 0;
          let nextToken: string | undefined;
          do {
            const page = await engine.getExecutionHistory({ executionArn, maxResults: 1000, nextToken, includeExecutionData: false });
            entered += (page.events ?? []).filter((event) => event.type?.endsWith('StateEntered')).length;
            nextToken = page.nextToken;
          } while (nextToken !== undefined);
          return entered;
        },
      };
    },
    close: async () => {
      await Promise.all(engines.map((engine) => engine.close()));
    },
  };
};

/** Our engine, this checkout's. */
const createOurRunner = (): EngineRunner => createEngineRunner('ours', Engine);

export { createEngineRunner, createOurRunner };
export type { EngineClass };
