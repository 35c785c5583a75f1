/**
 * Executions as the console shows them, read through the Step Functions API (the local endpoint, with the SDK, as
 * `aws stepfunctions` reads them): the list per state machine with each execution's customer and run (from its
 * input, never parsed from its name), and one execution whole: its definition as a graph coloured by what happened,
 * each state's occurrences, the event history, and its map runs with their item counts and failed items.
 */
import {
  DescribeExecutionCommand,
  DescribeMapRunCommand,
  DescribeStateMachineCommand,
  ExecutionDoesNotExist,
  ListExecutionsCommand,
  ListMapRunsCommand,
  ListStateMachinesCommand,
  type ExecutionStatus,
  type HistoryEvent,
  type SFNClient,
} from '@aws-sdk/client-sfn';
import { createHash } from 'node:crypto';
import { readExecutionHistory } from '../app/history';
import type { StateMachineDefinition } from '../asl/types';
import { ConsoleBadRequestError, ConsoleNotFoundError } from './errors';
import { stateGraph, type StateGraph } from './graph';
import { stateRecords, type StateRecord, type StateStatus } from './state-status';

const STATUSES: readonly ExecutionStatus[] = ['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED', 'PENDING_REDRIVE'];
/** Failed child executions of a map run read for their items (each is one DescribeExecution). */
const MAP_FAILURES_SHOWN = 25;
/** A cause longer than this is cut: a Lambda error's cause can carry a whole stack. */
const CAUSE_CHARS = 4000;

type StateMachineRow = { name: string; stateMachineArn: string; type: string };

type RunIds = { customerId?: string; runId?: string };

type ExecutionRow = RunIds & {
  executionArn: string;
  name: string;
  status: string;
  startDate: string;
  stopDate?: string;
  durationMs: number;
};

type FailedItem = { unitId?: string; path?: string; objectName?: string };

type MapRunFailure = { execution: string; status: string; error?: string; cause?: string; items: FailedItem[] };

type MapRunView = {
  mapRunArn: string;
  /** The Map state that started it. */
  state?: string;
  status: string;
  startDate?: string;
  stopDate?: string;
  maxConcurrency?: number;
  toleratedFailurePercentage?: number;
  toleratedFailureCount?: number;
  itemCounts: Record<string, number>;
  executionCounts: Record<string, number>;
  failures: MapRunFailure[];
  /** Failed child executions beyond those listed. */
  moreFailures: number;
};

type EventRow = {
  id: number;
  previousEventId?: number;
  type: string;
  timestamp: string;
  elapsedMs: number;
  /** The state the event belongs to (the one last entered, for task and map events). */
  state?: string;
  details?: unknown;
};

type ExecutionDetail = {
  execution: ExecutionRow & { stateMachineArn: string; stateMachineName: string; error?: string; cause?: string; input?: string; output?: string };
  graph: StateGraph;
  states: Record<string, StateRecord>;
  events: EventRow[];
  mapRuns: MapRunView[];
};

const runIdsOf = (input: string | undefined): RunIds => {
  if (!input) return {};
  try {
    const parsed = JSON.parse(input) as Record<string, unknown>;
    return {
      ...(typeof parsed.customerId === 'string' ? { customerId: parsed.customerId } : {}),
      ...(typeof parsed.runId === 'string' ? { runId: parsed.runId } : {}),
    };
  } catch {
    return {};
  }
};

const iso = (date: Date | undefined): string | undefined => date?.toISOString();

const durationOf = (start: Date | undefined, stop: Date | undefined): number => ((stop ?? new Date()).getTime() - (start?.getTime() ?? Date.now()));

const cut = (text: string | undefined): string | undefined => (text === undefined || text.length <= CAUSE_CHARS ? text : `${text.slice(0, CAUSE_CHARS)}… (${text.length} characters)`);

/** The items a failed map child ran: a batch's `Items`, or the item itself. */
const itemsOf = (input: string | undefined): FailedItem[] => {
  if (!input) return [];
  try {
    const parsed = JSON.parse(input) as { Items?: unknown[] } & Record<string, unknown>;
    const items = Array.isArray(parsed.Items) ? parsed.Items : [parsed];
    return items.map((item) => {
      const record = (item && typeof item === 'object' ? item : {}) as Record<string, unknown>;
      return {
        ...(typeof record.unitId === 'string' ? { unitId: record.unitId } : {}),
        ...(typeof record.path === 'string' ? { path: record.path } : {}),
        ...(typeof record.objectName === 'string' ? { objectName: record.objectName } : {}),
      };
    });
  } catch {
    return [];
  }
};

