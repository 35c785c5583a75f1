/**
 * Counting what an execution did, from its history as GetExecutionHistory returns it (through the Step Functions
 * API of the local runtime, as one would against AWS): states entered (the engine's transitions; in Standard
 * workflows also the billing unit), retries (billed as transitions too), service-integration tasks by resource, and
 * the Distributed Map's child executions with their durations (Express children are billed per request and per
 * 100 ms of duration).
 */
import { ListExecutionsCommand, ListMapRunsCommand, type HistoryEvent, type SFNClient } from '@aws-sdk/client-sfn';
import { readExecutionHistory } from '../../local/app';

/** What one execution's history holds. */
type ExecutionTally = {
  /** `…StateEntered` events: one per state entered. */
  entered: number;
  /** Task attempts after the first of each entry (TaskScheduled or LambdaFunctionScheduled beyond TaskStateEntered). */
  retries: number;
  /** Service-integration tasks scheduled, by `resourceType:resource` (`dynamodb:getItem`, `lambda:invoke`, …). */
  tasks: Record<string, number>;
  /** Time from entering to leaving each state, by state name, ms (summed when a state is entered more than once). */
  stateMillis: Record<string, number>;
};

/** A Distributed Map's child executions. */
type ChildTally = {
  executions: number;
  entered: number;
  retries: number;
  /** Sum of child durations, ms. */
  durationMillis: number;
  /** Sum of child durations rounded up to 100 ms each, as Express rounds them. */
  billedMillis: number;
};

/** A whole workflow run: the execution and the children of its map runs. */
type WorkflowTally = { parent: ExecutionTally; mapRuns: number; children: ChildTally };

/**
 * Tallies one execution's history events.
 *
 * @example
 * const { entered, retries, tasks } = tallyHistory(events);
 */
const tallyHistory = (events: readonly HistoryEvent[]): ExecutionTally => {
  let entered = 0;
  let taskEntries = 0;
  let scheduled = 0;
  const tasks: Record<string, number> = {};
  const stateMillis: Record<string, number> = {};
  const enteredAt = new Map<string, number>();
  for (const event of events) {
    const type = event.type ?? '';
    if (type.endsWith('StateEntered')) {
      entered += 1;
      if (event.stateEnteredEventDetails?.name && event.timestamp) enteredAt.set(event.stateEnteredEventDetails.name, event.timestamp.getTime());
    }
    const exitedName = event.stateExitedEventDetails?.name;
    if (type.endsWith('StateExited') && exitedName && event.timestamp && enteredAt.has(exitedName)) {
      stateMillis[exitedName] = (stateMillis[exitedName] ?? 0) + event.timestamp.getTime() - enteredAt.get(exitedName)!;
      enteredAt.delete(exitedName);
    }
    if (type === 'TaskStateEntered') taskEntries += 1;
    if (type === 'TaskScheduled' || type === 'LambdaFunctionScheduled') scheduled += 1;
    if (type === 'TaskScheduled' && event.taskScheduledEventDetails) {
      const key = `${event.taskScheduledEventDetails.resourceType}:${event.taskScheduledEventDetails.resource}`;
      tasks[key] = (tasks[key] ?? 0) + 1;
    }
  }
  return { entered, retries: Math.max(0, scheduled - taskEntries), tasks, stateMillis };
};

/** Every event of an execution, without state data: the tally needs none. */
const readHistory = (sfn: SFNClient, executionArn: string): Promise<HistoryEvent[]> => readExecutionHistory(sfn, executionArn, { includeExecutionData: false });

/** Runs `work` over `items`, at most `limit` at once. */
const eachLimited = async <T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> => {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await work(items[next++]);
    }),
  );
};

/**
 * Tallies an execution and every child execution of its map runs.
 *
 * @example
 * const tally = await tallyWorkflow(sfn, executionArn);
 * const transitions = tally.parent.entered + tally.children.entered;
 */
const tallyWorkflow = async (sfn: SFNClient, executionArn: string): Promise<WorkflowTally> => {
  const parent = tallyHistory(await readHistory(sfn, executionArn));
  const children: ChildTally = { executions: 0, entered: 0, retries: 0, durationMillis: 0, billedMillis: 0 };
  const { mapRuns = [] } = await sfn.send(new ListMapRunsCommand({ executionArn }));
  for (const mapRun of mapRuns) {
    const arns: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await sfn.send(new ListExecutionsCommand({ mapRunArn: mapRun.mapRunArn, maxResults: 1000, nextToken }));
      for (const child of page.executions ?? []) {
        children.executions += 1;
        if (child.startDate && child.stopDate) {
          const millis = child.stopDate.getTime() - child.startDate.getTime();
          children.durationMillis += millis;
          children.billedMillis += Math.max(100, Math.ceil(millis / 100) * 100);
        }
        if (child.executionArn) arns.push(child.executionArn);
      }
      nextToken = page.nextToken;
    } while (nextToken);
    await eachLimited(arns, 8, async (arn) => {
      const tally = tallyHistory(await readHistory(sfn, arn));
      children.entered += tally.entered;
      children.retries += tally.retries;
    });
  }
  return { parent, mapRuns: mapRuns.length, children };
};

export { readHistory, tallyHistory, tallyWorkflow };
export type { ChildTally, ExecutionTally, WorkflowTally };
