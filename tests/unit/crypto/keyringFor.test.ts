import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KmsKeyringNode, RawAesKeyringNode } from '@aws-crypto/client-node';
import {
  CustomerKeyNotFoundError,
  decryptReport,
  encryptReport,
  FileKeystore,
  KeyOwnerMismatchError,
  keyringFor,
  KeystoreNotConfiguredError,
  ReportKeyMismatchError,
} from '../../../functions/lib/crypto';
import { FakeKms } from './fakeKms';

describe('Function: keyringFor()', () => {
  let directory: string;
  let keystore: FileKeystore;

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'keyring-for-test-'));
    keystore = new FileKeystore(directory);
  });
  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('builds a raw AES keyring from the keystore named by LOCAL_KEYSTORE_DIR for a local key id', async () => {
    // Prepare
    const { keyId } = await keystore.createKey('acme');

    // Act
    const keyring = await keyringFor(keyId, { env: { LOCAL_KEYSTORE_DIR: directory } });

    // Assess
    expect(keyring).toBeInstanceOf(RawAesKeyringNode);
    expect(keyring).toMatchObject({ keyNamespace: 'upgrade-impact', keyName: 'customer/acme' });
  });

  it('encrypts with one keyring and decrypts with another built from the same profile key id', async () => {
    // Prepare
    const { keyId } = await keystore.createKey('acme');
    const context = { customerId: 'acme', runId: 'r1' };

    // Act
    const ciphertext = await encryptReport(Buffer.from('report'), await keyringFor(keyId, { keystoreDir: directory }), context);
    const plaintext = await decryptReport(ciphertext, await keyringFor(keyId, { keystoreDir: directory }), context);

    // Assess
    expect(Buffer.from(plaintext).toString()).toBe('report');
  });

  it("cannot decrypt one customer's report with another customer's profile key", async () => {
    // Prepare
    const acme = await keystore.createKey('acme');
    const globex = await keystore.createKey('globex');
    const ciphertext = await encryptReport(Buffer.from('report'), await keyringFor(acme.keyId, { keystoreDir: directory }), { customerId: 'acme', runId: 'r1' });

    // Act
    const error = await decryptReport(ciphertext, await keyringFor(globex.keyId, { keystoreDir: directory }), { customerId: 'acme', runId: 'r1' }).catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(ReportKeyMismatchError);
  });

  it('builds a KMS keyring for a key ARN with the given client provider', async () => {
    // Prepare
    const arn = 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    const kms = new FakeKms().addKey(arn);
    const kmsClientProvider = () => kms;

    // Act
    const keyring = await keyringFor(arn, { kmsClientProvider, env: {} });

    // Assess
    expect(keyring).toBeInstanceOf(KmsKeyringNode);
    expect(keyring).toMatchObject({ generatorKeyId: arn, clientProvider: kmsClientProvider });
  });

  it('refuses a local key id of another customer', async () => {
    const { keyId } = await keystore.createKey('globex');
    await expect(keyringFor(keyId, { customerId: 'acme', keystoreDir: directory })).rejects.toThrow(KeyOwnerMismatchError);
  });

  it('says how to configure the keystore when none is set', async () => {
    const error = await keyringFor('local:acme:1', { env: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KeystoreNotConfiguredError);
    expect((error as Error).message).toContain('LOCAL_KEYSTORE_DIR');
  });

  it('throws CustomerKeyNotFoundError for a version the keystore does not have', async () => {
    await keystore.createKey('acme');
    await expect(keyringFor('local:acme:2', { keystoreDir: directory })).rejects.toThrow(CustomerKeyNotFoundError);
  });

  it('prefers the keystoreDir option over the environment', async () => {
    const { keyId } = await keystore.createKey('acme');
    await expect(keyringFor(keyId, { keystoreDir: directory, env: { LOCAL_KEYSTORE_DIR: join(directory, 'missing') } })).resolves.toBeInstanceOf(RawAesKeyringNode);
  });
});
