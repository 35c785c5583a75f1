/**
 * Data derived from a customer's code (a unit's findings and facts: rule hits, module and controller names) sealed
 * under that customer's key wherever it is stored outside the report: an Encryption SDK message with the encryption
 * context `{ customerId, purpose }` (so KMS allows it only for this customer, and a sealed value copied under another
 * customer or purpose does not open), key commitment, and no signature (these are the service's own writes).
 *
 * Data keys are cached (a caching materials manager, partitioned per customer and purpose): a batch of units costs
 * one KMS call, not one per unit.
 */
import type { KeyringNode } from '@aws-crypto/client-node';
import { lazy } from '../lazy';
import { MAX_ENCRYPTED_DATA_KEYS } from './constants';
import { compareEncryptionContext } from './context';
import { EncryptionContextMismatchError } from './errors';
import { encryptionSdk } from './sdk';

/** Seals and opens one customer's derived values for one purpose. */
type DerivedDataSealer = {
  seal(plaintext: Uint8Array): Promise<Uint8Array>;
  /** Throws when the value is not sealed for this customer and purpose (or not sealed at all). */
  open(sealed: Uint8Array): Promise<Uint8Array>;
};

const client = lazy(() =>
  encryptionSdk().buildClient({ commitmentPolicy: encryptionSdk().CommitmentPolicy.REQUIRE_ENCRYPT_REQUIRE_DECRYPT, maxEncryptedDataKeys: MAX_ENCRYPTED_DATA_KEYS }),
);

/** How long, and for how many values, one data key serves. */
const DATA_KEY_MAX_AGE_MS = 5 * 60 * 1000;
const DATA_KEY_MAX_MESSAGES = 10_000;

/**
 * @example
 * const sealer = derivedDataSealer(await keyringFor(profile.keyId, { customerId }), customerId, 'findings-cache');
 * const sealed = await sealer.seal(bytes);
 */
const derivedDataSealer = (keyring: KeyringNode, customerId: string, purpose: string): DerivedDataSealer => {
  const context = { customerId, purpose };
  const materials = new (encryptionSdk().NodeCachingMaterialsManager)({
    backingMaterials: keyring,
    cache: encryptionSdk().getLocalCryptographicMaterialsCache(64),
    maxAge: DATA_KEY_MAX_AGE_MS,
    maxMessagesEncrypted: DATA_KEY_MAX_MESSAGES,
    partition: `${customerId}/${purpose}`,
  });
  return {
    seal: async (plaintext) =>
      (await client().encrypt(materials, plaintext, { encryptionContext: context, suiteId: encryptionSdk().AlgorithmSuiteIdentifier.ALG_AES256_GCM_IV12_TAG16_HKDF_SHA512_COMMIT_KEY })).result,
    open: async (sealed) => {
      const { plaintext, messageHeader } = await client().decrypt(materials, sealed);
      const mismatches = compareEncryptionContext(messageHeader.encryptionContext, context);
      if (mismatches.length > 0) throw new EncryptionContextMismatchError(mismatches);
      return plaintext;
    },
  };
};

export { derivedDataSealer };
export type { DerivedDataSealer };
