/**
 * Object metadata in and out of HTTP headers: representation headers, `x-amz-meta-*`, storage class and
 * server-side encryption, read from a write request and echoed on reads as S3 does.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { checksumHeaderName } from './checksums';
import { notImplemented, S3ApiError } from './errors';
import { header } from './request';
import { SseAlgorithms, type ObjectHeaders, type ObjectRecord, type ServerSideEncryption, type SseAlgorithm } from './types';

/** Local stand-in for the 12-digit account that owns everything. */
const LOCAL_ACCOUNT_ID = '000000000000';

/** S3 limits user-defined metadata to 2 KB (names and values, UTF-8). */
const MAX_USER_METADATA_BYTES = 2048;

/** Content type S3 gives an object stored without one. */
const DEFAULT_CONTENT_TYPE = 'binary/octet-stream';

const STORAGE_CLASSES: ReadonlySet<string> = new Set([
  'STANDARD',
  'REDUCED_REDUNDANCY',
  'STANDARD_IA',
  'ONEZONE_IA',
  'INTELLIGENT_TIERING',
  'GLACIER',
  'DEEP_ARCHIVE',
  'GLACIER_IR',
  'OUTPOSTS',
  'SNOW',
  'EXPRESS_ONEZONE',
]);

/** Canned ACLs that mean "owner only", which S3 accepts even when ACLs are disabled (BucketOwnerEnforced). */
const OWNER_ONLY_ACLS: ReadonlySet<string> = new Set(['private', 'bucket-owner-full-control']);

type RequestLike = { headers: IncomingHttpHeaders };

/** Rejects write headers that ask for features the emulator does not have, rather than silently ignoring them. */
const assertSupportedWriteHeaders = (request: RequestLike): void => {
  if (header(request, 'x-amz-tagging') !== undefined) throw notImplemented('object tagging (x-amz-tagging)');
  for (const name of ['x-amz-object-lock-mode', 'x-amz-object-lock-retain-until-date', 'x-amz-object-lock-legal-hold']) {
    if (header(request, name) !== undefined) throw notImplemented(`S3 Object Lock (${name})`);
  }
  if (header(request, 'x-amz-server-side-encryption-customer-algorithm') !== undefined) {
    throw notImplemented('server-side encryption with customer-provided keys (SSE-C)');
  }
  for (const name of ['x-amz-grant-full-control', 'x-amz-grant-read', 'x-amz-grant-read-acp', 'x-amz-grant-write-acp']) {
    if (header(request, name) !== undefined) throw new S3ApiError('AccessControlListNotSupported', {});
  }
  const acl = header(request, 'x-amz-acl');
  // Buckets created since April 2023 have ACLs disabled; S3 then rejects any ACL that grants others access.
  if (acl !== undefined && !OWNER_ONLY_ACLS.has(acl)) throw new S3ApiError('AccessControlListNotSupported', {});
};

/** Representation headers to store; the `aws-chunked` transfer coding is not part of the object's encoding. */
const parseObjectHeaders = (request: RequestLike): ObjectHeaders => {
  const encoding = (header(request, 'content-encoding') ?? '')
    .split(',')
    .map((token) => token.trim())
    .filter((token) => token !== '' && token.toLowerCase() !== 'aws-chunked')
    .join(', ');
  return {
    contentType: header(request, 'content-type'),
    contentEncoding: encoding === '' ? undefined : encoding,
    contentDisposition: header(request, 'content-disposition'),
    contentLanguage: header(request, 'content-language'),
    cacheControl: header(request, 'cache-control'),
    expires: header(request, 'expires'),
    websiteRedirectLocation: header(request, 'x-amz-website-redirect-location'),
  };
};

/** `x-amz-meta-*` headers, prefix removed; MetadataTooLarge past 2 KB as in S3. */
const parseUserMetadata = (request: RequestLike): Record<string, string> => {
  const metadata: Record<string, string> = {};
  let bytes = 0;
  for (const [name, value] of Object.entries(request.headers)) {
    if (!name.startsWith('x-amz-meta-') || value === undefined) continue;
    const text = Array.isArray(value) ? value.join(',') : value;
    const key = name.slice('x-amz-meta-'.length);
    metadata[key] = text;
    bytes += Buffer.byteLength(key) + Buffer.byteLength(text);
  }
  if (bytes > MAX_USER_METADATA_BYTES) throw new S3ApiError('MetadataTooLarge', { Size: bytes, MaxSizeAllowed: MAX_USER_METADATA_BYTES });
  return metadata;
};

/** `x-amz-storage-class`, STANDARD when absent. */
const parseStorageClass = (request: RequestLike): string => {
  const value = header(request, 'x-amz-storage-class') ?? 'STANDARD';
  if (!STORAGE_CLASSES.has(value)) throw new S3ApiError('InvalidStorageClass', { StorageClassRequested: value });
  return value;
};

/**
 * Server-side encryption as requested. Without a header S3 applies the bucket default, which for a bucket with no
 * encryption configuration has been SSE-S3 (AES256) since January 2023; `aws:kms` without a key id means the
 * AWS managed key `aws/s3`.
 *
 * @example
 * parseSse({ headers: { 'x-amz-server-side-encryption': 'aws:kms', 'x-amz-server-side-encryption-aws-kms-key-id': 'alias/app/customer/c1' } }, 'us-east-1');
 */
