/**
 * Picks the keyring for a customer profile's key id: the local keystore for `local:` ids, KMS for key ARNs. This is
 * the only place that decides, so the encrypt-report handler and the report CLI stay the same in the cloud and on
 * one machine.
 */
import type { KeyringNode, KmsNodeClientSupplier } from '@aws-crypto/client-node';
import { KEYSTORE_DIR_ENV } from './constants';
import { KeyOwnerMismatchError, KeystoreNotConfiguredError } from './errors';
import { parseKeyId } from './keyId';
import { kmsKeyring, rawAesKeyring } from './keyrings';
import { FileKeystore } from './keystore';
import { injectLocalKmsFault } from './localKmsFaults';

/** Options of {@link keyringFor}. */
type KeyringForOptions = {
  /**
   * The customer being served. When given, a local key id must name this customer (a profile pointing at another
   * customer's key is refused). KMS key ARNs carry no customer; their key policy is the fence.
   */
  customerId?: string;
  /**
   * The local keystore directory.
   * @default process.env.LOCAL_KEYSTORE_DIR
   */
  keystoreDir?: string;
  /** Region → KMS client for KMS key ARNs. @default the Encryption SDK's cached `@aws-sdk/client-kms` clients */
  kmsClientProvider?: KmsNodeClientSupplier;
  /** Key namespace of local keyrings. @default 'upgrade-impact' */
  appName?: string;
  /** Environment to read the keystore directory from. @default process.env */
  env?: Readonly<Record<string, string | undefined>>;
};

/**
 * The keyring for a profile's key id.
 *
 * @example
 * const keyring = await keyringFor(profile.keyId, { customerId: profile.customerId });
 * const ciphertext = await encryptReport(bytes, keyring, { customerId, runId });
 */
async function keyringFor(profileKeyId: string, options: KeyringForOptions = {}): Promise<KeyringNode> {
  const parsed = parseKeyId(profileKeyId);
  if (parsed.kind === 'kms') return kmsKeyring(parsed.keyId, options.kmsClientProvider);
  if (options.customerId !== undefined && options.customerId !== parsed.customerId) {
    throw new KeyOwnerMismatchError(profileKeyId, options.customerId);
  }
  const directory = options.keystoreDir ?? (options.env ?? process.env)[KEYSTORE_DIR_ENV];
  if (!directory) throw new KeystoreNotConfiguredError(profileKeyId, KEYSTORE_DIR_ENV);
  // Where KMS would be called (GenerateDataKey for the report), the local stand-in fails as KMS can.
  await injectLocalKmsFault(profileKeyId, 'GenerateDataKey', options.env ?? process.env);
  const key = await new FileKeystore(directory).getKey(parsed.customerId, parsed.version);
  return rawAesKeyring(parsed.customerId, key.material, options.appName === undefined ? {} : { appName: options.appName });
}

export type { KeyringForOptions };
export { keyringFor };
