/**
 * Map in DISTRIBUTED mode (AWS "Using Map state in Distributed mode"): a map run whose items (from the state input,
 * or from S3 through ItemReader) go, after ItemSelector and ItemBatcher, to child workflow executions of the
 * ItemProcessor, STANDARD or EXPRESS (ProcessorConfig.ExecutionType, required), at most MaxConcurrency at
 * once (absent or 0: up to 10,000).
 *
 * - The children are executions of their own (own ARN, history and variable scope: they see no outer variables),
 *   of the state machine `<machine>/<Label>`, listed by ListExecutions with the map run's ARN.
 * - ToleratedFailureCount / ToleratedFailurePercentage (and their Path and JSONata forms): failed, timed-out and
 *   aborted children count their items as failed; once the failed items exceed either bound, the run stops its
 *   other children and fails with States.ExceedToleratedFailureThreshold. With neither set, one failure is too
 *   many.
 * - Without ResultWriter the result is the array of child outputs in item (batch) order, a failed child giving its
 *   `{Error, Cause}`; with ResultWriter the results go to S3 (see resultWriter.ts) and the result is
 *   `{ MapRunArn, ResultWriterDetails }`.
 * - The map run is recorded for DescribeMapRun/ListMapRuns with its item and execution counts.
 *
 * Events in the parent: MapStateStarted, MapRunStarted, then MapRunSucceeded | MapRunFailed | MapRunAborted, and
 * MapStateSucceeded | MapStateFailed.
 */
import { randomUUID } from 'node:crypto';
import { mapRunArn as makeMapRunArn } from '../arns';
import { forEachLimited } from '../concurrency';
import { DistributedMapDefaults } from '../constants';
import { ExecutionInterruptedError, StatesError, StatesErrorNames } from '../errors';
import { sharedSignal } from '../signals';
import { effectiveInput, fieldValue, stateOutput, templateValue } from '../io';
import { concurrencyOf, itemsOf } from '../mapItems';
import type { MapItemContext, StateRun } from '../runtime';
import { numberBetween, positiveInteger } from '../states/fieldErrors';
import type { StateExecutor } from '../states/types';
import type { ExecutionRecord, MapRunCounts, MapRunRecord } from '../store';
import { mapProcessor } from '../types';
import type { MapState } from '../types';
import type { ChildMachine } from './children';
import { batchItems, batchSettings } from './itemBatcher';
import { readItems } from './itemReader';
import { resultTarget, writeResults } from './resultWriter';
import type { PendingInput } from './resultWriter';

