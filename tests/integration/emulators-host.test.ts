/**
 * The emulator host: STS, DynamoDB and S3 on a worker thread of their own, reached over real loopback sockets, with
 * the fault switch asked on the main thread, start-up errors arriving as the emulator errors they are, and a crash of
 * the thread reported rather than left to hang.
 */
import { CreateTableCommand, DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmulatorHostExitedError, PortInUseError } from '../../local/emulators/errors';
import { startEmulatorHost, type EmulatorHost, type EmulatorHostConfig } from '../../local/emulators/host';
import type { FaultRequest } from '../../local/faults';

const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };

const configOf = (dataDir: string, overrides: { s3Port?: number; faults?: boolean } = {}): EmulatorHostConfig => ({
  accountId: '123456789012',
  region: 'us-east-1',
  roles: [],
  sts: { port: 0 },
  dynamodb: { port: 0, dataDir: join(dataDir, 'dynamodb'), faults: overrides.faults ?? false },
  s3: { port: overrides.s3Port ?? 0, dataDir: join(dataDir, 's3'), faults: overrides.faults ?? false, keys: { [credentials.accessKeyId]: credentials.secretAccessKey } },
});

const s3ClientOf = (host: EmulatorHost): S3Client =>
  new S3Client({ endpoint: host.s3.endpoint, region: 'us-east-1', credentials, forcePathStyle: true, maxAttempts: 1 });

jest.setTimeout(60_000);

describe('Feature: the emulator host thread', () => {
  let dataDir: string;

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'emulator-host-'));
  });

  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('serves S3 and DynamoDB on their own sockets, and keeps their state across a restart', async () => {
    // Prepare
    const first = await startEmulatorHost({ config: configOf(dataDir) });
    const s3 = s3ClientOf(first);
    const dynamodb = new DynamoDBClient({ endpoint: first.dynamodb.endpoint, region: 'us-east-1', credentials, maxAttempts: 1 });

    // Act
    await s3.send(new CreateBucketCommand({ Bucket: 'kept' }));
    await s3.send(new PutObjectCommand({ Bucket: 'kept', Key: 'a.txt', Body: 'across restarts' }));
    await dynamodb.send(
      new CreateTableCommand({
        TableName: 'kept',
        BillingMode: 'PAY_PER_REQUEST',
        KeySchema: [{ AttributeName: 'PK', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'PK', AttributeType: 'S' }],
      }),
    );
    s3.destroy();
    dynamodb.destroy();
    await first.stop();
    const second = await startEmulatorHost({ config: configOf(dataDir) });
    const s3Again = s3ClientOf(second);
    const dynamodbAgain = new DynamoDBClient({ endpoint: second.dynamodb.endpoint, region: 'us-east-1', credentials, maxAttempts: 1 });
    const object = await s3Again.send(new GetObjectCommand({ Bucket: 'kept', Key: 'a.txt' }));
    const tables = await dynamodbAgain.send(new ListTablesCommand({}));
    s3Again.destroy();
    dynamodbAgain.destroy();
    await second.stop();

    // Assess
    expect(first.threadId).toBeGreaterThan(0);
    expect(new Set([first.s3.port, first.dynamodb.port, first.sts.port]).size).toBe(3);
    expect(await object.Body!.transformToString()).toBe('across restarts');
    expect(tables.TableNames).toEqual(['kept']);
  });

  it('asks the fault switch on the main thread before serving a request', async () => {
    // Prepare
    const asked: FaultRequest[] = [];
    const host = await startEmulatorHost({
      config: configOf(dataDir, { faults: true }),
      faults: {
        s3: async (request) => {
          asked.push(request);
          return request.operation === 'PutObject' ? 'throttle' : undefined;
        },
      },
    });
    const s3 = s3ClientOf(host);

    try {
      // Act
      await s3.send(new CreateBucketCommand({ Bucket: 'faulty' }));
      const put = s3.send(new PutObjectCommand({ Bucket: 'faulty', Key: 'k', Body: 'x' }));

      // Assess
      await expect(put).rejects.toMatchObject({ name: 'SlowDown' });
      expect(asked.map((request) => request.operation)).toEqual(['CreateBucket', 'PutObject']);
    } finally {
      s3.destroy();
      await host.stop();
    }
  });

  it('reports a port already taken as PortInUseError and leaves the data directories free', async () => {
    // Prepare
    const holder: Server = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const port = (holder.address() as { port: number }).port;

    try {
      // Act
      const failed = startEmulatorHost({ config: configOf(dataDir, { s3Port: port }) });

      // Assess
      await expect(failed).rejects.toBeInstanceOf(PortInUseError);
      await expect(failed).rejects.toMatchObject({ port, message: expect.stringContaining(`Port ${port}`) });
      const next = await startEmulatorHost({ config: configOf(dataDir) });
      await next.stop();
    } finally {
      await new Promise((resolve) => holder.close(resolve));
    }
  });

  it('reports a crash of the host thread once, and stop() then returns at once', async () => {
    // Prepare
    const exits: EmulatorHostExitedError[] = [];
    const host = await startEmulatorHost({ config: configOf(dataDir), onExit: (error) => exits.push(error) });

    // Act
    await host.terminate();
    await new Promise((resolve) => setImmediate(resolve));
    await host.stop();

    // Assess
    expect(exits).toHaveLength(1);
    expect(exits[0]).toBeInstanceOf(EmulatorHostExitedError);
    expect(exits[0].message).toContain('stopped unexpectedly');
    await expect(fetch(host.s3.endpoint)).rejects.toThrow();
  });
});
