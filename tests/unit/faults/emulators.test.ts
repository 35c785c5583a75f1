/**
 * Each local service answers an injected fault as the AWS service does, so the SDK raises the exception AWS would
 * raise (and classifies it as AWS's would be); a request the switch lets through is served as usual.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateTableCommand, DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { isThrottlingError, isTransientError } from '@smithy/core/retry';
import { startDynamoDb } from '../../../local/emulators/dynamodb';
import { startEventBridge } from '../../../local/emulators/eventbridge';
import { startS3Server } from '../../../local/emulators/s3';
import type { FaultGate, InjectedFault } from '../../../local/faults';

type Failure = Error & { $metadata: { httpStatusCode: number } };

const base = { region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, maxAttempts: 1 };

/** A gate that answers the next fault set, once. */
const scripted = (): { gate: FaultGate; next(fault: InjectedFault): void; asked: string[] } => {
  let pending: InjectedFault | undefined;
  const asked: string[] = [];
  return {
    asked,
    next: (fault) => {
      pending = fault;
    },
    gate: async (request) => {
      asked.push(request.operation);
      const fault = pending;
      pending = undefined;
      return fault;
    },
  };
};

describe('Feature: local services answer injected faults as AWS does', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'faults-'));
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('S3: SlowDown 503, InternalError 500 and AccessDenied 403, then serves the request', async () => {
    // Prepare
    const switchboard = scripted();
    const server = await startS3Server({ port: 0, dataDir: join(dir, 's3'), faults: switchboard.gate });
    const s3 = new S3Client({ ...base, endpoint: server.endpoint, forcePathStyle: true });
    await s3.send(new CreateBucketCommand({ Bucket: 'data' }));
    await s3.send(new PutObjectCommand({ Bucket: 'data', Key: 'units/acme/a', Body: 'unit' }));
    const get = () => s3.send(new GetObjectCommand({ Bucket: 'data', Key: 'units/acme/a' }));

    try {
      // Act
      switchboard.next('throttle');
      const throttled = (await get().catch((error: unknown) => error)) as Failure;
      switchboard.next('error');
      const failed = (await get().catch((error: unknown) => error)) as Failure;
      switchboard.next('permanent');
      const denied = (await get().catch((error: unknown) => error)) as Failure;
      const served = await get();

      // Assess
      expect([throttled.name, throttled.$metadata.httpStatusCode, isTransientError(throttled as never) || isThrottlingError(throttled as never)]).toEqual(['SlowDown', 503, true]);
      expect([failed.name, failed.$metadata.httpStatusCode]).toEqual(['InternalError', 500]);
      expect([denied.name, denied.$metadata.httpStatusCode, isTransientError(denied as never)]).toEqual(['AccessDenied', 403, false]);
      expect(await served.Body!.transformToString()).toBe('unit');
      expect(switchboard.asked).toContain('GetObject');
    } finally {
      s3.destroy();
      await server.stop();
    }
  });

  it('DynamoDB: ThrottlingException and InternalServerError, then serves the request as dynalite does', async () => {
    // Prepare
    const switchboard = scripted();
    const server = await startDynamoDb({ port: 0, dataDir: join(dir, 'ddb'), faults: switchboard.gate });
    const ddb = new DynamoDBClient({ ...base, endpoint: server.endpoint });
    await ddb.send(
      new CreateTableCommand({
        TableName: 'runs',
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: 'PK', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'PK', KeyType: 'HASH' }],
      }),
    );
    const put = () => ddb.send(new PutItemCommand({ TableName: 'runs', Item: { PK: { S: 'a' }, n: { N: '1' } } }));

    try {
      // Act
      switchboard.next('throttle');
      const throttled = (await put().catch((error: unknown) => error)) as Failure;
      switchboard.next('error');
      const failed = (await put().catch((error: unknown) => error)) as Failure;
      await put();
      const { Item } = await ddb.send(new GetItemCommand({ TableName: 'runs', Key: { PK: { S: 'a' } } }));

      // Assess
      expect([throttled.name, isThrottlingError(throttled as never)]).toEqual(['ThrottlingException', true]);
      expect([failed.name, failed.$metadata.httpStatusCode]).toEqual(['InternalServerError', 500]);
      expect(Item).toEqual({ PK: { S: 'a' }, n: { N: '1' } });
      expect(switchboard.asked).toEqual(['CreateTable', 'PutItem', 'PutItem', 'PutItem', 'GetItem']);
    } finally {
      ddb.destroy();
      await server.stop();
    }
  });

  it('EventBridge: ThrottlingException and InternalException, then accepts the events', async () => {
    // Prepare
    const switchboard = scripted();
    const server = await startEventBridge({ port: 0, dataDir: join(dir, 'events'), faults: switchboard.gate });
    const events = new EventBridgeClient({ ...base, endpoint: server.endpoint });
    const put = () => events.send(new PutEventsCommand({ Entries: [{ Source: 'test', DetailType: 'Test', Detail: '{}' }] }));

    try {
      // Act
      switchboard.next('throttle');
      const throttled = (await put().catch((error: unknown) => error)) as Failure;
      switchboard.next('error');
      const failed = (await put().catch((error: unknown) => error)) as Failure;
      const accepted = await put();

      // Assess
      expect(throttled.name).toBe('ThrottlingException');
      expect(failed.name).toBe('InternalException');
      expect(accepted.FailedEntryCount).toBe(0);
    } finally {
      events.destroy();
      await server.stop();
    }
  });
});
