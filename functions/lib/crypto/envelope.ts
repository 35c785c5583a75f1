/**
 * Envelope encryption of a report with the customer's key, in the AWS Encryption SDK message format: a fresh data key
 * per report, wrapped by the customer's keyring, key commitment required both ways, the default committing suite
 * (AES-256-GCM, HKDF-SHA512, key commitment, ECDSA P-384 signature), and `{ customerId, runId }` as encryption context.
 */
import type { Readable } from 'node:stream';
import type { KeyringNode } from '@aws-crypto/client-node';
import { MAX_ENCRYPTED_DATA_KEYS, REPORT_FRAME_LENGTH_BYTES } from './constants';
import { compareEncryptionContext, toEncryptionContext } from './context';
import type { ReportEncryptionContext } from './context';
import { EncryptionContextMismatchError, ReportCryptoError, ReportDecryptionError, ReportEncryptionError } from './errors';
import { ExpectedContextMaterialsManager } from './materialsManager';
import { encryptionSdk } from './sdk';
import { lazy } from '../lazy';

const client = lazy(() =>
  encryptionSdk().buildClient({
    commitmentPolicy: encryptionSdk().CommitmentPolicy.REQUIRE_ENCRYPT_REQUIRE_DECRYPT,
    maxEncryptedDataKeys: MAX_ENCRYPTED_DATA_KEYS,
  }),
);

/**
 * Encrypts a report for one customer and run. The result is a complete Encryption SDK message (header, framed body,
 * signature), ready to store as `reports/{customerId}/{runId}.report.enc`.
 *
 * @example
 * const ciphertext = await encryptReport(serializeReport(report), keyring, { customerId: 'acme', runId: 'r1' });
 */
async function encryptReport(plaintext: Uint8Array, keyring: KeyringNode, context: ReportEncryptionContext): Promise<Uint8Array> {
  const encryptionContext = toEncryptionContext(context);
  try {
    const { result } = await client().encrypt(keyring, plaintext, { encryptionContext, frameLength: REPORT_FRAME_LENGTH_BYTES });
    return result;
  } catch (error) {
    throw new ReportEncryptionError({ customerId: encryptionContext.customerId, runId: encryptionContext.runId }, { cause: error });
  }
}

/**
 * Decrypts a report and proves it is the expected customer's report of the expected run. Fails with
 * {@link EncryptionContextMismatchError} (another customer's or run's report), `ReportKeyMismatchError` (a keyring for
 * another key), `DataKeyDecryptionError` (right key name, wrong key material or a KMS failure) or
 * {@link ReportDecryptionError} (malformed, truncated or altered message). A stream (an S3 object's body) is decrypted
 * as it arrives, frame by frame; nothing is returned before the whole message and its signature are verified.
 *
 * @example
 * const plaintext = await decryptReport(ciphertext, keyring, { customerId: 'acme', runId: 'r1' });
 */
async function decryptReport(ciphertext: Uint8Array | Readable, keyring: KeyringNode, expected: ReportEncryptionContext): Promise<Uint8Array> {
  const expectedContext = toEncryptionContext(expected);
  const ids = { customerId: expectedContext.customerId, runId: expectedContext.runId };
  let output: Awaited<ReturnType<ReturnType<typeof client>['decrypt']>>;
  try {
    output = await client().decrypt(new ExpectedContextMaterialsManager(keyring, expectedContext), ciphertext);
  } catch (error) {
    if (error instanceof ReportCryptoError) throw error;
    throw new ReportDecryptionError(ids, { cause: error });
  }
  // Now the header is authenticated: compare again, so the check never rests on unauthenticated bytes alone.
  const mismatches = compareEncryptionContext(output.messageHeader.encryptionContext, expectedContext);
  if (mismatches.length > 0) throw new EncryptionContextMismatchError(mismatches);
  return output.plaintext;
}

export { decryptReport, encryptReport };