/** States that have a Catch, anywhere in the definition. */
const statesWithCatch = (definition: unknown): Set<string> => {
  const names = new Set<string>();
  const visit = (list: { States?: Record<string, Record<string, unknown>> } | undefined): void => {
    for (const [name, state] of Object.entries(list?.States ?? {})) {
      if (Array.isArray(state.Catch) && state.Catch.length > 0) names.add(name);
      visit((state.ItemProcessor ?? state.Iterator) as typeof list);
      for (const branch of (state.Branches as Array<typeof list> | undefined) ?? []) visit(branch);
    }
  };
  visit(definition as { States?: Record<string, Record<string, unknown>> });
  return names;
};

/**
 * @example
 * const executions = new ExecutionsView(sfn);
 * const page = await executions.list({ stateMachineArn, status: 'FAILED' });
 * const detail = await executions.detail(page.executions[0].executionArn);
 */
class ExecutionsView {
  /** Execution inputs never change: each is read once. */
  readonly #ids = new Map<string, RunIds>();
  /** Laid-out graphs by definition text. */
  readonly #graphs = new Map<string, { graph: StateGraph; catches: Set<string> }>();

  public constructor(private readonly sfn: SFNClient) {}

  public async stateMachines(): Promise<StateMachineRow[]> {
    const rows: StateMachineRow[] = [];
    let nextToken: string | undefined;
    do {
      const page = await this.sfn.send(new ListStateMachinesCommand({ nextToken }));
      for (const machine of page.stateMachines ?? []) rows.push({ name: machine.name ?? '', stateMachineArn: machine.stateMachineArn ?? '', type: machine.type ?? 'STANDARD' });
      nextToken = page.nextToken;
    } while (nextToken);
    return rows.sort((a, b) => a.name.localeCompare(b.name));
  }

  public async list(options: { stateMachineArn: string; status?: string; nextToken?: string; limit?: number }): Promise<{ executions: ExecutionRow[]; nextToken?: string }> {
    if (options.status && !STATUSES.includes(options.status as ExecutionStatus)) throw new ConsoleBadRequestError(`status must be one of ${STATUSES.join(', ')}`);
    const page = await this.sfn.send(
      new ListExecutionsCommand({
        stateMachineArn: options.stateMachineArn,
        statusFilter: options.status as ExecutionStatus | undefined,
        maxResults: options.limit ?? 50,
        nextToken: options.nextToken,
      }),
    );
    const executions = await Promise.all(
      (page.executions ?? []).map(async (execution): Promise<ExecutionRow> => ({
        executionArn: execution.executionArn ?? '',
        name: execution.name ?? '',
        status: execution.status ?? 'UNKNOWN',
        startDate: iso(execution.startDate) ?? '',
        ...(execution.stopDate ? { stopDate: iso(execution.stopDate) } : {}),
        durationMs: durationOf(execution.startDate, execution.stopDate),
        ...(await this.#runIds(execution.executionArn ?? '')),
      })),
    );
    return { executions, ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
  }

  public async detail(executionArn: string): Promise<ExecutionDetail> {
    const execution = await this.sfn.send(new DescribeExecutionCommand({ executionArn })).catch((error: Error) => {
      if (error instanceof ExecutionDoesNotExist || error.name === 'ExecutionDoesNotExist') throw new ConsoleNotFoundError(`No execution ${executionArn}`);
      throw error;
    });
    const [machine, events, mapRuns] = await Promise.all([
      this.sfn.send(new DescribeStateMachineCommand({ stateMachineArn: execution.stateMachineArn })),
      readExecutionHistory(this.sfn, executionArn),
      this.#mapRuns(executionArn),
    ]);
    const { graph, catches } = this.#graph(machine.definition ?? '{}');
    const records = stateRecords(events, { parents: graph.parents, catches });
    for (const run of mapRuns) {
      run.state = [...records.values()].find((record) => record.occurrences.some((occurrence) => occurrence.mapRunArn === run.mapRunArn))?.name;
    }
    const states = Object.fromEntries(records);
    this.#addDistributedStates(graph, states, mapRuns);
    const ids = runIdsOf(execution.input);
    this.#ids.set(executionArn, ids);
    return {
      execution: {
        executionArn,
        name: execution.name ?? '',
        status: execution.status ?? 'UNKNOWN',
        startDate: iso(execution.startDate) ?? '',
        ...(execution.stopDate ? { stopDate: iso(execution.stopDate) } : {}),
        durationMs: durationOf(execution.startDate, execution.stopDate),
        ...ids,
        stateMachineArn: execution.stateMachineArn ?? '',
        stateMachineName: machine.name ?? '',
        ...(execution.error ? { error: execution.error } : {}),
        ...(execution.cause ? { cause: cut(execution.cause) } : {}),
        input: execution.input,
        output: execution.output,
      },
      graph,
      states,
      events: eventRows(events),
      mapRuns,
    };
  }

  async #runIds(executionArn: string): Promise<RunIds> {
    const known = this.#ids.get(executionArn);
    if (known) return known;
    const { input } = await this.sfn.send(new DescribeExecutionCommand({ executionArn }));
    const ids = runIdsOf(input);
    this.#ids.set(executionArn, ids);
    return ids;
  }

  #graph(definition: string): { graph: StateGraph; catches: Set<string> } {
    const key = createHash('sha256').update(definition).digest('hex');
    let laid = this.#graphs.get(key);
    if (!laid) {
      const parsed = JSON.parse(definition) as StateMachineDefinition;
      laid = { graph: stateGraph(parsed), catches: statesWithCatch(parsed) };
      this.#graphs.set(key, laid);
    }
    return laid;
  }

