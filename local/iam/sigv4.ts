/**
 * SigV4 verification, as AWS verifies a header-signed request (the local REST API as API Gateway does, and the local
 * DynamoDB for role sessions): the access key must be one the runtime issued; the credential scope must name the
 * expected region and service, on the day of `X-Amz-Date`; the request must be signed within 15 minutes of now; `host`
 * and `x-amz-date` must be signed; and the signature must cover the body actually sent (API Gateway computes the
 * payload hash itself: a declared `x-amz-content-sha256`, `UNSIGNED-PAYLOAD` included, that is not the body's
 * hash fails). It re-signs the request over exactly the headers the client listed in SignedHeaders and compares.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';

type Credentials = { accessKeyId: string; secretAccessKey: string };

/** What the verifier needs to know: whose keys these are, and the scope the API signs in. */
type VerifyOptions = {
  /** The secret of an access key, or undefined for a key that was not issued. */
  secretOf(accessKeyId: string): string | undefined;
  /** The API's region: a credential scoped to another region is refused. */
  region: string;
  /** @default 'execute-api' */
  service?: string;
};

type SignedRequest = {
  method: string;
  host: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: Buffer;
};

type Verdict = { ok: true; accessKeyId: string } | { ok: false; message: string };

/** SHA-256 and HMAC-SHA-256 for the signer, from node:crypto. */
class NodeSha256 {
  private readonly hash: ReturnType<typeof createHash> | ReturnType<typeof createHmac>;

  public constructor(secret?: string | Uint8Array | ArrayBuffer | ArrayBufferView) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', Buffer.from(secret as Uint8Array));
  }

  public update(data: string | Uint8Array | ArrayBuffer | ArrayBufferView): void {
    this.hash.update(typeof data === 'string' ? data : Buffer.from(data as Uint8Array));
  }

  public async digest(): Promise<Uint8Array> {
    return this.hash.digest();
  }

  public reset(): void {
    throw new Error('NodeSha256 is single-use');
  }
}

const AUTHORIZATION = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/;

const toDate = (amzDate: string): Date | undefined => {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(amzDate);
  return match ? new Date(Date.UTC(+match[1], +match[2] - 1, +match[3], +match[4], +match[5], +match[6])) : undefined;
};

/** Requests signed more than this far from now are refused, as API Gateway does. */
const MAX_SKEW_MS = 15 * 60 * 1000;

const formatAmzDate = (date: Date): string => date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

/**
 * @example
 * const verdict = await verifySigV4(request, { secretOf: (key) => store.lookup(key)?.secretAccessKey, region: 'us-east-1' });
 */
const verifySigV4 = async (request: SignedRequest, options: VerifyOptions, now = new Date()): Promise<Verdict> => {
  const service = options.service ?? 'execute-api';
  const authorization = request.headers.authorization;
  if (!authorization) return { ok: false, message: 'Missing Authentication Token' };
  const match = AUTHORIZATION.exec(authorization);
  if (!match) return { ok: false, message: 'Authorization header requires SigV4 (AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…)' };
  const [, accessKeyId, scopeDate, region, scopeService, signedHeaders, signature] = match;
  const secretAccessKey = options.secretOf(accessKeyId);
  if (secretAccessKey === undefined) return { ok: false, message: 'The security token included in the request is invalid.' };
  if (scopeService !== service) return { ok: false, message: `Credential should be scoped to correct service: '${service}'. ` };
  if (region !== options.region) return { ok: false, message: `Credential should be scoped to a valid region, not '${region}'. ` };
  const amzDate = request.headers['x-amz-date'] ?? '';
  const signingDate = toDate(amzDate);
  if (!signingDate) return { ok: false, message: "Authorization requires an X-Amz-Date header in the form 'YYYYMMDD'T'HHMMSS'Z'" };
  if (scopeDate !== amzDate.slice(0, 8)) {
    return { ok: false, message: `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${scopeDate}' != '${amzDate.slice(0, 8)}', from '${amzDate}'.` };
  }
  const skew = now.getTime() - signingDate.getTime();
  if (skew > MAX_SKEW_MS) {
    return { ok: false, message: `Signature expired: ${amzDate} is now earlier than ${formatAmzDate(new Date(now.getTime() - MAX_SKEW_MS))} (${formatAmzDate(now)} - 15 min.)` };
  }
  if (-skew > MAX_SKEW_MS) {
    return { ok: false, message: `Signature not yet current: ${amzDate} is still later than ${formatAmzDate(new Date(now.getTime() + MAX_SKEW_MS))} (${formatAmzDate(now)} + 15 min.)` };
  }
  const signed = signedHeaders.split(';');
  if (!signed.includes('host')) return { ok: false, message: "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization." };
  if (!signed.includes('x-amz-date')) return { ok: false, message: "'X-Amz-Date' must be a 'SignedHeader' in the AWS Authorization." };

  const mismatch = { ok: false, message: 'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.' } as const;
  // The payload hash is the body's, whatever the client declared: a declared hash that is not (UNSIGNED-PAYLOAD,
  // a stale one) means the signature covers a body other than the one sent.
  const declaredHash = request.headers['x-amz-content-sha256'];
  if (declaredHash !== undefined && declaredHash !== createHash('sha256').update(request.body).digest('hex')) return mismatch;
  const headers: Record<string, string> = {};
  for (const name of signed) {
    if (name === 'host') headers.host = request.host;
    else if (request.headers[name] !== undefined) headers[name] = request.headers[name];
  }
  const credentials = { accessKeyId, secretAccessKey };
  const signer = new SignatureV4({ service, region, credentials, sha256: NodeSha256, uriEscapePath: true, applyChecksum: false });
  const resigned = await signer.sign(
    { method: request.method, protocol: 'http:', hostname: request.host, path: request.path, query: request.query, headers, body: request.body },
    { signingDate, signingRegion: region, signingService: service },
  );
  const expected = /Signature=([0-9a-f]{64})/.exec(resigned.headers.authorization ?? '')?.[1] ?? '';
  const same = expected.length === signature.length && timingSafeEqual(Buffer.from(expected), Buffer.from(signature));
  return same ? { ok: true, accessKeyId } : mismatch;
};

export { NodeSha256, verifySigV4 };
export type { Credentials, SignedRequest, Verdict, VerifyOptions };
