export { S3BlobStore, underCustomerKey } from './s3-blob-store';
export type { PutOptions, RangedObject } from './s3-blob-store';
export { BlobNotFoundError } from './errors';
