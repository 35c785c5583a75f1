/**
 * Errors of report encryption and of the local keystore. Every one names what was wrong and where; none ever carries
 * key material or report plaintext (customer ids, run ids, key ids and key ARNs are identifiers, not secrets).
 */

/** One context key whose value differs from what the caller expected. `undefined` means the key is absent. */
type ContextMismatch = { key: string; expected: string | undefined; actual: string | undefined };

/** Base class of every error in this area, so callers can catch the whole family. */
class ReportCryptoError extends Error {
  public constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ReportCryptoError';
  }
}

/** The encryption context given to encrypt or decrypt is not a valid `{ customerId, runId }`. */
class InvalidEncryptionContextError extends ReportCryptoError {
  /** The offending context key. */
  public readonly field: string;
  public constructor(field: string, reason: string, options?: ErrorOptions) {
    super(`Invalid encryption context: '${field}' ${reason}`, options);
    this.name = 'InvalidEncryptionContextError';
    this.field = field;
  }
}

/**
 * The report's encryption context is not the one the caller expected: it belongs to another customer or run, or
 * carries extra pairs. Raised before any key is used.
 */
class EncryptionContextMismatchError extends ReportCryptoError {
  /** Every differing key, in a stable order. */
  public readonly mismatches: ReadonlyArray<ContextMismatch>;
  public constructor(mismatches: ReadonlyArray<ContextMismatch>, options?: ErrorOptions) {
    const detail = mismatches
      .map(({ key, expected, actual }) =>
        expected === undefined
          ? `unexpected '${key}' = '${actual}'`
          : actual === undefined
            ? `'${key}' is missing (expected '${expected}')`
            : `'${key}' is '${actual}', expected '${expected}'`,
      )
      .join('; ');
    super(`The report's encryption context does not match: ${detail}`, options);
    this.name = 'EncryptionContextMismatchError';
    this.mismatches = mismatches;
  }
}

/** The keyring given does not name any of the keys the report was encrypted under (another customer's key). */
class ReportKeyMismatchError extends ReportCryptoError {
  /** The wrapping keys the message names, as `<provider>/<key name or ARN>`. */
  public readonly encryptedFor: ReadonlyArray<string>;
  /** The wrapping keys the keyring offers, in the same notation. */
  public readonly keyringKeys: ReadonlyArray<string>;
  public constructor(encryptedFor: ReadonlyArray<string>, keyringKeys: ReadonlyArray<string>, options?: ErrorOptions) {
    super(
      `The report was encrypted under ${encryptedFor.join(', ') || 'no known key'}; the keyring offers ${keyringKeys.join(', ')}, which cannot decrypt it`,
      options,
    );
    this.name = 'ReportKeyMismatchError';
    this.encryptedFor = encryptedFor;
    this.keyringKeys = keyringKeys;
  }
}

/**
 * The keyring names the right key but could not decrypt the data key: the key material differs (a raw AES key
 * recreated under the same name) or KMS refused or failed (the cause says which).
 */
class DataKeyDecryptionError extends ReportCryptoError {
  /** The wrapping keys the keyring offers. */
  public readonly keyringKeys: ReadonlyArray<string>;
  public constructor(keyringKeys: ReadonlyArray<string>, options?: ErrorOptions) {
    const why = options?.cause instanceof Error ? `: ${options.cause.message}` : '';
    super(`The keyring (${keyringKeys.join(', ') || 'custom'}) could not decrypt the report's data key${why}`, options);
    this.name = 'DataKeyDecryptionError';
    this.keyringKeys = keyringKeys;
  }
}

/** The ciphertext is not a well-formed, intact Encryption SDK message (truncated, altered, or not a message at all). */
class ReportDecryptionError extends ReportCryptoError {
  /** The customer and run the caller expected the report to belong to. */
  public readonly expected: { customerId: string; runId: string };
  public constructor(expected: { customerId: string; runId: string }, options?: ErrorOptions) {
    const why = options?.cause instanceof Error ? ` (${options.cause.message})` : '';
    super(
      `Could not decrypt the report of customer '${expected.customerId}', run '${expected.runId}': the message is malformed, truncated or has been altered${why}`,
      options,
    );
    this.name = 'ReportDecryptionError';
    this.expected = expected;
  }
}

