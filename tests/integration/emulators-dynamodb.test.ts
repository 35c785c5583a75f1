/**
 * Local DynamoDB (dynalite with LevelDB persistence) against @aws-sdk/client-dynamodb and lib-dynamodb over a
 * socket, and table creation from CloudFormation table properties.
 */
import { DynamoDBClient, ListTablesCommand, TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTablesFromTemplate, startDynamoDb, type TableProperties } from '../../local/emulators/dynamodb';
import { DataDirInUseError, InvalidTableDefinitionError, TableSchemaMismatchError } from '../../local/emulators/errors';
import type { EmulatorHandle } from '../../local/emulators/types';

const clientFor = (endpoint: string): DynamoDBClient =>
  new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, maxAttempts: 1 });

/** The project's table as template.yaml declares it (one table, PK/SK, on demand, PITR on), plus a GSI and TTL. */
const dataTable: TableProperties = {
  TableName: 'uia-data',
  BillingMode: 'PAY_PER_REQUEST',
  KeySchema: [
    { AttributeName: 'PK', KeyType: 'HASH' },
    { AttributeName: 'SK', KeyType: 'RANGE' },
  ],
  AttributeDefinitions: [
    { AttributeName: 'PK', AttributeType: 'S' },
    { AttributeName: 'SK', AttributeType: 'S' },
    { AttributeName: 'status', AttributeType: 'S' },
  ],
  GlobalSecondaryIndexes: [
    { IndexName: 'byStatus', KeySchema: [{ AttributeName: 'status', KeyType: 'HASH' }, { AttributeName: 'SK', KeyType: 'RANGE' }], Projection: { ProjectionType: 'ALL' } },
  ],
  PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
  SSESpecification: { SSEEnabled: true },
  TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
};

describe('Feature: local DynamoDB', () => {
  let dataDir: string;
  let server: EmulatorHandle;
  let client: DynamoDBClient;
  let documents: DynamoDBDocumentClient;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'emulator-dynamodb-'));
    server = await startDynamoDb({ port: 0, dataDir, fresh: true });
    client = clientFor(server.endpoint);
    documents = DynamoDBDocumentClient.from(client);
  });

  afterAll(async () => {
    client?.destroy();
    await server?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  describe('Function: createTablesFromTemplate()', () => {
    it('creates the table ACTIVE with its index and reports the properties that have no local effect', async () => {
      // Act
      const result = await createTablesFromTemplate(client, { DataTable: dataTable });

      // Assess
      expect(result.created).toEqual(['uia-data']);
      expect(result.existing).toEqual([]);
      expect(result.ignored.map((entry) => entry.property).sort()).toEqual([
        'PointInTimeRecoverySpecification',
        'SSESpecification',
        'TimeToLiveSpecification',
      ]);
      const tables = await client.send(new ListTablesCommand({}));
      expect(tables.TableNames).toContain('uia-data');
    });

    it('leaves an existing table with the same schema alone', async () => {
      // Prepare
      await documents.send(new PutCommand({ TableName: 'uia-data', Item: { PK: 'CUSTOMER#keep', SK: 'PROFILE' } }));

      // Act
      const result = await createTablesFromTemplate(client, [dataTable]);

      // Assess
      expect(result).toMatchObject({ created: [], existing: ['uia-data'] });
      expect((await documents.send(new GetCommand({ TableName: 'uia-data', Key: { PK: 'CUSTOMER#keep', SK: 'PROFILE' } }))).Item).toBeDefined();
    });

    it('refuses an existing table whose keys differ from the template', async () => {
      // Prepare
      const changed: TableProperties = {
        ...dataTable,
        KeySchema: [{ AttributeName: 'PK', KeyType: 'HASH' }],
        GlobalSecondaryIndexes: undefined,
        AttributeDefinitions: [{ AttributeName: 'PK', AttributeType: 'S' }],
      };

      // Act
      const outcome = createTablesFromTemplate(client, [changed]);

      // Assess
      await expect(outcome).rejects.toBeInstanceOf(TableSchemaMismatchError);
      await expect(outcome).rejects.toMatchObject({ tableName: 'uia-data', expected: 'PK:HASH', actual: 'PK:HASH,SK:RANGE' });
    });

    it('creates a provisioned table with a local secondary index, named by its logical id', async () => {
      // Act
      const result = await createTablesFromTemplate(client, {
        ProvisionedTable: {
          KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }, { AttributeName: 'at', KeyType: 'RANGE' }],
          AttributeDefinitions: [
            { AttributeName: 'id', AttributeType: 'S' },
            { AttributeName: 'at', AttributeType: 'N' },
            { AttributeName: 'kind', AttributeType: 'S' },
          ],
          ProvisionedThroughput: { ReadCapacityUnits: '5', WriteCapacityUnits: 5 },
          LocalSecondaryIndexes: [
            { IndexName: 'byKind', KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }, { AttributeName: 'kind', KeyType: 'RANGE' }], Projection: { ProjectionType: 'KEYS_ONLY' } },
          ],
        },
      });

      // Assess
      expect(result.created).toEqual(['ProvisionedTable']);
    });

    it.each<[string, TableProperties, string]>([
      [
        'a provisioned table without throughput',
        { TableName: 'bad-1', KeySchema: [{ AttributeName: 'PK', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'PK', AttributeType: 'S' }] },
        'ProvisionedThroughput',
      ],
      [
        'an unresolved intrinsic',
        { TableName: 'bad-2', BillingMode: { 'Fn::If': ['c', 'PAY_PER_REQUEST', 'PROVISIONED'] } as unknown as string, KeySchema: [{ AttributeName: 'PK', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'PK', AttributeType: 'S' }] },
        'Properties.BillingMode (Fn::If)',
      ],
      [
        'an unknown property',
        { TableName: 'bad-3', BillingMode: 'PAY_PER_REQUEST', KeySchema: [{ AttributeName: 'PK', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'PK', AttributeType: 'S' }], Partitions: 3 },
        'Partitions',
      ],
      [
        'a key attribute without a definition',
        { TableName: 'bad-4', BillingMode: 'PAY_PER_REQUEST', KeySchema: [{ AttributeName: 'PK', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'other', AttributeType: 'S' }] },
        'Properties',
      ],
    ])('rejects %s, naming the field', async (_case, properties, field) => {
      // Act
      const outcome = createTablesFromTemplate(client, [properties]);

      // Assess
      await expect(outcome).rejects.toBeInstanceOf(InvalidTableDefinitionError);
      await expect(outcome).rejects.toMatchObject({ tableName: properties.TableName, field });
    });
  });

  describe('Data operations through lib-dynamodb', () => {
    it('enforces condition expressions as DynamoDB does', async () => {
      // Prepare
      const run = { PK: 'CUSTOMER#c1', SK: 'RUN#r1', status: 'RUNNING' };
      await documents.send(new PutCommand({ TableName: 'uia-data', Item: run, ConditionExpression: 'attribute_not_exists(PK)' }));

      // Act
      const duplicate = documents.send(new PutCommand({ TableName: 'uia-data', Item: run, ConditionExpression: 'attribute_not_exists(PK)' }));

      // Assess
      await expect(duplicate).rejects.toMatchObject({ name: 'ConditionalCheckFailedException' });
    });

    it('updates items and queries them by partition and through the GSI', async () => {
      // Prepare
      await documents.send(
        new BatchWriteCommand({
          RequestItems: {
            'uia-data': Array.from({ length: 25 }, (_, i) => ({
              PutRequest: { Item: { PK: 'CUSTOMER#c2#RUN#r1#0', SK: `UNIT#${String(i).padStart(2, '0')}`, status: i % 2 ? 'DONE' : 'OPEN', loc: i } },
            })),
          },
        }),
      );

      // Act
      await documents.send(
        new UpdateCommand({
          TableName: 'uia-data',
          Key: { PK: 'CUSTOMER#c2#RUN#r1#0', SK: 'UNIT#00' },
          UpdateExpression: 'SET #s = :s ADD findings :n',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: { ':s': 'DONE', ':n': 3 },
        }),
      );
      const units = await documents.send(new QueryCommand({ TableName: 'uia-data', KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': 'CUSTOMER#c2#RUN#r1#0' } }));
      const done = await documents.send(
        new QueryCommand({ TableName: 'uia-data', IndexName: 'byStatus', KeyConditionExpression: '#s = :s', ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':s': 'DONE' } }),
      );

      // Assess
      expect(units.Count).toBe(25);
      expect(units.Items?.[0]).toMatchObject({ SK: 'UNIT#00', status: 'DONE', findings: 3 });
      expect(done.Count).toBe(13);
    });

    it('answers operations dynalite lacks with UnknownOperationException (transactions are not emulated)', async () => {
      // Act
      const transaction = client.send(
        new TransactWriteItemsCommand({ TransactItems: [{ Put: { TableName: 'uia-data', Item: { PK: { S: 'x' }, SK: { S: 'y' } } } }] }),
      );

      // Assess
      await expect(transaction).rejects.toMatchObject({ name: 'UnknownOperationException' });
    });
  });
});

