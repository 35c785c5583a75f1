/**
 * Turning an HTTP request into an S3 request: bucket and key from path-style (`/bucket/key`) or virtual-host
 * style (`bucket.localhost:port/key`) addressing, the query, and header accessors.
 */
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { S3ApiError } from './errors';

/** A parsed S3 request. */
type S3Request = {
  readonly raw: IncomingMessage;
  readonly method: string;
  /** Absent for service-level requests (ListBuckets). */
  readonly bucket?: string;
  /** Absent for bucket-level requests; may be any string, including `a//b` or `../x`. */
  readonly key?: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  /** `http://host:port` as the client addressed us, for `Location` values. */
  readonly origin: string;
};

/** Longest key S3 accepts, in UTF-8 bytes. */
const MAX_KEY_BYTES = 1024;

/** One header value (the first, when repeated). */
const header = (request: { headers: IncomingHttpHeaders }, name: string): string | undefined => {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/** Decodes a percent-encoded path segment; S3 treats `+` in a path literally, as decodeURIComponent does. */
const decodePath = (value: string): string => {
  try {
    return decodeURIComponent(value);
  } catch (error) {
    throw new S3ApiError('InvalidArgument', { ArgumentName: 'path', ArgumentValue: value }, 'The request path is not valid percent-encoding.', {
      cause: error,
    });
  }
};

/**
 * Bucket from a virtual-host style Host header: `<bucket>.localhost[:port]`. IP hosts and bare `localhost` are
 * path-style, which is what the SDK picks for an IP endpoint such as the emulator's default `http://127.0.0.1:4568`.
 */
const bucketFromHost = (host: string | undefined): string | undefined => {
  if (!host) return undefined;
  const hostname = host.startsWith('[') ? host : host.replace(/:\d+$/, '');
  const suffix = '.localhost';
  if (!hostname.endsWith(suffix)) return undefined;
  const bucket = hostname.slice(0, -suffix.length);
  return bucket.endsWith('.s3') ? bucket.slice(0, -3) : bucket;
};

/** SigV4 query-auth parameters themselves; every other `x-amz-*` parameter is a hoisted header. */
const QUERY_AUTH_PARAMETERS: ReadonlySet<string> = new Set([
  'x-amz-algorithm',
  'x-amz-credential',
  'x-amz-date',
  'x-amz-expires',
  'x-amz-signedheaders',
  'x-amz-signature',
  'x-amz-security-token',
  'x-amz-content-sha256',
]);

/**
 * A presigned URL carries the `x-amz-*` headers it was signed with as query parameters (the SDK hoists them),
 * and S3 honours them as headers: notably `x-amz-checksum-crc32`, which the SDK (since 3.729) fills with the
 * CRC32 of the empty body when presigning a PutObject, so an upload of real content fails with BadDigest unless
 * the presigning client sets `requestChecksumCalculation: 'WHEN_REQUIRED'`.
 */
const mergeHoistedHeaders = (raw: IncomingMessage, query: URLSearchParams): void => {
  if (!query.has('X-Amz-Signature')) return;
  for (const [name, value] of query) {
    const lower = name.toLowerCase();
    if (!lower.startsWith('x-amz-') || QUERY_AUTH_PARAMETERS.has(lower) || raw.headers[lower] !== undefined) continue;
    raw.headers[lower] = value;
  }
};

/**
 * Parses method, bucket, key and query of an incoming request; merges headers hoisted into a presigned URL.
 *
 * @example
 * parseS3Request(req); // PUT /data/units/c1/ab%2Bc → { bucket: 'data', key: 'units/c1/ab+c' }
 */
const parseS3Request = (raw: IncomingMessage): S3Request => {
  const target = raw.url ?? '/';
  const questionMark = target.indexOf('?');
  const rawPath = questionMark === -1 ? target : target.slice(0, questionMark);
  const query = new URLSearchParams(questionMark === -1 ? '' : target.slice(questionMark + 1));
  mergeHoistedHeaders(raw, query);
  const host = header(raw, 'host');
  const origin = `http://${host ?? 'localhost'}`;
  const hostBucket = bucketFromHost(host);
  let bucket: string | undefined;
  let key: string | undefined;
  const path = rawPath.startsWith('/') ? rawPath.slice(1) : rawPath;
  if (hostBucket !== undefined) {
    bucket = hostBucket;
    key = path === '' ? undefined : decodePath(path);
  } else if (path !== '') {
    const slash = path.indexOf('/');
    bucket = decodePath(slash === -1 ? path : path.slice(0, slash));
    const rest = slash === -1 ? '' : path.slice(slash + 1);
    key = rest === '' ? undefined : decodePath(rest);
  }
  if (key !== undefined && Buffer.byteLength(key, 'utf8') > MAX_KEY_BYTES) {
    throw new S3ApiError('KeyTooLongError', { Size: Buffer.byteLength(key, 'utf8'), MaxSizeAllowed: MAX_KEY_BYTES });
  }
  return { raw, method: (raw.method ?? 'GET').toUpperCase(), bucket, key, query, headers: raw.headers, origin };
};

/**
 * Validates a bucket name against the S3 naming rules for general purpose buckets.
 *
 * @example
 * assertValidBucketName('My_Bucket'); // throws InvalidBucketName
 */
const assertValidBucketName = (name: string): void => {
  const problem =
    name.length < 3 || name.length > 63
      ? 'must be between 3 and 63 characters long'
      : !/^[a-z0-9][a-z0-9.-]*[a-z0-9]$/.test(name)
        ? 'may hold only lower-case letters, digits, dots and hyphens, and must begin and end with a letter or digit'
        : name.includes('..')
          ? 'must not hold two adjacent dots'
          : /^\d+\.\d+\.\d+\.\d+$/.test(name)
            ? 'must not be formatted as an IP address'
            : /^(xn--|sthree-|amzn-s3-demo-)/.test(name) || /(-s3alias|--ol-s3|\.mrap|--x-s3)$/.test(name)
              ? 'uses a reserved prefix or suffix'
              : undefined;
  if (problem) throw new S3ApiError('InvalidBucketName', { BucketName: name }, `The specified bucket is not valid: '${name}' ${problem}.`);
};

export { assertValidBucketName, header, MAX_KEY_BYTES, parseS3Request };
export type { S3Request };
