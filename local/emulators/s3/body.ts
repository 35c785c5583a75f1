/**
 * Receiving request bodies as S3 does: plain or `aws-chunked` (with trailing checksums), checked against
 * Content-MD5 and the `x-amz-checksum-*` header or trailer, hashed on the way through so nothing is read twice.
 */
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { PassThrough, Transform, Writable, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AwsChunkedDecoder } from './awsChunked';
import {
  createChecksumHasher,
  isWellFormedChecksum,
  nodeHasher,
  parseChecksumAlgorithm,
  type ChecksumAlgorithm,
  type Hasher,
} from './checksums';
import { notImplemented, S3ApiError } from './errors';

/** What the client declared about integrity, parsed and validated from the headers. */
type IntegrityClaims = {
  /** Base64 Content-MD5. */
  contentMd5?: string;
  /** Algorithm and value from an `x-amz-checksum-<alg>` header. */
  headerChecksum?: { algorithm: ChecksumAlgorithm; value: string };
  /** Algorithm announced by `x-amz-trailer`; its value arrives after the body. */
  trailerChecksum?: { algorithm: ChecksumAlgorithm; name: string };
};

/** A body that has been received and checked. */
type ReceivedBody = {
  size: number;
  /** Raw MD5 digest of the decoded bytes. */
  md5: Buffer;
  /** The checksum the client sent (verified), or the default one computed when it sent none. */
  checksum?: { algorithm: ChecksumAlgorithm; value: string; fromClient: boolean };
};

/** Options of {@link receiveBody}. */
type ReceiveOptions = {
  /** Largest body accepted: EntityTooLarge beyond it. */
  maxSize: number;
  /** Algorithm computed when the client sends no checksum (S3 defaults new objects to CRC64NVME). */
  defaultChecksum?: ChecksumAlgorithm;
  /**
   * Refuse a body of undeclared length (plain `Transfer-Encoding: chunked`), as S3 does for object data.
   * @default true
   */
  requireLength?: boolean;
};

/** Headers that start with `x-amz-checksum-` but carry no checksum value. */
const NON_VALUE_CHECKSUM_HEADERS: ReadonlySet<string> = new Set([
  'x-amz-checksum-algorithm',
  'x-amz-checksum-mode',
  'x-amz-checksum-type',
]);

