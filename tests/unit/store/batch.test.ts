/**
 * batchPut() and batchGet(): chunking to DynamoDB's limits and retries of what DynamoDB leaves unprocessed, with a
 * fake client that leaves items unprocessed (throttling cannot be provoked locally), then against dynalite.
 */
import { BatchGetCommand, BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { batchGet, batchPut, chunk } from '../../../functions/lib/store/batch';
import { startLocalTable, type LocalTable } from '../functions/support/local-services';

const TABLE = 'analysis';
const NO_WAIT = { baseDelayMs: 0 };

type Sent = { command: BatchWriteCommand | BatchGetCommand };

/**
 * A client whose answer to each call is decided by `leave(requestCount, callNumber)`: how many of the requests it
 * leaves unprocessed (the last ones).
 */
const fakeClient = (leave: (count: number, call: number) => number) => {
  const sent: Sent[] = [];
  const client = {
    send: async (command: BatchWriteCommand | BatchGetCommand) => {
      sent.push({ command });
      const call = sent.length;
      if (command instanceof BatchWriteCommand) {
        const requests = command.input.RequestItems![TABLE];
        const left = leave(requests.length, call);
        return { UnprocessedItems: left > 0 ? { [TABLE]: requests.slice(requests.length - left) } : {} };
      }
      const request = (command as BatchGetCommand).input.RequestItems![TABLE];
      const keys = request.Keys!;
      const left = leave(keys.length, call);
      const served = keys.slice(0, keys.length - left).map((key) => ({ ...key, found: true }));
      return { Responses: { [TABLE]: served }, UnprocessedKeys: left > 0 ? { [TABLE]: { ...request, Keys: keys.slice(keys.length - left) } } : {} };
    },
  };
  return { client: client as unknown as DynamoDBDocumentClient, sent };
};

const items = (count: number) => Array.from({ length: count }, (_, i) => ({ PK: 'P', SK: `S${String(i).padStart(4, '0')}`, n: i }));
const sizes = (sent: Sent[]) =>
  sent.map(({ command }) =>
    command instanceof BatchWriteCommand ? command.input.RequestItems![TABLE].length : (command as BatchGetCommand).input.RequestItems![TABLE].Keys!.length,
  );

describe('Function: chunk()', () => {
  it.each([
    [[], 25, []],
    [[1, 2, 3], 2, [[1, 2], [3]]],
    [[1, 2], 2, [[1, 2]]],
  ])('splits %j into chunks of %d', (input, size, expected) => {
    expect(chunk(input, size)).toEqual(expected);
  });
});

describe('Function: batchPut()', () => {
  it('writes 25 items per call', async () => {
    // Prepare
    const { client, sent } = fakeClient(() => 0);

    // Act
    await batchPut(client, TABLE, items(60), NO_WAIT);

    // Assess
    expect(sizes(sent)).toEqual([25, 25, 10]);
  });

  it('retries the items left unprocessed until none are left', async () => {
    // Prepare: the first answer of each chunk leaves 5 items, the retry takes them.
    const { client, sent } = fakeClient((count, call) => (call % 2 === 1 ? 5 : 0));

    // Act
    await batchPut(client, TABLE, items(30), NO_WAIT);

    // Assess
    expect(sizes(sent)).toEqual([25, 5, 5, 5]);
    const retried = (sent[1].command as BatchWriteCommand).input.RequestItems![TABLE].map((request) => request.PutRequest!.Item!.SK);
    expect(retried).toEqual(['S0020', 'S0021', 'S0022', 'S0023', 'S0024']);
  });

  it('gives up after maxAttempts with BatchIncompleteError saying how many are left', async () => {
    // Prepare
    const { client, sent } = fakeClient(() => 3);

    // Act
    const put = batchPut(client, TABLE, items(10), { ...NO_WAIT, maxAttempts: 4 });

    // Assess
    await expect(put).rejects.toMatchObject({ name: 'BatchIncompleteError', remaining: 3, message: expect.stringContaining('BatchWriteItem left 3 items') });
    expect(sent).toHaveLength(4);
  });
});

describe('Function: batchGet()', () => {
  it('reads 100 keys per call, consistently, with the projection', async () => {
    // Prepare
    const { client, sent } = fakeClient(() => 0);
    const keys = items(250).map(({ PK, SK }) => ({ PK, SK }));

    // Act
    const found = await batchGet(client, TABLE, keys, { ...NO_WAIT, projection: 'SK, #a', names: { '#a': 'analysis' } });

    // Assess
    expect(sizes(sent)).toEqual([100, 100, 50]);
    expect(found).toHaveLength(250);
    expect((sent[0].command as BatchGetCommand).input.RequestItems![TABLE]).toMatchObject({ ConsistentRead: true, ProjectionExpression: 'SK, #a', ExpressionAttributeNames: { '#a': 'analysis' } });
  });

  it('retries unprocessed keys and returns every item found', async () => {
    // Prepare
    const { client, sent } = fakeClient((count, call) => (call === 1 ? 40 : 0));
    const keys = items(100).map(({ PK, SK }) => ({ PK, SK }));

    // Act
    const found = await batchGet(client, TABLE, keys, NO_WAIT);

    // Assess
    expect(sizes(sent)).toEqual([100, 40]);
    expect(found.map((item) => item.SK).sort()).toEqual(keys.map((key) => key.SK).sort());
  });

  it('gives up after maxAttempts with BatchIncompleteError', async () => {
    // Prepare
    const { client } = fakeClient(() => 1);

    // Act + Assess
    await expect(batchGet(client, TABLE, [{ PK: 'P', SK: 'S' }], { ...NO_WAIT, maxAttempts: 2 })).rejects.toMatchObject({ name: 'BatchIncompleteError', remaining: 1 });
  });
});

describe('Functions: batchPut() and batchGet() against dynalite', () => {
  let ddb: LocalTable;

  beforeAll(async () => {
    ddb = await startLocalTable();
  });

  afterAll(async () => {
    await ddb?.stop();
  });

  it('writes and reads back more items than one call of each takes', async () => {
    // Prepare
    const written = Array.from({ length: 130 }, (_, i) => ({ PK: 'CUSTOMER#acme#T', SK: `K${i}`, n: i }));

    // Act
    await batchPut(ddb.documents, ddb.table, written);
    const found = await batchGet(ddb.documents, ddb.table, [...written.map(({ PK, SK }) => ({ PK, SK })), { PK: 'CUSTOMER#acme#T', SK: 'missing' }]);

    // Assess
    expect(found.sort((a, b) => (a.n as number) - (b.n as number))).toEqual(written);
  });
});
