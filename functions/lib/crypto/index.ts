/**
 * Report encryption with each customer's own key: envelope encryption in the AWS Encryption SDK message format,
 * KMS keyrings in the cloud and raw AES keyrings over a local keystore on one machine.
 */
export type { ReportEncryptionContext } from './context';
export type { ContextMismatch } from './errors';
export type { KmsKeyId, LocalKeyId, ParsedKeyId } from './keyId';
export type { KeyringForOptions } from './keyringFor';
export type { RawAesKeyringOptions } from './keyrings';
export type { LocalCustomerKey } from './keystore';
export { DEFAULT_APP_NAME, KEYSTORE_DIR_ENV, REPORT_FRAME_LENGTH_BYTES } from './constants';
export { decryptReport, encryptReport } from './envelope';
export { derivedDataSealer } from './derived';
export type { DerivedDataSealer } from './derived';
export {
  CorruptKeyFileError,
  CustomerKeyExistsError,
  CustomerKeyNotFoundError,
  DataKeyDecryptionError,
  EncryptionContextMismatchError,
  InsecureKeyFileError,
  InvalidCustomerIdError,
  InvalidEncryptionContextError,
  InvalidKeyIdError,
  InvalidKeyMaterialError,
  KeyOwnerMismatchError,
  KeystoreNotConfiguredError,
  ReportCryptoError,
  ReportDecryptionError,
  ReportEncryptionError,
  ReportKeyMismatchError,
} from './errors';
export { assertCustomerId, formatLocalKeyId, kmsAliasName, parseKeyId } from './keyId';
export { keyringFor } from './keyringFor';
export { kmsKeyring, rawAesKeyring } from './keyrings';
export { createSecretFile, FileKeystore } from './keystore';
export { KMS_FAULTS, LOCAL_KMS_FAULTS_ENV, injectLocalKmsFault } from './localKmsFaults';
export type { KmsFaultRates } from './localKmsFaults';
