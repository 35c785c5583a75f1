/**
 * Fixed values of the report encryption: names, sizes and limits that the envelope, the keyrings and the local
 * keystore must agree on.
 */

/**
 * The application name used in key namespaces and KMS aliases (`alias/<app>/customer/<id>`): the default of the
 * template's `AppName` parameter. A deployment with another AppName passes it (handlers get it as
 * POWERTOOLS_SERVICE_NAME).
 */
const DEFAULT_APP_NAME = 'upgrade-impact';

/** The encryption context keys every report carries, exactly these two (DESIGN.md §6). */
const EncryptionContextKeys = {
  customerId: 'customerId',
  runId: 'runId',
} as const;

/**
 * Context keys with this prefix are written by the Encryption SDK itself: the signing suites add
 * `aws-crypto-public-key`. They are not ours to compare and callers may not set them.
 */
const RESERVED_CONTEXT_PREFIX = 'aws-crypto-';

/**
 * Plaintext bytes per frame of an encrypted report. The SDK's default (4 KiB) makes a 13 MB report 3,300 frames, each
 * authenticated on its own: decrypting it took 0.9 s where 1 MiB frames take 0.06 s (the console opens a report of
 * 65,000 findings while a person waits). A reader buffers at most one frame; reports written with smaller frames
 * still decrypt (the frame length is in each message's header).
 */
const REPORT_FRAME_LENGTH_BYTES = 1024 * 1024;

/** AES-256: 32 bytes of wrapping key per customer. */
const KEY_LENGTH_BYTES = 32;

/**
 * A report is always encrypted under one data key wrapped once, so a message naming more encrypted data keys was not
 * written by us; refusing it early stops a hostile message from making us try many unwraps (or many KMS calls), as
 * the Encryption SDK's "limit encrypted data keys" best practice recommends.
 */
const MAX_ENCRYPTED_DATA_KEYS = 1;

/** Prefix of local key ids: `local:<customerId>:<version>`. */
const LOCAL_KEY_ID_PREFIX = 'local';

/** The environment variable naming the local keystore directory. */
const KEYSTORE_DIR_ENV = 'LOCAL_KEYSTORE_DIR';

/** The provider id the KMS keyring writes into each encrypted data key. */
const KMS_PROVIDER_ID = 'aws-kms';

export { DEFAULT_APP_NAME, EncryptionContextKeys, KEYSTORE_DIR_ENV, KEY_LENGTH_BYTES, KMS_PROVIDER_ID, LOCAL_KEY_ID_PREFIX, MAX_ENCRYPTED_DATA_KEYS, REPORT_FRAME_LENGTH_BYTES, RESERVED_CONTEXT_PREFIX };
