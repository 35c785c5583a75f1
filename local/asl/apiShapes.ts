/**
 * The answers of the read operations, shaped as `@aws-sdk/client-sfn` shapes them: DescribeExecution,
 * DescribeMapRun, and the events GetExecutionHistory hands out (deep copies, optionally without execution data).
 */
import type * as sfn from '@aws-sdk/client-sfn';
import { deepClone } from './clone';
import type { ExecutionRecord, MapRunRecord } from './store';

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !(value instanceof Date);

/**
 * DescribeExecution's answer for an execution record.
 *
 * @example
 * const { status, output } = describeExecutionOf(record);
 */
const describeExecutionOf = (record: ExecutionRecord): sfn.DescribeExecutionOutput => ({
  executionArn: record.executionArn,
  stateMachineArn: record.stateMachineArn,
  name: record.name,
  status: record.status,
  startDate: record.startDate,
  ...(record.stopDate ? { stopDate: record.stopDate } : {}),
  input: record.input,
  inputDetails: { included: true },
  ...(record.output !== undefined ? { output: record.output, outputDetails: { included: true } } : {}),
  ...(record.error !== undefined ? { error: record.error } : {}),
  ...(record.cause !== undefined ? { cause: record.cause } : {}),
  ...(record.mapRunArn ? { mapRunArn: record.mapRunArn } : {}),
  ...(record.traceHeader ? { traceHeader: record.traceHeader } : {}),
  redriveCount: record.redriveCount,
  redriveStatus: record.status === 'SUCCEEDED' || record.status === 'RUNNING' ? 'NOT_REDRIVABLE' : 'REDRIVABLE',
});

/** DescribeMapRun's answer for a map run record. */
const describeMapRunOf = (record: MapRunRecord): sfn.DescribeMapRunOutput => ({
  mapRunArn: record.mapRunArn,
  executionArn: record.executionArn,
  status: record.status,
  startDate: record.startDate,
  ...(record.stopDate ? { stopDate: record.stopDate } : {}),
  maxConcurrency: record.maxConcurrency,
  toleratedFailurePercentage: record.toleratedFailurePercentage,
  toleratedFailureCount: record.toleratedFailureCount,
  itemCounts: { ...record.itemCounts },
  executionCounts: { ...record.executionCounts },
  redriveCount: record.redriveCount,
});

/** Detail members that carry execution data, left out with `includeExecutionData: false`. */
const EXECUTION_DATA_FIELDS = ['input', 'inputDetails', 'output', 'outputDetails', 'parameters', 'assignedVariables', 'assignedVariablesDetails'];

/**
 * A copy of a history event for GetExecutionHistory; without its input, output, parameters and variables when
 * `includeExecutionData` is false.
 *
 * @example
 * const events = page.map((event) => historyEventView(event, true));
 */
const historyEventView = (event: sfn.HistoryEvent, includeExecutionData: boolean): sfn.HistoryEvent => {
  // A deep copy: the engine's events are frozen and shared, and a caller may change what it is given.
  const copy: Record<string, unknown> = { ...event, ...(event.timestamp ? { timestamp: new Date(event.timestamp.getTime()) } : {}) };
  for (const [key, value] of Object.entries(copy)) {
    if (!isObject(value)) continue;
    const details: Record<string, unknown> = deepClone(value);
    if (!includeExecutionData) for (const field of EXECUTION_DATA_FIELDS) delete details[field];
    copy[key] = details;
  }
  return copy as unknown as sfn.HistoryEvent;
};

export { describeExecutionOf, describeMapRunOf, historyEventView };
