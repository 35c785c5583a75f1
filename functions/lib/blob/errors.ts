import { UpgradeImpactError } from '../errors';

/** The object does not exist (or the caller may not read it). */
class BlobNotFoundError extends UpgradeImpactError {
  public readonly bucket: string;
  public readonly key: string;

  public constructor(bucket: string, key: string, options?: ErrorOptions) {
    super(`s3://${bucket}/${key} does not exist`, options);
    this.name = 'BlobNotFoundError';
    this.bucket = bucket;
    this.key = key;
  }
}

export { BlobNotFoundError };
