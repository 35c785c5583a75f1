/**
 * The local S3-compatible server: node:http on loopback, objects on disk under the data directory.
 * Without an authority, any credentials are accepted and signatures are not checked (the emulator is loopback-only);
 * presigned URLs still expire. With one (the local runtime), presigned URLs are verified as S3 verifies them
 * (signature over the signed headers, a signed Content-Length included; expiry; known keys), and role sessions are
 * verified and held to their role's policies (auth.ts).
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { openDataDir } from '../dataDir';
import { assertLoopback, DEFAULT_HOST } from '../net/ports';
import { emulatorHandle, listenTracked } from '../net/server';
import type { FaultGate, InjectedFault } from '../../faults';
import type { EmulatorHandle, EmulatorOptions } from '../types';
import { authorizeS3, type S3Authority } from './auth';
import type { S3Context, S3Response } from './context';
import { S3ApiError } from './errors';
import { parseS3Request, type S3Request } from './request';
import { resolveRoute } from './router';
import { ObjectStore } from './store';
import { text, xmlDocument } from './xml';

/** Fixed default port, so `AWS_ENDPOINT_URL_S3=http://127.0.0.1:4568` can be written down once. */
const DEFAULT_S3_PORT = 4568;

/** An unread request body larger than this is not drained before an error answer: the connection is closed instead. */
const MAX_DRAIN_BYTES = 64 * 1024 * 1024;

/** One served request, for a reporter; never carries bodies or headers. */
type S3RequestLogEntry = {
  method: string;
  operation: string;
  bucket?: string;
  key?: string;
  status: number;
  /** S3 error code when the answer was an error. */
  errorCode?: string;
  durationMs: number;
};

/** Options of {@link startS3Server}. */
type S3ServerOptions = EmulatorOptions & {
  /**
   * Region reported for buckets and used in default KMS key ARNs.
   * @default 'us-east-1'
   */
  region?: string;
  /** Called after each request (for a verbose reporter); receives no bodies. */
  onRequest?: (entry: S3RequestLogEntry) => void;
  /** The local fault switch: asked before each request is served; a fault is answered as S3 answers it. */
  faults?: FaultGate;
  /** Keys and role sessions the runtime knows: presigned URLs and role sessions are then verified and authorised. */
  authority?: S3Authority;
};

/** How S3 answers each injected fault. */
const S3_FAULTS: Record<InjectedFault, () => S3ApiError> = {
  throttle: () => new S3ApiError('SlowDown', {}, 'Please reduce your request rate. (injected by LOCAL_FAULTS)'),
  error: () => new S3ApiError('InternalError', {}, 'We encountered an internal error. Please try again. (injected by LOCAL_FAULTS)'),
  permanent: () => new S3ApiError('AccessDenied', {}, 'Access Denied (injected by LOCAL_FAULTS)'),
  timeout: () => new S3ApiError('InternalError', {}, 'We encountered an internal error. Please try again. (injected by LOCAL_FAULTS)'),
};

/** What makes two requests the same one (a retry): method, object and query, not the signature or its date. */
const fingerprintOf = (request: S3Request): string => {
  const query = [...request.query].filter(([name]) => !name.toLowerCase().startsWith('x-amz-')).sort(([a], [b]) => a.localeCompare(b));
  return `${request.method} ${request.bucket ?? ''}/${request.key ?? ''}?${new URLSearchParams(query).toString()}`;
};

/** Rejects a presigned URL past its `X-Amz-Date` + `X-Amz-Expires`, as S3 does (signature itself unchecked). */
const assertPresignNotExpired = (request: S3Request): void => {
  const date = request.query.get('X-Amz-Date');
  const expires = request.query.get('X-Amz-Expires');
  if (date === null || expires === null) return;
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(date);
  if (!match) throw new S3ApiError('AccessDenied', { 'X-Amz-Date': date }, 'X-Amz-Date must be in the ISO8601 Long Format "yyyyMMdd\'T\'HHmmss\'Z\'"');
  const signedAt = Date.UTC(+match[1], +match[2] - 1, +match[3], +match[4], +match[5], +match[6]);
  const expiresAt = signedAt + Number(expires) * 1000;
  if (!Number.isFinite(expiresAt) || Date.now() > expiresAt) {
    throw new S3ApiError(
      'AccessDenied',
      { 'X-Amz-Expires': expires, Expires: new Date(expiresAt).toISOString(), ServerTime: new Date().toISOString() },
      'Request has expired',
    );
  }
};

/** Reads and drops what is left of a request body, so the answer can be read and the socket reused. */
const finishReading = async (request: IncomingMessage): Promise<boolean> => {
  if (request.complete) return true;
  const declared = Number(request.headers['x-amz-decoded-content-length'] ?? request.headers['content-length'] ?? 0);
  if (declared > MAX_DRAIN_BYTES) return false;
  await new Promise<void>((resolve) => {
    request.once('end', resolve);
    request.once('close', resolve);
    request.once('error', () => resolve());
    request.resume();
  });
  return true;
};

