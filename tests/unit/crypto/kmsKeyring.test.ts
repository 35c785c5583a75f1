import { KmsKeyringNode } from '@aws-crypto/client-node';
import type { KmsNodeClientSupplier } from '@aws-crypto/client-node';
import {
  DataKeyDecryptionError,
  decryptReport,
  encryptReport,
  InvalidKeyIdError,
  kmsKeyring,
  ReportEncryptionError,
  ReportKeyMismatchError,
} from '../../../functions/lib/crypto';
import { FakeKms } from './fakeKms';

const acmeArn = 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const globexArn = 'arn:aws:kms:eu-west-1:111122223333:key/9999abcd-12ab-34cd-56ef-1234567890ab';
const context = { customerId: 'acme', runId: 'run-1' };
const plaintext = new TextEncoder().encode('{"reportVersion":1}');

function providerFor(kms: FakeKms, regions: string[] = []): KmsNodeClientSupplier {
  return (region: string) => {
    regions.push(region);
    return kms;
  };
}

describe('Function: kmsKeyring()', () => {
  it('builds a KmsKeyringNode with the key as generator and the given client provider', () => {
    // Prepare
    const provider = providerFor(new FakeKms());

    // Act
    const keyring = kmsKeyring(acmeArn, provider);

    // Assess
    expect(keyring).toBeInstanceOf(KmsKeyringNode);
    expect(keyring.generatorKeyId).toBe(acmeArn);
    expect(keyring.keyIds).toEqual([]);
    expect(keyring.clientProvider).toBe(provider);
  });

  it('defaults to the SDK client provider', () => {
    expect(typeof kmsKeyring(acmeArn).clientProvider).toBe('function');
  });

  it.each([
    ['alias/upgrade-impact/customer/acme', 'an alias cannot decrypt'],
    ['arn:aws:kms:eu-west-1:111122223333:alias/upgrade-impact/customer/acme', 'an alias cannot decrypt'],
    ['1234abcd-12ab-34cd-56ef-1234567890ab', 'expected'],
    ['local:acme:1', 'needs a KMS key ARN'],
  ])('refuses %s', (keyId, reason) => {
    expect(() => kmsKeyring(keyId)).toThrow(InvalidKeyIdError);
    expect(() => kmsKeyring(keyId)).toThrow(reason);
  });

  it('round-trips a report through GenerateDataKey and Decrypt with the context bound', async () => {
    // Prepare
    const kms = new FakeKms().addKey(acmeArn);
    const regions: string[] = [];
    const keyring = kmsKeyring(acmeArn, providerFor(kms, regions));

    // Act
    const ciphertext = await encryptReport(plaintext, keyring, context);
    const decrypted = await decryptReport(ciphertext, keyring, context);

    // Assess
    expect(Buffer.from(decrypted).toString()).toBe('{"reportVersion":1}');
    expect(kms.calls.map((call) => call.operation)).toEqual(['GenerateDataKey', 'Decrypt']);
    expect(kms.calls.every((call) => call.keyId === acmeArn)).toBe(true);
    expect(kms.calls[0].encryptionContext).toMatchObject(context);
    expect(kms.calls[1].encryptionContext).toEqual(kms.calls[0].encryptionContext);
    expect(new Set(regions)).toEqual(new Set(['eu-west-1']));
  });

  it("refuses another customer's KMS key without calling KMS", async () => {
    // Prepare
    const kms = new FakeKms().addKey(acmeArn).addKey(globexArn);
    const ciphertext = await encryptReport(plaintext, kmsKeyring(acmeArn, providerFor(kms)), context);
    kms.calls.length = 0;

    // Act
    const error = await decryptReport(ciphertext, kmsKeyring(globexArn, providerFor(kms)), context).catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(ReportKeyMismatchError);
    expect(error).toMatchObject({ encryptedFor: [`aws-kms/${acmeArn}`], keyringKeys: [`aws-kms/${globexArn}`] });
    expect(kms.calls).toEqual([]);
  });

  it('surfaces a KMS refusal on decrypt as DataKeyDecryptionError with the KMS error in the cause chain', async () => {
    // Prepare
    const kms = new FakeKms().addKey(acmeArn);
    const ciphertext = await encryptReport(plaintext, kmsKeyring(acmeArn, providerFor(kms)), context);
    kms.deny(acmeArn);

    // Act
    const error = await decryptReport(ciphertext, kmsKeyring(acmeArn, providerFor(kms)), context).catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(DataKeyDecryptionError);
    expect((error as Error).message).toContain('AccessDeniedException');
  });

  it('surfaces a KMS refusal on encrypt as ReportEncryptionError', async () => {
    const kms = new FakeKms().addKey(acmeArn).deny(acmeArn);
    const error = await encryptReport(plaintext, kmsKeyring(acmeArn, providerFor(kms)), context).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReportEncryptionError);
    expect((error as ReportEncryptionError).cause).toMatchObject({ name: 'AccessDeniedException' });
  });
});
