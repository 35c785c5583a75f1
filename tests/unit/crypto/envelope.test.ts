import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { AlgorithmSuiteIdentifier, buildClient, CommitmentPolicy } from '@aws-crypto/client-node';
import {
  DataKeyDecryptionError,
  EncryptionContextMismatchError,
  InvalidEncryptionContextError,
  rawAesKeyring,
  ReportDecryptionError,
  ReportKeyMismatchError,
  REPORT_FRAME_LENGTH_BYTES,
} from '../../../functions/lib/crypto';
import { decryptReport, encryptReport } from '../../../functions/lib/crypto/envelope';

const acmeKey = randomBytes(32);
const acme = rawAesKeyring('acme', acmeKey);
const context = { customerId: 'acme', runId: 'run-1' };
const plaintext = new TextEncoder().encode(JSON.stringify({ reportVersion: 1, note: 'findings for <ZCL_A> & "B"' }));

describe('Function: encryptReport()', () => {
  it('round-trips a report through the Encryption SDK message format', async () => {
    // Act
    const ciphertext = await encryptReport(plaintext, acme, context);
    const decrypted = await decryptReport(ciphertext, acme, context);

    // Assess
    expect(Buffer.from(decrypted).equals(Buffer.from(plaintext))).toBe(true);
    expect(Buffer.from(ciphertext).includes(Buffer.from('ZCL_A'))).toBe(false);
  });

  it('uses the committing, signing default suite and the context { customerId, runId }', async () => {
    // Prepare
    const ciphertext = await encryptReport(plaintext, acme, context);
    const { decrypt } = buildClient(CommitmentPolicy.REQUIRE_ENCRYPT_REQUIRE_DECRYPT);

    // Act
    const { messageHeader } = await decrypt(acme, ciphertext);

    // Assess
    expect(messageHeader.suiteId).toBe(AlgorithmSuiteIdentifier.ALG_AES256_GCM_IV12_TAG16_HKDF_SHA512_COMMIT_KEY_ECDSA_P384);
    expect(messageHeader.encryptedDataKeys).toHaveLength(1);
    expect(messageHeader.encryptedDataKeys[0].providerId).toBe('upgrade-impact');
    const { 'aws-crypto-public-key': publicKey, ...ours } = messageHeader.encryptionContext;
    expect(ours).toEqual(context);
    expect(publicKey).toEqual(expect.any(String));
  });

  it('writes the body in frames of 1 MiB, so that a large report decrypts in few steps', async () => {
    // Prepare
    const large = new Uint8Array(3 * 1024 * 1024 + 5).fill(65);
    const { decrypt } = buildClient(CommitmentPolicy.REQUIRE_ENCRYPT_REQUIRE_DECRYPT);

    // Act
    const { messageHeader, plaintext: decrypted } = await decrypt(acme, await encryptReport(large, acme, context));

    // Assess
    expect(messageHeader.frameLength).toBe(REPORT_FRAME_LENGTH_BYTES);
    expect(REPORT_FRAME_LENGTH_BYTES).toBe(1024 * 1024);
    expect(decrypted.byteLength).toBe(large.byteLength);
  });

  it('decrypts a stream as it arrives, and refuses an altered one', async () => {
    // Prepare
    const ciphertext = Buffer.from(await encryptReport(plaintext, acme, context));
    const chunks = (bytes: Buffer) => Readable.from([bytes.subarray(0, 100), bytes.subarray(100, 700), bytes.subarray(700)]);
    const altered = Buffer.from(ciphertext);
    altered[altered.length - 120] ^= 1;

    // Act
    const decrypted = await decryptReport(chunks(ciphertext), acme, context);
    const refused = await decryptReport(chunks(altered), acme, context).catch((error: Error) => error);

    // Assess
    expect(Buffer.from(decrypted).equals(Buffer.from(plaintext))).toBe(true);
    expect(refused).toBeInstanceOf(ReportDecryptionError);
  });

  it('encrypts an empty report', async () => {
    const ciphertext = await encryptReport(new Uint8Array(0), acme, context);
    expect((await decryptReport(ciphertext, acme, context)).byteLength).toBe(0);
  });

  it.each([
    ['customerId', 'must not be empty', { customerId: '', runId: 'r' }],
    ['runId', 'must be a string, got number', { customerId: 'acme', runId: 7 }],
    ['runId', 'must be a string, got undefined', { customerId: 'acme' }],
    ['runId', 'control characters', { customerId: 'acme', runId: 'a\nb' }],
    ['customerId', 'at most 256', { customerId: 'x'.repeat(257), runId: 'r' }],
  ])("rejects a context whose '%s' %s", async (field, reason, bad) => {
    const error = await encryptReport(plaintext, acme, bad as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidEncryptionContextError);
    expect(error).toMatchObject({ field, name: 'InvalidEncryptionContextError' });
    expect((error as Error).message).toContain(reason);
  });
});