const parseSse = (request: RequestLike, region: string): ServerSideEncryption => {
  const algorithm = header(request, 'x-amz-server-side-encryption');
  const keyId = header(request, 'x-amz-server-side-encryption-aws-kms-key-id');
  const context = header(request, 'x-amz-server-side-encryption-context');
  const bucketKey = header(request, 'x-amz-server-side-encryption-bucket-key-enabled');
  if (algorithm === undefined) {
    if (keyId !== undefined || context !== undefined) {
      throw new S3ApiError(
        'InvalidArgument',
        { ArgumentName: 'x-amz-server-side-encryption', ArgumentValue: 'null' },
        'Server Side Encryption with AWS KMS managed key requires HTTP header x-amz-server-side-encryption : aws:kms',
      );
    }
    return { algorithm: SseAlgorithms.AES256 };
  }
  if (!(Object.values(SseAlgorithms) as string[]).includes(algorithm)) {
    throw new S3ApiError(
      'InvalidArgument',
      { ArgumentName: 'x-amz-server-side-encryption', ArgumentValue: algorithm },
      'The encryption method specified is not supported',
    );
  }
  const sse: ServerSideEncryption = { algorithm: algorithm as SseAlgorithm };
  if (sse.algorithm === SseAlgorithms.AES256) {
    if (keyId !== undefined || context !== undefined) {
      throw new S3ApiError(
        'InvalidArgument',
        { ArgumentName: 'x-amz-server-side-encryption', ArgumentValue: algorithm },
        'Server Side Encryption with AWS KMS managed key requires HTTP header x-amz-server-side-encryption : aws:kms',
      );
    }
    return sse;
  }
  if (keyId !== undefined && keyId.trim() === '') {
    throw new S3ApiError('InvalidArgument', { ArgumentName: 'x-amz-server-side-encryption-aws-kms-key-id', ArgumentValue: keyId }, 'KMS key id must not be empty');
  }
  sse.kmsKeyId = keyId ?? `arn:aws:kms:${region}:${LOCAL_ACCOUNT_ID}:alias/aws/s3`;
  if (context !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(Buffer.from(context, 'base64').toString('utf8'));
    } catch {
      parsed = undefined;
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new S3ApiError(
        'InvalidArgument',
        { ArgumentName: 'x-amz-server-side-encryption-context', ArgumentValue: context },
        'The encryption context must be base64-encoded UTF-8 JSON holding an object of string pairs',
      );
    }
    sse.context = context;
  }
  if (bucketKey !== undefined) sse.bucketKeyEnabled = bucketKey.toLowerCase() === 'true';
  return sse;
};

/** The SSE response headers S3 echoes after a write and on reads. */
const sseResponseHeaders = (sse: ServerSideEncryption): Record<string, string> => {
  const out: Record<string, string> = { 'x-amz-server-side-encryption': sse.algorithm };
  if (sse.kmsKeyId !== undefined) out['x-amz-server-side-encryption-aws-kms-key-id'] = sse.kmsKeyId;
  if (sse.context !== undefined) out['x-amz-server-side-encryption-context'] = sse.context;
  if (sse.bucketKeyEnabled) out['x-amz-server-side-encryption-bucket-key-enabled'] = 'true';
  return out;
};

/** HTTP date with second precision, as in Last-Modified. */
const httpDate = (iso: string): string => new Date(iso).toUTCString();

/**
 * Headers of GetObject/HeadObject for a stored object (not Content-Length/Content-Range, which depend on range).
 * Checksum headers only when the client asked with `x-amz-checksum-mode: ENABLED` and reads the whole object.
 */
const objectResponseHeaders = (record: ObjectRecord, options: { includeChecksum: boolean }): Record<string, string> => {
  const out: Record<string, string> = {
    'Content-Type': record.headers.contentType ?? DEFAULT_CONTENT_TYPE,
    ETag: `"${record.etag}"`,
    'Last-Modified': httpDate(record.lastModified),
    'Accept-Ranges': 'bytes',
    ...sseResponseHeaders(record.sse),
  };
  if (record.headers.contentEncoding) out['Content-Encoding'] = record.headers.contentEncoding;
  if (record.headers.contentDisposition) out['Content-Disposition'] = record.headers.contentDisposition;
  if (record.headers.contentLanguage) out['Content-Language'] = record.headers.contentLanguage;
  if (record.headers.cacheControl) out['Cache-Control'] = record.headers.cacheControl;
  if (record.headers.expires) out.Expires = record.headers.expires;
  if (record.headers.websiteRedirectLocation) out['x-amz-website-redirect-location'] = record.headers.websiteRedirectLocation;
  if (record.storageClass !== 'STANDARD') out['x-amz-storage-class'] = record.storageClass;
  if (record.versionId !== undefined) out['x-amz-version-id'] = record.versionId;
  for (const [name, value] of Object.entries(record.userMetadata)) out[`x-amz-meta-${name}`] = value;
  if (options.includeChecksum && record.checksum) {
    out[checksumHeaderName(record.checksum.algorithm)] = record.checksum.value;
    out['x-amz-checksum-type'] = record.checksum.type;
  }
  return out;
};

/** `response-*` query parameters of GetObject that override response headers (used with presigned URLs). */
const RESPONSE_OVERRIDES: ReadonlyArray<readonly [string, string]> = [
  ['response-content-type', 'Content-Type'],
  ['response-content-language', 'Content-Language'],
  ['response-expires', 'Expires'],
  ['response-cache-control', 'Cache-Control'],
  ['response-content-disposition', 'Content-Disposition'],
  ['response-content-encoding', 'Content-Encoding'],
];

export {
  assertSupportedWriteHeaders,
  DEFAULT_CONTENT_TYPE,
  httpDate,
  LOCAL_ACCOUNT_ID,
  objectResponseHeaders,
  parseObjectHeaders,
  parseSse,
  parseStorageClass,
  parseUserMetadata,
  RESPONSE_OVERRIDES,
  sseResponseHeaders,
};
