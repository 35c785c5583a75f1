/**
 * The in-process local services the handler, store and REST API tests run against: the S3 server and dynalite,
 * each on a free loopback port with a temporary data directory, reached through the real AWS SDK over sockets.
 * One of each per test file (beforeAll/afterAll): starting them takes a few tens of milliseconds.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { S3BlobStore } from '../../../../functions/lib/blob';
import { createTablesFromTemplate, startDynamoDb } from '../../../../local/emulators/dynamodb';
import { startS3Server } from '../../../../local/emulators/s3';
import { loadManifest } from '../../../../local/manifest';

/** Any credentials do locally; the SDK only needs some to sign with. */
const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' } as const;
const REGION = 'us-east-1';

type LocalS3 = {
  endpoint: string;
  client: S3Client;
  blobs: S3BlobStore;
  /** A bucket created at start. */
  bucket: string;
  put(key: string, body: Buffer | string, bucket?: string): Promise<void>;
  /** The object's bytes, or undefined when it does not exist. */
  get(key: string, bucket?: string): Promise<Buffer | undefined>;
  head(key: string, bucket?: string): Promise<{ size: number; kmsKeyId?: string } | undefined>;
  createBucket(bucket: string): Promise<void>;
  stop(): Promise<void>;
};

type LocalTable = {
  endpoint: string;
  client: DynamoDBClient;
  /** Configured as functions/lib/aws/clients.ts configures the handlers' DocumentClient. */
  documents: DynamoDBDocumentClient;
  /** The table of template.yaml, created from its properties. */
  table: string;
  stop(): Promise<void>;
};

const isMissing = (error: unknown): boolean => (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404;

/**
 * @example
 * const s3 = await startLocalS3();
 * await s3.put('uploads/acme/a.zip', zip);
 */
const startLocalS3 = async (bucket = 'data-bucket'): Promise<LocalS3> => {
  const dataDir = await mkdtemp(join(tmpdir(), 'fn-s3-'));
  const server = await startS3Server({ port: 0, dataDir });
  const client = new S3Client({ endpoint: server.endpoint, region: REGION, forcePathStyle: true, credentials: LOCAL_CREDENTIALS });
  const createBucket = async (name: string): Promise<void> => {
    await client.send(new CreateBucketCommand({ Bucket: name }));
  };
  await createBucket(bucket);
  return {
    endpoint: server.endpoint,
    client,
    blobs: new S3BlobStore(client),
    bucket,
    createBucket,
    put: async (key, body, into = bucket) => {
      await client.send(new PutObjectCommand({ Bucket: into, Key: key, Body: body }));
    },
    get: async (key, from = bucket) => {
      try {
        const { Body } = await client.send(new GetObjectCommand({ Bucket: from, Key: key }));
        return Buffer.from(await Body!.transformToByteArray());
      } catch (error) {
        if (isMissing(error) || (error as Error).name === 'NoSuchKey') return undefined;
        throw error;
      }
    },
    head: async (key, from = bucket) => {
      try {
        const head = await client.send(new HeadObjectCommand({ Bucket: from, Key: key }));
        return { size: head.ContentLength ?? 0, kmsKeyId: head.SSEKMSKeyId };
      } catch (error) {
        if (isMissing(error)) return undefined;
        throw error;
      }
    },
    stop: async () => {
      client.destroy();
      await server.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
};

/**
 * @example
 * const ddb = await startLocalTable();
 * const runs = new RunStore(ddb.documents, ddb.table, 4);
 */
const startLocalTable = async (): Promise<LocalTable> => {
  const dataDir = await mkdtemp(join(tmpdir(), 'fn-ddb-'));
  const server = await startDynamoDb({ port: 0, dataDir });
  const client = new DynamoDBClient({ endpoint: server.endpoint, region: REGION, credentials: LOCAL_CREDENTIALS });
  const [table] = loadManifest('template.yaml').tables;
  await createTablesFromTemplate(client, [{ ...table.properties, TableName: table.name } as never]);
  return {
    endpoint: server.endpoint,
    client,
    documents: DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false } }),
    table: table.name,
    stop: async () => {
      client.destroy();
      await server.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
};

export { LOCAL_CREDENTIALS, REGION, startLocalS3, startLocalTable };
export type { LocalS3, LocalTable };
