import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateTableCommand, DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { startDynamoDb } from '../../../local/emulators/dynamodb';
import { startS3Server } from '../../../local/emulators/s3';
import type { EmulatorHandle } from '../../../local/emulators/types';
import { capacityUnitsOf, s3Tier, startCountingProxy, type CountingProxy } from '../requestCounter';

const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };

describe('Function: s3Tier()', () => {
  it.each([
    ['PUT', '/bucket/key', 1],
    ['POST', '/bucket/key?uploads', 1],
    ['GET', '/bucket?list-type=2&prefix=units%2F', 1],
    ['GET', '/bucket', 1],
    ['GET', '/bucket/units/abc', 2],
    ['HEAD', '/bucket/units/abc', 2],
    ['GET', '/bucket?versioning', 2],
    ['DELETE', '/bucket/key', 0],
  ] as const)('prices %s %s in tier %d', (method, url, tier) => {
    // Act & Assess
    expect(s3Tier(method, url)).toBe(tier);
  });
});

describe('Function: capacityUnitsOf()', () => {
  it.each([
    ['{"ConsumedCapacity":{"TableName":"t","CapacityUnits":2}}', 2],
    ['{"ConsumedCapacity":[{"TableName":"t","CapacityUnits":3},{"TableName":"u","CapacityUnits":1.5}]}', 4.5],
    ['{"Item":{}}', 0],
    ['not json', 0],
  ])('reads %s as %d units', (body, units) => {
    // Act & Assess
    expect(capacityUnitsOf(body)).toBe(units);
  });
});

describe('Function: startCountingProxy()', () => {
  let dir: string;
  let s3: EmulatorHandle;
  let dynamodb: EmulatorHandle;
  let s3Proxy: CountingProxy;
  let dynamodbProxy: CountingProxy;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bench-proxy-'));
    s3 = await startS3Server({ port: 0, dataDir: join(dir, 's3') });
    dynamodb = await startDynamoDb({ port: 0, dataDir: join(dir, 'dynamodb') });
    s3Proxy = await startCountingProxy('s3', s3.endpoint);
    dynamodbProxy = await startCountingProxy('dynamodb', dynamodb.endpoint);
  });

  afterAll(async () => {
    await s3Proxy.close();
    await dynamodbProxy.close();
    await s3.stop();
    await dynamodb.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('passes S3 requests through and counts them by pricing tier', async () => {
    // Prepare
    const client = new S3Client({ region: 'us-east-1', credentials, endpoint: s3Proxy.endpoint, forcePathStyle: true });
    await client.send(new CreateBucketCommand({ Bucket: 'counted' }));
    s3Proxy.reset();

    // Act
    await client.send(new PutObjectCommand({ Bucket: 'counted', Key: 'units/a', Body: 'x'.repeat(100_000) }));
    const body = await (await client.send(new GetObjectCommand({ Bucket: 'counted', Key: 'units/a' }))).Body!.transformToString();
    await client.send(new HeadObjectCommand({ Bucket: 'counted', Key: 'units/a' }));
    const listed = await client.send(new ListObjectsV2Command({ Bucket: 'counted' }));
    await client.send(new DeleteObjectCommand({ Bucket: 'counted', Key: 'units/a' }));
    client.destroy();

    // Assess
    expect(body).toHaveLength(100_000);
    expect(listed.KeyCount).toBe(1);
    expect(s3Proxy.counts()).toMatchObject({ requests: 5, s3Tier1: 2, s3Tier2: 2 });
  });

  it('counts DynamoDB capacity units as DynamoDB bills them, and answers as DynamoDB answered', async () => {
    // Prepare
    const client = new DynamoDBClient({ region: 'us-east-1', credentials, endpoint: dynamodbProxy.endpoint });
    await client.send(
      new CreateTableCommand({
        TableName: 'counted',
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: 'PK', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'PK', KeyType: 'HASH' }],
      }),
    );
    dynamodbProxy.reset();

    // Act: a 2.5 KB item costs 3 write units; read back strongly consistent (1 unit per 4 KB) and eventually (half).
    await client.send(new PutItemCommand({ TableName: 'counted', Item: { PK: { S: 'a' }, text: { S: 'y'.repeat(2500) } } }));
    const strong = await client.send(new GetItemCommand({ TableName: 'counted', Key: { PK: { S: 'a' } }, ConsistentRead: true }));
    const eventual = await client.send(new GetItemCommand({ TableName: 'counted', Key: { PK: { S: 'a' } } }));
    client.destroy();

    // Assess
    expect(strong.Item?.text.S).toHaveLength(2500);
    expect(eventual.Item?.text.S).toHaveLength(2500);
    expect(dynamodbProxy.counts()).toMatchObject({ requests: 3, writeUnits: 3, readUnits: 1.5, byOperation: { PutItem: 1, GetItem: 2 } });
  });
});
