/** Object operations: PutObject, GetObject, HeadObject, DeleteObject, DeleteObjects, CopyObject. */
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { open, rm, type FileHandle } from 'node:fs/promises';
import { PassThrough } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { receiveBodyToBuffer, receiveBodyToFile } from '../body';
import {
  checksumElementName,
  checksumHeaderName,
  ChecksumTypes,
  createChecksumHasher,
  nodeHasher,
  parseChecksumAlgorithm,
  type ChecksumAlgorithm,
} from '../checksums';
import { assertCopySourceConditions, evaluateReadConditions, readConditions, ReadOutcomes, writeCondition } from '../conditions';
import { xmlResponse, type S3Context, type S3Response } from '../context';
import { notImplemented, S3ApiError } from '../errors';
import {
  assertSupportedWriteHeaders,
  httpDate,
  objectResponseHeaders,
  parseObjectHeaders,
  parseSse,
  parseStorageClass,
  parseUserMetadata,
  RESPONSE_OVERRIDES,
  sseResponseHeaders,
} from '../headers';
import { parseRange } from '../range';
import { header, MAX_KEY_BYTES, type S3Request } from '../request';
import type { BucketRecord, ObjectRecord } from '../types';
import { childElements, childText, node, parseXmlBody, text, xmlDocument } from '../xml';
import { MAX_XML_BODY } from './bucket';

/** Largest single PutObject / CopyObject / UploadPart: 5 GiB. */
const MAX_SINGLE_UPLOAD = 5 * 1024 ** 3;
/** DeleteObjects takes at most 1,000 keys. */
const MAX_DELETE_KEYS = 1000;

const bucketOf = (request: S3Request): string => request.bucket as string;
const keyOf = (request: S3Request): string => request.key as string;

/** A version id for a new write: generated when versioning is Enabled, `null` when Suspended. */
const newVersionId = (bucket: BucketRecord): string | undefined => {
  if (bucket.versioning === 'Enabled') return randomBytes(24).toString('base64url');
  if (bucket.versioning === 'Suspended') return 'null';
  return undefined;
};

/** Headers every write answer carries: ETag, SSE, version id and checksum. */
const writeResponseHeaders = (record: ObjectRecord): Record<string, string> => {
  const out: Record<string, string> = { ETag: `"${record.etag}"`, ...sseResponseHeaders(record.sse) };
  if (record.versionId !== undefined) out['x-amz-version-id'] = record.versionId;
  if (record.checksum) {
    out[checksumHeaderName(record.checksum.algorithm)] = record.checksum.value;
    out['x-amz-checksum-type'] = record.checksum.type;
  }
  return out;
};

/**
 * The current object, honouring `versionId`. Only the latest version is kept locally, so asking for another
 * one is answered NotImplemented rather than pretending it never existed.
 */
const resolveVersion = (record: ObjectRecord | undefined, key: string, versionId: string | null): ObjectRecord => {
  if (!record) {
    if (versionId !== null) throw new S3ApiError('NoSuchVersion', { Key: key, VersionId: versionId });
    throw new S3ApiError('NoSuchKey', { Key: key });
  }
  if (versionId !== null && versionId !== (record.versionId ?? 'null')) {
    throw notImplemented(`reading non-current object versions (only the latest version of '${key}' is kept)`);
  }
  return record;
};