const single = (headers: IncomingHttpHeaders, name: string): string | undefined => {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/** Whether the body uses the aws-chunked framing (the SDK's streaming uploads). */
const isAwsChunked = (headers: IncomingHttpHeaders): boolean => {
  const encodings = (single(headers, 'content-encoding') ?? '').split(',').map((token) => token.trim().toLowerCase());
  return encodings.includes('aws-chunked') || (single(headers, 'x-amz-content-sha256') ?? '').startsWith('STREAMING-');
};

/**
 * Reads and validates the integrity headers: at most one checksum header, a trailer only with aws-chunked, and an
 * `x-amz-sdk-checksum-algorithm` that agrees with them (S3 "Checking object integrity").
 */
const parseIntegrityClaims = (headers: IncomingHttpHeaders): IntegrityClaims => {
  const claims: IntegrityClaims = {};
  const md5 = single(headers, 'content-md5');
  if (md5 !== undefined) {
    if (Buffer.from(md5, 'base64').length !== 16 || !/^[A-Za-z0-9+/]+={0,2}$/.test(md5)) {
      throw new S3ApiError('InvalidDigest', { 'Content-MD5': md5 });
    }
    claims.contentMd5 = md5;
  }
  const checksumHeaders = Object.keys(headers).filter(
    (name) => name.startsWith('x-amz-checksum-') && !NON_VALUE_CHECKSUM_HEADERS.has(name),
  );
  if (checksumHeaders.length > 1) {
    throw new S3ApiError('InvalidRequest', {}, 'Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.');
  }
  if (checksumHeaders.length === 1) {
    const name = checksumHeaders[0];
    const algorithm = parseChecksumAlgorithm(name.slice('x-amz-checksum-'.length));
    if (!algorithm) throw notImplemented(`the checksum header ${name}`);
    const value = single(headers, name) ?? '';
    if (!isWellFormedChecksum(algorithm, value)) throw new S3ApiError('InvalidRequest', {}, `Value for ${name} header is invalid.`);
    claims.headerChecksum = { algorithm, value };
  }
  const trailer = single(headers, 'x-amz-trailer');
  if (trailer !== undefined) {
    const name = trailer.trim().toLowerCase();
    const algorithm = name.startsWith('x-amz-checksum-') ? parseChecksumAlgorithm(name.slice('x-amz-checksum-'.length)) : undefined;
    if (!algorithm) throw new S3ApiError('InvalidRequest', {}, `The value specified in the x-amz-trailer header is not supported: ${trailer}`);
    if (!isAwsChunked(headers)) throw new S3ApiError('InvalidRequest', {}, 'x-amz-trailer is only allowed with Content-Encoding: aws-chunked.');
    if (claims.headerChecksum) {
      throw new S3ApiError('InvalidRequest', {}, 'Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.');
    }
    claims.trailerChecksum = { algorithm, name };
  }
  const sdkAlgorithm = single(headers, 'x-amz-sdk-checksum-algorithm');
  if (sdkAlgorithm !== undefined) {
    const declared = claims.headerChecksum?.algorithm ?? claims.trailerChecksum?.algorithm;
    if (!declared) {
      throw new S3ApiError(
        'InvalidRequest',
        {},
        'x-amz-sdk-checksum-algorithm specified, but no corresponding x-amz-checksum-* or x-amz-trailer headers were found.',
      );
    }
    if (parseChecksumAlgorithm(sdkAlgorithm) !== declared) {
      throw new S3ApiError('InvalidRequest', {}, `Value for x-amz-sdk-checksum-algorithm header is invalid: ${sdkAlgorithm} does not match ${declared}.`);
    }
  }
  return claims;
};

/**
 * The length the client declared for the decoded body. aws-chunked needs `x-amz-decoded-content-length`; a plain
 * chunked body has no declared length, which S3 refuses for object data (MissingContentLength) and which we
 * accept for small XML documents (`requireLength: false`); no length and no transfer coding means no body.
 */
const declaredLength = (headers: IncomingHttpHeaders, chunked: boolean, requireLength: boolean): number | undefined => {
  const name = chunked ? 'x-amz-decoded-content-length' : 'content-length';
  const raw = single(headers, name);
  if (raw === undefined) {
    if (chunked) {
      throw new S3ApiError('MissingContentLength', {}, 'You must provide the x-amz-decoded-content-length header with Content-Encoding: aws-chunked.');
    }
    if (single(headers, 'transfer-encoding') === undefined) return 0;
    if (requireLength) throw new S3ApiError('MissingContentLength', {});
    return undefined;
  }
  const value = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(value)) {
    throw new S3ApiError('InvalidArgument', { ArgumentName: name, ArgumentValue: raw }, `The ${name} header is not a valid length.`);
  }
  return value;
};

/** Passes bytes through while feeding the hashers and enforcing the size limit. */
class HashingCounter extends Transform {
  public size = 0;
  private readonly hashers: Hasher[];
  private readonly maxSize: number;

  public constructor(hashers: Hasher[], maxSize: number) {
    super();
    this.hashers = hashers;
    this.maxSize = maxSize;
  }

  public override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.size += chunk.length;
    if (this.size > this.maxSize) {
      callback(new S3ApiError('EntityTooLarge', { MaxSizeAllowed: this.maxSize }));
      return;
    }
    for (const hasher of this.hashers) hasher.update(chunk);
    callback(null, chunk);
  }
}

/**
 * Streams the request body into `sink`, decoding aws-chunked, and verifies length, Content-MD5 and checksum.
 * Throws the S3 error the service would answer (BadDigest, IncompleteBody, EntityTooLarge, …).
 */
