/**
 * Map (spec: "Map State"; AWS inline and distributed modes). Inline: the items come from ItemsPath (JSONPath,
 * read from the effective input) or Items (JSONata: an expression, or an array whose elements may be expressions);
 * each goes through ItemSelector (legacy: Parameters), with `$$.Map.Item.Index` / `.Value` in the context, and then
 * through the ItemProcessor (legacy: Iterator) in its own variable scope and history thread, at most MaxConcurrency
 * at once, and never more than 40 (AWS: "In this mode, the Map state supports up to 40 concurrent iterations";
 * MaxConcurrency 0 means 40). The result is the array of iteration outputs in item order. One failed iteration fails
 * the state with its error; the iterations still running are stopped. ToleratedFailure* only apply in distributed
 * mode (a JSONata inline Map may carry them: they have no effect).
 *
 * Events, as Step Functions records them: MapStateStarted (length); a MapIterationStarted for each iteration that
 * starts at once, all of them before any iteration's own events and all linked to MapStateStarted; an iteration
 * started later, when another ended, links to that iteration's last event. Each iteration ends with
 * MapIterationSucceeded | MapIterationFailed | MapIterationAborted. Then MapStateSucceeded, and MapStateExited, both
 * linked to the last MapIterationSucceeded; or, when an iteration fails, its open Task's TaskStateAborted and the
 * other iterations' `…Aborted` events, all linked to the event that failed, and MapStateFailed (recorded by the
 * interpreter, and only when no retrier takes the error). Items that are not an array record MapStateFailed too.
 */
import { INLINE_MAP_MAX_CONCURRENCY } from '../constants';
import { ContainerFailedError, ExecutionInterruptedError, toStatesError } from '../errors';
import type { HistoryThread } from '../history';
import { sharedSignal } from '../signals';
import { effectiveInput, stateOutput, templateValue } from '../io';
import { concurrencyOf, itemsOrFail } from '../mapItems';
import { runDistributedMap } from '../distributed/distributedMap';
import { isDistributedMap, mapProcessor } from '../types';
import type { MapState } from '../types';
import type { StateExecutor } from './types';

const runInlineMap: StateExecutor<MapState> = async (run) => {
  const { frame, state } = run;
  const execution = frame.execution;
  const input = await effectiveInput(run, { parameters: false });
  const items = await itemsOrFail(run, input);
  const requested = await concurrencyOf(run, input);
  const maxConcurrency = requested === 0 ? INLINE_MAP_MAX_CONCURRENCY : Math.min(requested, INLINE_MAP_MAX_CONCURRENCY);
  const processor = mapProcessor(state);
  const selector = state.ItemSelector ?? (run.language === 'JSONPath' ? state.Parameters : undefined);
  const startedId = frame.thread.add('MapStateStarted', { length: items.length });
  const group = new AbortController();
  const signal = sharedSignal(AbortSignal.any([frame.signal, group.signal]));
  const threads: HistoryThread[] = [];
  const results: unknown[] = new Array(items.length).fill(null);
  let failure: unknown;
  let failedEventId = 0;
  const fail = (error: unknown, thread?: HistoryThread): void => {
    if (failure !== undefined || signal.aborted) return;
    failure = error;
    failedEventId = thread === undefined ? frame.thread.lastId : thread.closeAfterFailure();
    group.abort(new ExecutionInterruptedError('siblingFailed', { causeEventId: failedEventId }));
  };
  /** The input of iteration `index`: the item, or ItemSelector's value for it (only then is there a promise to wait for). */
  const iterationInput = (index: number): unknown =>
    selector === undefined
      ? items[index]
      : templateValue(run, { field: 'ItemSelector', template: selector, pathInput: input, mapItem: { Index: index, Value: items[index] } });
  const start = (index: number, causeId: number): HistoryThread => {
    const thread = frame.thread.fork(causeId);
    threads.push(thread);
    thread.add('MapIterationStarted', { name: run.name, index });
    return thread;
  };
  /** Runs one iteration; resolves with the event that ended it when it succeeded (the next iteration's cause). */
  const iterate = async (index: number, itemInput: unknown, thread: HistoryThread): Promise<number | undefined> => {
    const iteration = { name: run.name, index };
    const variables = frame.variables.child();
    try {
      results[index] = await execution.runStates(processor, itemInput, { execution, variables, thread, signal });
      const lastEventId = thread.lastId;
      thread.add('MapIterationSucceeded', iteration);
      return lastEventId;
    } catch (error) {
      const reason: unknown = signal.reason;
      if (!signal.aborted) {
        // MapIterationFailed, the failed Task's TaskStateAborted and MapStateFailed all follow the event that failed.
        const failedAt = thread.lastId;
        thread.add('MapIterationFailed', iteration);
        thread.linkTo(failedAt);
        fail(error, thread);
      } else if (reason instanceof ExecutionInterruptedError && reason.kind === 'siblingFailed') {
        thread.addCausedBy('MapIterationAborted', reason.causeEventId ?? thread.lastId, iteration);
      }
      return undefined;
    } finally {
      variables.release();
    }
  };

  // The iterations that start at once record their MapIterationStarted before any of them runs.
  const first = Math.min(items.length, maxConcurrency);
  const firstInputs: unknown[] = [];
  for (let index = 0; index < first && failure === undefined; index += 1) {
    try {
      const itemInput = iterationInput(index);
      firstInputs.push(selector === undefined ? itemInput : await itemInput);
    } catch (error) {
      fail(error);
    }
  }
  let next = firstInputs.length;
  const lanes = failure === undefined ? firstInputs.map((_, index) => start(index, startedId)) : [];
  await Promise.all(
    lanes.map(async (firstThread, lane) => {
      let current: { index: number; itemInput: unknown; thread: HistoryThread } | undefined = { index: lane, itemInput: firstInputs[lane], thread: firstThread };
      while (current !== undefined) {
        const endedAt = await iterate(current.index, current.itemInput, current.thread);
        if (endedAt === undefined || signal.aborted || next >= items.length) return;
        const index = next;
        next += 1;
        let itemInput = iterationInput(index);
        if (selector !== undefined) {
          try {
            itemInput = await itemInput;
          } catch (error) {
            fail(error);
            return;
          }
        }
        current = signal.aborted ? undefined : { index, itemInput, thread: start(index, endedAt) };
      }
    }),
  );
  if (frame.signal.aborted) throw frame.signal.reason;
  if (failure !== undefined) {
    frame.thread.linkTo(failedEventId);
    throw new ContainerFailedError(toStatesError(failure), 'MapStateFailed');
  }
  // MapStateSucceeded and MapStateExited both follow the last MapIterationSucceeded (or MapStateStarted: no items).
  frame.thread.join(threads);
  const lastIterationEvent = frame.thread.lastId;
  frame.thread.add('MapStateSucceeded');
  frame.thread.linkTo(lastIterationEvent);
  const { output, assigned } = await stateOutput(run, results, { hasResult: true });
  return { output, assigned, next: state.Next };
};

/** Runs a Map state, inline or distributed (the ProcessorConfig.Mode of ItemProcessor, or of the legacy Iterator). */
const runMap: StateExecutor<MapState> = (run) => (isDistributedMap(run.state) ? runDistributedMap(run) : runInlineMap(run));

export { runMap };
