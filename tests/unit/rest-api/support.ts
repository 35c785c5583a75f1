/** Requests signed as the SDKs and `curl --aws-sigv4` sign them for an IAM-authorised API (service execute-api). */
import { SignatureV4 } from '@smithy/signature-v4';
import { NodeSha256 } from '../../../local/iam/sigv4';
import type { SignedRequest, VerifyOptions } from '../../../local/iam/sigv4';

const CREDENTIALS = { accessKeyId: 'AKIATESTKEY000000001', secretAccessKey: 'test-secret' } as const;

/** The verifier's view: one issued key, in us-east-1. */
const VERIFY: VerifyOptions = { secretOf: (accessKeyId) => (accessKeyId === CREDENTIALS.accessKeyId ? CREDENTIALS.secretAccessKey : undefined), region: 'us-east-1' };

type SignOptions = {
  credentials?: { accessKeyId: string; secretAccessKey: string };
  signingDate?: Date;
  region?: string;
  service?: string;
  headers?: Record<string, string>;
  /** Send the payload hash as x-amz-content-sha256 (the SDK default). @default true */
  applyChecksum?: boolean;
};

/**
 * Signs a request to `http://<host><path>?<query>` and returns it in the shape verifySigV4() takes (lower-case
 * header names, as node:http hands them over).
 *
 * @example
 * const request = await signRequest('POST', '127.0.0.1:3000', '/dev/customers/acme/uploads', '{"fileName":"a.zip"}');
 */
const signRequest = async (method: string, host: string, path: string, body = '', query: Record<string, string> = {}, options: SignOptions = {}): Promise<SignedRequest> => {
  const signer = new SignatureV4({
    service: options.service ?? 'execute-api',
    region: options.region ?? 'us-east-1',
    credentials: options.credentials ?? CREDENTIALS,
    sha256: NodeSha256,
    applyChecksum: options.applyChecksum ?? true,
  });
  const [hostname, port] = host.split(':');
  const signed = await signer.sign(
    {
      method,
      protocol: 'http:',
      hostname,
      port: port ? Number(port) : undefined,
      path,
      query,
      headers: { host, ...(body ? { 'content-type': 'application/json' } : {}), ...options.headers },
      body,
    },
    options.signingDate ? { signingDate: options.signingDate } : {},
  );
  const headers = Object.fromEntries(Object.entries(signed.headers).map(([name, value]) => [name.toLowerCase(), String(value)]));
  return { method, host, path, query, headers, body: Buffer.from(body) };
};

/**
 * Sends a signed request to the local REST API with fetch, as a customer's tooling would.
 *
 * @example
 * const { status, json } = await signedFetch(api.url, 'POST', '/customers/acme/analyses', { source });
 */
const signedFetch = async (
  baseUrl: string,
  method: string,
  path: string,
  body?: unknown,
  options: SignOptions & { tamper?: (request: SignedRequest) => SignedRequest } = {},
): Promise<{ status: number; json: any; headers: Headers }> => {
  const url = new URL(`${baseUrl}${path}`);
  const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
  let request = await signRequest(method, url.host, url.pathname, text, Object.fromEntries(url.searchParams), options);
  if (options.tamper) request = options.tamper(request);
  const { host: _host, ...headers } = request.headers;
  const response = await fetch(url, { method, headers, body: request.body.length > 0 ? request.body : undefined });
  const answer = await response.text();
  let json: unknown = answer;
  try {
    json = JSON.parse(answer);
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, json, headers: response.headers };
};

export { CREDENTIALS, VERIFY, signedFetch, signRequest };
