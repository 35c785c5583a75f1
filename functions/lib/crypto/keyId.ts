/**
 * Key ids as a customer profile records them: `local:<customerId>:<version>` for the local keystore, or a KMS key ARN
 * in the cloud. Parsing is strict, because a key id decides whose data a keyring opens.
 */
import { DEFAULT_APP_NAME, LOCAL_KEY_ID_PREFIX } from './constants';
import { InvalidCustomerIdError, InvalidKeyIdError } from './errors';

/** A key id in the local keystore. */
type LocalKeyId = { kind: 'local'; keyId: string; customerId: string; version: number };

/** A KMS key named by its key ARN. */
type KmsKeyId = { kind: 'kms'; keyId: string; partition: string; region: string; accountId: string; resourceId: string };

/** Either kind of profile key id. */
type ParsedKeyId = LocalKeyId | KmsKeyId;

/*
 * The strictest of the places a customer id ends up: a KMS alias name allows only [A-Za-z0-9/_-], and the keystore uses
 * it as a file name, so no dot (no `..`), no slash and no colon (the key id separator).
 */
const CUSTOMER_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

const KEY_ARN_PATTERN = /^arn:(aws[a-z-]*):kms:([a-z0-9-]+):(\d{12}):key\/([A-Za-z0-9-]+)$/;
const ALIAS_ARN_PATTERN = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:alias\//;

/**
 * Throws unless `customerId` can name a key: 1–64 characters of letters, digits, `_` and `-`, starting with a letter or
 * digit.
 *
 * @example
 * assertCustomerId('acme-01'); // ok
 * assertCustomerId('../etc'); // throws InvalidCustomerIdError
 */
function assertCustomerId(customerId: unknown): asserts customerId is string {
  if (typeof customerId !== 'string') {
    throw new InvalidCustomerIdError(String(customerId), `expected a string, got ${typeof customerId}`);
  }
  if (!CUSTOMER_ID_PATTERN.test(customerId)) {
    throw new InvalidCustomerIdError(
      customerId,
      'use 1-64 letters, digits, "_" or "-", starting with a letter or digit (it names a key file and a KMS alias)',
    );
  }
}

/**
 * The local key id for a customer's key version.
 *
 * @example
 * formatLocalKeyId('acme', 1); // 'local:acme:1'
 */
function formatLocalKeyId(customerId: string, version: number): string {
  assertCustomerId(customerId);
  if (!Number.isSafeInteger(version) || version < 1) {
    throw new InvalidKeyIdError(`${LOCAL_KEY_ID_PREFIX}:${customerId}:${version}`, 'the version must be a positive integer');
  }
  return `${LOCAL_KEY_ID_PREFIX}:${customerId}:${version}`;
}

/**
 * Parses a profile key id. An alias (name or ARN) and a bare key id are refused: the Encryption SDK records the key
 * ARN in each message and a KMS keyring only decrypts data keys whose recorded ARN it names, so a keyring built from
 * an alias could encrypt reports that it can never decrypt; and a bare key id carries no region.
 *
 * @example
 * parseKeyId('local:acme:1'); // { kind: 'local', customerId: 'acme', version: 1, keyId: 'local:acme:1' }
 * parseKeyId('arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab'); // { kind: 'kms', region: 'eu-west-1', … }
 */
function parseKeyId(keyId: unknown): ParsedKeyId {
  if (typeof keyId !== 'string' || keyId === '') {
    throw new InvalidKeyIdError(String(keyId), 'expected a non-empty string');
  }
  if (keyId.startsWith(`${LOCAL_KEY_ID_PREFIX}:`)) {
    const parts = keyId.split(':');
    if (parts.length !== 3) {
      throw new InvalidKeyIdError(keyId, `a local key id has the form '${LOCAL_KEY_ID_PREFIX}:<customerId>:<version>'`);
    }
    const [, customerId, versionText] = parts;
    try {
      assertCustomerId(customerId);
    } catch (error) {
      throw new InvalidKeyIdError(keyId, (error as Error).message, { cause: error });
    }
    if (!/^[1-9]\d{0,8}$/.test(versionText)) {
      throw new InvalidKeyIdError(keyId, `the version '${versionText}' is not a positive integer`);
    }
    return { kind: 'local', keyId, customerId, version: Number(versionText) };
  }
  const arn = KEY_ARN_PATTERN.exec(keyId);
  if (arn) {
    const [, partition, region, accountId, resourceId] = arn;
    return { kind: 'kms', keyId, partition, region, accountId, resourceId };
  }
  if (ALIAS_ARN_PATTERN.test(keyId) || keyId.startsWith('alias/')) {
    throw new InvalidKeyIdError(
      keyId,
      'an alias cannot decrypt: the Encryption SDK matches data keys by key ARN; record the key ARN (aws kms describe-key --key-id <alias>) on the profile',
    );
  }
  throw new InvalidKeyIdError(keyId, `expected '${LOCAL_KEY_ID_PREFIX}:<customerId>:<version>' or a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>)`);
}

/**
 * The KMS alias name of a customer's key, as the template creates it.
 *
 * @example
 * kmsAliasName('acme'); // 'alias/upgrade-impact/customer/acme'
 */
function kmsAliasName(customerId: string, appName: string = DEFAULT_APP_NAME): string {
  assertCustomerId(customerId);
  return `alias/${appName}/customer/${customerId}`;
}

export type { KmsKeyId, LocalKeyId, ParsedKeyId };
export { assertCustomerId, formatLocalKeyId, kmsAliasName, parseKeyId };
