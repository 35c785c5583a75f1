/**
 * SigV4 verification for the local REST API: the deployed API uses IAM auth, so the local one refuses unsigned
 * requests too and checks the signature against the local credentials (what `curl --aws-sigv4` and the SDKs send).
 * It re-signs the request over exactly the headers the client listed in SignedHeaders and compares.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';

type Credentials = { accessKeyId: string; secretAccessKey: string };

type SignedRequest = {
  method: string;
  host: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: Buffer;
};

type Verdict = { ok: true } | { ok: false; message: string };

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

/**
 * @example
 * const verdict = await verifySigV4(request, { accessKeyId: 'local', secretAccessKey: 'local' });
 */
const verifySigV4 = async (request: SignedRequest, credentials: Credentials, now = new Date()): Promise<Verdict> => {
  const authorization = request.headers.authorization;
  if (!authorization) return { ok: false, message: 'Missing Authentication Token' };
  const match = AUTHORIZATION.exec(authorization);
  if (!match) return { ok: false, message: 'Authorization header requires SigV4 (AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…)' };
  const [, accessKeyId, , region, service, signedHeaders, signature] = match;
  if (accessKeyId !== credentials.accessKeyId) return { ok: false, message: 'The security token included in the request is invalid.' };
  const signingDate = toDate(request.headers['x-amz-date'] ?? '');
  if (!signingDate) return { ok: false, message: "Authorization requires an X-Amz-Date header in the form 'YYYYMMDD'T'HHMMSS'Z'" };
  if (Math.abs(now.getTime() - signingDate.getTime()) > MAX_SKEW_MS) return { ok: false, message: 'Signature expired' };

  // A declared payload hash must be the body's: otherwise the signature would cover a body that was not sent.
  const declaredHash = request.headers['x-amz-content-sha256'];
  if (declaredHash !== undefined && declaredHash !== 'UNSIGNED-PAYLOAD' && declaredHash !== createHash('sha256').update(request.body).digest('hex')) {
    return { ok: false, message: 'The provided x-amz-content-sha256 header does not match what was computed.' };
  }
  const headers: Record<string, string> = {};
  for (const name of signedHeaders.split(';')) {
    if (name === 'host') headers.host = request.host;
    else if (request.headers[name] !== undefined) headers[name] = request.headers[name];
  }
  const signer = new SignatureV4({ service, region, credentials, sha256: NodeSha256, uriEscapePath: true, applyChecksum: false });
  const signed = await signer.sign(
    { method: request.method, protocol: 'http:', hostname: request.host, path: request.path, query: request.query, headers, body: request.body },
    { signingDate, signingRegion: region, signingService: service },
  );
  const expected = /Signature=([0-9a-f]{64})/.exec(signed.headers.authorization ?? '')?.[1] ?? '';
  const same = expected.length === signature.length && timingSafeEqual(Buffer.from(expected), Buffer.from(signature));
  return same
    ? { ok: true }
    : { ok: false, message: 'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.' };
};

export { NodeSha256, verifySigV4 };
export type { Credentials, SignedRequest, Verdict };
