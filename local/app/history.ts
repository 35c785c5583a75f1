/** An execution's whole history through the Step Functions API, as the console and `aws stepfunctions` read it. */
import { GetExecutionHistoryCommand, type HistoryEvent, type SFNClient } from '@aws-sdk/client-sfn';

/** Options of {@link readExecutionHistory}. */
type ReadHistoryOptions = {
  /**
   * Whether events carry state input and output; without them they are smaller and hold no customer data.
   * @default true (as GetExecutionHistory)
   */
  includeExecutionData?: boolean;
};

/**
 * Every event of an execution, oldest first, following `nextToken` (GetExecutionHistory returns at most 1,000 events a
 * page).
 *
 * @example
 * const events = await readExecutionHistory(sfn, executionArn, { includeExecutionData: false });
 */
const readExecutionHistory = async (sfn: SFNClient, executionArn: string, options: ReadHistoryOptions = {}): Promise<HistoryEvent[]> => {
  const events: HistoryEvent[] = [];
  let nextToken: string | undefined;
  do {
    const page = await sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000, nextToken, includeExecutionData: options.includeExecutionData }));
    events.push(...(page.events ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  return events;
};

export { readExecutionHistory };
export type { ReadHistoryOptions };
