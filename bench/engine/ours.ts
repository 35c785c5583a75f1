/**
 * Our engine under test, as a library user runs it: one {@link Engine} with its default in-memory store, each
 * workload registered once with CreateStateMachine (validation outside the timing), each run a StartExecution
 * awaited to its end. The engine records the full execution history as it goes (events with their input and
 * output), which is part of what is measured: it is what the engine always does.
 *
 * Transitions are counted from the history: one per `…StateEntered` event, Map iterations included.
 */
import { Engine } from '../../local/asl';
import type { IntegrationRegistry } from '../../local/asl/integrations';
import type { Workload } from './definitions';
import type { EngineRunner, PreparedWorkload } from './runner';

// The workloads have no Task state; an empty registry makes any Task a visible failure rather than a network call.
const noIntegrations: IntegrationRegistry = { resolve: () => undefined };

const createOurRunner = (): EngineRunner => {
  const engine = new Engine({ integrations: noIntegrations });
  let machines = 0;

  const runOnce = async (stateMachineArn: string, input: string): Promise<string> => {
    const { executionArn } = await engine.startExecution({ stateMachineArn, input });
    const ended = await engine.waitForExecution(executionArn);
    if (ended.status !== 'SUCCEEDED') throw new Error(`Benchmark execution ${ended.status}: ${ended.error ?? ''} ${ended.cause ?? ''}`);
    return executionArn;
  };

  return {
    name: 'ours',
    supports: () => true,
    prepare: async (workload: Workload): Promise<PreparedWorkload> => {
      machines += 1;
      const { stateMachineArn = '' } = await engine.createStateMachine({
        name: `bench-${machines}`,
        definition: JSON.stringify(workload.definition),
        roleArn: 'arn:aws:iam::123456789012:role/bench',
      });
      const input = JSON.stringify(workload.input);
      return {
        run: async () => {
          await runOnce(stateMachineArn, input);
        },
        countTransitions: async () => {
          const executionArn = await runOnce(stateMachineArn, input);
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
    close: () => engine.close(),
  };
};

export { createOurRunner };
