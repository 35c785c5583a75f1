/**
 * EventBridge rules, locally: the template's rules (SAM EventBridgeRule events, AWS::Events::Rule) matched against
 * the events the local EventBridge accepts and the events Step Functions itself would emit ("Step Functions
 * Execution Status Change" for STANDARD executions), each match starting the rule's state machine target with the
 * event as input, as EventBridge does. Patterns support what the template uses: exact values, `prefix`,
 * `anything-but`, `exists`, and nested objects.
 */
import { randomUUID } from 'node:crypto';
import type { Engine, EngineStore, ExecutionRecord } from '../asl';
import type { RuleManifest } from '../manifest';
import type { Reporter } from './reporter';

type BusEvent = { eventBusName: string; event: Record<string, unknown> };

const matchesValue = (condition: unknown, value: unknown): boolean => {
  if (condition !== null && typeof condition === 'object') {
    const filter = condition as Record<string, unknown>;
    if ('prefix' in filter) return typeof value === 'string' && value.startsWith(String(filter.prefix));
    if ('exists' in filter) return (value !== undefined) === Boolean(filter.exists);
    if ('anything-but' in filter) {
      const excluded = Array.isArray(filter['anything-but']) ? filter['anything-but'] : [filter['anything-but']];
      return value !== undefined && !excluded.includes(value as never);
    }
    return false;
  }
  return condition === value;
};

/** Whether an event matches an EventBridge pattern (every key matches; arrays are any-of; arrays in the event match if any element does). */
const matchesPattern = (pattern: Record<string, unknown>, event: Record<string, unknown>): boolean =>
  Object.entries(pattern).every(([key, condition]) => {
    const value = event[key];
    if (Array.isArray(condition)) {
      const values = Array.isArray(value) ? value : [value];
      return condition.some((one) => values.some((item) => matchesValue(one, item)) || (value === undefined && matchesValue(one, undefined)));
    }
    if (condition !== null && typeof condition === 'object') {
      return value !== null && typeof value === 'object' && matchesPattern(condition as Record<string, unknown>, value as Record<string, unknown>);
    }
    return false;
  });

/**
 * @example
 * const route = createRuleRouter(manifest.rules, engine, reporter);
 * route([{ eventBusName: 'default', event }]);
 */
const createRuleRouter = (rules: readonly RuleManifest[], engine: Engine, reporter: Reporter) => (events: readonly BusEvent[]): void => {
  for (const { eventBusName, event } of events) {
    for (const rule of rules) {
      if (rule.eventBusName !== eventBusName || !matchesPattern(rule.pattern, event)) continue;
      for (const target of rule.targets) {
        if (!target.arn.includes(':states:')) {
          reporter.warn(`rule ${rule.logicalId}: target ${target.arn} is not a state machine; the local runtime routes only to state machines`);
          continue;
        }
        engine
          .startExecution({ stateMachineArn: target.arn, input: target.input ?? JSON.stringify(event) })
          .then(({ executionArn }) => reporter.verbose(`rule ${rule.logicalId} → ${executionArn}`))
          .catch((error: Error) => reporter.warn(`rule ${rule.logicalId}: ${error.name}: ${error.message}`));
      }
    }
  }
};

const TERMINAL = new Set(['SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED']);

/** The event Step Functions emits to the default bus when a STANDARD execution changes status. */
const statusChangeEvent = (record: ExecutionRecord, region: string, accountId: string): Record<string, unknown> => ({
  version: '0',
  id: randomUUID(),
  'detail-type': 'Step Functions Execution Status Change',
  source: 'aws.states',
  account: accountId,
  time: (record.stopDate ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z'),
  region,
  resources: [record.executionArn],
  detail: {
    executionArn: record.executionArn,
    stateMachineArn: record.stateMachineArn,
    name: record.name,
    status: record.status,
    startDate: record.startDate.getTime(),
    stopDate: record.stopDate ? record.stopDate.getTime() : null,
    input: record.input,
    output: record.output ?? null,
    error: record.error ?? null,
    cause: record.cause ?? null,
  },
});

/**
 * Wraps the engine's store to see executions end, and emits their status-change events: STANDARD executions only
 * (Express executions and Distributed Map children emit none), as Step Functions does.
 */
const emittingStatusChanges = (store: EngineStore, emit: (event: Record<string, unknown>) => void, region: string, accountId: string): EngineStore => ({
  saveStateMachine: (record) => store.saveStateMachine(record),
  deleteStateMachine: (arn) => store.deleteStateMachine(arn),
  appendHistory: (arn, events) => store.appendHistory(arn, events),
  saveMapRun: (record) => store.saveMapRun(record),
  load: () => store.load(),
  readHistory: (arn) => store.readHistory(arn),
  saveExecution: async (record) => {
    await store.saveExecution(record);
    if (record.type === 'STANDARD' && !record.mapRunArn && TERMINAL.has(record.status)) emit(statusChangeEvent(record, region, accountId));
  },
});

export { createRuleRouter, emittingStatusChanges, matchesPattern, statusChangeEvent };
export type { BusEvent };
