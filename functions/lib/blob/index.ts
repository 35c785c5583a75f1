export { S3BlobStore } from './s3-blob-store';
export type { PutOptions, RangedObject } from './s3-blob-store';
export { BlobNotFoundError } from './errors';
