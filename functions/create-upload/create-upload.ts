/**
 * The front door for code: a presigned S3 PUT for one source archive under the customer's upload prefix. The URL
 * is signed with the customer's KMS key as SSE-KMS key (the upload is encrypted under the customer's key from its
 * first byte), and with the size the client declares, which must be within the customer's plan: S3 refuses any other
 * size, so no archive larger than the plan is ever stored.
 */
import { randomUUID } from 'node:crypto';
import { CustomerNotEntitledError, InvalidEventError } from '../lib/errors';
import { requireCustomerId } from '../lib/ids';
import { PlanLimitExceededError, uploadPrefix } from '../lib/run';
import { CustomerNotFoundError, CustomerStatus, type CustomerProfile } from '../lib/store';

/** Archive names the API accepts (also in api/openapi.yaml's CreateUploadRequest); never a hidden (dot) name. */
const FILE_NAME = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,99}\.(zip|tar\.gz|tgz)$/;
/** How long an upload URL is valid. @default 900 s */
const UPLOAD_URL_TTL_SECONDS = 900;

type CreateUploadRequest = { customerId: string; fileName: string; contentLength: number };

type PresignRequest = { customerId: string; bucket: string; key: string; kmsKeyId?: string; contentLength: number; expiresInSeconds: number };

type CreateUploadDeps = {
  getCustomer(customerId: string): Promise<CustomerProfile | undefined>;
  /** Returns the URL and the headers the PUT must send (they are part of the signature). */
  presignPut(request: PresignRequest): Promise<{ url: string; headers: Record<string, string> }>;
  bucket: string;
  now?: () => Date;
};

type CreateUploadResponse = {
  uploadUrl: string;
  method: 'PUT';
  headers: Record<string, string>;
  source: { bucket: string; key: string };
  expiresAt: string;
};

/**
 * @example
 * const upload = await createUpload({ customerId: 'acme', fileName: 'src.zip' }, deps);
 * await fetch(upload.uploadUrl, { method: 'PUT', headers: upload.headers, body });
 */
const createUpload = async (request: CreateUploadRequest, deps: CreateUploadDeps): Promise<CreateUploadResponse> => {
  // The id becomes a key prefix: a slash or a dot segment would point the upload outside the customer's own prefix.
  requireCustomerId(request.customerId, 'customerId');
  if (typeof request.fileName !== 'string' || !FILE_NAME.test(request.fileName)) {
    throw new InvalidEventError('fileName', 'must be a .zip, .tar.gz or .tgz name of letters, digits, dot, dash or underscore');
  }
  if (!Number.isInteger(request.contentLength) || request.contentLength < 1) {
    throw new InvalidEventError('contentLength', 'must be the archive size in bytes, a positive integer (the upload URL is signed for exactly that size)');
  }
  const profile = await deps.getCustomer(request.customerId);
  if (!profile) throw new CustomerNotFoundError(request.customerId);
  if (profile.status !== CustomerStatus.Active) {
    throw new CustomerNotEntitledError(request.customerId, `Customer ${request.customerId} is ${profile.status}, not ACTIVE`);
  }
  if (request.contentLength > profile.plan.maxArchiveBytes) {
    throw new PlanLimitExceededError('archive bytes', profile.plan.maxArchiveBytes, request.contentLength);
  }
  const now = (deps.now ?? (() => new Date()))();
  const day = now.toISOString().slice(0, 10).replace(/-/g, '');
  const key = `${uploadPrefix(request.customerId)}${day}-${randomUUID()}/${request.fileName}`;
  const { url, headers } = await deps.presignPut({
    customerId: request.customerId,
    bucket: deps.bucket,
    key,
    kmsKeyId: profile.keyId.startsWith('arn:') ? profile.keyId : undefined,
    contentLength: request.contentLength,
    expiresInSeconds: UPLOAD_URL_TTL_SECONDS,
  });
  return {
    uploadUrl: url,
    method: 'PUT',
    headers,
    source: { bucket: deps.bucket, key },
    expiresAt: new Date(now.getTime() + UPLOAD_URL_TTL_SECONDS * 1000).toISOString(),
  };
};

export { FILE_NAME, UPLOAD_URL_TTL_SECONDS, createUpload };
export type { CreateUploadDeps, CreateUploadRequest, CreateUploadResponse, PresignRequest };
