/**
 * The local S3 server against the real @aws-sdk/client-s3 (default settings: flexible checksums, aws-chunked
 * streaming uploads, response checksum validation), lib-storage, the presigner with plain fetch, raw HTTP and
 * the AWS CLI v1 when it is on PATH.
 */
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  DeleteBucketCommand,
  DeleteObjectsCommand,
  GetBucketLocationCommand,
  GetBucketVersioningCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListBucketsCommand,
  ListObjectsCommand,
  ListObjectsV2Command,
  PutBucketVersioningCommand,
  PutObjectCommand,
  PutObjectTaggingCommand,
  S3Client,
  UploadPartCommand,
  paginateListObjectsV2,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { promisify } from 'node:util';
import { assertPortFree, findFreePort } from '../../local/emulators/net/ports';
import { PortInUseError, NotLoopbackError } from '../../local/emulators/errors';
import { startS3Server } from '../../local/emulators/s3';
import type { EmulatorHandle } from '../../local/emulators/types';

const md5 = (data: Buffer | string): string => createHash('md5').update(data).digest('hex');

const clientFor = (endpoint: string, extra: Partial<S3ClientConfig> = {}): S3Client =>
  new S3Client({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, ...extra });

/** Sends a raw HTTP request (for what the SDK will not send: virtual-host Host headers, malformed bodies). */
const rawRequest = (
  endpoint: string,
  options: { method: string; path: string; headers?: Record<string, string | number>; body?: string | Buffer },
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> =>
  new Promise((resolve, reject) => {
    const url = new URL(endpoint);
    const req = httpRequest(
      { host: url.hostname, port: url.port, method: options.method, path: options.path, headers: options.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });

describe('Feature: local S3 server', () => {
  let dataDir: string;
  let server: EmulatorHandle;
  let s3: S3Client;
  const bucket = 'data-bucket';

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'emulator-s3-'));
    server = await startS3Server({ port: 0, dataDir, fresh: true });
    s3 = clientFor(server.endpoint);
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  });

  afterAll(async () => {
    s3?.destroy();
    await server?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  describe('Buckets', () => {
    it('answers HeadBucket for an existing bucket and NotFound for a missing one', async () => {
      // Act
      const head = await s3.send(new HeadBucketCommand({ Bucket: bucket }));
      const missing = s3.send(new HeadBucketCommand({ Bucket: 'no-such-bucket' }));

      // Assess
      expect(head.BucketRegion).toBe('us-east-1');
      await expect(missing).rejects.toMatchObject({ name: 'NotFound', $metadata: { httpStatusCode: 404 } });
    });

    it.each([
      [bucket, 'BucketAlreadyOwnedByYou'],
      ['Upper_Case', 'InvalidBucketName'],
      ['ab', 'InvalidBucketName'],
    ])('refuses to create bucket %s with %s', async (name, code) => {
      await expect(s3.send(new CreateBucketCommand({ Bucket: name }))).rejects.toMatchObject({ name: code });
    });

    it('answers NoSuchBucket for an object in a missing bucket', async () => {
      await expect(s3.send(new GetObjectCommand({ Bucket: 'missing-bucket', Key: 'k' }))).rejects.toMatchObject({
        name: 'NoSuchBucket',
        BucketName: 'missing-bucket',
      });
    });

    it('lists buckets, reports their location and deletes an empty one but not a full one', async () => {
      // Prepare
      await s3.send(new CreateBucketCommand({ Bucket: 'eu-bucket', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } }));
      await s3.send(new CreateBucketCommand({ Bucket: 'full-bucket' }));
      await s3.send(new PutObjectCommand({ Bucket: 'full-bucket', Key: 'k', Body: 'x' }));

      // Act
      const listed = await s3.send(new ListBucketsCommand({}));
      const location = await s3.send(new GetBucketLocationCommand({ Bucket: 'eu-bucket' }));
      const defaultLocation = await s3.send(new GetBucketLocationCommand({ Bucket: bucket }));
      const deleteFull = s3.send(new DeleteBucketCommand({ Bucket: 'full-bucket' }));
      await expect(deleteFull).rejects.toMatchObject({ name: 'BucketNotEmpty', $metadata: { httpStatusCode: 409 } });
      await s3.send(new DeleteBucketCommand({ Bucket: 'eu-bucket' }));

      // Assess
      expect(listed.Buckets?.map((entry) => entry.Name)).toEqual(expect.arrayContaining([bucket, 'eu-bucket', 'full-bucket']));
      expect(location.LocationConstraint).toBe('eu-west-1');
      expect(defaultLocation.LocationConstraint).toBeUndefined();
      await expect(s3.send(new HeadBucketCommand({ Bucket: 'eu-bucket' }))).rejects.toMatchObject({ name: 'NotFound' });
    });

    it('stores the versioning flag and gives new writes a version id', async () => {
      // Prepare
      await s3.send(new CreateBucketCommand({ Bucket: 'versioned-bucket' }));

      // Act
      await s3.send(new PutBucketVersioningCommand({ Bucket: 'versioned-bucket', VersioningConfiguration: { Status: 'Enabled' } }));
      const versioning = await s3.send(new GetBucketVersioningCommand({ Bucket: 'versioned-bucket' }));
      const put = await s3.send(new PutObjectCommand({ Bucket: 'versioned-bucket', Key: 'k', Body: 'v1' }));
      const head = await s3.send(new HeadObjectCommand({ Bucket: 'versioned-bucket', Key: 'k', VersionId: put.VersionId }));

      // Assess
      expect(versioning.Status).toBe('Enabled');
      expect(put.VersionId).toEqual(expect.any(String));
      expect(head.VersionId).toBe(put.VersionId);
      await expect(s3.send(new GetObjectCommand({ Bucket: 'versioned-bucket', Key: 'k', VersionId: 'older' }))).rejects.toMatchObject({
        name: 'NotImplemented',
      });
    });
  });

  describe('PutObject and GetObject', () => {
    it('stores a buffer body with its MD5 ETag and CRC32 checksum and returns it validated', async () => {
      // Act
      const put = await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'plain.txt', Body: 'hello', ContentType: 'text/plain' }));
      const got = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'plain.txt' }));

      // Assess
      expect(put.ETag).toBe(`"${md5('hello')}"`);
      expect(put.ChecksumCRC32).toBe('NhCmhg==');
      expect(await got.Body?.transformToString()).toBe('hello');
      expect(got.ContentType).toBe('text/plain');
      expect(got.ChecksumCRC32).toBe('NhCmhg==');
      expect(got.ServerSideEncryption).toBe('AES256');
    });

    it('decodes an aws-chunked stream upload with a trailing checksum into the exact bytes', async () => {
      // Prepare
      const content = Buffer.from(Array.from({ length: 200_000 }, (_, i) => (i * 7) % 251));

      // Act
      await s3.send(
        new PutObjectCommand({ Bucket: bucket, Key: 'streamed.bin', Body: Readable.from([content.subarray(0, 70_000), content.subarray(70_000)]), ContentLength: content.length }),
      );
      const got = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'streamed.bin' }));

      // Assess
      const bytes = Buffer.from((await got.Body?.transformToByteArray()) ?? []);
      expect(bytes.equals(content)).toBe(true);
      expect(got.ETag).toBe(`"${md5(content)}"`);
    });

    it('gives an object uploaded without a checksum the default CRC64NVME, which the SDK validates', async () => {
      // Prepare
      const plain = clientFor(server.endpoint, { requestChecksumCalculation: 'WHEN_REQUIRED' });

      // Act
      await plain.send(new PutObjectCommand({ Bucket: bucket, Key: 'no-checksum', Body: 'abc' }));
      const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'no-checksum', ChecksumMode: 'ENABLED' }));
      const got = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'no-checksum' }));
      plain.destroy();

      // Assess
      expect(head.ChecksumCRC64NVME).toEqual(expect.any(String));
      expect(head.ChecksumType).toBe('FULL_OBJECT');
      expect(await got.Body?.transformToString()).toBe('abc');
    });

    it.each([
      ['a wrong CRC32 header', { ChecksumCRC32: 'AAAAAA==' }],
      ['a wrong Content-MD5', { ContentMD5: createHash('md5').update('other').digest('base64') }],
    ])('rejects a body with %s as BadDigest and stores nothing', async (_case, integrity) => {
      // Act
      const put = s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'bad-digest', Body: 'hello', ...integrity }));

      // Assess
      await expect(put).rejects.toMatchObject({ name: 'BadDigest', $metadata: { httpStatusCode: 400 } });
      await expect(s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'bad-digest' }))).rejects.toMatchObject({ name: 'NotFound' });
    });

    it('answers NoSuchKey with the key for a missing object', async () => {
      await expect(s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'missing/key' }))).rejects.toMatchObject({
        name: 'NoSuchKey',
        $metadata: { httpStatusCode: 404 },
      });
    });

    it('keeps keys with spaces, plus signs, unicode and dot segments apart', async () => {
      // Prepare
      const keys = ['a b+c.txt', 'ü/ñ/😀', '../up', 'x//y'];

      // Act
      for (const key of keys) await s3.send(new PutObjectCommand({ Bucket: bucket, Key: `odd/${key}`, Body: key }));
      const bodies = await Promise.all(
        keys.map(async (key) => (await s3.send(new GetObjectCommand({ Bucket: bucket, Key: `odd/${key}` }))).Body?.transformToString()),
      );

      // Assess
      expect(bodies).toEqual(keys);
    });

    it('stores SSE-KMS settings and echoes them on write, head and get', async () => {
      // Prepare
      const keyId = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
      const context = Buffer.from(JSON.stringify({ customerId: 'c1' })).toString('base64');

      // Act
      const put = await s3.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: 'uploads/c1/src.zip',
          Body: 'zip',
          ServerSideEncryption: 'aws:kms',
          SSEKMSKeyId: keyId,
          SSEKMSEncryptionContext: context,
          BucketKeyEnabled: true,
        }),
      );
      const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'uploads/c1/src.zip' }));
      const got = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'uploads/c1/src.zip' }));
      await got.Body?.transformToString();

      // Assess
      for (const answer of [put, head, got]) {
        expect(answer.ServerSideEncryption).toBe('aws:kms');
        expect(answer.SSEKMSKeyId).toBe(keyId);
        expect(answer.BucketKeyEnabled).toBe(true);
      }
      expect(put.SSEKMSEncryptionContext).toBe(context);
    });

    it('rejects a KMS key id without aws:kms encryption as InvalidArgument', async () => {
      await expect(s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'k', Body: 'x', ServerSideEncryption: 'AES256', SSEKMSKeyId: 'alias/x' }))).rejects.toMatchObject({
        name: 'InvalidArgument',
      });
    });

    it('keeps user metadata and representation headers', async () => {
      // Act
      await s3.send(
        new PutObjectCommand({ Bucket: bucket, Key: 'meta', Body: 'm', Metadata: { 'unit-id': 'u-1' }, ContentDisposition: 'attachment', CacheControl: 'no-cache' }),
      );
      const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'meta' }));

      // Assess
      expect(head.Metadata).toEqual({ 'unit-id': 'u-1' });
      expect(head.ContentDisposition).toBe('attachment');
      expect(head.CacheControl).toBe('no-cache');
      expect(head.ContentLength).toBe(1);
    });

    it('refuses a second create-only write with PreconditionFailed', async () => {
      // Act
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'once', Body: 'first', IfNoneMatch: '*' }));
      const second = s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'once', Body: 'second', IfNoneMatch: '*' }));

      // Assess
      await expect(second).rejects.toMatchObject({ name: 'PreconditionFailed', $metadata: { httpStatusCode: 412 } });
      expect(await (await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'once' }))).Body?.transformToString()).toBe('first');
    });

    it('answers 304 to a GET whose If-None-Match names the current ETag', async () => {
      // Prepare
      const put = await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'cached', Body: 'c' }));

      // Act
      const got = s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'cached', IfNoneMatch: put.ETag }));

      // Assess
      await expect(got).rejects.toMatchObject({ $metadata: { httpStatusCode: 304 } });
    });

    it('answers features it lacks with NotImplemented naming them', async () => {
      // Prepare
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'tagged', Body: 't' }));

      // Act
      const tagging = s3.send(new PutObjectTaggingCommand({ Bucket: bucket, Key: 'tagged', Tagging: { TagSet: [{ Key: 'a', Value: 'b' }] } }));

      // Assess
      await expect(tagging).rejects.toMatchObject({ name: 'NotImplemented', message: expect.stringContaining('tagging') });
    });
  });

  describe('Range GETs', () => {
    const content = '0123456789abcdefghij';

    beforeAll(async () => {
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'ranged', Body: content }));
    });

    it.each([
      ['bytes=0-4', '01234', 'bytes 0-4/20'],
      ['bytes=15-', 'fghij', 'bytes 15-19/20'],
      ['bytes=-3', 'hij', 'bytes 17-19/20'],
      ['bytes=18-100', 'ij', 'bytes 18-19/20'],
    ])('serves %s as 206 with the right bytes', async (range, expected, contentRange) => {
      // Act
      const got = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'ranged', Range: range }));

      // Assess
      expect(got.$metadata.httpStatusCode).toBe(206);
      expect(await got.Body?.transformToString()).toBe(expected);
      expect(got.ContentRange).toBe(contentRange);
      expect(got.ContentLength).toBe(expected.length);
    });

    it('answers a range past the end with InvalidRange (416)', async () => {
      await expect(s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'ranged', Range: 'bytes=20-' }))).rejects.toMatchObject({
        name: 'InvalidRange',
        $metadata: { httpStatusCode: 416 },
      });
    });
  });

  describe('ListObjectsV2', () => {
    beforeAll(async () => {
      await s3.send(new CreateBucketCommand({ Bucket: 'listing-bucket' }));
      const keys = [
        ...Array.from({ length: 23 }, (_, i) => `runs/c1/r1/map/part-${String(i).padStart(3, '0')}.json`),
        'runs/c1/r1/manifest.jsonl',
        'runs/c1/r2/manifest.jsonl',
        'runs/c2/r1/manifest.jsonl',
        'top.txt',
      ];
      await Promise.all(keys.map((key) => s3.send(new PutObjectCommand({ Bucket: 'listing-bucket', Key: key, Body: key }))));
    });

    it('pages through every key in order with continuation tokens', async () => {
      // Act
      const keys: string[] = [];
      let pages = 0;
      for await (const page of paginateListObjectsV2({ client: s3, pageSize: 10 }, { Bucket: 'listing-bucket', Prefix: 'runs/c1/r1/' })) {
        pages += 1;
        keys.push(...(page.Contents ?? []).map((object) => object.Key ?? ''));
      }

      // Assess
      expect(pages).toBe(3);
      expect(keys).toHaveLength(24);
      expect(keys).toEqual([...keys].sort());
      expect(keys[0]).toBe('runs/c1/r1/manifest.jsonl');
    });

    it('rolls keys up into common prefixes at the delimiter, counting them against MaxKeys', async () => {
      // Act
      const first = await s3.send(new ListObjectsV2Command({ Bucket: 'listing-bucket', Prefix: 'runs/', Delimiter: '/', MaxKeys: 1 }));
      const second = await s3.send(
        new ListObjectsV2Command({ Bucket: 'listing-bucket', Prefix: 'runs/', Delimiter: '/', MaxKeys: 1, ContinuationToken: first.NextContinuationToken }),
      );

      // Assess
      expect(first.CommonPrefixes).toEqual([{ Prefix: 'runs/c1/' }]);
      expect(first.IsTruncated).toBe(true);
      expect(first.KeyCount).toBe(1);
      expect(second.CommonPrefixes).toEqual([{ Prefix: 'runs/c2/' }]);
      expect(second.IsTruncated).toBe(false);
    });

    it('starts after StartAfter and reports object sizes and checksums', async () => {
      // Act
      const listed = await s3.send(new ListObjectsV2Command({ Bucket: 'listing-bucket', StartAfter: 'runs/c2/r1/manifest.jsonl' }));

      // Assess
      expect(listed.Contents?.map((object) => [object.Key, object.Size, object.ChecksumAlgorithm])).toEqual([['top.txt', 7, ['CRC32']]]);
    });

    it('pages a version 1 listing with markers, resuming after a common prefix', async () => {
      // Act
      const first = await s3.send(new ListObjectsCommand({ Bucket: 'listing-bucket', Delimiter: '/', MaxKeys: 1 }));
      const second = await s3.send(new ListObjectsCommand({ Bucket: 'listing-bucket', Delimiter: '/', MaxKeys: 1, Marker: first.NextMarker }));
      const third = await s3.send(new ListObjectsCommand({ Bucket: 'listing-bucket', Delimiter: '/', MaxKeys: 1, Marker: second.NextMarker }));

      // Assess
      expect(first.CommonPrefixes).toEqual([{ Prefix: 'runs/' }]);
      expect(first.NextMarker).toBe('runs/');
      expect(second.Contents?.map((object) => object.Key)).toEqual(['top.txt']);
      expect(second.IsTruncated).toBe(false);
      expect(third.Contents ?? []).toEqual([]);
    });

    it('rejects a forged continuation token with InvalidArgument', async () => {
      await expect(s3.send(new ListObjectsV2Command({ Bucket: 'listing-bucket', ContinuationToken: 'not-a-token' }))).rejects.toMatchObject({
        name: 'InvalidArgument',
      });
    });
  });

  describe('Multipart upload', () => {
    it('uploads through lib-storage in parts and reads back the same bytes', async () => {
      // Prepare
      const content = Buffer.alloc(11 * 1024 * 1024);
      for (let i = 0; i < content.length; i += 4096) content[i] = (i / 4096) % 256;

      // Act
      const done = await new Upload({
        client: s3,
        params: { Bucket: bucket, Key: 'big.bin', Body: Readable.from([content]), ServerSideEncryption: 'aws:kms', SSEKMSKeyId: 'alias/app/customer/c1' },
        partSize: 5 * 1024 * 1024,
        queueSize: 2,
      }).done();
      const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'big.bin', ChecksumMode: 'ENABLED' }));
      const got = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'big.bin' }));
      const bytes = Buffer.from((await got.Body?.transformToByteArray()) ?? []);

      // Assess
      expect(done.ETag).toMatch(/^"[0-9a-f]{32}-3"$/);
      expect(head.ContentLength).toBe(content.length);
      expect(head.SSEKMSKeyId).toBe('alias/app/customer/c1');
      expect(head.ChecksumType).toEqual(expect.any(String));
      expect(md5(bytes)).toBe(md5(content));
    });

    it('computes the multipart ETag from the part MD5s', async () => {
      // Prepare
      const partOne = Buffer.alloc(5 * 1024 * 1024, 1);
      const partTwo = Buffer.from('tail');
      const created = await s3.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: 'raw-mpu' }));
      const uploadId = created.UploadId as string;

      // Act
      const one = await s3.send(new UploadPartCommand({ Bucket: bucket, Key: 'raw-mpu', UploadId: uploadId, PartNumber: 1, Body: partOne }));
      const two = await s3.send(new UploadPartCommand({ Bucket: bucket, Key: 'raw-mpu', UploadId: uploadId, PartNumber: 2, Body: partTwo }));
      const completed = await s3.send(
        new CompleteMultipartUploadCommand({
          Bucket: bucket,
          Key: 'raw-mpu',
          UploadId: uploadId,
          MultipartUpload: { Parts: [{ PartNumber: 1, ETag: one.ETag }, { PartNumber: 2, ETag: two.ETag }] },
        }),
      );

      // Assess
      const expected = createHash('md5').update(Buffer.concat([Buffer.from(md5(partOne), 'hex'), Buffer.from(md5(partTwo), 'hex')])).digest('hex');
      expect(completed.ETag).toBe(`"${expected}-2"`);
      expect((await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'raw-mpu' }))).ContentLength).toBe(partOne.length + 4);
    });

    it.each([
      ['a non-last part under 5 MiB', [1, 2], 'EntityTooSmall'],
      ['parts out of order', [2, 1], 'InvalidPartOrder'],
      ['a part that was never uploaded', [1, 3], 'InvalidPart'],
    ])('refuses to complete with %s', async (_case, order, code) => {
      // Prepare
      const created = await s3.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: 'bad-mpu' }));
      const uploadId = created.UploadId as string;
      const etags = new Map<number, string | undefined>();
      for (const partNumber of [1, 2]) {
        const part = await s3.send(new UploadPartCommand({ Bucket: bucket, Key: 'bad-mpu', UploadId: uploadId, PartNumber: partNumber, Body: `part ${partNumber}` }));
        etags.set(partNumber, part.ETag);
      }

      // Act
      const complete = s3.send(
        new CompleteMultipartUploadCommand({
          Bucket: bucket,
          Key: 'bad-mpu',
          UploadId: uploadId,
          MultipartUpload: { Parts: order.map((partNumber) => ({ PartNumber: partNumber, ETag: etags.get(partNumber) ?? '"0"' })) },
        }),
      );

      // Assess
      await expect(complete).rejects.toMatchObject({ name: code });
    });

    it('forgets an aborted upload', async () => {
      // Prepare
      const created = await s3.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: 'aborted' }));

      // Act
      await s3.send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: 'aborted', UploadId: created.UploadId }));
      const part = s3.send(new UploadPartCommand({ Bucket: bucket, Key: 'aborted', UploadId: created.UploadId, PartNumber: 1, Body: 'x' }));

      // Assess
      await expect(part).rejects.toMatchObject({ name: 'NoSuchUpload', $metadata: { httpStatusCode: 404 } });
    });
  });

  describe('CopyObject and deletes', () => {
    it('copies an object with its metadata and the destination encryption of the request', async () => {
      // Prepare
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'copy/source', Body: 'copy me', Metadata: { a: '1' }, ContentType: 'text/plain' }));

      // Act
      const copied = await s3.send(
        new CopyObjectCommand({ Bucket: bucket, Key: 'copy/target', CopySource: `${bucket}/copy/source`, ServerSideEncryption: 'aws:kms', SSEKMSKeyId: 'alias/k' }),
      );
      const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'copy/target' }));

      // Assess
      expect(copied.CopyObjectResult?.ETag).toBe(`"${md5('copy me')}"`);
      expect(head.Metadata).toEqual({ a: '1' });
      expect(head.ContentType).toBe('text/plain');
      expect(head.SSEKMSKeyId).toBe('alias/k');
    });

    it('refuses to copy an object onto itself without changing anything', async () => {
      await expect(s3.send(new CopyObjectCommand({ Bucket: bucket, Key: 'copy/source', CopySource: `${bucket}/copy/source` }))).rejects.toMatchObject({
        name: 'InvalidRequest',
      });
    });

    it('answers NoSuchKey when the copy source is missing', async () => {
      await expect(s3.send(new CopyObjectCommand({ Bucket: bucket, Key: 'copy/x', CopySource: `${bucket}/copy/missing` }))).rejects.toMatchObject({
        name: 'NoSuchKey',
      });
    });

    it('deletes single objects idempotently and batches with DeleteObjects', async () => {
      // Prepare
      for (const key of ['del/1', 'del/2', 'del/3']) await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: key }));

      // Act
      await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: 'del/1' }));
      await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: 'del/1' }));
      const batch = await s3.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: [{ Key: 'del/2' }, { Key: 'del/3' }, { Key: 'del/none' }] } }));
      const left = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: 'del/' }));

      // Assess
      expect(batch.Deleted?.map((entry) => entry.Key)).toEqual(['del/2', 'del/3', 'del/none']);
      expect(left.KeyCount).toBe(0);
    });
  });

  describe('Presigned URLs with fetch', () => {
    it('accepts a PUT through a URL presigned without default checksums, and the object reads back', async () => {
      // Prepare
      const presigner = clientFor(server.endpoint, { requestChecksumCalculation: 'WHEN_REQUIRED' });
      const url = await getSignedUrl(presigner, new PutObjectCommand({ Bucket: bucket, Key: 'uploads/c1/presigned.zip' }), { expiresIn: 300 });

      // Act
      const response = await fetch(url, { method: 'PUT', body: 'archive bytes' });
      const got = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'uploads/c1/presigned.zip' }));
      presigner.destroy();

      // Assess
      expect(response.status).toBe(200);
      expect(response.headers.get('etag')).toBe(`"${md5('archive bytes')}"`);
      expect(await got.Body?.transformToString()).toBe('archive bytes');
    });

    it('rejects content that does not match the empty-body CRC32 the default SDK signs into the URL, as S3 does', async () => {
      // Prepare
      const url = await getSignedUrl(s3, new PutObjectCommand({ Bucket: bucket, Key: 'presigned-default' }), { expiresIn: 300 });

      // Act
      const response = await fetch(url, { method: 'PUT', body: 'real content' });

      // Assess
      expect(url).toContain('x-amz-checksum-crc32=AAAAAA%3D%3D');
      expect(response.status).toBe(400);
      expect(await response.text()).toContain('<Code>BadDigest</Code>');
    });

    it('rejects an expired presigned URL with AccessDenied', async () => {
      // Prepare
      const url = await getSignedUrl(s3, new GetObjectCommand({ Bucket: bucket, Key: 'plain.txt' }), {
        expiresIn: 60,
        signingDate: new Date(Date.now() - 3_600_000),
      });

      // Act
      const response = await fetch(url);

      // Assess
      expect(response.status).toBe(403);
      expect(await response.text()).toContain('Request has expired');
    });

    it('serves a presigned GET with response header overrides', async () => {
      // Prepare
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'presigned/get.txt', Body: 'hello' }));
      const url = await getSignedUrl(s3, new GetObjectCommand({ Bucket: bucket, Key: 'presigned/get.txt', ResponseContentDisposition: 'attachment; filename="r.txt"' }), {
        expiresIn: 60,
      });

      // Act
      const response = await fetch(url);

      // Assess
      expect(response.status).toBe(200);
      expect(response.headers.get('content-disposition')).toBe('attachment; filename="r.txt"');
      expect(await response.text()).toBe('hello');
    });
  });

  describe('Raw HTTP', () => {
    beforeAll(async () => {
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'raw/plain.txt', Body: 'raw hello' }));
    });

    it('understands virtual-host style addressing', async () => {
      // Act
      const response = await rawRequest(server.endpoint, { method: 'GET', path: '/raw/plain.txt', headers: { Host: `${bucket}.localhost:${server.port}` } });

      // Assess
      expect(response.status).toBe(200);
      expect(response.body).toBe('raw hello');
    });

    it('rejects a malformed aws-chunked body with an S3 error document and keeps serving', async () => {
      // Act
      const response = await rawRequest(server.endpoint, {
        method: 'PUT',
        path: `/${bucket}/broken`,
        headers: { 'Content-Encoding': 'aws-chunked', 'x-amz-decoded-content-length': 5 },
        body: 'zz\r\nhello\r\n',
      });
      const after = await rawRequest(server.endpoint, { method: 'GET', path: `/${bucket}/raw/plain.txt` });

      // Assess
      expect(response.status).toBe(400);
      expect(response.body).toContain('<Code>InvalidRequest</Code>');
      expect(response.body).toContain('Malformed aws-chunked body');
      expect(after.body).toBe('raw hello');
    });

    it('answers a missing Content-Length on an object upload with MissingContentLength', async () => {
      // Act
      const response = await rawRequest(server.endpoint, {
        method: 'PUT',
        path: `/${bucket}/no-length`,
        headers: { 'Transfer-Encoding': 'chunked' },
        body: 'data',
      });

      // Assess
      expect(response.status).toBe(411);
      expect(response.body).toContain('<Code>MissingContentLength</Code>');
    });
  });

  describe('AWS CLI v1', () => {
    const execFileAsync = promisify(execFile);
    let cliAvailable = false;

    beforeAll(async () => {
      try {
        await execFileAsync('aws', ['--version']);
        cliAvailable = true;
      } catch {
        console.log('Skipping AWS CLI checks: no `aws` executable on PATH');
      }
      // The CLI is Python: its first start on a busy machine takes well over jest's default 5 s.
    }, 60_000);

    it('copies a file up and down and lists it with `aws s3`', async () => {
      if (!cliAvailable) return;
      // Prepare
      const env = {
        ...process.env,
        AWS_ACCESS_KEY_ID: 'local',
        AWS_SECRET_ACCESS_KEY: 'local',
        AWS_DEFAULT_REGION: 'us-east-1',
        AWS_CONFIG_FILE: join(dataDir, 'no-config'),
        AWS_SHARED_CREDENTIALS_FILE: join(dataDir, 'no-credentials'),
      };
      const file = join(dataDir, 'cli upload.txt');
      const download = join(dataDir, 'cli-download.txt');
      await writeFile(file, 'from the cli\n'.repeat(1000));
      const cli = (...args: string[]) => execFileAsync('aws', [...args, '--endpoint-url', server.endpoint], { env });

      // Act
      await cli('s3', 'cp', file, `s3://${bucket}/cli/dir with space/upload.txt`);
      const listing = await cli('s3', 'ls', `s3://${bucket}/cli/`, '--recursive');
      await cli('s3', 'cp', `s3://${bucket}/cli/dir with space/upload.txt`, download);

      // Assess
      expect(listing.stdout).toContain('cli/dir with space/upload.txt');
      expect(await readFile(download, 'utf8')).toBe(await readFile(file, 'utf8'));
    }, 60_000);
  });
});

