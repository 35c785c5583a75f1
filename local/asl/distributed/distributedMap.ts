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
 * Events in the parent: MapStateStarted, MapRunStarted, then MapRunSucceeded and MapStateSucceeded (MapStateExited
 * links to MapRunSucceeded too), or MapRunFailed and MapStateFailed, or, when a failing sibling stops the Map,
 * MapRunAborted and MapStateAborted.
 */
import { randomUUID } from 'node:crypto';
import { mapRunArn as makeMapRunArn } from '../arns';
import { forEachLimited } from '../concurrency';
import { DistributedMapDefaults } from '../constants';
import { ContainerFailedError, ExecutionInterruptedError, StatesError, StatesErrorNames } from '../errors';
import { sharedSignal } from '../signals';
import { effectiveInput, fieldValue, stateOutput, templateValue } from '../io';
import { concurrencyOf, itemsOrFail } from '../mapItems';
import type { MapItemContext, StateRun } from '../runtime';
import { floatFromPath, integerFromPath, numberBetween, positiveInteger } from '../states/fieldErrors';
import type { StateExecutor } from '../states/types';
import type { ExecutionRecord, MapRunCounts, MapRunRecord } from '../store';
import { mapProcessor } from '../types';
import type { MapState } from '../types';
import type { ChildMachine } from './children';
import { batchItems, batchSettings } from './itemBatcher';
import { readItems, readerSettings } from './itemReader';
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

/**
 * ToleratedFailureCount / ToleratedFailurePercentage: literals, JSONata expressions, or their `…Path` forms, which
 * Step Functions reads from the value's text ("1" is 1) and checks with its own causes (`ToleratedFailureCount cannot
 * be negative.`, `ToleratedFailurePercentage must be between 0 and 100.`).
 */