/** Characters a Label may not contain are replaced when the state name stands in for a missing Label. */
const labelFromStateName = (name: string): string => name.replace(/[\s<>{}[\]?*"#%\\^|~`$&,;:/]/g, '_').slice(0, 40);

const emptyCounts = (total: number): MapRunCounts => ({
  pending: total,
  running: 0,
  succeeded: 0,
  failed: 0,
  timedOut: 0,
  aborted: 0,
  total,
  resultsWritten: 0,
  failuresNotRedrivable: 0,
  pendingRedrive: 0,
});

type Tolerance = { count?: number; percentage?: number };

const toleranceOf = async (run: StateRun<MapState>, input: unknown): Promise<Tolerance> => {
  const { state } = run;
  const tolerance: Tolerance = {};
  if (state.ToleratedFailureCount !== undefined || state.ToleratedFailureCountPath !== undefined) {
    const value = await fieldValue(run, { field: 'ToleratedFailureCount', value: state.ToleratedFailureCount, path: state.ToleratedFailureCountPath, pathInput: input });
    tolerance.count = positiveInteger(run, state.ToleratedFailureCountPath === undefined ? 'ToleratedFailureCount' : 'ToleratedFailureCountPath', value, { allowZero: true });
  }
  if (state.ToleratedFailurePercentage !== undefined || state.ToleratedFailurePercentagePath !== undefined) {
    const value = await fieldValue(run, { field: 'ToleratedFailurePercentage', value: state.ToleratedFailurePercentage, path: state.ToleratedFailurePercentagePath, pathInput: input });
    tolerance.percentage = numberBetween(run, state.ToleratedFailurePercentagePath === undefined ? 'ToleratedFailurePercentage' : 'ToleratedFailurePercentagePath', value, 0, 100);
  }
  return tolerance;
};

/** True when `failed` of `total` items is more than the run tolerates. */
const exceeds = (tolerance: Tolerance, failed: number, total: number): boolean => {
  if (failed === 0) return false;
  if (tolerance.count === undefined && tolerance.percentage === undefined) return true;
  if (tolerance.count !== undefined && failed > tolerance.count) return true;
  return tolerance.percentage !== undefined && (failed / Math.max(total, 1)) * 100 > tolerance.percentage;
};

/** The child machine: the ItemProcessor as a state machine of its own, in the parent's query language. */
const childMachineOf = (run: StateRun<MapState>, label: string): ChildMachine => {
  const execution = run.frame.execution;
  const processor = mapProcessor(run.state);
  const name = `${execution.stateMachineName}/${label}`;
  const { ProcessorConfig, ...list } = processor;
  return {
    stateMachineArn: `${execution.stateMachineArn}/${label}`,
    name,
    definition: { ...list, QueryLanguage: execution.queryLanguage },
    type: ProcessorConfig?.ExecutionType ?? 'STANDARD',
  };
};

/** Runs a Map state in DISTRIBUTED mode: one map run, its child executions, and the result. */
const runDistributedMap: StateExecutor<MapState> = async (run) => {
  const { frame, state } = run;
  const execution = frame.execution;
  const engine = execution.engine;
  const input = await effectiveInput(run, { parameters: false });

  // Everything that can be wrong with the configuration fails before the run starts.
  const read = state.ItemReader ? await readItems(run, state.ItemReader, input) : { items: await itemsOf(run, input), source: undefined };
  const concurrency = (await concurrencyOf(run, input)) || DistributedMapDefaults.maxConcurrency;
  const tolerance = await toleranceOf(run, input);
  const target = state.ResultWriter ? await resultTarget(run, state.ResultWriter, input) : undefined;
  const selector = state.ItemSelector ?? (run.language === 'JSONPath' ? state.Parameters : undefined);
  const selected: unknown[] = [];
  for (const [index, value] of read.items.entries()) {
    const mapItem: MapItemContext = { Index: index, Value: value, ...(read.source ? { Source: read.source } : {}) };
    selected.push(selector === undefined ? value : await templateValue(run, { field: 'ItemSelector', template: selector, pathInput: input, mapItem }));
  }
  const batches = state.ItemBatcher
    ? batchItems(selected, await batchSettings(run, state.ItemBatcher, input))
    : selected.map((item) => ({ input: item, itemCount: 1 }));

  const label = state.Label ?? labelFromStateName(run.name);
  const machine = childMachineOf(run, label);
  const arn = makeMapRunArn(engine.arnParts, execution.stateMachineName, label, randomUUID());
  const record: MapRunRecord = {
    mapRunArn: arn,
    executionArn: execution.executionArn,
    stateMachineArn: machine.stateMachineArn,
    status: 'RUNNING',
    startDate: engine.timers.clock.now(),
    maxConcurrency: concurrency,
    toleratedFailurePercentage: tolerance.percentage ?? 0,
    toleratedFailureCount: tolerance.count ?? 0,
    itemCounts: emptyCounts(read.items.length),
    executionCounts: emptyCounts(batches.length),
    redriveCount: 0,
  };
  const update = (change: (draft: MapRunRecord) => void): void => {
    change(record);
    engine.mapRuns.updated({ ...record, itemCounts: { ...record.itemCounts }, executionCounts: { ...record.executionCounts } });
  };
  frame.thread.add('MapStateStarted', { length: read.items.length });
  engine.mapRuns.started({ ...record, itemCounts: { ...record.itemCounts }, executionCounts: { ...record.executionCounts } });
  frame.thread.add('MapRunStarted', { mapRunArn: arn });

  const group = new AbortController();
  const signal = sharedSignal(AbortSignal.any([frame.signal, group.signal]));
  const children: (ExecutionRecord | undefined)[] = new Array(batches.length).fill(undefined);
  let failedItems = 0;
  let thresholdExceeded = false;
  await forEachLimited(
    batches.length,
    concurrency,
    async (index) => {
      const batch = batches[index];
      update((draft) => {
        draft.itemCounts.pending -= batch.itemCount;
        draft.itemCounts.running += batch.itemCount;
        draft.executionCounts.pending -= 1;
        draft.executionCounts.running += 1;
      });
      const child = await engine.startChildExecution({
        machine,
        mapRunArn: arn,
        parentExecutionArn: execution.executionArn,
        roleArn: execution.roleArn,
        input: batch.input,
        itemCount: batch.itemCount,
        signal,
      });
      children[index] = child;
      const bucket = ({ SUCCEEDED: 'succeeded', FAILED: 'failed', TIMED_OUT: 'timedOut', ABORTED: 'aborted', RUNNING: 'running' } as const)[child.status];
      update((draft) => {
        draft.itemCounts.running -= batch.itemCount;
        draft.itemCounts[bucket] += batch.itemCount;
        draft.executionCounts.running -= 1;
        draft.executionCounts[bucket] += 1;
      });
      if (child.status !== 'SUCCEEDED' && !frame.signal.aborted && !thresholdExceeded) {
        failedItems += batch.itemCount;
        if (exceeds(tolerance, failedItems, read.items.length)) {
          thresholdExceeded = true;
          group.abort(new ExecutionInterruptedError('siblingFailed'));
        }
      }
    },
    () => signal.aborted,
  );

  const finishRun = (status: MapRunRecord['status']): void =>
    update((draft) => {
      draft.status = status;
      draft.stopDate = engine.timers.clock.now();
    });
  if (frame.signal.aborted) {
    finishRun('ABORTED');
    frame.thread.add('MapRunAborted');
    throw frame.signal.reason;
  }

  const finished = children.filter((child): child is ExecutionRecord => child !== undefined);
  let output: unknown;
  try {
    if (target) {
      const pending: PendingInput[] = batches.flatMap((batch, index) => (children[index] === undefined ? [{ input: batch.input }] : []));
      output = await writeResults(run, target, arn, finished, pending);
      update((draft) => {
        draft.itemCounts.resultsWritten = draft.itemCounts.succeeded + draft.itemCounts.failed + draft.itemCounts.timedOut + draft.itemCounts.aborted;
        draft.executionCounts.resultsWritten = finished.length;
      });
    } else {
      output = children.map((child) =>
        child === undefined ? null : child.status === 'SUCCEEDED' ? JSON.parse(child.output ?? 'null') : { Error: child.error ?? '', Cause: child.cause ?? '' },
      );
    }
  } catch (error) {
    const failure = error instanceof StatesError ? error : new StatesError(StatesErrorNames.ResultWriterFailed, String(error));
    finishRun('FAILED');
    frame.thread.add('MapRunFailed', { error: failure.error, cause: failure.cause });
    frame.thread.add('MapStateFailed');
    throw failure;
  }

  if (thresholdExceeded) {
    const error = new StatesError(
      StatesErrorNames.ExceedToleratedFailureThreshold,
      `The specified tolerated failure threshold was exceeded: ${failedItems} of ${read.items.length} items failed in map run '${arn}'`,
    );
    finishRun('FAILED');
    frame.thread.add('MapRunFailed', { error: error.error, cause: error.cause });
    frame.thread.add('MapStateFailed');
    throw error;
  }
  finishRun('SUCCEEDED');
  frame.thread.add('MapRunSucceeded');
  frame.thread.add('MapStateSucceeded');
  const { output: stateResult, assigned } = await stateOutput(run, output, { hasResult: true });
  return { output: stateResult, assigned, next: state.Next };
};

export { runDistributedMap };
