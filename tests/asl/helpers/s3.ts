/**
 * The local S3 server (local/emulators/s3) for Distributed Map tests: started on a free loopback port with a
 * temporary data directory, with an SDK client and the client configuration the engine takes.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { S3ClientConfig } from '@aws-sdk/client-s3';
import { start } from '../../../local/emulators/s3';

type LocalS3 = {
  config: S3ClientConfig;
  client: S3Client;
  put(bucket: string, key: string, body: string): Promise<void>;
  getJson(bucket: string, key: string): Promise<unknown>;
  createBucket(bucket: string): Promise<void>;
  stop(): Promise<void>;
};

/** Starts the S3 server; `stop()` shuts it and removes its data. */
const startLocalS3 = async (): Promise<LocalS3> => {
  const dataDir = await mkdtemp(join(tmpdir(), 'asl-s3-'));
  const server = await start({ port: 0, dataDir });
  const config: S3ClientConfig = {
    endpoint: server.endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  };
  const client = new S3Client(config);
  return {
    config,
    client,
    createBucket: async (bucket) => {
      await client.send(new CreateBucketCommand({ Bucket: bucket }));
    },
    put: async (bucket, key, body) => {
      await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
    },
    getJson: async (bucket, key) => {
      const response = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      return JSON.parse((await response.Body?.transformToString('utf-8')) ?? 'null');
    },
    stop: async () => {
      client.destroy();
      await server.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
};

export { startLocalS3 };
export type { LocalS3 };
