/**
 * The two keyrings a report is encrypted with: a customer's KMS key in the cloud, a customer's raw AES key from the
 * local keystore on one machine. Both produce the same Encryption SDK message format.
 */
import type { KeyringNode, KmsKeyringNode, KmsNodeClientSupplier, RawAesKeyringNode } from '@aws-crypto/client-node';
import { DEFAULT_APP_NAME, KEY_LENGTH_BYTES, KMS_PROVIDER_ID } from './constants';
import { InvalidKeyIdError, InvalidKeyMaterialError } from './errors';
import { assertCustomerId, parseKeyId } from './keyId';
import { encryptionSdk } from './sdk';

/** Options of {@link rawAesKeyring}. */
type RawAesKeyringOptions = {
  /**
   * The key namespace written into each encrypted data key.
   * @default 'upgrade-impact'
   */
  appName?: string;
};

/**
 * A KMS keyring for one customer's key. The key must be a key ARN (not an alias: see {@link parseKeyId}); its region
 * picks the KMS client.
 *
 * @param keyArn - the customer's KMS key ARN, as recorded on the profile
 * @param clientProvider - region → KMS client; default: the SDK's cached `@aws-sdk/client-kms` clients, which honour
 *   the standard endpoint settings (AWS_ENDPOINT_URL_KMS)
 * @example
 * const keyring = kmsKeyring('arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab');
 */
function kmsKeyring(keyArn: string, clientProvider?: KmsNodeClientSupplier): KmsKeyringNode {
  const parsed = parseKeyId(keyArn);
  if (parsed.kind !== 'kms') throw new InvalidKeyIdError(keyArn, 'a KMS keyring needs a KMS key ARN');
  return new (encryptionSdk().KmsKeyringNode)({ generatorKeyId: keyArn, ...(clientProvider ? { clientProvider } : {}) });
}

/**
 * A raw AES-256-GCM keyring for one customer's local key. The key namespace names the app and the key name the
 * customer, so a message records whose key wrapped it and another customer's keyring is refused by name before any
 * unwrap is tried.
 *
 * The Encryption SDK for JavaScript 5.x calls this keyring `RawAesKeyringNode` (it is the V1 raw AES keyring of the
 * spec; there is no separate `RawAesKeyringV1Node` export).
 *
 * @example
 * const keyring = rawAesKeyring('acme', (await keystore.getKey('acme')).material);
 */
function rawAesKeyring(customerId: string, keyBytes: Uint8Array, options: RawAesKeyringOptions = {}): RawAesKeyringNode {
  assertCustomerId(customerId);
  if (!(keyBytes instanceof Uint8Array)) {
    throw new InvalidKeyMaterialError(customerId, `expected a Uint8Array, got ${typeof keyBytes}`);
  }
  if (keyBytes.byteLength !== KEY_LENGTH_BYTES) {
    throw new InvalidKeyMaterialError(customerId, `expected ${KEY_LENGTH_BYTES} bytes (AES-256), got ${keyBytes.byteLength}`);
  }
  return new (encryptionSdk().RawAesKeyringNode)({
    keyNamespace: options.appName ?? DEFAULT_APP_NAME,
    keyName: rawAesKeyName(customerId),
    // The keyring keeps a reference; copy so a caller zeroing or reusing its buffer cannot change the key under it.
    unencryptedMasterKey: Uint8Array.from(keyBytes),
    wrappingSuite: encryptionSdk().RawAesWrappingSuiteIdentifier.AES256_GCM_IV12_TAG16_NO_PADDING,
  });
}

/** The raw AES key name of a customer. */
function rawAesKeyName(customerId: string): string {
  return `customer/${customerId}`;
}

/**
 * The wrapping keys a keyring offers, as `<provider id>/<key name or ARN>`, for error messages and the early
 * "wrong key" check. `undefined` for keyrings this module did not build (a multi-keyring, say): those are not checked
 * early.
 */
function keyringKeys(keyring: KeyringNode): string[] | undefined {
  if (keyring instanceof encryptionSdk().RawAesKeyringNode) return [`${keyring.keyNamespace}/${keyring.keyName}`];
  if (keyring instanceof encryptionSdk().KmsKeyringNode) {
    const ids = [keyring.generatorKeyId, ...keyring.keyIds].filter((id): id is string => typeof id === 'string');
    return ids.map((id) => `${KMS_PROVIDER_ID}/${id}`);
  }
  return undefined;
}

export type { RawAesKeyringOptions };
export { keyringKeys, kmsKeyring, rawAesKeyName, rawAesKeyring };