/** The Encryption SDK (or KMS behind it) failed to encrypt the report. */
class ReportEncryptionError extends ReportCryptoError {
  public readonly context: { customerId: string; runId: string };
  public constructor(context: { customerId: string; runId: string }, options?: ErrorOptions) {
    const why = options?.cause instanceof Error ? `: ${options.cause.message}` : '';
    super(`Could not encrypt the report of customer '${context.customerId}', run '${context.runId}'${why}`, options);
    this.name = 'ReportEncryptionError';
    this.context = context;
  }
}

/** A customer id that cannot name a key (file name, key id, KMS alias). */
class InvalidCustomerIdError extends ReportCryptoError {
  public readonly customerId: string;
  public constructor(customerId: string, reason: string, options?: ErrorOptions) {
    super(`Invalid customer id '${customerId}': ${reason}`, options);
    this.name = 'InvalidCustomerIdError';
    this.customerId = customerId;
  }
}

/** A profile key id that is neither `local:<customerId>:<version>` nor a KMS key ARN. */
class InvalidKeyIdError extends ReportCryptoError {
  public readonly keyId: string;
  public constructor(keyId: string, reason: string, options?: ErrorOptions) {
    super(`Invalid key id '${keyId}': ${reason}`, options);
    this.name = 'InvalidKeyIdError';
    this.keyId = keyId;
  }
}

/** A local key id that names another customer than the one being served. */
class KeyOwnerMismatchError extends ReportCryptoError {
  public readonly keyId: string;
  public readonly customerId: string;
  public constructor(keyId: string, customerId: string, options?: ErrorOptions) {
    super(`Key id '${keyId}' does not belong to customer '${customerId}'`, options);
    this.name = 'KeyOwnerMismatchError';
    this.keyId = keyId;
    this.customerId = customerId;
  }
}

/** Key bytes of the wrong size or type. The message never shows the bytes. */
class InvalidKeyMaterialError extends ReportCryptoError {
  public readonly customerId: string;
  public constructor(customerId: string, reason: string, options?: ErrorOptions) {
    super(`Invalid key material for customer '${customerId}': ${reason}`, options);
    this.name = 'InvalidKeyMaterialError';
    this.customerId = customerId;
  }
}

/** A local key id was used but no keystore directory is configured. */
class KeystoreNotConfiguredError extends ReportCryptoError {
  public readonly keyId: string;
  public constructor(keyId: string, envName: string, options?: ErrorOptions) {
    super(`Key id '${keyId}' is a local key, but no keystore directory is configured: set ${envName} or pass keystoreDir`, options);
    this.name = 'KeystoreNotConfiguredError';
    this.keyId = keyId;
  }
}

/** The keystore has no key for this customer (or not this version). */
class CustomerKeyNotFoundError extends ReportCryptoError {
  public readonly customerId: string;
  public readonly version: number | undefined;
  public readonly keystoreDir: string;
  public constructor(customerId: string, keystoreDir: string, version?: number, options?: ErrorOptions) {
    const which = version === undefined ? 'no key' : `no key version ${version}`;
    super(`The local keystore at '${keystoreDir}' has ${which} for customer '${customerId}'`, options);
    this.name = 'CustomerKeyNotFoundError';
    this.customerId = customerId;
    this.version = version;
    this.keystoreDir = keystoreDir;
  }
}

/** `createKey` refuses to replace a customer's key: every report encrypted under it would become unreadable. */
class CustomerKeyExistsError extends ReportCryptoError {
  public readonly customerId: string;
  public readonly path: string;
  public constructor(customerId: string, path: string, options?: ErrorOptions) {
    super(`Customer '${customerId}' already has a key at '${path}'; refusing to overwrite it`, options);
    this.name = 'CustomerKeyExistsError';
    this.customerId = customerId;
    this.path = path;
  }
}

/** A key file readable or writable by group or others, or not a regular file. */
class InsecureKeyFileError extends ReportCryptoError {
  public readonly path: string;
  public readonly mode: number;
  public constructor(path: string, mode: number, reason: string, options?: ErrorOptions) {
    super(`Refusing to use key file '${path}' (mode ${(mode & 0o777).toString(8).padStart(4, '0')}): ${reason}`, options);
    this.name = 'InsecureKeyFileError';
    this.path = path;
    this.mode = mode;
  }
}

/** A key file that is not valid keystore JSON. */
class CorruptKeyFileError extends ReportCryptoError {
  public readonly path: string;
  public constructor(path: string, reason: string, options?: ErrorOptions) {
    super(`Key file '${path}' is corrupt: ${reason}`, options);
    this.name = 'CorruptKeyFileError';
    this.path = path;
  }
}

export type { ContextMismatch };
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
};