  async #mapRuns(executionArn: string): Promise<MapRunView[]> {
    const { mapRuns = [] } = await this.sfn.send(new ListMapRunsCommand({ executionArn }));
    return Promise.all(
      mapRuns.map(async ({ mapRunArn }) => {
        const run = await this.sfn.send(new DescribeMapRunCommand({ mapRunArn }));
        const failed = await this.#failedChildren(mapRunArn ?? '');
        return {
          mapRunArn: mapRunArn ?? '',
          status: run.status ?? 'UNKNOWN',
          ...(run.startDate ? { startDate: iso(run.startDate) } : {}),
          ...(run.stopDate ? { stopDate: iso(run.stopDate) } : {}),
          maxConcurrency: run.maxConcurrency,
          toleratedFailurePercentage: run.toleratedFailurePercentage,
          toleratedFailureCount: run.toleratedFailureCount,
          itemCounts: { ...(run.itemCounts ?? {}) } as Record<string, number>,
          executionCounts: { ...(run.executionCounts ?? {}) } as Record<string, number>,
          failures: failed.shown,
          moreFailures: failed.more,
        };
      }),
    );
  }

  /** The map run's failed, timed-out and aborted child executions: which items they ran and why they failed. */
  async #failedChildren(mapRunArn: string): Promise<{ shown: MapRunFailure[]; more: number }> {
    const children: Array<{ executionArn?: string; name?: string; status?: string }> = [];
    for (const statusFilter of ['FAILED', 'TIMED_OUT', 'ABORTED'] as const) {
      let nextToken: string | undefined;
      do {
        const page = await this.sfn.send(new ListExecutionsCommand({ mapRunArn, statusFilter, nextToken, maxResults: 1000 }));
        children.push(...(page.executions ?? []));
        nextToken = page.nextToken;
      } while (nextToken);
    }
    const shown = await Promise.all(
      children.slice(0, MAP_FAILURES_SHOWN).map(async (child) => {
        const described = await this.sfn.send(new DescribeExecutionCommand({ executionArn: child.executionArn }));
        return {
          execution: child.name ?? '',
          status: child.status ?? 'FAILED',
          ...(described.error ? { error: described.error } : {}),
          ...(described.cause ? { cause: cut(described.cause) } : {}),
          items: itemsOf(described.input),
        };
      }),
    );
    return { shown, more: Math.max(0, children.length - MAP_FAILURES_SHOWN) };
  }

  /** States inside a distributed Map run in child executions: their colour comes from the map run's item counts. */
  #addDistributedStates(graph: StateGraph, states: Record<string, StateRecord>, mapRuns: readonly MapRunView[]): void {
    for (const node of graph.nodes) {
      if (!node.distributed) continue;
      const run = mapRuns.find((candidate) => candidate.state === node.id);
      if (!run) continue;
      const failed = (run.itemCounts.failed ?? 0) + (run.itemCounts.timedOut ?? 0) + (run.itemCounts.aborted ?? 0);
      const status: StateStatus = run.status === 'RUNNING' ? 'running' : failed > 0 ? 'failed' : run.status === 'SUCCEEDED' ? 'succeeded' : 'aborted';
      for (const [name, parent] of Object.entries(graph.parents)) {
        if (parent === node.id && !states[name]) states[name] = { name, status, occurrences: [] };
      }
    }
  }
}

/** The history as table rows: each event with its details and the state it belongs to. */
function eventRows(events: readonly HistoryEvent[]): EventRow[] {
  const start = events[0]?.timestamp?.getTime() ?? 0;
  let current: string | undefined;
  return events.map((event) => {
    const type = event.type ?? '';
    const entered = event.stateEnteredEventDetails?.name;
    if (entered) current = entered;
    const state = entered ?? event.stateExitedEventDetails?.name ?? (type.startsWith('Execution') ? undefined : current);
    const details = Object.entries(event).find(([key]) => key.endsWith('EventDetails'))?.[1];
    return {
      id: event.id ?? 0,
      ...(event.previousEventId ? { previousEventId: event.previousEventId } : {}),
      type,
      timestamp: iso(event.timestamp) ?? '',
      elapsedMs: (event.timestamp?.getTime() ?? start) - start,
      ...(state ? { state } : {}),
      ...(details ? { details } : {}),
    };
  });
}

export { ExecutionsView, runIdsOf };
export type { EventRow, ExecutionDetail, ExecutionRow, FailedItem, MapRunFailure, MapRunView, StateMachineRow };
