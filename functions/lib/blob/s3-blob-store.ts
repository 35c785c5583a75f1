/**
 * Object storage for the handlers, over S3: whole-object reads and writes, existence checks, listing, and a
 * ranged byte source (zip archives are read through their central directory, one ranged GET at a time).
 */
import type { S3Client } from '@aws-sdk/client-s3';
import type { Readable } from 'node:stream';
import { sdk } from '../aws/sdk';
import { BlobNotFoundError } from './errors';

type PutOptions = {
  contentType?: string;
  /** SSE-KMS under this key (a customer's source objects); the bucket's default key otherwise. */
  kmsKeyId?: string;
  /**
   * With `kmsKeyId`: the encryption context KMS sees ({customerId}: the customer's key is usable only under it), so
   * no S3 Bucket Key, whose context would be the bucket's.
   */
  encryptionContext?: Record<string, string>;
};

/**
 * Put options that keep an object under the customer's own key (SSE-KMS, the customer's encryption context): for
 * everything derived from the customer's code (units, the split summary, findings). A local key id is not a KMS key
 * (the local S3 stores objects unencrypted), so it gives none.
 *
 * @example
 * await blobs.put(bucket, key, body, { contentType: 'application/json', ...underCustomerKey('acme', profile.keyId) });
 */
const underCustomerKey = (customerId: string, customerKeyId: string | undefined): Pick<PutOptions, 'kmsKeyId' | 'encryptionContext'> =>
  customerKeyId?.startsWith('arn:') ? { kmsKeyId: customerKeyId, encryptionContext: { customerId } } : {};

/** Random access to one object's bytes; the shape the source splitter reads. */
type RangedObject = { size: number; name: string; read(start: number, endInclusive?: number): Promise<Readable> };

// The S3 package is loaded when the first command is built (aws/sdk.ts), not when this module loads: a function's
// init then costs none of it. By the time an error is classified, a command has loaded it.
const isMissing = (error: unknown): boolean => {
  const { NoSuchKey, NotFound, S3ServiceException } = sdk.s3();
  return (
    error instanceof NoSuchKey ||
    error instanceof NotFound ||
    (error instanceof S3ServiceException && (error.$metadata.httpStatusCode === 404 || error.name === 'NoSuchKey'))
  );
};

/**
 * @example
 * const blobs = new S3BlobStore(s3Client());
 * const manifest = JSON.parse(await blobs.getText(bucket, key));
 */
class S3BlobStore {
  public constructor(private readonly client: S3Client) {}

  public async get(bucket: string, key: string): Promise<Buffer> {
    try {
      const { Body } = await this.client.send(new (sdk.s3().GetObjectCommand)({ Bucket: bucket, Key: key }));
      return Buffer.from(await Body!.transformToByteArray());
    } catch (error) {
      if (isMissing(error)) throw new BlobNotFoundError(bucket, key, { cause: error });
      throw error;
    }
  }

  public async getText(bucket: string, key: string): Promise<string> {
    return (await this.get(bucket, key)).toString('utf8');
  }

  public async getJson<T>(bucket: string, key: string): Promise<T> {
    return JSON.parse(await this.getText(bucket, key)) as T;
  }

  public async put(bucket: string, key: string, body: Buffer | string, options: PutOptions = {}): Promise<void> {
    await this.client.send(
      new (sdk.s3().PutObjectCommand)({
        Bucket: bucket,
        Key: key,
        Body: body,
        ContentType: options.contentType,
        ...(options.kmsKeyId ? { ServerSideEncryption: 'aws:kms', SSEKMSKeyId: options.kmsKeyId } : {}),
        ...(options.kmsKeyId && options.encryptionContext
          ? { SSEKMSEncryptionContext: Buffer.from(JSON.stringify(options.encryptionContext)).toString('base64'), BucketKeyEnabled: false }
          : {}),
      }),
    );
  }

  /** The object's size, or undefined when it does not exist. */
  public async size(bucket: string, key: string): Promise<number | undefined> {
    try {
      const { ContentLength } = await this.client.send(new (sdk.s3().HeadObjectCommand)({ Bucket: bucket, Key: key }));
      return ContentLength ?? 0;
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }

  /** Every key under a prefix with its size, in one listing (1,000 keys per request) rather than a HEAD per key. */
  public async sizes(bucket: string, prefix: string): Promise<Map<string, number>> {
    const sizes = new Map<string, number>();
    let token: string | undefined;
    do {
      const page = await this.client.send(new (sdk.s3().ListObjectsV2Command)({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
      for (const object of page.Contents ?? []) if (object.Key) sizes.set(object.Key, object.Size ?? 0);
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return sizes;
  }

  /** Every key under a prefix. */
  public async *list(bucket: string, prefix: string): AsyncGenerator<string> {
    let token: string | undefined;
    do {
      const page = await this.client.send(new (sdk.s3().ListObjectsV2Command)({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
      for (const object of page.Contents ?? []) if (object.Key) yield object.Key;
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  /**
   * Ranged access to an object: its size and ETag from HEAD, then one ranged GET per read, each conditional on that
   * ETag, so every read sees the same bytes even if the object is overwritten meanwhile (S3 then answers 412).
   */
  public async ranged(bucket: string, key: string): Promise<RangedObject> {
    let head;
    try {
      head = await this.client.send(new (sdk.s3().HeadObjectCommand)({ Bucket: bucket, Key: key }));
    } catch (error) {
      if (isMissing(error)) throw new BlobNotFoundError(bucket, key, { cause: error });
      throw error;
    }
    const size = head.ContentLength ?? 0;
    const etag = head.ETag;
    return {
      size,
      name: key.slice(key.lastIndexOf('/') + 1),
      read: async (start, endInclusive) => {
        const end = endInclusive ?? size - 1;
        const { Body } = await this.client.send(new (sdk.s3().GetObjectCommand)({ Bucket: bucket, Key: key, Range: `bytes=${start}-${end}`, IfMatch: etag }));
        return Body as Readable;
      },
    };
  }
}

export { S3BlobStore, underCustomerKey };
export type { PutOptions, RangedObject };