const putObject = async (context: S3Context, request: S3Request): Promise<S3Response> => {
  const bucket = context.store.requireBucket(bucketOf(request));
  const key = keyOf(request);
  assertSupportedWriteHeaders(request);
  const sse = parseSse(request, bucket.region);
  const headers = parseObjectHeaders(request);
  const userMetadata = parseUserMetadata(request);
  const storageClass = parseStorageClass(request);
  const condition = writeCondition(request, key);
  const temporary = context.store.temporaryPath();
  const received = await receiveBodyToFile(request.raw, temporary, { maxSize: MAX_SINGLE_UPLOAD, defaultChecksum: 'CRC64NVME' });
  const record: Omit<ObjectRecord, 'dataFile'> = {
    key,
    size: received.size,
    etag: received.md5.toString('hex'),
    lastModified: new Date().toISOString(),
    headers,
    userMetadata,
    sse,
    checksum: received.checksum && { algorithm: received.checksum.algorithm, value: received.checksum.value, type: ChecksumTypes.FULL_OBJECT },
    versionId: newVersionId(bucket),
    storageClass,
  };
  try {
    const stored = await context.store.commitObject(bucket.name, record, temporary, condition);
    return { status: 200, headers: writeResponseHeaders(stored) };
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
};

/** Opens an object's bytes; retries once when a concurrent overwrite replaced the generation we looked up. */
const openObject = async (
  context: S3Context,
  bucket: string,
  record: ObjectRecord,
  versionId: string | null,
): Promise<{ record: ObjectRecord; handle: FileHandle }> => {
  try {
    return { record, handle: await open(context.store.dataPath(bucket, record), 'r') };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    const current = resolveVersion(await context.store.getObject(bucket, record.key), record.key, versionId);
    return { record: current, handle: await open(context.store.dataPath(bucket, current), 'r') };
  }
};

const readObject = async (context: S3Context, request: S3Request, withBody: boolean): Promise<S3Response> => {
  const bucket = bucketOf(request);
  const key = keyOf(request);
  if (request.query.has('partNumber')) throw notImplemented('reading one part of an object (partNumber)');
  const versionId = request.query.get('versionId');
  const found = resolveVersion(await context.store.getObject(bucket, key), key, versionId);
  const outcome = evaluateReadConditions(found, readConditions(request));
  if (outcome === ReadOutcomes.PreconditionFailed) throw new S3ApiError('PreconditionFailed', { Condition: 'If-Match' });
  if (outcome === ReadOutcomes.NotModified) {
    return { status: 304, headers: { ETag: `"${found.etag}"`, 'Last-Modified': httpDate(found.lastModified) } };
  }
  const range = parseRange(header(request, 'range'), found.size);
  const includeChecksum = header(request, 'x-amz-checksum-mode')?.toUpperCase() === 'ENABLED' && range === undefined;
  if (!withBody) {
    return {
      status: 200,
      headers: { ...objectResponseHeaders(found, { includeChecksum }), 'Content-Length': found.size },
    };
  }
  const { record, handle } = await openObject(context, bucket, found, versionId);
  const headers: Record<string, string | number> = objectResponseHeaders(record, { includeChecksum });
  for (const [parameter, name] of RESPONSE_OVERRIDES) {
    const value = request.query.get(parameter);
    if (value !== null) headers[name] = value;
  }
  const effective = parseRange(header(request, 'range'), record.size);
  if (effective === undefined || record.size === 0) {
    headers['Content-Length'] = record.size;
    return { status: 200, headers, body: handle.createReadStream() };
  }
  headers['Content-Length'] = effective.end - effective.start + 1;
  headers['Content-Range'] = `bytes ${effective.start}-${effective.end}/${record.size}`;
  return { status: 206, headers, body: handle.createReadStream({ start: effective.start, end: effective.end }) };
};

const getObject = (context: S3Context, request: S3Request): Promise<S3Response> => readObject(context, request, true);
const headObject = (context: S3Context, request: S3Request): Promise<S3Response> => readObject(context, request, false);

/**
 * Deletes the object (always 204, also when absent, as S3 does). In a versioned bucket S3 would add a delete
 * marker and keep old versions; locally the object is simply removed.
 */
const deleteObject = async (context: S3Context, request: S3Request): Promise<S3Response> => {
  const bucket = context.store.requireBucket(bucketOf(request));
  const key = keyOf(request);
  const versionId = request.query.get('versionId');
  const current = await context.store.getObject(bucket.name, key);
  if (versionId !== null && current && versionId !== (current.versionId ?? 'null')) {
    throw notImplemented(`deleting non-current object versions (only the latest version of '${key}' is kept)`);
  }
  await context.store.deleteObject(bucket.name, key);
  return { status: 204 };
};

const deleteObjects = async (context: S3Context, request: S3Request): Promise<S3Response> => {
  const bucket = context.store.requireBucket(bucketOf(request));
  const hasIntegrityHeader =
    header(request, 'content-md5') !== undefined ||
    Object.keys(request.headers).some((name) => /^x-amz-checksum-(crc32|crc32c|crc64nvme|sha1|sha256)$/.test(name)) ||
    header(request, 'x-amz-trailer') !== undefined;
  if (!hasIntegrityHeader) {
    throw new S3ApiError('InvalidRequest', {}, 'Missing required header for this request: Content-MD5 or x-amz-checksum-*');
  }
  const { body } = await receiveBodyToBuffer(request.raw, MAX_XML_BODY);
  const document = parseXmlBody(body, 'Delete');
  const quiet = childText(document, 'Quiet') === 'true';
  const objects = childElements(document, 'Object');
  if (objects.length === 0 || objects.length > MAX_DELETE_KEYS) {
    throw new S3ApiError('MalformedXML', {}, `The Delete request must name between 1 and ${MAX_DELETE_KEYS} objects; it named ${objects.length}.`);
  }
  const results: string[] = [];
  for (const object of objects) {
    const key = childText(object, 'Key');
    if (key === undefined || key === '') throw new S3ApiError('MalformedXML', {}, 'Every <Object> of a Delete request needs a <Key>.');
    const versionId = childText(object, 'VersionId');
    if (Buffer.byteLength(key) > MAX_KEY_BYTES) {
      results.push(node('Error', [text('Key', key), text('Code', 'KeyTooLongError'), text('Message', 'Your key is too long')]));
      continue;
    }
    const current = await context.store.getObject(bucket.name, key);
    if (versionId !== undefined && current && versionId !== (current.versionId ?? 'null')) {
      results.push(
        node('Error', [
          text('Key', key),
          text('VersionId', versionId),
          text('Code', 'NotImplemented'),
          text('Message', 'The local S3 emulator keeps only the latest version of an object.'),
        ]),
      );
      continue;
    }
    await context.store.deleteObject(bucket.name, key);
    if (!quiet) results.push(node('Deleted', [text('Key', key), text('VersionId', versionId)]));
  }
  return xmlResponse(xmlDocument('DeleteResult', results));
};

/** Parses `x-amz-copy-source`: `[/]bucket/key[?versionId=…]`, URL-encoded. */
const parseCopySource = (value: string): { bucket: string; key: string; versionId: string | null } => {
  const questionMark = value.indexOf('?');
  const path = questionMark === -1 ? value : value.slice(0, questionMark);
  const versionId = questionMark === -1 ? null : new URLSearchParams(value.slice(questionMark + 1)).get('versionId');
  let decoded: string;
  try {
    decoded = decodeURIComponent(path.startsWith('/') ? path.slice(1) : path);
  } catch (error) {
    throw new S3ApiError('InvalidArgument', { ArgumentName: 'x-amz-copy-source', ArgumentValue: value }, 'Invalid copy source encoding', { cause: error });
  }
  const slash = decoded.indexOf('/');
  if (slash <= 0 || slash === decoded.length - 1) {
    throw new S3ApiError('InvalidArgument', { ArgumentName: 'x-amz-copy-source', ArgumentValue: value }, 'Invalid copy source object key');
  }
  return { bucket: decoded.slice(0, slash), key: decoded.slice(slash + 1), versionId };
};

const copyObject = async (context: S3Context, request: S3Request): Promise<S3Response> => {
  const target = context.store.requireBucket(bucketOf(request));
  const key = keyOf(request);
  assertSupportedWriteHeaders(request);
  const source = parseCopySource(header(request, 'x-amz-copy-source') as string);
  context.store.requireBucket(source.bucket);
  const sourceRecord = resolveVersion(await context.store.getObject(source.bucket, source.key), source.key, source.versionId);
  assertCopySourceConditions(request, sourceRecord);
  const directive = (header(request, 'x-amz-metadata-directive') ?? 'COPY').toUpperCase();
  if (directive !== 'COPY' && directive !== 'REPLACE') {
    throw new S3ApiError('InvalidArgument', { ArgumentName: 'x-amz-metadata-directive', ArgumentValue: directive }, 'Unknown metadata directive.');
  }
  if (header(request, 'x-amz-tagging-directive')?.toUpperCase() === 'REPLACE') throw notImplemented('object tagging (x-amz-tagging-directive)');
  const requestedAlgorithm = header(request, 'x-amz-checksum-algorithm');
  const checksumAlgorithm: ChecksumAlgorithm | undefined =
    requestedAlgorithm !== undefined ? parseChecksumAlgorithm(requestedAlgorithm) : undefined;
  if (requestedAlgorithm !== undefined && !checksumAlgorithm) {
    throw new S3ApiError('InvalidRequest', {}, `Value for x-amz-checksum-algorithm header is invalid: ${requestedAlgorithm}`);
  }
  const changesSomething =
    directive === 'REPLACE' ||
    header(request, 'x-amz-server-side-encryption') !== undefined ||
    header(request, 'x-amz-storage-class') !== undefined ||
    header(request, 'x-amz-website-redirect-location') !== undefined ||
    checksumAlgorithm !== undefined;
  if (source.bucket === target.name && source.key === key && !changesSomething) {
    throw new S3ApiError(
      'InvalidRequest',
      {},
      "This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.",
    );
  }
  const condition = writeCondition(request, key);
  // The destination's encryption comes from this request (or the bucket default), never from the source.
  const sse = parseSse(request, target.region);
  const storageClass = parseStorageClass(request);
  const replacedHeaders = directive === 'REPLACE' ? parseObjectHeaders(request) : undefined;
  const replacedMetadata = directive === 'REPLACE' ? parseUserMetadata(request) : undefined;
  request.raw.resume();
  // A copy keeps a whole-object checksum of the source's algorithm unless another is asked for; a composite
  // (multipart) checksum cannot carry over, so it falls back to S3's default CRC64NVME.
  const algorithm: ChecksumAlgorithm =
    checksumAlgorithm ?? (sourceRecord.checksum?.type === ChecksumTypes.FULL_OBJECT ? sourceRecord.checksum.algorithm : 'CRC64NVME');
  const md5 = nodeHasher('md5');
  const checksum = createChecksumHasher(algorithm);
  const hashing = new PassThrough();
  hashing.on('data', (chunk: Buffer) => {
    md5.update(chunk);
    checksum.update(chunk);
  });
  const temporary = context.store.temporaryPath();
  const { record: readable, handle } = await openObject(context, source.bucket, sourceRecord, source.versionId);
  try {
    await pipeline(handle.createReadStream(), hashing, createWriteStream(temporary));
    const record: Omit<ObjectRecord, 'dataFile'> = {
      key,
      size: readable.size,
      etag: md5.digest().toString('hex'),
      lastModified: new Date().toISOString(),
      headers: replacedHeaders ?? readable.headers,
      userMetadata: replacedMetadata ?? readable.userMetadata,
      sse,
      checksum: { algorithm, value: checksum.digest().toString('base64'), type: ChecksumTypes.FULL_OBJECT },
      versionId: newVersionId(target),
      storageClass,
    };
    const stored = await context.store.commitObject(target.name, record, temporary, condition);
    const headers: Record<string, string> = writeResponseHeaders(stored);
    delete headers.ETag;
    if (readable.versionId !== undefined) headers['x-amz-copy-source-version-id'] = readable.versionId;
    return xmlResponse(
      xmlDocument('CopyObjectResult', [
        text('ETag', `"${stored.etag}"`),
        text('LastModified', stored.lastModified),
        text('ChecksumType', ChecksumTypes.FULL_OBJECT),
        text(checksumElementName(algorithm), stored.checksum?.value),
      ]),
      200,
      headers,
    );
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
};

export { copyObject, deleteObject, deleteObjects, getObject, headObject, MAX_SINGLE_UPLOAD, newVersionId, putObject, writeResponseHeaders };