const toleranceOf = async (run: StateRun<MapState>, input: unknown): Promise<Tolerance> => {
  const { state } = run;
  const tolerance: Tolerance = {};
  const fail = (cause: string): never => {
    throw new StatesError(run.language === 'JSONata' ? StatesErrorNames.QueryEvaluationError : StatesErrorNames.Runtime, cause);
  };
  if (state.ToleratedFailureCountPath !== undefined) {
    const value = await fieldValue(run, { field: 'ToleratedFailureCount', value: undefined, path: state.ToleratedFailureCountPath, pathInput: input });
    tolerance.count = integerFromPath(run, 'ToleratedFailureCountPath', state.ToleratedFailureCountPath, value);
  } else if (state.ToleratedFailureCount !== undefined) {
    const value = await fieldValue(run, { field: 'ToleratedFailureCount', value: state.ToleratedFailureCount, pathInput: input });
    tolerance.count = typeof value === 'number' && Number.isInteger(value) ? value : positiveInteger(run, 'ToleratedFailureCount', value, { allowZero: true });
  }
  if (tolerance.count !== undefined && tolerance.count < 0) fail('ToleratedFailureCount cannot be negative.');
  if (state.ToleratedFailurePercentagePath !== undefined) {
    const value = await fieldValue(run, { field: 'ToleratedFailurePercentage', value: undefined, path: state.ToleratedFailurePercentagePath, pathInput: input });
    tolerance.percentage = floatFromPath(run, 'ToleratedFailurePercentagePath', state.ToleratedFailurePercentagePath, value);
  } else if (state.ToleratedFailurePercentage !== undefined) {
    const value = await fieldValue(run, { field: 'ToleratedFailurePercentage', value: state.ToleratedFailurePercentage, pathInput: input });
    tolerance.percentage = typeof value === 'number' ? value : numberBetween(run, 'ToleratedFailurePercentage', value, 0, 100);
  }
  if (tolerance.percentage !== undefined && !(tolerance.percentage >= 0 && tolerance.percentage <= 100)) fail('ToleratedFailurePercentage must be between 0 and 100.');
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

/**
 * Runs a Map state in DISTRIBUTED mode: one map run, its child executions, and the result. The order is Step
 * Functions': the items of the state input (Items / ItemsPath: failing records MapStateFailed) and MaxConcurrency
 * (failing records nothing more), MapStateStarted, the run's settings (ToleratedFailure*, MaxItemsPath, ItemBatcher,
 * ResultWriter: failing records nothing more), MapRunStarted, then inside the run the ItemReader, ItemSelector and
 * batching (failing records MapRunFailed and MapStateFailed) and the children.
 */
const runDistributedMap: StateExecutor<MapState> = async (run) => {
  const { frame, state } = run;
  const execution = frame.execution;
  const engine = execution.engine;
  const input = await effectiveInput(run, { parameters: false });

  const inputItems = state.ItemReader ? undefined : await itemsOrFail(run, input);
  const concurrency = (await concurrencyOf(run, input)) || DistributedMapDefaults.maxConcurrency;
  // With an ItemReader the items are not known yet: AWS records length 0.
  frame.thread.add('MapStateStarted', { length: inputItems?.length ?? 0 });
  const tolerance = await toleranceOf(run, input);
  const reader = state.ItemReader ? await readerSettings(run, state.ItemReader, input) : undefined;
  const batcher = state.ItemBatcher ? await batchSettings(run, state.ItemBatcher, input) : undefined;
  const target = state.ResultWriter ? await resultTarget(run, state.ResultWriter, input) : undefined;

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
    itemCounts: emptyCounts(0),
    executionCounts: emptyCounts(0),
    redriveCount: 0,
  };
  const saved = (): MapRunRecord => ({ ...record, itemCounts: { ...record.itemCounts }, executionCounts: { ...record.executionCounts } });
  const update = (change: (draft: MapRunRecord) => void): void => {
    change(record);
    engine.mapRuns.updated(saved());
  };
  const finishRun = (status: MapRunRecord['status']): void =>
    update((draft) => {
      draft.status = status;
      draft.stopDate = engine.timers.clock.now();
    });
  /** The run failed: MapRunFailed, then MapStateFailed unless a retrier takes the error. */
  const runFailed = (error: unknown): never => {
    const failure = error instanceof StatesError ? error : new StatesError(StatesErrorNames.ResultWriterFailed, String(error));
    finishRun('FAILED');
    frame.thread.add('MapRunFailed', { error: failure.error, cause: failure.cause });
    throw new ContainerFailedError(failure, 'MapStateFailed');
  };
  engine.mapRuns.started(saved());
  frame.thread.add('MapRunStarted', { mapRunArn: arn });

  let batches: { input: unknown; itemCount: number }[];
  let itemCount: number;
  try {
    const read = state.ItemReader && reader ? await readItems(run, state.ItemReader, input, reader) : { items: inputItems ?? [], source: undefined };
    const selector = state.ItemSelector ?? (run.language === 'JSONPath' ? state.Parameters : undefined);
    const selected: unknown[] = [];
    for (const [index, value] of read.items.entries()) {
      const mapItem: MapItemContext = { Index: index, Value: value, ...(read.source ? { Source: read.source } : {}) };
      selected.push(selector === undefined ? value : await templateValue(run, { field: 'ItemSelector', template: selector, pathInput: input, mapItem }));
    }
    batches = batcher ? batchItems(selected, batcher) : selected.map((item) => ({ input: item, itemCount: 1 }));
    itemCount = read.items.length;
  } catch (error) {
    if (frame.signal.aborted) return abortRun(run, finishRun);
    return runFailed(error);
  }
  update((draft) => {
    draft.itemCounts = emptyCounts(itemCount);
    draft.executionCounts = emptyCounts(batches.length);
  });

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
        if (exceeds(tolerance, failedItems, itemCount)) {
          thresholdExceeded = true;
          group.abort(new ExecutionInterruptedError('siblingFailed'));
        }
      }
    },
    () => signal.aborted,
  );
  if (frame.signal.aborted) return abortRun(run, finishRun);

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
    return runFailed(error);
  }
  // AWS's cause, word for word (the counts are in DescribeMapRun).
  if (thresholdExceeded) runFailed(new StatesError(StatesErrorNames.ExceedToleratedFailureThreshold, 'The specified tolerated failure threshold was exceeded'));
  finishRun('SUCCEEDED');
  // MapStateSucceeded and MapStateExited both follow MapRunSucceeded, as on AWS.
  const succeededId = frame.thread.add('MapRunSucceeded');
  frame.thread.add('MapStateSucceeded');
  frame.thread.linkTo(succeededId);
  const { output: stateResult, assigned } = await stateOutput(run, output, { hasResult: true });
  return { output: stateResult, assigned, next: state.Next };
};

/**
 * The Map was stopped while its run ran: the run ends ABORTED. A failing sibling (another branch or iteration
 * around this Map) records MapRunAborted, linked to the event that failed, and the interpreter MapStateAborted; a
 * stop or a timeout records neither, as the execution closes at once.
 */
const abortRun = (run: StateRun<MapState>, finishRun: (status: MapRunRecord['status']) => void): never => {
  const reason: unknown = run.frame.signal.reason;
  finishRun('ABORTED');
  if (reason instanceof ExecutionInterruptedError && reason.kind === 'siblingFailed') {
    run.frame.thread.addCausedBy('MapRunAborted', reason.causeEventId ?? run.frame.thread.lastId);
  }
  throw reason;
};

export { runDistributedMap };
