/**
 * Which S3 operation a request is: by method, by whether it names a bucket and a key, and by its subresource
 * query parameters. Anything S3 has but the emulator does not is answered NotImplemented, naming it.
 */
import type { S3Operation } from './context';
import { notImplemented, S3ApiError } from './errors';
import { createBucket, deleteBucket, getBucketLocation, getBucketVersioning, headBucket, listBuckets, putBucketVersioning } from './operations/bucket';
import { listObjectsV1, listObjectsV2 } from './operations/list';
import { abortMultipartUpload, completeMultipartUpload, createMultipartUpload, uploadPart } from './operations/multipart';
import { copyObject, deleteObject, deleteObjects, getObject, headObject, putObject } from './operations/object';
import { header, type S3Request } from './request';

/** Subresources S3 has that the emulator does not implement. */
const UNSUPPORTED_SUBRESOURCES: readonly string[] = [
  'accelerate',
  'acl',
  'analytics',
  'attributes',
  'cors',
  'encryption',
  'intelligent-tiering',
  'inventory',
  'legal-hold',
  'lifecycle',
  'logging',
  'metadataTable',
  'metrics',
  'notification',
  'object-lock',
  'ownershipControls',
  'policy',
  'policyStatus',
  'publicAccessBlock',
  'renameObject',
  'replication',
  'requestPayment',
  'restore',
  'retention',
  'select',
  'session',
  'tagging',
  'torrent',
  'versions',
  'website',
];

/** A named operation, for dispatch and for the request hook. */
type Route = { name: string; operation: S3Operation };

const route = (name: string, operation: S3Operation): Route => ({ name, operation });

const serviceRoute = (request: S3Request): Route => {
  if (request.method === 'GET') return route('ListBuckets', async (context) => listBuckets(context));
  throw new S3ApiError('MethodNotAllowed', { Method: request.method, ResourceType: 'SERVICE' });
};

const bucketRoute = (request: S3Request): Route => {
  const { query, method } = request;
  switch (method) {
    case 'GET':
      if (query.has('location')) return route('GetBucketLocation', getBucketLocation);
      if (query.has('versioning')) return route('GetBucketVersioning', getBucketVersioning);
      if (query.has('uploads')) throw notImplemented('ListMultipartUploads');
      if (query.get('list-type') === '2') return route('ListObjectsV2', listObjectsV2);
      return route('ListObjects', listObjectsV1);
    case 'HEAD':
      return route('HeadBucket', headBucket);
    case 'PUT':
      if (query.has('versioning')) return route('PutBucketVersioning', putBucketVersioning);
      return route('CreateBucket', createBucket);
    case 'DELETE':
      return route('DeleteBucket', deleteBucket);
    case 'POST':
      if (query.has('delete')) return route('DeleteObjects', deleteObjects);
      throw notImplemented('browser-based POST uploads');
    default:
      throw new S3ApiError('MethodNotAllowed', { Method: method, ResourceType: 'BUCKET' });
  }
};

const objectRoute = (request: S3Request): Route => {
  const { query, method } = request;
  switch (method) {
    case 'GET':
      if (query.has('uploadId')) throw notImplemented('ListParts');
      return route('GetObject', getObject);
    case 'HEAD':
      return route('HeadObject', headObject);
    case 'PUT':
      if (query.has('uploadId') || query.has('partNumber')) return route('UploadPart', uploadPart);
      if (header(request, 'x-amz-copy-source') !== undefined) return route('CopyObject', copyObject);
      return route('PutObject', putObject);
    case 'DELETE':
      if (query.has('uploadId')) return route('AbortMultipartUpload', abortMultipartUpload);
      return route('DeleteObject', deleteObject);
    case 'POST':
      if (query.has('uploads')) return route('CreateMultipartUpload', createMultipartUpload);
      if (query.has('uploadId')) return route('CompleteMultipartUpload', completeMultipartUpload);
      throw notImplemented(`POST on an object without ?uploads or ?uploadId`);
    default:
      throw new S3ApiError('MethodNotAllowed', { Method: method, ResourceType: 'OBJECT' });
  }
};

/**
 * Picks the operation for a request, or throws the S3 error for one the emulator cannot serve.
 *
 * @example
 * resolveRoute(parseS3Request(req)).name; // 'ListObjectsV2'
 */
const resolveRoute = (request: S3Request): Route => {
  const unsupported = UNSUPPORTED_SUBRESOURCES.find((name) => request.query.has(name));
  if (unsupported !== undefined) throw notImplemented(`the ?${unsupported} subresource`);
  if (request.bucket === undefined) return serviceRoute(request);
  if (request.key === undefined) return bucketRoute(request);
  return objectRoute(request);
};

export { resolveRoute };
export type { Route };
