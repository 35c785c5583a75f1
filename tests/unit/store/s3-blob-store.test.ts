/** S3BlobStore, the handlers' object storage adapter, against the local S3 server. */
import { ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { S3BlobStore } from '../../../functions/lib/blob';
import { startLocalS3, type LocalS3 } from '../functions/support/local-services';

const KMS_KEY = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';

const readAll = async (stream: NodeJS.ReadableStream): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
};

describe('Class: S3BlobStore', () => {
  let s3: LocalS3;
  let blobs: S3BlobStore;

  beforeAll(async () => {
    s3 = await startLocalS3();
    blobs = s3.blobs;
  });

  afterAll(async () => {
    await s3?.stop();
  });

  it('writes and reads back bytes, text and JSON', async () => {
    // Act
    await blobs.put(s3.bucket, 'runs/acme/r1/a.json', JSON.stringify({ units: 2 }), { contentType: 'application/json' });
    await blobs.put(s3.bucket, 'runs/acme/r1/b.bin', Buffer.from([0, 1, 2, 255]));

    // Assess
    expect(await blobs.getJson(s3.bucket, 'runs/acme/r1/a.json')).toEqual({ units: 2 });
    expect(await blobs.getText(s3.bucket, 'runs/acme/r1/a.json')).toBe('{"units":2}');
    expect(await blobs.get(s3.bucket, 'runs/acme/r1/b.bin')).toEqual(Buffer.from([0, 1, 2, 255]));
  });

  it('writes with SSE-KMS under the given key, and with the bucket default otherwise', async () => {
    // Act
    await blobs.put(s3.bucket, 'units/acme/u1', 'unit', { kmsKeyId: KMS_KEY });
    await blobs.put(s3.bucket, 'runs/acme/r1/plain', 'derived');

    // Assess
    expect((await s3.head('units/acme/u1'))!.kmsKeyId).toBe(KMS_KEY);
    expect((await s3.head('runs/acme/r1/plain'))!.kmsKeyId).toBeUndefined();
  });

  it('answers the size of an object, and undefined for one that does not exist', async () => {
    // Prepare
    await blobs.put(s3.bucket, 'sized', Buffer.alloc(1234));

    // Act + Assess
    expect(await blobs.size(s3.bucket, 'sized')).toBe(1234);
    expect(await blobs.size(s3.bucket, 'absent')).toBeUndefined();
  });

  it.each([
    ['a missing key', 'data-bucket', 'absent'],
    ['a missing bucket', 'no-such-bucket', 'x'],
  ])('fails a read of %s with BlobNotFoundError naming the object', async (_case, bucket, key) => {
    // Act + Assess
    await expect(blobs.get(bucket, key)).rejects.toMatchObject({ name: 'BlobNotFoundError', bucket, key, message: `s3://${bucket}/${key} does not exist` });
  });

  it('lists every key under a prefix', async () => {
    // Prepare
    for (const key of ['list/a/1', 'list/a/2', 'list/b/1', 'listing/x']) await blobs.put(s3.bucket, key, key);

    // Act
    const keys: string[] = [];
    for await (const key of blobs.list(s3.bucket, 'list/')) keys.push(key);

    // Assess
    expect(keys).toEqual(['list/a/1', 'list/a/2', 'list/b/1']);
  });

  it('follows continuation tokens until the listing is complete', async () => {
    // Prepare: a client answering in pages (a real listing pages at 1,000 keys).
    const pages = [
      { Contents: [{ Key: 'a' }, { Key: 'b' }], IsTruncated: true, NextContinuationToken: 't1' },
      { Contents: [{ Key: 'c' }], IsTruncated: true, NextContinuationToken: 't2' },
      { Contents: [], IsTruncated: false },
    ];
    const sent: (string | undefined)[] = [];
    const client = { send: async (command: ListObjectsV2Command) => (sent.push(command.input.ContinuationToken), pages[sent.length - 1]) };

    // Act
    const keys: string[] = [];
    for await (const key of new S3BlobStore(client as unknown as S3Client).list('b', 'p/')) keys.push(key);

    // Assess
    expect(keys).toEqual(['a', 'b', 'c']);
    expect(sent).toEqual([undefined, 't1', 't2']);
  });

  describe('Method: ranged()', () => {
    it('reads byte ranges of an object, to the end when no end is given', async () => {
      // Prepare
      await blobs.put(s3.bucket, 'uploads/acme/ranged.zip', '0123456789');

      // Act
      const object = await blobs.ranged(s3.bucket, 'uploads/acme/ranged.zip');

      // Assess
      expect(object).toMatchObject({ size: 10, name: 'ranged.zip' });
      expect(await readAll(await object.read(2, 4))).toBe('234');
      expect(await readAll(await object.read(7))).toBe('789');
    });

    it('refuses to read an object overwritten after it was opened (pinned to the ETag seen at HEAD)', async () => {
      // Prepare
      await blobs.put(s3.bucket, 'uploads/acme/moving.zip', 'first version');
      const object = await blobs.ranged(s3.bucket, 'uploads/acme/moving.zip');
      await blobs.put(s3.bucket, 'uploads/acme/moving.zip', 'second version, longer');

      // Act + Assess
      await expect(object.read(0, 4)).rejects.toMatchObject({ name: 'PreconditionFailed' });
    });

    it('fails to open a missing object with BlobNotFoundError', async () => {
      // Act + Assess
      await expect(blobs.ranged(s3.bucket, 'uploads/acme/none.zip')).rejects.toMatchObject({ name: 'BlobNotFoundError', key: 'uploads/acme/none.zip' });
    });
  });
});