describe('Feature: local DynamoDB persistence', () => {
  it('keeps tables and items across a restart, forgets them with fresh, and refuses a second owner of the directory', async () => {
    // Prepare
    const dataDir = await mkdtemp(join(tmpdir(), 'emulator-dynamodb-restart-'));
    const first = await startDynamoDb({ port: 0, dataDir });
    const firstClient = clientFor(first.endpoint);
    await createTablesFromTemplate(firstClient, [dataTable]);
    await DynamoDBDocumentClient.from(firstClient).send(new PutCommand({ TableName: 'uia-data', Item: { PK: 'CUSTOMER#p', SK: 'PROFILE', plan: 'gold' } }));
    const secondOwner = startDynamoDb({ port: 0, dataDir });
    await expect(secondOwner).rejects.toBeInstanceOf(DataDirInUseError);
    await first.stop();
    firstClient.destroy();

    // Act
    const restarted = await startDynamoDb({ port: 0, dataDir });
    const restartedClient = clientFor(restarted.endpoint);
    const kept = await DynamoDBDocumentClient.from(restartedClient).send(new GetCommand({ TableName: 'uia-data', Key: { PK: 'CUSTOMER#p', SK: 'PROFILE' } }));
    await restarted.stop();
    restartedClient.destroy();
    const fresh = await startDynamoDb({ port: 0, dataDir, fresh: true });
    const freshClient = clientFor(fresh.endpoint);
    const tablesAfterFresh = await freshClient.send(new ListTablesCommand({}));
    await fresh.stop();
    freshClient.destroy();

    // Assess
    expect(kept.Item).toEqual({ PK: 'CUSTOMER#p', SK: 'PROFILE', plan: 'gold' });
    expect(tablesAfterFresh.TableNames).toEqual([]);
    await rm(dataDir, { recursive: true, force: true });
  });
});
