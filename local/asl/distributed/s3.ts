/**
 * How the engine reaches S3 for a Distributed Map's ItemReader and ResultWriter: an `@aws-sdk/client-s3` client
 * built from the configuration the engine's caller gives (endpoint, region, credentials, forcePathStyle), so the
 * same calls go to the local S3 server or to AWS.
 */
import { S3Client } from '@aws-sdk/client-s3';
import type { S3ClientConfig } from '@aws-sdk/client-s3';

/** The S3 client configuration the engine was given, and the client built from it on first use. */
type S3ClientSettings = {
  config: S3ClientConfig | undefined;
  client(): S3Client;
};

/**
 * Lazily builds one S3 client for the engine.
 *
 * @example
 * const s3 = s3Settings({ endpoint: 'http://127.0.0.1:4569', region: 'us-east-1', forcePathStyle: true, credentials });
 * await s3.client().send(new GetObjectCommand({ Bucket, Key }));
 */
const s3Settings = (config: S3ClientConfig | undefined): S3ClientSettings => {
  let client: S3Client | undefined;
  return {
    config,
    client: () => {
      client ??= new S3Client({ ...config });
      return client;
    },
  };
};

export { s3Settings };
export type { S3ClientSettings };
