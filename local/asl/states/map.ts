/**
 * Map (spec: "Map State"; AWS inline and distributed modes). Inline: the items come from ItemsPath (JSONPath,
 * read from the effective input) or Items (JSONata, or a literal array); each goes through ItemSelector (legacy:
 * Parameters), with `$$.Map.Item.Index` / `.Value` in the context, and then through the ItemProcessor (legacy:
 * Iterator) in its own variable scope and history thread, at most MaxConcurrency at once, and never more than 40
 * (AWS: "In this mode, the Map state supports up to 40 concurrent iterations"; MaxConcurrency 0 means 40). The result
 * is the array of iteration outputs in item order. One failed iteration fails the state with its error; the
 * iterations still running are stopped. ToleratedFailure* only apply in distributed mode.
 *
 * Events: MapStateStarted (length), per item MapIterationStarted → the iteration's events →
 * MapIterationSucceeded | MapIterationFailed | MapIterationAborted, then MapStateSucceeded | MapStateFailed.
 */
import { INLINE_MAP_MAX_CONCURRENCY } from '../constants';
import { ExecutionInterruptedError, toStatesError } from '../errors';
import { sharedSignal } from '../signals';
import { effectiveInput, stateOutput, templateValue } from '../io';
import { concurrencyOf, itemsOf } from '../mapItems';
import { forEachLimited } from '../concurrency';
import { runDistributedMap } from '../distributed/distributedMap';
import type { HistoryThread } from '../history';
import { isDistributedMap, mapProcessor } from '../types';
import type { MapState } from '../types';
import type { StateExecutor } from './types';

const runInlineMap: StateExecutor<MapState> = async (run) => {
  const { frame, state } = run;
  const execution = frame.execution;
  const input = await effectiveInput(run, { parameters: false });
  const items = await itemsOf(run, input);
  const requested = await concurrencyOf(run, input);
  const maxConcurrency = requested === 0 ? INLINE_MAP_MAX_CONCURRENCY : Math.min(requested, INLINE_MAP_MAX_CONCURRENCY);
  const processor = mapProcessor(state);
  const selector = state.ItemSelector ?? (run.language === 'JSONPath' ? state.Parameters : undefined);
  frame.thread.add('MapStateStarted', { length: items.length });
  const group = new AbortController();
  const signal = sharedSignal(AbortSignal.any([frame.signal, group.signal]));
  const threads: HistoryThread[] = [];
  const results: unknown[] = new Array(items.length).fill(null);
  let failure: unknown;
  const fail = (error: unknown): void => {
    if (failure !== undefined || signal.aborted) return;
    failure = error;
    group.abort(new ExecutionInterruptedError('siblingFailed'));
  };
  await forEachLimited(
    items.length,
    maxConcurrency,
    async (index) => {
      const iteration = { name: run.name, index };
      let itemInput: unknown = items[index];
      try {
        if (selector !== undefined) {
          const mapItem = { Index: index, Value: items[index] };
          itemInput = await templateValue(run, { field: 'ItemSelector', template: selector, pathInput: input, mapItem });
        }
      } catch (error) {
        fail(error);
        return;
      }
      const thread = frame.thread.fork();
      threads.push(thread);
      thread.add('MapIterationStarted', iteration);
      const variables = frame.variables.child();
      try {
        results[index] = await execution.runStates(processor, itemInput, { execution, variables, thread, signal });
        thread.add('MapIterationSucceeded', iteration);
      } catch (error) {
        if (signal.aborted) {
          thread.add('MapIterationAborted', iteration);
        } else {
          thread.add('MapIterationFailed', iteration);
          fail(error);
        }
      } finally {
        variables.release();
      }
    },
    () => signal.aborted,
  );
  frame.thread.join(threads);
  if (frame.signal.aborted) throw frame.signal.reason;
  if (failure !== undefined) {
    frame.thread.add('MapStateFailed');
    throw toStatesError(failure);
  }
  frame.thread.add('MapStateSucceeded');
  const { output, assigned } = await stateOutput(run, results, { hasResult: true });
  return { output, assigned, next: state.Next };
};

/** Runs a Map state, inline or distributed (the ProcessorConfig.Mode of ItemProcessor, or of the legacy Iterator). */
const runMap: StateExecutor<MapState> = (run) => (isDistributedMap(run.state) ? runDistributedMap(run) : runInlineMap(run));

export { runMap };
