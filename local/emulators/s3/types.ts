/** Records the local S3 store keeps on disk (JSON sidecars) and in memory. */
import type { ChecksumAlgorithm, ChecksumType } from './checksums';

/** `x-amz-server-side-encryption` values S3 accepts. */
const SseAlgorithms = { AES256: 'AES256', KMS: 'aws:kms', KMS_DSSE: 'aws:kms:dsse' } as const;

type SseAlgorithm = (typeof SseAlgorithms)[keyof typeof SseAlgorithms];

/**
 * Server-side encryption settings recorded and echoed back. Nothing is encrypted on disk: locally the customer
 * key lives in the file keystore, and what matters is that the application asks for SSE-KMS with the right key.
 */
type ServerSideEncryption = {
  algorithm: SseAlgorithm;
  /** KMS key id, ARN or alias as given (or the `aws/s3` managed-key alias ARN when none was given). */
  kmsKeyId?: string;
  /** `x-amz-server-side-encryption-context` as sent (base64 JSON). */
  context?: string;
  bucketKeyEnabled?: boolean;
};

/** Representation headers stored with an object and returned on GET/HEAD. */
type ObjectHeaders = {
  contentType?: string;
  contentEncoding?: string;
  contentDisposition?: string;
  contentLanguage?: string;
  cacheControl?: string;
  expires?: string;
  websiteRedirectLocation?: string;
};

/** An object's checksum as S3 reports it. */
type ObjectChecksum = {
  algorithm: ChecksumAlgorithm;
  /** Base64; for a COMPOSITE multipart checksum, suffixed `-<parts>`. */
  value: string;
  type: ChecksumType;
};

/** Everything known about one stored object (the sidecar JSON). */
type ObjectRecord = {
  key: string;
  size: number;
  /** MD5 hex for single-part objects, `<md5 of part md5s>-<n>` for multipart; without quotes. */
  etag: string;
  /** ISO 8601 with milliseconds. */
  lastModified: string;
  /** File name of the bytes, beside the sidecar. */
  dataFile: string;
  headers: ObjectHeaders;
  /** `x-amz-meta-*` without the prefix, names lower-cased as S3 stores them. */
  userMetadata: Record<string, string>;
  sse: ServerSideEncryption;
  checksum?: ObjectChecksum;
  /** Present when the bucket had versioning Enabled (a generated id) or Suspended (`null`) at write time. */
  versionId?: string;
  partsCount?: number;
  storageClass: string;
};

/** Versioning status of a bucket; absent means never enabled. */
type VersioningStatus = 'Enabled' | 'Suspended';

/** A bucket's own record. */
type BucketRecord = {
  name: string;
  /** ISO 8601. */
  createdAt: string;
  region: string;
  versioning?: VersioningStatus;
};

/** An in-progress multipart upload. */
type UploadRecord = {
  uploadId: string;
  bucket: string;
  key: string;
  initiated: string;
  headers: ObjectHeaders;
  userMetadata: Record<string, string>;
  sse: ServerSideEncryption;
  storageClass: string;
  checksumAlgorithm?: ChecksumAlgorithm;
  checksumType?: ChecksumType;
};

/** One uploaded part. */
type PartRecord = {
  partNumber: number;
  /** MD5 hex, without quotes. */
  etag: string;
  size: number;
  lastModified: string;
  checksum?: { algorithm: ChecksumAlgorithm; value: string };
};

export { SseAlgorithms };
export type {
  BucketRecord,
  ObjectChecksum,
  ObjectHeaders,
  ObjectRecord,
  PartRecord,
  ServerSideEncryption,
  SseAlgorithm,
  UploadRecord,
  VersioningStatus,
};
