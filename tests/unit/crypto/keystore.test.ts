import { chmod, mkdtemp, readFile, readdir, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import {
  CorruptKeyFileError,
  CustomerKeyExistsError,
  CustomerKeyNotFoundError,
  FileKeystore,
  InsecureKeyFileError,
  InvalidCustomerIdError,
} from '../../../functions/lib/crypto';

describe('Class: FileKeystore', () => {
  let root: string;
  let directory: string;
  let keystore: FileKeystore;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'keystore-test-'));
    directory = join(root, 'keys');
    keystore = new FileKeystore(directory);
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  describe('createKey()', () => {
    it('creates a 256-bit key with a local key id, in a 0600 file inside a 0700 directory', async () => {
      // Act
      const key = await keystore.createKey('acme');

      // Assess
      expect(key).toMatchObject({ keyId: 'local:acme:1', customerId: 'acme', version: 1 });
      expect(key.material.byteLength).toBe(32);
      expect((await stat(keystore.keyPath('acme'))).mode & 0o777).toBe(0o600);
      expect((await stat(directory)).mode & 0o777).toBe(0o700);
      expect(await readdir(directory)).toEqual(['acme.key.json']);
    });

    it('writes 0600 even under a permissive umask', async () => {
      // Prepare
      const previous = process.umask(0);
      try {
        // Act
        await keystore.createKey('acme');
      } finally {
        process.umask(previous);
      }

      // Assess
      expect((await stat(keystore.keyPath('acme'))).mode & 0o777).toBe(0o600);
    });

    it('refuses to overwrite an existing key and leaves it unchanged', async () => {
      // Prepare
      const first = await keystore.createKey('acme');
      const before = await readFile(keystore.keyPath('acme'), 'utf8');

      // Act
      const error = await keystore.createKey('acme').catch((e: unknown) => e);

      // Assess
      expect(error).toBeInstanceOf(CustomerKeyExistsError);
      expect(error).toMatchObject({ customerId: 'acme', path: keystore.keyPath('acme') });
      expect(await readFile(keystore.keyPath('acme'), 'utf8')).toBe(before);
      expect(Buffer.from((await keystore.getKey('acme')).material).equals(Buffer.from(first.material))).toBe(true);
      expect(await readdir(directory)).toEqual(['acme.key.json']);
    });

    it('lets exactly one of several concurrent creations win', async () => {
      // Act
      const results = await Promise.allSettled(Array.from({ length: 5 }, () => keystore.createKey('acme')));

      // Assess
      const won = results.filter((r): r is PromiseFulfilledResult<Awaited<ReturnType<FileKeystore['createKey']>>> => r.status === 'fulfilled');
      const lost = results.filter((r) => r.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost.every((r) => (r as PromiseRejectedResult).reason instanceof CustomerKeyExistsError)).toBe(true);
      expect(Buffer.from((await keystore.getKey('acme')).material).equals(Buffer.from(won[0].value.material))).toBe(true);
      expect(await readdir(directory)).toEqual(['acme.key.json']);
    });

    it('gives each customer a different key', async () => {
      const a = await keystore.createKey('acme');
      const b = await keystore.createKey('globex');
      expect(Buffer.from(a.material).equals(Buffer.from(b.material))).toBe(false);
    });

    it.each(['../escape', 'a/b', 'a:b', '', '.hidden', 'a.b', 'x'.repeat(65)])('refuses the customer id %j', async (customerId) => {
      await expect(keystore.createKey(customerId)).rejects.toThrow(InvalidCustomerIdError);
      await expect(readdir(root)).resolves.toEqual([]);
    });
  });

  describe('getKey()', () => {
    it('returns the key that createKey made', async () => {
      const created = await keystore.createKey('acme');
      const read = await keystore.getKey('acme');
      expect(read).toMatchObject({ keyId: created.keyId, version: 1, createdAt: created.createdAt });
      expect(Buffer.from(read.material).equals(Buffer.from(created.material))).toBe(true);
    });

    it('throws CustomerKeyNotFoundError for a customer without a key', async () => {
      const error = await keystore.getKey('nobody').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CustomerKeyNotFoundError);
      expect(error).toMatchObject({ name: 'CustomerKeyNotFoundError', customerId: 'nobody', keystoreDir: directory });
      expect((error as Error).message).toContain("no key for customer 'nobody'");
    });

    it('throws CustomerKeyNotFoundError for a missing version', async () => {
      await keystore.createKey('acme');
      const error = await keystore.getKey('acme', 2).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CustomerKeyNotFoundError);
      expect(error).toMatchObject({ version: 2 });
    });

    it('refuses a key file readable by others', async () => {
      // Prepare
      await keystore.createKey('acme');
      await chmod(keystore.keyPath('acme'), 0o644);

      // Act
      const error = await keystore.getKey('acme').catch((e: unknown) => e);

      // Assess
      expect(error).toBeInstanceOf(InsecureKeyFileError);
      expect((error as Error).message).toContain('mode 0644');
    });

    it('refuses a symbolic link at the key path', async () => {
      // Prepare
      const elsewhere = new FileKeystore(join(root, 'other'));
      await elsewhere.createKey('acme');
      await keystore.createKey('globex');
      await symlink(elsewhere.keyPath('acme'), keystore.keyPath('acme'));

      // Act
      const error = await keystore.getKey('acme').catch((e: unknown) => e);

      // Assess
      expect(error).toBeInstanceOf(InsecureKeyFileError);
      expect((error as Error).message).toContain('symbolic link');
    });

    it.each([
      ['not JSON', 'not json', 'not valid JSON'],
      ['another format', JSON.stringify({ format: 'x' }), "'format'"],
      ['another customer', JSON.stringify({ format: 'upgrade-impact/local-keystore@1', customerId: 'globex', keys: [] }), "customer 'globex'"],
      ['short key material', keyFile({ material: Buffer.alloc(16).toString('base64') }), 'not 32 bytes'],
      ['a mismatched key id', keyFile({ keyId: 'local:globex:1' }), 'keys[0].keyId'],
      ['a bad version', keyFile({ version: 0 }), 'keys[0].version'],
    ])('reports a key file with %s as CorruptKeyFileError naming what is wrong', async (_case, content, reason) => {
      // Prepare
      await keystore.createKey('acme');
      await writeFile(keystore.keyPath('acme'), content, { mode: 0o600 });

      // Act
      const error = await keystore.getKey('acme').catch((e: unknown) => e);

      // Assess
      expect(error).toBeInstanceOf(CorruptKeyFileError);
      expect((error as Error).message).toContain(reason);
    });

    it('keeps the key bytes out of JSON, inspection and error messages', async () => {
      // Prepare
      const key = await keystore.createKey('acme');
      const base64 = Buffer.from(key.material).toString('base64');
      const hex = Buffer.from(key.material).toString('hex');

      // Act
      const shown = [JSON.stringify(key), inspect(key), String(await keystore.createKey('acme').catch((e: unknown) => e))];

      // Assess
      for (const text of shown) {
        expect(text).not.toContain(base64);
        expect(text).not.toContain(hex);
      }
      expect(JSON.parse(shown[0])).toEqual({ keyId: 'local:acme:1', customerId: 'acme', version: 1, createdAt: key.createdAt });
    });
  });

  describe('hasKey()', () => {
    it('tells whether a customer has a key', async () => {
      await keystore.createKey('acme');
      expect(await keystore.hasKey('acme')).toBe(true);
      expect(await keystore.hasKey('globex')).toBe(false);
    });
  });

  describe('customerIds()', () => {
    it('lists the customers with a key file, sorted, and nothing before the directory exists', async () => {
      // Prepare
      const before = await keystore.customerIds();
      await keystore.createKey('globex');
      await keystore.createKey('acme');
      await writeFile(join(directory, 'notes.txt'), 'not a key');

      // Act
      const after = await keystore.customerIds();

      // Assess
      expect(before).toEqual([]);
      expect(after).toEqual(['acme', 'globex']);
    });
  });
});

function keyFile(override: Record<string, unknown>): string {
  const entry = { version: 1, keyId: 'local:acme:1', createdAt: '2024-01-01T00:00:00.000Z', algorithm: 'AES-256-GCM', material: Buffer.alloc(32, 7).toString('base64'), ...override };
  return JSON.stringify({ format: 'upgrade-impact/local-keystore@1', customerId: 'acme', keys: [entry] });
}