const errorResponse = (error: unknown, request: S3Request | undefined, requestId: string): S3Response & { code: string } => {
  const s3Error =
    error instanceof S3ApiError
      ? error
      : new S3ApiError('InternalError', {}, `Local S3 emulator failure: ${(error as Error)?.message ?? String(error)}`, { cause: error });
  const details = Object.entries(s3Error.details)
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => text(name, value));
  const resource = request?.bucket === undefined ? [] : [text(request.key === undefined ? 'BucketName' : 'Key', request.key ?? request.bucket)];
  const body = xmlDocument('Error', [
    text('Code', s3Error.code),
    text('Message', s3Error.message),
    ...(s3Error.details.Key === undefined && s3Error.details.BucketName === undefined ? resource : []),
    ...details,
    text('RequestId', requestId),
  ]).replace(/ xmlns="[^"]*"/, '');
  return { status: s3Error.statusCode, headers: { 'Content-Type': 'application/xml' }, body, code: s3Error.code };
};

const send = async (response: ServerResponse, answer: S3Response, withBody: boolean): Promise<void> => {
  const headers: Record<string, string | number> = { ...answer.headers };
  const body = answer.body;
  if (typeof body === 'string' || Buffer.isBuffer(body)) {
    headers['Content-Length'] = Buffer.byteLength(body);
  } else if (body === undefined && headers['Content-Length'] === undefined) {
    headers['Content-Length'] = 0;
  }
  response.writeHead(answer.status, headers);
  if (!withBody || body === undefined) {
    if (body instanceof Readable) body.destroy();
    response.end();
    return;
  }
  if (body instanceof Readable) {
    // A client that hangs up mid-download is not an error of ours; pipeline closes the file either way.
    await pipeline(body, response).catch(() => undefined);
    return;
  }
  response.end(body);
};

/**
 * Starts the local S3-compatible server.
 *
 * @example
 * const s3 = await startS3Server({ dataDir: '.local/s3' });
 * process.env.AWS_ENDPOINT_URL_S3 = s3.endpoint;
 * // … new S3Client({}) now talks to it
 * await s3.stop();
 */
const startS3Server = async (options: S3ServerOptions): Promise<EmulatorHandle> => {
  const host = options.host ?? DEFAULT_HOST;
  assertLoopback(host);
  const dataDir = await openDataDir(options.dataDir, { fresh: options.fresh });
  const store = new ObjectStore(dataDir.path);
  const context: S3Context = { store, region: options.region ?? 'us-east-1' };

  const handle = async (raw: IncomingMessage, response: ServerResponse): Promise<void> => {
    const started = performance.now();
    const requestId = randomBytes(8).toString('hex').toUpperCase();
    response.setHeader('x-amz-request-id', requestId);
    response.setHeader('x-amz-id-2', randomBytes(24).toString('base64'));
    response.setHeader('Server', 'LocalS3');
    let request: S3Request | undefined;
    let operation = 'Unknown';
    let answer: S3Response;
    let errorCode: string | undefined;
    try {
      request = parseS3Request(raw);
      if (!options.authority) assertPresignNotExpired(request);
      const route = resolveRoute(request);
      operation = route.name;
      if (options.authority) await authorizeS3(request, operation, options.authority);
      const fault = await options.faults?.({ operation, resource: request.key ?? request.bucket, fingerprint: fingerprintOf(request) });
      if (fault) throw S3_FAULTS[fault]();
      answer = await route.operation(context, request);
    } catch (error) {
      const failure = errorResponse(error, request, requestId);
      errorCode = failure.code;
      answer = failure;
      if (!(await finishReading(raw))) response.setHeader('Connection', 'close');
    }
    if (!raw.complete) await finishReading(raw);
    await send(response, answer, raw.method !== 'HEAD');
    options.onRequest?.({
      method: raw.method ?? 'GET',
      operation,
      bucket: request?.bucket,
      key: request?.key,
      status: answer.status,
      errorCode,
      durationMs: performance.now() - started,
    });
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      // Only reachable if writing the answer itself failed (socket gone); nothing left to tell the client.
      if (!response.headersSent) response.writeHead(500).end();
      else response.destroy(error as Error);
    });
  });
  try {
    await store.init();
    const bound = await listenTracked(server, { port: options.port ?? DEFAULT_S3_PORT, host, shutdownGraceMs: options.shutdownGraceMs });
    return emulatorHandle(bound, () => dataDir.release());
  } catch (error) {
    await dataDir.release();
    throw error;
  }
};

export { DEFAULT_S3_PORT, startS3Server };
export type { S3RequestLogEntry, S3ServerOptions };
