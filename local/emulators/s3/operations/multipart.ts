/**
 * Multipart upload: CreateMultipartUpload, UploadPart, CompleteMultipartUpload, AbortMultipartUpload, with
 * S3's rules on part numbers, part sizes, ETags and checksums (COMPOSITE or FULL_OBJECT).
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { receiveBodyToBuffer, receiveBodyToFile } from '../body';
import {
  checksumElementName,
  checksumHeaderName,
  ChecksumTypes,
  compositeChecksum,
  createChecksumHasher,
  parseChecksumAlgorithm,
  type ChecksumAlgorithm,
  type ChecksumType,
} from '../checksums';
import { writeCondition } from '../conditions';
import { xmlResponse, type S3Context, type S3Response } from '../context';
import { notImplemented, S3ApiError } from '../errors';
import {
  assertSupportedWriteHeaders,
  parseObjectHeaders,
  parseSse,
  parseStorageClass,
  parseUserMetadata,
  sseResponseHeaders,
} from '../headers';
import { header, type S3Request } from '../request';
import type { ObjectRecord, PartRecord, UploadRecord } from '../types';
import { childElements, childText, parseXmlBody, text, xmlDocument } from '../xml';
import { MAX_XML_BODY } from './bucket';
import { MAX_SINGLE_UPLOAD, newVersionId, writeResponseHeaders } from './object';

/** Every part but the last must be at least 5 MiB. */
const MIN_PART_SIZE = 5 * 1024 ** 2;
const MAX_PART_NUMBER = 10000;

const bucketOf = (request: S3Request): string => request.bucket as string;
const keyOf = (request: S3Request): string => request.key as string;

/** The checksum type an upload gets: CRC64NVME is whole-object only, SHA-1/SHA-256 composite only, CRCs either. */
const resolveChecksumType = (algorithm: ChecksumAlgorithm | undefined, requested: string | undefined): ChecksumType | undefined => {
  if (requested !== undefined && requested !== ChecksumTypes.FULL_OBJECT && requested !== ChecksumTypes.COMPOSITE) {
    throw new S3ApiError('InvalidRequest', {}, `Value for x-amz-checksum-type header is invalid: ${requested}`);
  }
  if (!algorithm) {
    if (requested !== undefined) throw new S3ApiError('InvalidRequest', {}, 'x-amz-checksum-type requires x-amz-checksum-algorithm.');
    return undefined;
  }
  const type = (requested as ChecksumType | undefined) ?? (algorithm === 'CRC64NVME' ? ChecksumTypes.FULL_OBJECT : ChecksumTypes.COMPOSITE);
  const allowed =
    type === ChecksumTypes.FULL_OBJECT ? ['CRC32', 'CRC32C', 'CRC64NVME'].includes(algorithm) : algorithm !== 'CRC64NVME';
  if (!allowed) throw new S3ApiError('InvalidRequest', {}, `The ${type} checksum type cannot be used with the ${algorithm} checksum algorithm.`);
  return type;
};

const createMultipartUpload = async (context: S3Context, request: S3Request): Promise<S3Response> => {
  const bucket = context.store.requireBucket(bucketOf(request));
  const key = keyOf(request);
  assertSupportedWriteHeaders(request);
  const requestedAlgorithm = header(request, 'x-amz-checksum-algorithm');
  const checksumAlgorithm = requestedAlgorithm !== undefined ? parseChecksumAlgorithm(requestedAlgorithm) : undefined;
  if (requestedAlgorithm !== undefined && !checksumAlgorithm) {
    throw new S3ApiError('InvalidRequest', {}, `Value for x-amz-checksum-algorithm header is invalid: ${requestedAlgorithm}`);
  }
  const record: UploadRecord = {
    uploadId: randomBytes(16).toString('hex'),
    bucket: bucket.name,
    key,
    initiated: new Date().toISOString(),
    headers: parseObjectHeaders(request),
    userMetadata: parseUserMetadata(request),
    sse: parseSse(request, bucket.region),
    storageClass: parseStorageClass(request),
    checksumAlgorithm,
    checksumType: resolveChecksumType(checksumAlgorithm, header(request, 'x-amz-checksum-type')),
  };
  request.raw.resume();
  await context.store.createUpload(record);
  const headers: Record<string, string> = sseResponseHeaders(record.sse);
  if (record.checksumAlgorithm) headers['x-amz-checksum-algorithm'] = record.checksumAlgorithm;
  if (record.checksumType) headers['x-amz-checksum-type'] = record.checksumType;
  return xmlResponse(
    xmlDocument('InitiateMultipartUploadResult', [text('Bucket', bucket.name), text('Key', key), text('UploadId', record.uploadId)]),
    200,
    headers,
  );
};

