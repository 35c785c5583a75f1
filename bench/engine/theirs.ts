/**
 * aws-local-stepfunctions as the reference engine: its `StateMachine` is built once per workload (which
 * validates the definition, outside the timing), and each run awaits `run(input).result`.
 *
 * Its transitions are counted from the `StateEntered` events of `eventLogs`; Map iterations forward theirs to
 * the root log, so one count covers the iterations too.
 */
import { StateMachine } from 'aws-local-stepfunctions';
import type { Workload } from './definitions';
import type { EngineRunner, PreparedWorkload } from './runner';

const createTheirRunner = (): EngineRunner => ({
  name: 'aws-local-stepfunctions',
  supports: (workload) => workload.queryLanguage === 'JSONPath',
  prepare: async (workload: Workload): Promise<PreparedWorkload> => {
    // The library's types describe its own subset of ASL; the workloads are plain ASL objects.
    const machine = new StateMachine(workload.definition as unknown as ConstructorParameters<typeof StateMachine>[0]);
    const input = workload.input as Parameters<StateMachine['run']>[0];
    return {
      run: async () => {
        await machine.run(input).result;
      },
      countTransitions: async () => {
        const execution = machine.run(input);
        let entered = 0;
        for await (const event of execution.eventLogs) {
          if (event.type === 'StateEntered') entered += 1;
          if (event.type === 'ExecutionSucceeded' || event.type === 'ExecutionFailed') break;
        }
        await execution.result;
        return entered;
      },
    };
  },
  close: async () => undefined,
});

export { createTheirRunner };