describe('Function: decryptReport()', () => {
  let ciphertext: Uint8Array;
  beforeAll(async () => {
    ciphertext = await encryptReport(plaintext, acme, context);
  });

  it("fails with ReportKeyMismatchError for another customer's key", async () => {
    // Prepare
    const globex = rawAesKeyring('globex', randomBytes(32));

    // Act
    const error = await decryptReport(ciphertext, globex, context).catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(ReportKeyMismatchError);
    expect(error).toMatchObject({ encryptedFor: ['upgrade-impact/customer/acme'], keyringKeys: ['upgrade-impact/customer/globex'] });
  });

  it('fails with DataKeyDecryptionError for a key of the right name but other bytes', async () => {
    const impostor = rawAesKeyring('acme', randomBytes(32));
    const error = await decryptReport(ciphertext, impostor, context).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataKeyDecryptionError);
    expect((error as Error).message).toContain('upgrade-impact/customer/acme');
  });

  it('fails with EncryptionContextMismatchError when the report is of another run', async () => {
    const error = await decryptReport(ciphertext, acme, { customerId: 'acme', runId: 'run-2' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EncryptionContextMismatchError);
    expect(error).toMatchObject({ mismatches: [{ key: 'runId', expected: 'run-2', actual: 'run-1' }] });
    expect((error as Error).message).toBe("The report's encryption context does not match: 'runId' is 'run-1', expected 'run-2'");
  });

  it("fails with EncryptionContextMismatchError when another customer's id is expected, even with that customer's key", async () => {
    const globex = rawAesKeyring('globex', randomBytes(32));
    const error = await decryptReport(ciphertext, globex, { customerId: 'globex', runId: 'run-1' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EncryptionContextMismatchError);
    expect(error).toMatchObject({ mismatches: [{ key: 'customerId', expected: 'globex', actual: 'acme' }] });
  });

  it('fails with EncryptionContextMismatchError when the message carries an extra context pair', async () => {
    // Prepare: written directly with the SDK, as a foreign writer would
    const { encrypt } = buildClient(CommitmentPolicy.REQUIRE_ENCRYPT_REQUIRE_DECRYPT);
    const { result } = await encrypt(acme, plaintext, { encryptionContext: { ...context, purpose: 'other' } });

    // Act
    const error = await decryptReport(result, acme, context).catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(EncryptionContextMismatchError);
    expect(error).toMatchObject({ mismatches: [{ key: 'purpose', expected: undefined, actual: 'other' }] });
  });

  it('refuses a message without key commitment', async () => {
    // Prepare
    const { encrypt } = buildClient(CommitmentPolicy.FORBID_ENCRYPT_ALLOW_DECRYPT);
    const { result } = await encrypt(acme, plaintext, { encryptionContext: context });

    // Act
    const error = await decryptReport(result, acme, context).catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(ReportDecryptionError);
  });

  it.each([
    ['a flipped bit in the body', (c: Buffer) => flip(c, c.length - 200)],
    ['a flipped bit in the signature', (c: Buffer) => flip(c, c.length - 1)],
    ['a flipped bit in the header', (c: Buffer) => flip(c, 40)],
    ['a truncated message', (c: Buffer) => c.subarray(0, c.length - 10)],
    ['a message cut after the header', (c: Buffer) => c.subarray(0, 300)],
    ['bytes that are no message', () => Buffer.from('not an encryption sdk message')],
    ['no bytes', () => Buffer.alloc(0)],
  ])('fails with a named error for %s', async (_case, tamper) => {
    // Act
    const error = await decryptReport(tamper(Buffer.from(ciphertext)), acme, context).catch((e: unknown) => e);

    // Assess: never plaintext; a header flip may surface as a context, key or integrity error, all named
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).name).toMatch(/^(ReportDecryptionError|EncryptionContextMismatchError|ReportKeyMismatchError|DataKeyDecryptionError)$/);
  });

  it.each([
    ['body', (c: Buffer) => flip(c, c.length - 200)],
    ['message id in the header', (c: Buffer) => flip(c, 10)],
    ['signature', (c: Buffer) => flip(c, c.length - 1)],
    ['length', (c: Buffer) => c.subarray(0, c.length - 10)],
  ])('reports tampering of the %s as ReportDecryptionError with the SDK error as cause', async (_part, tamper) => {
    const error = await decryptReport(tamper(Buffer.from(ciphertext)), acme, context).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReportDecryptionError);
    expect((error as ReportDecryptionError).cause).toBeInstanceOf(Error);
    expect((error as Error).message).toContain("customer 'acme', run 'run-1'");
  });
});

function flip(buffer: Buffer, index: number): Buffer {
  const copy = Buffer.from(buffer);
  copy[index] ^= 0x01;
  return copy;
}
