/**
 * A materials manager that checks a message before any key is used: its encryption context must be exactly the
 * expected one, and it must name a key the keyring holds. The Encryption SDK for JavaScript has no "required
 * encryption context" option on decrypt (other languages have a required-context CMM), so this wraps the default
 * manager the SDK would otherwise build around the keyring.
 */
import type { NodeDefaultCryptographicMaterialsManager } from '@aws-crypto/client-node';
import type {
  EncryptedDataKey,
  KeyringNode,
  NodeDecryptionMaterial,
  NodeDecryptionRequest,
  NodeEncryptionMaterial,
  NodeEncryptionRequest,
  NodeMaterialsManager,
} from '@aws-crypto/client-node';
import { encryptionSdk } from './sdk';
import { KMS_PROVIDER_ID } from './constants';
import { compareEncryptionContext } from './context';
import { DataKeyDecryptionError, EncryptionContextMismatchError, ReportKeyMismatchError } from './errors';
import { keyringKeys } from './keyrings';

// Raw AES provider info is keyName ‖ uInt32BE(tag length in bits) ‖ uInt32BE(IV length) ‖ IV (ESDK spec,
// raw-aes-keyring "Provider Info"); the key name is what is left after the fixed-size tail.
const AES_GCM_IV_LENGTH = 12;
const AES_GCM_TAG_BITS = 128;

/** `<provider id>/<key name or ARN>` of an encrypted data key, in the notation of {@link keyringKeys}. */
function describeEncryptedDataKey(edk: EncryptedDataKey): string {
  if (edk.providerId === KMS_PROVIDER_ID) return `${edk.providerId}/${edk.providerInfo}`;
  const raw = edk.rawInfo;
  const tail = 8 + AES_GCM_IV_LENGTH;
  if (raw && raw.byteLength > tail) {
    const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
    const keyNameLength = raw.byteLength - tail;
    if (view.getUint32(keyNameLength) === AES_GCM_TAG_BITS && view.getUint32(keyNameLength + 4) === AES_GCM_IV_LENGTH) {
      return `${edk.providerId}/${Buffer.from(raw.subarray(0, keyNameLength)).toString('utf8')}`;
    }
  }
  return `${edk.providerId}/(unrecognised key info)`;
}

/**
 * Wraps a keyring for decryption of one expected report. Encryption passes straight through.
 *
 * @example
 * await client.decrypt(new ExpectedContextMaterialsManager(keyring, { customerId: 'acme', runId: 'r1' }), ciphertext);
 */
class ExpectedContextMaterialsManager implements NodeMaterialsManager {
  readonly #inner: NodeDefaultCryptographicMaterialsManager;
  readonly #offered: string[] | undefined;
  readonly #expected: Readonly<Record<string, string>>;

  public constructor(keyring: KeyringNode, expected: Readonly<Record<string, string>>) {
    this.#inner = new (encryptionSdk().NodeDefaultCryptographicMaterialsManager)(keyring);
    this.#offered = keyringKeys(keyring);
    this.#expected = expected;
  }

  public getEncryptionMaterials(request: NodeEncryptionRequest): Promise<NodeEncryptionMaterial> {
    return this.#inner.getEncryptionMaterials(request);
  }

  public async decryptMaterials(request: NodeDecryptionRequest): Promise<NodeDecryptionMaterial> {
    // The context is not yet authenticated here; the SDK authenticates the header right after, and decryptReport
    // compares the authenticated context again. Checking now means a wrong report never reaches KMS.
    const mismatches = compareEncryptionContext(request.encryptionContext, this.#expected);
    if (mismatches.length > 0) throw new EncryptionContextMismatchError(mismatches);
    const named = request.encryptedDataKeys.map(describeEncryptedDataKey);
    if (this.#offered && !named.some((key) => this.#offered?.includes(key))) {
      throw new ReportKeyMismatchError(named, this.#offered);
    }
    try {
      return await this.#inner.decryptMaterials(request);
    } catch (error) {
      throw new DataKeyDecryptionError(this.#offered ?? [], { cause: error });
    }
  }
}

export { describeEncryptedDataKey, ExpectedContextMaterialsManager };