const receiveBody = async (request: IncomingMessage, sink: Writable, options: ReceiveOptions): Promise<ReceivedBody> => {
  const { headers } = request;
  const claims = parseIntegrityClaims(headers);
  const chunked = isAwsChunked(headers);
  const expected = declaredLength(headers, chunked, options.requireLength ?? true);
  if (expected !== undefined && expected > options.maxSize) {
    throw new S3ApiError('EntityTooLarge', { ProposedSize: expected, MaxSizeAllowed: options.maxSize });
  }
  const md5 = nodeHasher('md5');
  const algorithm = claims.headerChecksum?.algorithm ?? claims.trailerChecksum?.algorithm ?? options.defaultChecksum;
  const checksumHasher = algorithm ? createChecksumHasher(algorithm) : undefined;
  const counter = new HashingCounter(checksumHasher ? [md5, checksumHasher] : [md5], options.maxSize);
  const decoder = chunked ? new AwsChunkedDecoder() : undefined;
  // pipeline() destroys its source on failure, and destroying the request destroys the socket before we can
  // answer with the S3 error; so the request feeds a PassThrough, and is only unpiped on failure.
  const source = new PassThrough();
  const onClose = (): void => {
    if (!request.complete) source.destroy(new Error('The client closed the connection before the body was complete'));
  };
  request.once('close', onClose);
  request.pipe(source);
  try {
    if (decoder) await pipeline(source, decoder, counter, sink);
    else await pipeline(source, counter, sink);
  } finally {
    request.off('close', onClose);
    request.unpipe(source);
  }

  if (expected !== undefined && counter.size !== expected) {
    throw new S3ApiError('IncompleteBody', {}, `The body holds ${counter.size} bytes but ${expected} were declared.`);
  }
  const md5Digest = md5.digest();
  if (claims.contentMd5 !== undefined && md5Digest.toString('base64') !== claims.contentMd5) {
    throw new S3ApiError('BadDigest', { ExpectedDigest: claims.contentMd5 }, 'The Content-MD5 you specified did not match what we received.');
  }
  let claimed = claims.headerChecksum?.value;
  if (claims.trailerChecksum && decoder) {
    claimed = decoder.trailers.get(claims.trailerChecksum.name);
    if (claimed === undefined) {
      throw new S3ApiError('MalformedTrailerError', {}, `The trailer ${claims.trailerChecksum.name} announced in x-amz-trailer is missing.`);
    }
    if (!isWellFormedChecksum(claims.trailerChecksum.algorithm, claimed)) {
      throw new S3ApiError('InvalidRequest', {}, `Value for ${claims.trailerChecksum.name} trailing header is invalid.`);
    }
  }
  if (!algorithm || !checksumHasher) return { size: counter.size, md5: md5Digest };
  const computed = checksumHasher.digest().toString('base64');
  if (claimed !== undefined && claimed !== computed) {
    throw new S3ApiError('BadDigest', {}, `The ${algorithm} you specified did not match the calculated checksum.`);
  }
  return { size: counter.size, md5: md5Digest, checksum: { algorithm, value: computed, fromClient: claimed !== undefined } };
};

/** Receives a body into a file; the file is removed again when anything fails. */
const receiveBodyToFile = async (request: IncomingMessage, path: string, options: ReceiveOptions): Promise<ReceivedBody> => {
  try {
    return await receiveBody(request, createWriteStream(path), options);
  } catch (error) {
    await rm(path, { force: true });
    throw error;
  }
};

/** Receives a small body (an XML document) into memory. */
const receiveBodyToBuffer = async (request: IncomingMessage, maxSize: number): Promise<{ body: Buffer } & ReceivedBody> => {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk);
      callback();
    },
  });
  const received = await receiveBody(request, sink, { maxSize, requireLength: false });
  return { ...received, body: Buffer.concat(chunks) };
};

/** Drains and discards a body we will not use, so the connection can be reused. */
const discardBody = (request: IncomingMessage): void => {
  request.resume();
};

export { discardBody, isAwsChunked, parseIntegrityClaims, receiveBody, receiveBodyToBuffer, receiveBodyToFile };
export type { IntegrityClaims, ReceivedBody, ReceiveOptions };
