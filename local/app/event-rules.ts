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

/** Routes bus events to the rules' targets, and knows when the target executions it started have ended. */
type RuleRouter = {
  route(events: readonly BusEvent[]): void;
  /**
   * Resolves once every target execution started so far has ended (and those they led to): stopping waits for it, so
   * the status changes of the executions it stopped are recorded before the rules go.
   */
  settled(): Promise<void>;
  /** Whether an execution of this state machine is one a rule starts (its input is the event). */
  isTarget(stateMachineArn: string): boolean;
  /** Starts a rule target again with the event it was given (a delivery that was interrupted). */
  redeliver(stateMachineArn: string, input: string): void;
};

/**
 * @example
 * const router = createRuleRouter(manifest.rules, engine, reporter);
 * router.route([{ eventBusName: 'default', event }]);
 * await router.settled();
 */
const createRuleRouter = (rules: readonly RuleManifest[], engine: Engine, reporter: Reporter): RuleRouter => {
  const inFlight = new Set<Promise<void>>();
  const track = (work: Promise<void>): void => {
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work));
  };
  const targets = new Set(rules.flatMap((rule) => rule.targets.map((target) => target.arn)));
  const deliver = (label: string, stateMachineArn: string, input: string): void =>
    track(
      engine
        .startExecution({ stateMachineArn, input })
        .then(async ({ executionArn }) => {
          reporter.verbose(`${label} → ${executionArn}`);
          await engine.waitForExecution(executionArn);
        })
        .catch((error: Error) => reporter.warn(`${label}: ${error.name}: ${error.message}`)),
    );
  const route = (events: readonly BusEvent[]): void => {
    for (const { eventBusName, event } of events) {
      for (const rule of rules) {
        if (rule.eventBusName !== eventBusName || !matchesPattern(rule.pattern, event)) continue;
        for (const target of rule.targets) {
          if (!target.arn.includes(':states:')) {
            reporter.warn(`rule ${rule.logicalId}: target ${target.arn} is not a state machine; the local runtime routes only to state machines`);
            continue;
          }
          deliver(`rule ${rule.logicalId}`, target.arn, target.input ?? JSON.stringify(event));
        }
      }
    }
  };
  const settled = async (): Promise<void> => {
    while (inFlight.size > 0) await Promise.all([...inFlight]);
  };
  return {
    route,
    settled,
    isTarget: (stateMachineArn) => targets.has(stateMachineArn),
    redeliver: (stateMachineArn, input) => deliver(`redelivery to ${stateMachineArn}`, stateMachineArn, input),
  };
};

const TERMINAL = new Set(['SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED']);

/** Whether Step Functions emits a status-change event for this execution: STANDARD, not a Distributed Map child. */
const emitsStatusChanges = (record: ExecutionRecord): boolean => record.type === 'STANDARD' && !record.mapRunArn;

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
    if (emitsStatusChanges(record) && TERMINAL.has(record.status)) emit(statusChangeEvent(record, region, accountId));
  },
});

/**
 * At start-up, what the previous process left unfinished reaches the rules: executions it was running ended ABORTED
 * while nothing watched (a crash, `kill -9`), so their status-change events are delivered now; and executions of rule
 * targets it was running (their input is the event) are started again with the same event, as EventBridge delivers
 * at least once. Returns how many of each.
 *
 * @example
 * redeliverInterrupted(fileStore.recovery.abortedExecutions, router, region, accountId);
 */
const redeliverInterrupted = (
  aborted: readonly ExecutionRecord[],
  router: RuleRouter,
  region: string,
  accountId: string,
): { statusChanges: number; targets: number } => {
  let statusChanges = 0;
  let targets = 0;
  for (const record of aborted) {
    if (emitsStatusChanges(record)) {
      router.route([{ eventBusName: 'default', event: statusChangeEvent(record, region, accountId) }]);
      statusChanges += 1;
    }
    if (router.isTarget(record.stateMachineArn)) {
      router.redeliver(record.stateMachineArn, record.input);
      targets += 1;
    }
  }
  return { statusChanges, targets };
};

export { createRuleRouter, emittingStatusChanges, matchesPattern, redeliverInterrupted, statusChangeEvent };
export type { BusEvent, RuleRouter };
