/** ListObjectsV2 and ListObjects (v1): prefix, delimiter, paging, `encoding-type=url`. */
import { xmlResponse, type S3Context, type S3Response } from '../context';
import { S3ApiError } from '../errors';
import type { S3Request } from '../request';
import type { ListPage } from '../store';
import type { ObjectRecord } from '../types';
import { node, text, xmlDocument } from '../xml';
import { OWNER_XML } from './bucket';

/** ListObjects returns at most 1,000 entries per page, whatever max-keys asks for. */
const MAX_KEYS_LIMIT = 1000;

/** `encoding-type=url` encodes like a query component but keeps `/` (botocore decodes with unquote_plus). */
const urlEncode = (value: string): string => encodeURIComponent(value).replace(/%2F/g, '/');

const parseMaxKeys = (request: S3Request): number => {
  const raw = request.query.get('max-keys');
  if (raw === null) return MAX_KEYS_LIMIT;
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(Number(raw))) {
    throw new S3ApiError('InvalidArgument', { ArgumentName: 'max-keys', ArgumentValue: raw }, 'Provided max-keys not an integer or within integer range');
  }
  return Math.min(Number(raw), MAX_KEYS_LIMIT);
};

const parseEncodingType = (request: S3Request): ((value: string) => string) => {
  const raw = request.query.get('encoding-type');
  if (raw === null) return (value) => value;
  if (raw !== 'url') throw new S3ApiError('InvalidArgument', { ArgumentName: 'encoding-type', ArgumentValue: raw }, 'Invalid Encoding Method specified in Request');
  return urlEncode;
};

/** The continuation token is opaque to clients; ours carries where the previous page stopped. */
const encodeToken = (next: { after: string; isPrefix: boolean }): string =>
  Buffer.from(JSON.stringify({ a: next.after, p: next.isPrefix }), 'utf8').toString('base64url');

const decodeToken = (token: string): { after: string; isPrefix: boolean } => {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { a?: unknown; p?: unknown };
    if (typeof parsed.a === 'string' && typeof parsed.p === 'boolean') return { after: parsed.a, isPrefix: parsed.p };
  } catch {
    // fall through to the S3 error
  }
  throw new S3ApiError('InvalidArgument', { ArgumentName: 'continuation-token', ArgumentValue: token }, 'The continuation token provided is incorrect');
};

const contentsXml = (record: ObjectRecord, encode: (value: string) => string, withOwner: boolean): string =>
  node('Contents', [
    text('Key', encode(record.key)),
    text('LastModified', record.lastModified),
    text('ETag', `"${record.etag}"`),
    record.checksum ? text('ChecksumAlgorithm', record.checksum.algorithm) : '',
    record.checksum ? text('ChecksumType', record.checksum.type) : '',
    text('Size', record.size),
    withOwner ? OWNER_XML : '',
    text('StorageClass', record.storageClass),
  ]);

const pageXml = (page: ListPage, encode: (value: string) => string, withOwner: boolean): string[] => [
  ...page.contents.map((record) => contentsXml(record, encode, withOwner)),
  ...page.commonPrefixes.map((prefix) => node('CommonPrefixes', [text('Prefix', encode(prefix))])),
];

const listObjectsV2 = async (context: S3Context, request: S3Request): Promise<S3Response> => {
  const bucket = request.bucket as string;
  const { query } = request;
  const prefix = query.get('prefix') ?? '';
  const delimiter = query.get('delimiter') || undefined;
  const maxKeys = parseMaxKeys(request);
  const encode = parseEncodingType(request);
  const continuationToken = query.get('continuation-token') ?? undefined;
  const startAfter = query.get('start-after') ?? undefined;
  const resume = continuationToken !== undefined ? decodeToken(continuationToken) : undefined;
  const page =
    maxKeys === 0
      ? ({ contents: [], commonPrefixes: [], isTruncated: false } satisfies ListPage)
      : await context.store.list(bucket, {
          prefix,
          delimiter,
          maxKeys,
          after: resume?.after ?? startAfter,
          afterIsPrefix: resume?.isPrefix ?? false,
        });
  return xmlResponse(
    xmlDocument('ListBucketResult', [
      text('Name', bucket),
      text('Prefix', encode(prefix)),
      delimiter !== undefined ? text('Delimiter', encode(delimiter)) : '',
      text('MaxKeys', maxKeys),
      query.has('encoding-type') ? text('EncodingType', 'url') : '',
      text('KeyCount', page.contents.length + page.commonPrefixes.length),
      text('IsTruncated', page.isTruncated),
      text('ContinuationToken', continuationToken),
      page.isTruncated && page.next ? text('NextContinuationToken', encodeToken(page.next)) : '',
      startAfter !== undefined ? text('StartAfter', encode(startAfter)) : '',
      ...pageXml(page, encode, query.get('fetch-owner') === 'true'),
    ]),
  );
};

const listObjectsV1 = async (context: S3Context, request: S3Request): Promise<S3Response> => {
  const bucket = request.bucket as string;
  const { query } = request;
  const prefix = query.get('prefix') ?? '';
  const delimiter = query.get('delimiter') || undefined;
  const maxKeys = parseMaxKeys(request);
  const encode = parseEncodingType(request);
  const marker = query.get('marker') ?? undefined;
  // v1 clients resume from NextMarker, which is a common prefix when the last entry was rolled up.
  const markerIsPrefix = marker !== undefined && delimiter !== undefined && marker.startsWith(prefix) && marker.endsWith(delimiter);
  const page =
    maxKeys === 0
      ? ({ contents: [], commonPrefixes: [], isTruncated: false } satisfies ListPage)
      : await context.store.list(bucket, { prefix, delimiter, maxKeys, after: marker, afterIsPrefix: markerIsPrefix });
  return xmlResponse(
    xmlDocument('ListBucketResult', [
      text('Name', bucket),
      text('Prefix', encode(prefix)),
      text('Marker', encode(marker ?? '')),
      // S3 returns NextMarker only when a delimiter was given; otherwise clients use the last key.
      page.isTruncated && page.next && delimiter !== undefined ? text('NextMarker', encode(page.next.after)) : '',
      text('MaxKeys', maxKeys),
      delimiter !== undefined ? text('Delimiter', encode(delimiter)) : '',
      query.has('encoding-type') ? text('EncodingType', 'url') : '',
      text('IsTruncated', page.isTruncated),
      ...pageXml(page, encode, true),
    ]),
  );
};

export { listObjectsV1, listObjectsV2 };