describe('Feature: emulator ports and restarts', () => {
  it('refuses a port that is taken, by the check and by start', async () => {
    // Prepare
    const dataDir = await mkdtemp(join(tmpdir(), 'emulator-s3-port-'));
    const first = await startS3Server({ port: 0, dataDir });

    // Act
    const check = assertPortFree(first.port);
    const second = startS3Server({ port: first.port, dataDir: join(dataDir, 'second') });

    // Assess
    await expect(check).rejects.toBeInstanceOf(PortInUseError);
    await expect(second).rejects.toMatchObject({ name: 'PortInUseError', port: first.port });
    await first.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('refuses to listen beyond loopback', async () => {
    await expect(startS3Server({ port: 0, host: '0.0.0.0', dataDir: join(tmpdir(), 'never-created') })).rejects.toBeInstanceOf(NotLoopbackError);
  });

  it('finds a free port that can then be bound', async () => {
    // Act
    const port = await findFreePort();

    // Assess
    await expect(assertPortFree(port)).resolves.toBeUndefined();
  });

  it('keeps objects across a restart on the same directory and forgets them with fresh', async () => {
    // Prepare
    const dataDir = await mkdtemp(join(tmpdir(), 'emulator-s3-restart-'));
    const first = await startS3Server({ port: 0, dataDir });
    const client = clientFor(first.endpoint);
    await client.send(new CreateBucketCommand({ Bucket: 'kept-bucket' }));
    await client.send(new PutObjectCommand({ Bucket: 'kept-bucket', Key: 'units/c1/abc', Body: 'unit text' }));
    // The client still holds a keep-alive socket: stop() must not wait for it.
    await first.stop();
    client.destroy();

    // Act
    const second = await startS3Server({ port: 0, dataDir });
    const again = clientFor(second.endpoint);
    const kept = await again.send(new GetObjectCommand({ Bucket: 'kept-bucket', Key: 'units/c1/abc' }));
    const keptText = await kept.Body?.transformToString();
    await second.stop();
    const third = await startS3Server({ port: 0, dataDir, fresh: true });
    const thirdClient = clientFor(third.endpoint);
    const afterFresh = thirdClient.send(new HeadBucketCommand({ Bucket: 'kept-bucket' }));

    // Assess
    expect(keptText).toBe('unit text');
    await expect(afterFresh).rejects.toMatchObject({ name: 'NotFound' });
    again.destroy();
    thirdClient.destroy();
    await third.stop();
    await rm(dataDir, { recursive: true, force: true });
  });
});
