/**
 * Batch writes and reads with DynamoDB's limits (25 writes, 100 reads per call) and its partial answers:
 * unprocessed items are retried with exponential backoff and jitter, as the DynamoDB guide asks.
 */
import type { BatchGetCommandInput, BatchGetCommandOutput, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { sdk } from '../aws/sdk';
import { BatchIncompleteError } from './errors';
import type { TableKey } from './keys';

type BatchOptions = {
  /** @default 8 */
  maxAttempts?: number;
  /** Base delay of the backoff, in ms. @default 50 */
  baseDelayMs?: number;
};

const WRITE_BATCH = 25;
const READ_BATCH = 100;

const chunk = <T>(items: readonly T[], size: number): T[][] => {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
};

const backoff = (attempt: number, baseDelayMs: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, Math.random() * baseDelayMs * 2 ** attempt));

/** Puts every item, 25 at a time, retrying what DynamoDB leaves unprocessed. */
const batchPut = async (
  client: DynamoDBDocumentClient,
  table: string,
  items: readonly Record<string, unknown>[],
  options: BatchOptions = {},
): Promise<void> => {
  const { maxAttempts = 8, baseDelayMs = 50 } = options;
  for (const part of chunk(items, WRITE_BATCH)) {
    let requests = part.map((Item) => ({ PutRequest: { Item } }));
    for (let attempt = 0; requests.length > 0; attempt++) {
      if (attempt === maxAttempts) throw new BatchIncompleteError('BatchWriteItem', requests.length);
      if (attempt > 0) await backoff(attempt, baseDelayMs);
      const { UnprocessedItems } = await client.send(new (sdk.documents().BatchWriteCommand)({ RequestItems: { [table]: requests } }));
      requests = (UnprocessedItems?.[table] ?? []) as typeof requests;
    }
  }
};

/** Gets every key, 100 at a time, retrying unprocessed keys; returns the items found (in no particular order). */
const batchGet = async (
  client: DynamoDBDocumentClient,
  table: string,
  keys: readonly TableKey[],
  options: BatchOptions & { projection?: string; names?: Record<string, string> } = {},
): Promise<Record<string, unknown>[]> => {
  const { maxAttempts = 8, baseDelayMs = 50, projection, names } = options;
  const found: Record<string, unknown>[] = [];
  for (const part of chunk(keys, READ_BATCH)) {
    let pending: BatchGetCommandInput['RequestItems'] = {
      [table]: { Keys: part, ConsistentRead: true, ProjectionExpression: projection, ExpressionAttributeNames: names },
    };
    for (let attempt = 0; pending && Object.keys(pending).length > 0; attempt++) {
      if (attempt === maxAttempts) throw new BatchIncompleteError('BatchGetItem', pending[table]?.Keys?.length ?? 0);
      if (attempt > 0) await backoff(attempt, baseDelayMs);
      const answer: BatchGetCommandOutput = await client.send(new (sdk.documents().BatchGetCommand)({ RequestItems: pending }));
      found.push(...(answer.Responses?.[table] ?? []));
      pending = answer.UnprocessedKeys;
    }
  }
  return found;
};

/**
 * The items of one partition whose sort key starts with `prefix`, every page of the Query (1 MB each), consistent.
 *
 * @example
 * const items = await queryPrefix(client, table, 'CUSTOMER#acme#RUN#r1#0', 'UNITS#');
 */
const queryPrefix = async (
  client: DynamoDBDocumentClient,
  table: string,
  pk: string,
  prefix: string,
  projection?: string,
): Promise<Record<string, unknown>[]> => {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await client.send(
      new (sdk.documents().QueryCommand)({
        TableName: table,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
        ExpressionAttributeValues: { ':pk': pk, ':prefix': prefix },
        ProjectionExpression: projection,
        ConsistentRead: true,
        ExclusiveStartKey: start,
      }),
    );
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
};

export { batchGet, batchPut, chunk, queryPrefix };
export type { BatchOptions };
