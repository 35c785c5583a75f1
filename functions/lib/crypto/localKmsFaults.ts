/**
 * The local keystore stands in for KMS, so it also stands in for KMS's failures: when the local runtime injects
 * faults (`LOCAL_FAULTS` with `kms=…`), it gives function environments a file of KMS fault rates, and using a
 * customer key then fails at those rates as a KMS call does (ThrottlingException, KMSInternalException,
 * AccessDeniedException), so the handlers' failure naming and the definitions' retries meet them. The file is read
 * at each use, so a change of the switch applies at once. Nothing here runs in the cloud: the variable is unset.
 */
import { readFileSync } from 'node:fs';

/** Names the file of KMS fault rates (set by the local runtime only). */
const LOCAL_KMS_FAULTS_ENV = 'LOCAL_KMS_FAULTS_FILE';

/** What the file holds: shares of key uses that fail, and milliseconds added to each. */
type KmsFaultRates = { throttle: number; error: number; permanent: number; latencyMs: number };

/** How KMS answers each kind: exception name, HTTP status, message. */
const KMS_FAULTS = {
  throttle: ['ThrottlingException', 400, 'Rate exceeded'],
  error: ['KMSInternalException', 500, 'An internal error occurred'],
  permanent: ['AccessDeniedException', 400, 'The caller is not authorized to use this key'],
} as const;

const readRates = (file: string): KmsFaultRates | undefined => {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as KmsFaultRates;
  } catch {
    return undefined;
  }
};

/**
 * Fails a use of a local customer key as KMS would fail it, at the rates the local runtime asks for; does nothing
 * when it asks for none.
 *
 * @example
 * await injectLocalKmsFault('local:acme:1', 'GenerateDataKey');
 */
const injectLocalKmsFault = async (keyId: string, operation: string, env: Readonly<Record<string, string | undefined>> = process.env): Promise<void> => {
  const file = env[LOCAL_KMS_FAULTS_ENV];
  const rates = file ? readRates(file) : undefined;
  if (!rates) return;
  if (rates.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, rates.latencyMs));
  let draw = Math.random();
  for (const kind of ['throttle', 'error', 'permanent'] as const) {
    if (draw < rates[kind]) {
      const [name, status, message] = KMS_FAULTS[kind];
      throw Object.assign(new Error(`${message} (injected by LOCAL_FAULTS)`), {
        name,
        $fault: status >= 500 ? 'server' : 'client',
        $metadata: { httpStatusCode: status },
        $service: 'KMS',
        $operation: operation,
        $target: `key ${keyId}`,
      });
    }
    draw -= rates[kind];
  }
};

export { KMS_FAULTS, LOCAL_KMS_FAULTS_ENV, injectLocalKmsFault };
export type { KmsFaultRates };
