/** What every S3 operation receives and returns. */
import type { Readable } from 'node:stream';
import type { S3Request } from './request';
import type { ObjectStore } from './store';

/** An answer to send: status, headers, and a string, buffer or stream body. */
type S3Response = {
  status: number;
  headers?: Record<string, string | number>;
  body?: string | Buffer | Readable;
};

/** Shared state of one running emulator. */
type S3Context = {
  readonly store: ObjectStore;
  /** Region reported for buckets (HeadBucket, GetBucketLocation) and used in default KMS key ARNs. */
  readonly region: string;
};

/** One S3 API operation. */
type S3Operation = (context: S3Context, request: S3Request) => Promise<S3Response>;

/** A 200 (or `status`) answer carrying an XML document. */
const xmlResponse = (body: string, status = 200, headers: Record<string, string | number> = {}): S3Response => ({
  status,
  headers: { 'Content-Type': 'application/xml', ...headers },
  body,
});

export { xmlResponse };
export type { S3Context, S3Operation, S3Response };