const parsePartNumber = (raw: string | null | undefined): number => {
  const value = Number(raw);
  if (raw === null || raw === undefined || !/^\d+$/.test(raw) || value < 1 || value > MAX_PART_NUMBER) {
    throw new S3ApiError(
      'InvalidArgument',
      { ArgumentName: 'partNumber', ArgumentValue: raw ?? '' },
      `Part number must be an integer between 1 and ${MAX_PART_NUMBER}, inclusive`,
    );
  }
  return value;
};

const uploadPart = async (context: S3Context, request: S3Request): Promise<S3Response> => {
  context.store.requireBucket(bucketOf(request));
  if (header(request, 'x-amz-copy-source') !== undefined) throw notImplemented('UploadPartCopy');
  const partNumber = parsePartNumber(request.query.get('partNumber'));
  const upload = await context.store.requireUpload(request.query.get('uploadId') ?? '', bucketOf(request), keyOf(request));
  const temporary = context.store.temporaryPath();
  // Parts of an upload created with a checksum algorithm are checked with it; a part that sends none gets it computed.
  const received = await receiveBodyToFile(request.raw, temporary, { maxSize: MAX_SINGLE_UPLOAD, defaultChecksum: upload.checksumAlgorithm });
  try {
    if (upload.checksumAlgorithm && received.checksum && received.checksum.algorithm !== upload.checksumAlgorithm) {
      throw new S3ApiError(
        'InvalidRequest',
        {},
        `Checksum Type mismatch occurred, expected checksum Type: ${upload.checksumAlgorithm.toLowerCase()}, actual checksum Type: ${received.checksum.algorithm.toLowerCase()}`,
      );
    }
    const part: PartRecord = {
      partNumber,
      etag: received.md5.toString('hex'),
      size: received.size,
      lastModified: new Date().toISOString(),
      checksum: received.checksum && { algorithm: received.checksum.algorithm, value: received.checksum.value },
    };
    await context.store.putPart(upload.uploadId, part, temporary);
    const headers: Record<string, string> = { ETag: `"${part.etag}"`, ...sseResponseHeaders(upload.sse) };
    if (part.checksum) headers[checksumHeaderName(part.checksum.algorithm)] = part.checksum.value;
    return { status: 200, headers };
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
};

/** The parts named by a CompleteMultipartUpload body, checked against what was uploaded. */
const selectParts = (
  upload: UploadRecord,
  uploaded: readonly PartRecord[],
  requested: ReadonlyArray<Record<string, unknown>>,
): PartRecord[] => {
  if (requested.length === 0) {
    throw new S3ApiError('MalformedXML', {}, 'The CompleteMultipartUpload body must list at least one <Part>.');
  }
  const byNumber = new Map(uploaded.map((part) => [part.partNumber, part]));
  const selected: PartRecord[] = [];
  let previous = 0;
  for (const element of requested as Array<Record<string, never>>) {
    const partNumber = parsePartNumber(childText(element, 'PartNumber'));
    if (partNumber <= previous) throw new S3ApiError('InvalidPartOrder', { UploadId: upload.uploadId });
    previous = partNumber;
    const part = byNumber.get(partNumber);
    const etag = (childText(element, 'ETag') ?? '').replace(/^"|"$/g, '');
    if (!part || part.etag !== etag) throw new S3ApiError('InvalidPart', { UploadId: upload.uploadId, PartNumber: partNumber, ETag: etag });
    if (part.checksum) {
      const claimed = childText(element, checksumElementName(part.checksum.algorithm));
      if (claimed !== undefined && claimed !== part.checksum.value) {
        throw new S3ApiError('InvalidPart', { UploadId: upload.uploadId, PartNumber: partNumber }, `The ${part.checksum.algorithm} of part ${partNumber} does not match the uploaded part.`);
      }
    }
    selected.push(part);
  }
  selected.forEach((part, index) => {
    if (index < selected.length - 1 && part.size < MIN_PART_SIZE) {
      throw new S3ApiError('EntityTooSmall', {
        UploadId: upload.uploadId,
        PartNumber: part.partNumber,
        ProposedSize: part.size,
        MinSizeAllowed: MIN_PART_SIZE,
      });
    }
  });
  return selected;
};

const completeMultipartUpload = async (context: S3Context, request: S3Request): Promise<S3Response> => {
  const bucket = context.store.requireBucket(bucketOf(request));
  const key = keyOf(request);
  const upload = await context.store.requireUpload(request.query.get('uploadId') ?? '', bucket.name, key);
  const condition = writeCondition(request, key);
  const { body } = await receiveBodyToBuffer(request.raw, MAX_XML_BODY);
  const parts = selectParts(upload, await context.store.listParts(upload.uploadId), childElements(parseXmlBody(body, 'CompleteMultipartUpload'), 'Part'));
  // Without an upload algorithm S3 gives the object its default whole-object CRC64NVME.
  const algorithm = upload.checksumAlgorithm ?? 'CRC64NVME';
  const type = upload.checksumType ?? ChecksumTypes.FULL_OBJECT;
  if (type === ChecksumTypes.COMPOSITE && parts.some((part) => part.checksum?.algorithm !== algorithm)) {
    throw new S3ApiError('InvalidRequest', {}, `The upload was created using a ${algorithm.toLowerCase()} checksum; every part must carry one.`);
  }
  const whole = createChecksumHasher(algorithm);
  const temporary = context.store.temporaryPath();
  const output = createWriteStream(temporary);
  try {
    for (const part of parts) {
      for await (const chunk of createReadStream(context.store.partPath(upload.uploadId, part.partNumber))) {
        whole.update(chunk as Buffer);
        if (!output.write(chunk)) await new Promise<void>((resolve) => output.once('drain', () => resolve()));
      }
    }
    await new Promise<void>((resolve, reject) => output.end((error?: Error | null) => (error ? reject(error) : resolve())));
    const etagDigest = createHash('md5');
    for (const part of parts) etagDigest.update(Buffer.from(part.etag, 'hex'));
    const record: Omit<ObjectRecord, 'dataFile'> = {
      key,
      size: parts.reduce((sum, part) => sum + part.size, 0),
      etag: `${etagDigest.digest('hex')}-${parts.length}`,
      lastModified: new Date().toISOString(),
      headers: upload.headers,
      userMetadata: upload.userMetadata,
      sse: upload.sse,
      checksum: {
        algorithm,
        type,
        value:
          type === ChecksumTypes.COMPOSITE
            ? compositeChecksum(algorithm, parts.map((part) => part.checksum?.value ?? ''))
            : whole.digest().toString('base64'),
      },
      versionId: newVersionId(bucket),
      partsCount: parts.length,
      storageClass: upload.storageClass,
    };
    const stored = await context.store.commitObject(bucket.name, record, temporary, condition);
    await context.store.deleteUpload(upload.uploadId);
    const headers = writeResponseHeaders(stored);
    delete headers.ETag;
    return xmlResponse(
      xmlDocument('CompleteMultipartUploadResult', [
        text('Location', `${request.origin}/${bucket.name}/${key.split('/').map(encodeURIComponent).join('/')}`),
        text('Bucket', bucket.name),
        text('Key', key),
        text('ETag', `"${stored.etag}"`),
        text(checksumElementName(algorithm), stored.checksum?.value),
        text('ChecksumType', type),
      ]),
      200,
      headers,
    );
  } catch (error) {
    output.destroy();
    await rm(temporary, { force: true });
    throw error;
  }
};

const abortMultipartUpload = async (context: S3Context, request: S3Request): Promise<S3Response> => {
  context.store.requireBucket(bucketOf(request));
  const upload = await context.store.requireUpload(request.query.get('uploadId') ?? '', bucketOf(request), keyOf(request));
  await context.store.deleteUpload(upload.uploadId);
  return { status: 204 };
};

export { abortMultipartUpload, completeMultipartUpload, createMultipartUpload, MIN_PART_SIZE, uploadPart };
