/**
 * An in-memory stand-in for S3BlobStore (same methods, same not-found behaviour) that records every call, so a
 * handler's domain function can run to the end on a sample event without S3.
 */
import { Readable } from 'node:stream';
import { BlobNotFoundError, type PutOptions, type RangedObject, type S3BlobStore } from '../../../functions/lib/blob';

type BlobCall = { method: 'get' | 'put' | 'size' | 'list' | 'ranged'; bucket: string; key: string; options?: PutOptions };

/**
 * @example
 * const blobs = new MemoryBlobStore();
 * blobs.seed('bucket', 'uploads/demo/a.zip', archive);
 * await splitSource(event, { blobs: blobs.asBlobStore(), bucket: 'bucket' });
 */
class MemoryBlobStore {
  public readonly objects = new Map<string, { body: Buffer; options: PutOptions }>();
  public readonly calls: BlobCall[] = [];

  public seed(bucket: string, key: string, body: Buffer | string): void {
    this.objects.set(`${bucket}/${key}`, { body: Buffer.from(body), options: {} });
  }

  public body(bucket: string, key: string): Buffer | undefined {
    return this.objects.get(`${bucket}/${key}`)?.body;
  }

  public async get(bucket: string, key: string): Promise<Buffer> {
    this.calls.push({ method: 'get', bucket, key });
    const object = this.objects.get(`${bucket}/${key}`);
    if (object === undefined) throw new BlobNotFoundError(bucket, key);
    return Buffer.from(object.body);
  }

  public async getText(bucket: string, key: string): Promise<string> {
    return (await this.get(bucket, key)).toString('utf8');
  }

  public async getJson<T>(bucket: string, key: string): Promise<T> {
    return JSON.parse(await this.getText(bucket, key)) as T;
  }

  public async put(bucket: string, key: string, body: Buffer | string, options: PutOptions = {}): Promise<void> {
    this.calls.push({ method: 'put', bucket, key, options });
    this.objects.set(`${bucket}/${key}`, { body: Buffer.from(body), options });
  }

  public async size(bucket: string, key: string): Promise<number | undefined> {
    this.calls.push({ method: 'size', bucket, key });
    return this.objects.get(`${bucket}/${key}`)?.body.length;
  }

  public async sizes(bucket: string, prefix: string): Promise<Map<string, number>> {
    this.calls.push({ method: 'list', bucket, key: prefix });
    const sizes = new Map<string, number>();
    for (const [name, object] of this.objects) if (name.startsWith(`${bucket}/${prefix}`)) sizes.set(name.slice(bucket.length + 1), object.body.length);
    return sizes;
  }

  public async *list(bucket: string, prefix: string): AsyncGenerator<string> {
    this.calls.push({ method: 'list', bucket, key: prefix });
    for (const name of [...this.objects.keys()].sort()) if (name.startsWith(`${bucket}/${prefix}`)) yield name.slice(bucket.length + 1);
  }

  public async ranged(bucket: string, key: string): Promise<RangedObject> {
    this.calls.push({ method: 'ranged', bucket, key });
    const object = this.objects.get(`${bucket}/${key}`);
    if (object === undefined) throw new BlobNotFoundError(bucket, key);
    const { body } = object;
    return {
      size: body.length,
      name: key.slice(key.lastIndexOf('/') + 1),
      read: async (start, endInclusive) => Readable.from([body.subarray(start, (endInclusive ?? body.length - 1) + 1)]),
    };
  }

  /** This store where the domain functions take an S3BlobStore (its S3 client is private, so only structurally equal). */
  public asBlobStore(): S3BlobStore {
    return this as unknown as S3BlobStore;
  }
}

export { MemoryBlobStore };
export type { BlobCall };
