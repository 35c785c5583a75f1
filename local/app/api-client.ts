/**
 * A SigV4-signing client for the REST API, as a customer's tooling would call the deployed API (IAM auth):
 * the local CLI uses the same front door as a user.
 */
import { SignatureV4 } from '@smithy/signature-v4';
import { NodeSha256 } from '../iam/sigv4';

type ApiAnswer<T> = { status: number; body: T };

type ApiClientOptions = {
  /** The API's base URL including the stage, e.g. `http://127.0.0.1:3000/dev`. */
  baseUrl: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
};

/**
 * @example
 * const api = createApiClient({ baseUrl, region: 'us-east-1', credentials });
 * const { status, body } = await api.request('POST', '/customers/demo/uploads', { fileName: 'src.tar.gz' });
 */
const createApiClient = (options: ApiClientOptions) => {
  const signer = new SignatureV4({ service: 'execute-api', region: options.region, credentials: options.credentials, sha256: NodeSha256 });
  const base = new URL(options.baseUrl);
  const request = async <T>(method: string, path: string, body?: unknown): Promise<ApiAnswer<T>> => {
    const url = new URL(`${base.pathname.replace(/\/$/, '')}${path}`, base);
    const payload = body === undefined ? '' : JSON.stringify(body);
    const signed = await signer.sign({
      method,
      protocol: url.protocol,
      hostname: url.hostname,
      port: url.port ? Number(url.port) : undefined,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: { host: url.host, ...(payload ? { 'content-type': 'application/json' } : {}) },
      body: payload,
    });
    const response = await fetch(url, { method, headers: signed.headers as Record<string, string>, body: payload || undefined });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, body: parsed as T };
  };
  return { request };
};

type ApiClient = ReturnType<typeof createApiClient>;

export { createApiClient };
export type { ApiAnswer, ApiClient, ApiClientOptions };
