/**
 * The local S3 store: one directory per bucket, each object a data file plus a JSON sidecar holding its key and
 * metadata, multipart uploads as part files. A sorted in-memory key index per bucket (built from the sidecars on
 * first use) serves listings; the files are the truth, so state survives restarts.
 *
 * Layout under the data directory:
 *   buckets/<bucket>/bucket.json
 *   buckets/<bucket>/objects/<h[0..2]>/<h>.json        h = sha256(key): keys may be 1 KiB of any characters
 *   buckets/<bucket>/objects/<h[0..2]>/<h>.<gen>.data  a new generation per write, so a replace is one rename
 *   uploads/<uploadId>/upload.json, part-<n>.json, part-<n>.data
 *   tmp/                                              bodies being received; emptied at start
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { S3ApiError } from './errors';
import { compareKeys, lowerBound } from './keyOrder';
import type { BucketRecord, ObjectRecord, PartRecord, UploadRecord, VersioningStatus } from './types';

/** A bucket's objects, indexed. */
type BucketIndex = {
  /** All keys, sorted in UTF-8 byte order. */
  keys: string[];
  records: Map<string, ObjectRecord>;
};

/** What a listing asks for. */
type ListQuery = {
  prefix: string;
  delimiter?: string;
  /** Exclusive lower bound (StartAfter, Marker or the decoded continuation token). */
  after?: string;
  /** `after` was a common prefix: skip every key under it too. */
  afterIsPrefix?: boolean;
  maxKeys: number;
};

/** One page of a listing. */
type ListPage = {
  contents: ObjectRecord[];
  commonPrefixes: string[];
  isTruncated: boolean;
  /** Where the next page starts, when truncated. */
  next?: { after: string; isPrefix: boolean };
};

/** A check run under the key lock just before a write is committed (conditional writes). */
type WriteCondition = (current: ObjectRecord | undefined) => void;

const errno = (error: unknown): string | undefined => (error as NodeJS.ErrnoException).code;

const readJson = async <T>(path: string): Promise<T | undefined> => {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as T;
  } catch (error) {
    if (errno(error) === 'ENOENT') return undefined;
    throw error;
  }
};

/** Writes JSON atomically: readers see the old or the new document, never half of one. */
const writeJsonAtomic = async (path: string, value: unknown): Promise<void> => {
  const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  await writeFile(temporary, JSON.stringify(value));
  await rename(temporary, path);
};

const keyHash = (key: string): string => createHash('sha256').update(key, 'utf8').digest('hex');

/**
 * File-backed object store. One instance owns its data directory: the in-memory indexes assume no other
 * process writes there.
 *
 * @example
 * const store = new ObjectStore('/tmp/s3');
 * await store.init();
 * await store.createBucket('data', 'us-east-1');
 */
class ObjectStore {
  private readonly root: string;
  private readonly buckets = new Map<string, BucketRecord>();
  private readonly indexes = new Map<string, Promise<BucketIndex>>();
  private readonly locks = new Map<string, Promise<void>>();

  public constructor(root: string) {
    this.root = root;
  }

