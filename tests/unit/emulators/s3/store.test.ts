import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ObjectStore } from '../../../../local/emulators/s3/store';
import type { ObjectRecord } from '../../../../local/emulators/s3/types';

const recordFor = (key: string): Omit<ObjectRecord, 'dataFile'> => ({
  key,
  size: key.length,
  etag: 'e',
  lastModified: new Date(0).toISOString(),
  headers: {},
  userMetadata: {},
  sse: { algorithm: 'AES256' },
  storageClass: 'STANDARD',
});

describe('Class: ObjectStore', () => {
  let root: string;
  let store: ObjectStore;

  const put = async (key: string): Promise<void> => {
    const temporary = store.temporaryPath();
    await writeFile(temporary, key);
    await store.commitObject('b', recordFor(key), temporary);
  };

  /** Reads every page of a listing, as a paginating client would. */
  const listAll = async (prefix: string, delimiter: string | undefined, maxKeys: number): Promise<string[]> => {
    const seen: string[] = [];
    let next: { after: string; isPrefix: boolean } | undefined;
    for (;;) {
      const page = await store.list('b', { prefix, delimiter, maxKeys, after: next?.after, afterIsPrefix: next?.isPrefix });
      seen.push(...page.contents.map((record) => record.key), ...page.commonPrefixes.map((p) => `<${p}>`));
      if (!page.isTruncated) return seen;
      next = page.next;
    }
  };

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'store-test-'));
    store = new ObjectStore(root);
    await store.init();
    await store.createBucket('b', 'us-east-1');
    for (const key of ['a/1', 'a/2', 'a/sub/3', 'b/1', 'c', 'd/', 'd/x']) await put(key);
  });

  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it.each([
    ['', undefined, 1000, ['a/1', 'a/2', 'a/sub/3', 'b/1', 'c', 'd/', 'd/x']],
    ['', undefined, 2, ['a/1', 'a/2', 'a/sub/3', 'b/1', 'c', 'd/', 'd/x']],
    ['', '/', 1000, ['c', '<a/>', '<b/>', '<d/>']],
    ['a/', '/', 1000, ['a/1', 'a/2', '<a/sub/>']],
    ['z', undefined, 1000, []],
  ])('lists prefix %j delimiter %j with %i keys per page', async (prefix, delimiter, maxKeys, expected) => {
    // Act
    const keys = await listAll(prefix, delimiter, maxKeys);

    // Assess
    expect([...keys].sort()).toEqual([...expected].sort());
  });

  it('pages through common prefixes one at a time without repeating one', async () => {
    // Act
    const entries = await listAll('', '/', 1);

    // Assess
    expect(entries).toEqual(['<a/>', '<b/>', 'c', '<d/>']);
  });

  it('keeps objects across a new store instance on the same directory', async () => {
    // Act
    const reopened = new ObjectStore(root);
    await reopened.init();

    // Assess
    expect((await reopened.getObject('b', 'a/sub/3'))?.size).toBe(7);
    expect((await reopened.list('b', { prefix: '', maxKeys: 1000 })).contents).toHaveLength(7);
  });

  it('removes a deleted key from listings', async () => {
    // Act
    const existed = await store.deleteObject('b', 'a/2');
    const again = await store.deleteObject('b', 'a/2');

    // Assess
    expect(existed).toBe(true);
    expect(again).toBe(false);
    expect(await listAll('a/', undefined, 1000)).toEqual(['a/1', 'a/sub/3']);
  });

  it('refuses to delete a bucket that holds objects', async () => {
    await expect(store.deleteBucket('b')).rejects.toMatchObject({ code: 'BucketNotEmpty' });
  });

  it('serialises concurrent writes of one key so the last commit wins and no data file leaks', async () => {
    // Act
    await Promise.all(['x1', 'x2', 'x3'].map(async (content) => {
      const temporary = store.temporaryPath();
      await writeFile(temporary, content);
      await store.commitObject('b', { ...recordFor('same'), etag: content }, temporary);
    }));

    // Assess
    const stored = await store.getObject('b', 'same');
    const reopened = new ObjectStore(root);
    await reopened.init();
    expect((await reopened.getObject('b', 'same'))?.etag).toBe(stored?.etag);
  });
});
