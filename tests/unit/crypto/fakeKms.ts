/**
 * An in-memory stand-in for the three KMS operations the Encryption SDK's KMS keyring calls (GenerateDataKey, Encrypt,
 * Decrypt), behaving as KMS documents them for symmetric keys: the ciphertext blob names the key that made it,
 * the encryption context is bound as AAD and must be given again to decrypt, a KeyId that does not match the blob's
 * key is IncorrectKeyException, and responses carry the key ARN. No network: it exists so the SDK's real KMS
 * keyring code runs end to end in a unit test.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

type Call = { operation: 'GenerateDataKey' | 'Encrypt' | 'Decrypt'; keyId: string | undefined; encryptionContext: Record<string, string> };

class KmsError extends Error {
  public constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

function aad(context: Record<string, string> | undefined): Buffer {
  const entries = Object.entries(context ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Buffer.from(JSON.stringify(entries), 'utf8');
}

class FakeKms {
  readonly #keys = new Map<string, Buffer>();
  readonly #denied = new Set<string>();
  public readonly calls: Call[] = [];

  public addKey(keyArn: string): this {
    this.#keys.set(keyArn, randomBytes(32));
    return this;
  }

  /** Makes every call for this key fail as AccessDeniedException, as a key policy without the caller would. */
  public deny(keyArn: string): this {
    this.#denied.add(keyArn);
    return this;
  }

  #key(keyId: string): Buffer {
    if (this.#denied.has(keyId)) throw new KmsError('AccessDeniedException', `User is not authorized to use ${keyId}`);
    const key = this.#keys.get(keyId);
    if (!key) throw new KmsError('NotFoundException', `Key '${keyId}' does not exist`);
    return key;
  }

  #seal(keyId: string, plaintext: Uint8Array, context: Record<string, string> | undefined): Buffer {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.#key(keyId), iv);
    cipher.setAAD(aad(context));
    const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    const arn = Buffer.from(keyId, 'utf8');
    const header = Buffer.alloc(2);
    header.writeUInt16BE(arn.length);
    return Buffer.concat([header, arn, iv, cipher.getAuthTag(), body]);
  }

  public async generateDataKey(args: { KeyId: string; NumberOfBytes?: number; EncryptionContext?: Record<string, string> }) {
    this.calls.push({ operation: 'GenerateDataKey', keyId: args.KeyId, encryptionContext: { ...args.EncryptionContext } });
    const plaintext = randomBytes(args.NumberOfBytes ?? 32);
    return { KeyId: args.KeyId, Plaintext: new Uint8Array(plaintext), CiphertextBlob: new Uint8Array(this.#seal(args.KeyId, plaintext, args.EncryptionContext)) };
  }

  public async encrypt(args: { KeyId: string; Plaintext: Uint8Array; EncryptionContext?: Record<string, string> }) {
    this.calls.push({ operation: 'Encrypt', keyId: args.KeyId, encryptionContext: { ...args.EncryptionContext } });
    return { KeyId: args.KeyId, CiphertextBlob: new Uint8Array(this.#seal(args.KeyId, args.Plaintext, args.EncryptionContext)) };
  }

  public async decrypt(args: { KeyId?: string; CiphertextBlob: Uint8Array; EncryptionContext?: Record<string, string> }) {
    this.calls.push({ operation: 'Decrypt', keyId: args.KeyId, encryptionContext: { ...args.EncryptionContext } });
    const blob = Buffer.from(args.CiphertextBlob);
    const arnLength = blob.readUInt16BE(0);
    const keyArn = blob.subarray(2, 2 + arnLength).toString('utf8');
    if (args.KeyId !== undefined && args.KeyId !== keyArn) {
      throw new KmsError('IncorrectKeyException', 'The key ID in the request does not identify the key that encrypted the ciphertext');
    }
    const key = this.#key(keyArn);
    const iv = blob.subarray(2 + arnLength, 14 + arnLength);
    const tag = blob.subarray(14 + arnLength, 30 + arnLength);
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAAD(aad(args.EncryptionContext));
    decipher.setAuthTag(tag);
    try {
      const plaintext = Buffer.concat([decipher.update(blob.subarray(30 + arnLength)), decipher.final()]);
      return { KeyId: keyArn, Plaintext: new Uint8Array(plaintext) };
    } catch {
      throw new KmsError('InvalidCiphertextException', 'The ciphertext or its encryption context is invalid');
    }
  }
}

export { FakeKms };