  /** Creates the layout, empties `tmp/` and loads the bucket records. */
  public async init(): Promise<void> {
    await rm(this.tmpDir(), { recursive: true, force: true });
    await Promise.all([this.tmpDir(), join(this.root, 'buckets'), join(this.root, 'uploads')].map((dir) => mkdir(dir, { recursive: true })));
    for (const entry of await readdir(join(this.root, 'buckets'), { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const record = await readJson<BucketRecord>(join(this.bucketDir(entry.name), 'bucket.json'));
      if (record) this.buckets.set(record.name, record);
    }
  }

  /** A fresh path under `tmp/` for a body being received. */
  public temporaryPath(): string {
    return join(this.tmpDir(), randomBytes(12).toString('hex'));
  }

  // ---- buckets

  public listBuckets(): BucketRecord[] {
    return [...this.buckets.values()].sort((a, b) => compareKeys(a.name, b.name));
  }

  public getBucket(name: string): BucketRecord | undefined {
    return this.buckets.get(name);
  }

  /** The bucket, or the NoSuchBucket error S3 answers. */
  public requireBucket(name: string): BucketRecord {
    const bucket = this.buckets.get(name);
    if (!bucket) throw new S3ApiError('NoSuchBucket', { BucketName: name });
    return bucket;
  }

  public async createBucket(name: string, region: string): Promise<BucketRecord> {
    if (this.buckets.has(name)) throw new S3ApiError('BucketAlreadyOwnedByYou', { BucketName: name });
    const record: BucketRecord = { name, region, createdAt: new Date().toISOString() };
    this.buckets.set(name, record);
    await mkdir(join(this.bucketDir(name), 'objects'), { recursive: true });
    await writeJsonAtomic(join(this.bucketDir(name), 'bucket.json'), record);
    return record;
  }

  public async deleteBucket(name: string): Promise<void> {
    this.requireBucket(name);
    const index = await this.index(name);
    if (index.keys.length > 0) throw new S3ApiError('BucketNotEmpty', { BucketName: name });
    this.buckets.delete(name);
    this.indexes.delete(name);
    await rm(this.bucketDir(name), { recursive: true, force: true });
  }

  public async setVersioning(name: string, status: VersioningStatus): Promise<void> {
    const record = { ...this.requireBucket(name), versioning: status };
    this.buckets.set(name, record);
    await writeJsonAtomic(join(this.bucketDir(name), 'bucket.json'), record);
  }

  // ---- objects

  public async getObject(bucket: string, key: string): Promise<ObjectRecord | undefined> {
    this.requireBucket(bucket);
    return (await this.index(bucket)).records.get(key);
  }

  /** Absolute path of an object's bytes. */
  public dataPath(bucket: string, record: ObjectRecord): string {
    return join(this.objectDir(bucket, record.key), record.dataFile);
  }

  /**
   * Moves a fully received body from `tmp/` into place and records it. `condition` runs under the key lock, so
   * `If-None-Match: *` and `If-Match` writes are atomic against other writes of the same key.
   */
  public async commitObject(
    bucket: string,
    record: Omit<ObjectRecord, 'dataFile'>,
    temporaryData: string,
    condition?: WriteCondition,
  ): Promise<ObjectRecord> {
    this.requireBucket(bucket);
    const index = await this.index(bucket);
    return this.withKeyLock(bucket, record.key, async () => {
      const previous = index.records.get(record.key);
      condition?.(previous);
      const hash = keyHash(record.key);
      const directory = this.objectDir(bucket, record.key);
      await mkdir(directory, { recursive: true });
      const stored: ObjectRecord = { ...record, dataFile: `${hash}.${randomBytes(6).toString('hex')}.data` };
      await rename(temporaryData, join(directory, stored.dataFile));
      await writeJsonAtomic(join(directory, `${hash}.json`), stored);
      if (!previous) index.keys.splice(lowerBound(index.keys, record.key, true), 0, record.key);
      index.records.set(record.key, stored);
      // A reader that opened the old generation keeps its file descriptor; unlinking is safe on POSIX.
      if (previous) await unlink(join(directory, previous.dataFile)).catch(() => undefined);
      return stored;
    });
  }

  /** Deletes an object; true when it existed. */
  public async deleteObject(bucket: string, key: string): Promise<boolean> {
    this.requireBucket(bucket);
    const index = await this.index(bucket);
    return this.withKeyLock(bucket, key, async () => {
      const previous = index.records.get(key);
      if (!previous) return false;
      const directory = this.objectDir(bucket, key);
      await unlink(join(directory, `${keyHash(key)}.json`)).catch(() => undefined);
      await unlink(join(directory, previous.dataFile)).catch(() => undefined);
      index.records.delete(key);
      const position = lowerBound(index.keys, key, true);
      if (index.keys[position] === key) index.keys.splice(position, 1);
      return true;
    });
  }

  /**
   * One page of keys under `prefix`, rolling keys up to common prefixes at `delimiter` as ListObjects does.
   * Common prefixes count against `maxKeys`, as in S3.
   */
  public async list(bucket: string, query: ListQuery): Promise<ListPage> {
    this.requireBucket(bucket);
    const { keys, records } = await this.index(bucket);
    const contents: ObjectRecord[] = [];
    const commonPrefixes: string[] = [];
    let position = lowerBound(keys, query.prefix, true);
    if (query.after !== undefined && compareKeys(query.after, query.prefix) >= 0) {
      position = lowerBound(keys, query.after, false);
    }
    let lastPrefix: string | undefined = query.afterIsPrefix ? query.after : undefined;
    let last: { after: string; isPrefix: boolean } | undefined;
    for (; position < keys.length; position += 1) {
      const key = keys[position];
      if (!key.startsWith(query.prefix)) break;
      let rolledUp: string | undefined;
      if (query.delimiter) {
        const cut = key.indexOf(query.delimiter, query.prefix.length);
        if (cut !== -1) rolledUp = key.slice(0, cut + query.delimiter.length);
      }
      if (rolledUp !== undefined && rolledUp === lastPrefix) continue;
      if (contents.length + commonPrefixes.length >= query.maxKeys) {
        return { contents, commonPrefixes, isTruncated: true, next: last };
      }
      if (rolledUp !== undefined) {
        commonPrefixes.push(rolledUp);
        lastPrefix = rolledUp;
        last = { after: rolledUp, isPrefix: true };
      } else {
        contents.push(records.get(key) as ObjectRecord);
        last = { after: key, isPrefix: false };
      }
    }
    return { contents, commonPrefixes, isTruncated: false };
  }

  // ---- multipart uploads

  public async createUpload(record: UploadRecord): Promise<void> {
    const directory = this.uploadDir(record.uploadId);
    await mkdir(directory, { recursive: true });
    await writeJsonAtomic(join(directory, 'upload.json'), record);
  }

  /** The upload, or the NoSuchUpload error S3 answers (also when it belongs to another bucket or key). */
  public async requireUpload(uploadId: string, bucket: string, key: string): Promise<UploadRecord> {
    const record = /^[0-9a-f]{32}$/.test(uploadId)
      ? await readJson<UploadRecord>(join(this.uploadDir(uploadId), 'upload.json'))
      : undefined;
    if (!record || record.bucket !== bucket || record.key !== key) throw new S3ApiError('NoSuchUpload', { UploadId: uploadId });
    return record;
  }

  public async putPart(uploadId: string, part: PartRecord, temporaryData: string): Promise<void> {
    const directory = this.uploadDir(uploadId);
    const name = `part-${String(part.partNumber).padStart(5, '0')}`;
    await rename(temporaryData, join(directory, `${name}.data`));
    await writeJsonAtomic(join(directory, `${name}.json`), part);
  }

  public async listParts(uploadId: string): Promise<PartRecord[]> {
    const directory = this.uploadDir(uploadId);
    const parts: PartRecord[] = [];
    for (const name of await readdir(directory)) {
      if (!/^part-\d{5}\.json$/.test(name)) continue;
      const part = await readJson<PartRecord>(join(directory, name));
      if (part) parts.push(part);
    }
    return parts.sort((a, b) => a.partNumber - b.partNumber);
  }

  public partPath(uploadId: string, partNumber: number): string {
    return join(this.uploadDir(uploadId), `part-${String(partNumber).padStart(5, '0')}.data`);
  }

  public async deleteUpload(uploadId: string): Promise<void> {
    await rm(this.uploadDir(uploadId), { recursive: true, force: true });
  }

  // ---- internals

  private tmpDir(): string {
    return join(this.root, 'tmp');
  }

  private bucketDir(bucket: string): string {
    return join(this.root, 'buckets', bucket);
  }

  private objectDir(bucket: string, key: string): string {
    return join(this.bucketDir(bucket), 'objects', keyHash(key).slice(0, 2));
  }

  private uploadDir(uploadId: string): string {
    return join(this.root, 'uploads', uploadId);
  }

  private index(bucket: string): Promise<BucketIndex> {
    let index = this.indexes.get(bucket);
    if (!index) {
      index = this.loadIndex(bucket);
      this.indexes.set(bucket, index);
    }
    return index;
  }

  /** Reads every sidecar of a bucket; removes data files no sidecar references (left by a crash mid-write). */
  private async loadIndex(bucket: string): Promise<BucketIndex> {
    const records = new Map<string, ObjectRecord>();
    const objectsDir = join(this.bucketDir(bucket), 'objects');
    await mkdir(objectsDir, { recursive: true });
    for (const shard of await readdir(objectsDir)) {
      const directory = join(objectsDir, shard);
      const names = await readdir(directory);
      const referenced = new Set<string>();
      for (const name of names) {
        if (!name.endsWith('.json')) continue;
        const record = await readJson<ObjectRecord>(join(directory, name));
        if (!record) continue;
        records.set(record.key, record);
        referenced.add(record.dataFile);
      }
      for (const name of names) {
        if ((name.endsWith('.data') && !referenced.has(name)) || name.endsWith('.tmp')) {
          await unlink(join(directory, name)).catch(() => undefined);
        }
      }
    }
    return { keys: [...records.keys()].sort(compareKeys), records };
  }

  /** Serialises writes to one key; different keys proceed in parallel. */
  private async withKeyLock<T>(bucket: string, key: string, action: () => Promise<T>): Promise<T> {
    const lockKey = `${bucket}\u0000${key}`;
    const previous = this.locks.get(lockKey) ?? Promise.resolve();
    let release!: () => void;
    const current = new Promise<void>((resolve) => {
      release = resolve;
    });
    const chained = previous.then(() => current);
    this.locks.set(lockKey, chained);
    await previous;
    try {
      return await action();
    } finally {
      release();
      if (this.locks.get(lockKey) === chained) this.locks.delete(lockKey);
    }
  }
}

export { ObjectStore };
export type { BucketIndex, ListPage, ListQuery, WriteCondition };
