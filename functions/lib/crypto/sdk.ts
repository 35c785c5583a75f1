/**
 * The AWS Encryption SDK, loaded on first use: it is a large package (with its ASN.1 and big-number code), and a
 * function loads it only on the code path that encrypts or decrypts, not at init.
 */
import { lazy } from '../lazy';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const encryptionSdk = lazy(() => require('@aws-crypto/client-node') as typeof import('@aws-crypto/client-node'));

export { encryptionSdk };
