import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createIntegrationRegistry } from '../../../../local/asl/integrations';
import type { LocalIntegrationRegistry } from '../../../../local/asl/integrations';
import type { TaskRequest } from '../../../../local/asl/integrations/types';
import { statesErrorOf, taskRequest, TEST_CREDENTIALS } from './helpers';

// dynalite ships no types: a DynamoDB-compatible HTTP server, in-process, on a loopback port.
const dynalite = require('dynalite') as (options: { createTableMs: number }) => Server;

const TABLE = 'analysis';
let server: Server;
let endpoint: string;
let registry: LocalIntegrationRegistry;

const run = (arn: string, args: unknown): Promise<unknown> => {
  const request: TaskRequest = taskRequest(arn, args);
  const integration = registry.resolve(request.resource, 'Task', request.context.executionArn);
  if (integration === undefined) throw new Error(`no integration for ${arn}`);
  return integration.invoke(request);
};

beforeAll(async () => {
  server = dynalite({ createTableMs: 0 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientConfig = { region: 'us-east-1', endpoint, credentials: TEST_CREDENTIALS };
  registry = createIntegrationRegistry({ clientConfig: () => clientConfig });
  const client = new DynamoDBClient(clientConfig);
  await client.send(
    new CreateTableCommand({
      TableName: TABLE,
      AttributeDefinitions: [
        { AttributeName: 'PK', AttributeType: 'S' },
        { AttributeName: 'SK', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'PK', KeyType: 'HASH' },
        { AttributeName: 'SK', KeyType: 'RANGE' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
  client.destroy();
});

afterAll(async () => {
  registry.destroy();
  await new Promise((resolve) => server.close(resolve));
});

describe('Optimized integration: dynamodb:*', () => {
  it('puts, gets, updates and deletes an item in low-level DynamoDB JSON', async () => {
    // Prepare
    const key = { PK: { S: 'CUSTOMER#c-1' }, SK: { S: 'RUN#r-1' } };

    // Act
    const put = (await run('arn:aws:states:::dynamodb:putItem', {
      TableName: TABLE,
      Item: { ...key, status: { S: 'RUNNING' }, units: { N: '3' }, digest: { B: 'AAEC/w==' }, tags: { SS: ['abap'] } },
      ConditionExpression: 'attribute_not_exists(PK)',
    })) as Record<string, unknown>;
    const got = (await run('arn:aws:states:::dynamodb:getItem', { TableName: TABLE, Key: key, ConsistentRead: true })) as Record<
      string,
      unknown
    >;
    const updated = (await run('arn:aws:states:::dynamodb:updateItem', {
      TableName: TABLE,
      Key: key,
      UpdateExpression: 'SET #s = :s',
      ExpressionAttributeNames: { '#s': 'status' },
      ExpressionAttributeValues: { ':s': { S: 'PUBLISHED' } },
      ReturnValues: 'UPDATED_NEW',
    })) as Record<string, unknown>;
    await run('arn:aws:states:::dynamodb:deleteItem', { TableName: TABLE, Key: key });
    const gone = (await run('arn:aws:states:::dynamodb:getItem', { TableName: TABLE, Key: key })) as Record<string, unknown>;

    // Assess
    expect(Object.keys(put)).toEqual(['SdkHttpMetadata', 'SdkResponseMetadata']);
    expect(got.Item).toEqual({
      ...key,
      status: { S: 'RUNNING' },
      units: { N: '3' },
      digest: { B: 'AAEC/w==' },
      tags: { SS: ['abap'] },
    });
    expect(got.SdkHttpMetadata).toMatchObject({ HttpStatusCode: 200 });
    expect((got.SdkResponseMetadata as { RequestId: string }).RequestId).toEqual(expect.any(String));
    // The response headers, with the names cased as Step Functions shows them.
    const headers = (got.SdkHttpMetadata as { HttpHeaders: Record<string, string>; AllHttpHeaders: Record<string, string[]> });
    expect(headers.HttpHeaders['x-amzn-RequestId']).toBe((got.SdkResponseMetadata as { RequestId: string }).RequestId);
    expect(headers.HttpHeaders['Content-Type']).toBe('application/x-amz-json-1.0');
    expect(headers.AllHttpHeaders['x-amz-crc32']).toEqual([expect.stringMatching(/^\d+$/)]);
    expect(updated.Attributes).toEqual({ status: { S: 'PUBLISHED' } });
    expect(gone.Item).toBeUndefined();
  });

  it('fails a duplicate conditional put with DynamoDB.ConditionalCheckFailedException', async () => {
    // Prepare
    const item = { PK: { S: 'CUSTOMER#c-2' }, SK: { S: 'RUN#r-1' } };
    const args = { TableName: TABLE, Item: item, ConditionExpression: 'attribute_not_exists(PK)' };
    await run('arn:aws:states:::dynamodb:putItem', args);

    // Act
    const error = await statesErrorOf(run('arn:aws:states:::dynamodb:putItem', args));

    // Assess
    expect(error.error).toBe('DynamoDB.ConditionalCheckFailedException');
    expect(error.cause).toMatch(
      /^The conditional request failed \(Service: AmazonDynamoDBv2; Status Code: 400; Error Code: ConditionalCheckFailedException; Request ID: \S+; Proxy: null\)$/,
    );
  });

  it('reports a missing table as DynamoDB.ResourceNotFoundException', async () => {
    // Act
    const error = await statesErrorOf(
      run('arn:aws:states:::dynamodb:getItem', { TableName: 'missing', Key: { PK: { S: 'a' }, SK: { S: 'b' } } }),
    );

    // Assess
    expect(error.error).toBe('DynamoDB.ResourceNotFoundException');
  });

  it('rejects a field the optimized integration does not support', async () => {
    // Act
    const error = await statesErrorOf(run('arn:aws:states:::dynamodb:getItem', { TableName: TABLE, Key: {}, Limit: 1 }));

    // Assess
    expect(error.error).toBe('States.Runtime');
    expect(error.cause).toContain("The field 'Limit' is not supported by Step Functions for dynamodb:getItem");
  });

  it('reports an unreachable endpoint as DynamoDB.SdkClientException', async () => {
    // Prepare
    const closed = createIntegrationRegistry({
      clientConfig: () => ({ region: 'us-east-1', endpoint: 'http://127.0.0.1:1', credentials: TEST_CREDENTIALS, maxAttempts: 1 }),
    });
    const request = taskRequest('arn:aws:states:::dynamodb:getItem', { TableName: TABLE, Key: { PK: { S: 'a' }, SK: { S: 'b' } } });

    // Act
    const error = await statesErrorOf(closed.resolve(request.resource, 'Task', '')!.invoke(request));
    closed.destroy();

    // Assess
    expect(error.error).toBe('DynamoDB.SdkClientException');
    expect(error.cause).toContain('Unable to execute HTTP request');
  });

  it('has no optimized dynamodb:query (Step Functions optimizes only the four item actions)', () => {
    // Act
    const integration = registry.resolve(taskRequest('arn:aws:states:::dynamodb:query', {}).resource, 'Task', '');

    // Assess
    expect(integration).toBeUndefined();
  });
});

describe('AWS SDK integration: aws-sdk:dynamodb:*', () => {
  it('queries through the SDK and returns the response without SDK metadata', async () => {
    // Prepare
    for (const sk of ['UNIT#1', 'UNIT#2', 'UNIT#3']) {
      await run('arn:aws:states:::aws-sdk:dynamodb:putItem', {
        TableName: TABLE,
        Item: { PK: { S: 'CUSTOMER#c-3#RUN#r-1#0' }, SK: { S: sk }, loc: { N: '10' } },
      });
    }

    // Act
    const result = (await run('arn:aws:states:::aws-sdk:dynamodb:query', {
      TableName: TABLE,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :unit)',
      ExpressionAttributeValues: { ':pk': { S: 'CUSTOMER#c-3#RUN#r-1#0' }, ':unit': { S: 'UNIT#' } },
      Limit: 2,
    })) as Record<string, unknown>;

    // Assess
    expect(result.Count).toBe(2);
    expect(result.Items).toEqual([
      { PK: { S: 'CUSTOMER#c-3#RUN#r-1#0' }, SK: { S: 'UNIT#1' }, loc: { N: '10' } },
      { PK: { S: 'CUSTOMER#c-3#RUN#r-1#0' }, SK: { S: 'UNIT#2' }, loc: { N: '10' } },
    ]);
    expect(result.LastEvaluatedKey).toEqual({ PK: { S: 'CUSTOMER#c-3#RUN#r-1#0' }, SK: { S: 'UNIT#2' } });
    expect(result).not.toHaveProperty('SdkHttpMetadata');
    expect(result).not.toHaveProperty('$metadata');
  });

  it('names errors DynamoDb.<Exception> with the SDK v2 cause', async () => {
    // Prepare
    const args = { TableName: TABLE, Item: { PK: { S: 'CUSTOMER#c-4' }, SK: { S: 'P' } }, ConditionExpression: 'attribute_not_exists(PK)' };
    await run('arn:aws:states:::aws-sdk:dynamodb:putItem', args);

    // Act
    const error = await statesErrorOf(run('arn:aws:states:::aws-sdk:dynamodb:putItem', args));

    // Assess
    expect(error.error).toBe('DynamoDb.ConditionalCheckFailedException');
    expect(error.cause).toMatch(/^The conditional request failed \(Service: DynamoDb, Status Code: 400, Request ID: \S+\)$/);
  });

  it('returns timestamps as ISO-8601 text', async () => {
    // Act
    const result = (await run('arn:aws:states:::aws-sdk:dynamodb:describeTable', { TableName: TABLE })) as {
      Table: { CreationDateTime: unknown; TableName: string };
    };

    // Assess
    expect(result.Table.TableName).toBe(TABLE);
    expect(result.Table.CreationDateTime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
  });

  it('rejects a field the API does not have, naming its path', async () => {
    // Act
    const error = await statesErrorOf(
      run('arn:aws:states:::aws-sdk:dynamodb:getItem', { TableName: TABLE, Key: { PK: { S: 'a' }, SK: { Str: 'b' } } }),
    );

    // Assess
    expect(error.error).toBe('States.Runtime');
    expect(error.cause).toContain("at $.Key.SK: the field 'Str' is not supported by Step Functions");
  });

  it('reports an API action the client does not have', async () => {
    // Act
    const error = await statesErrorOf(run('arn:aws:states:::aws-sdk:dynamodb:fetchItem', { TableName: TABLE }));

    // Assess
    expect(error.error).toBe('States.Runtime');
    expect(error.cause).toContain("names the API action 'fetchItem', which @aws-sdk/client-dynamodb does not have (no FetchItemCommand)");
  });
});
