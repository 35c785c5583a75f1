/** Describe failed units: thin Lambda wiring over describeMapFailure(). */
import { S3BlobStore } from '../lib/blob';
import { forCustomer } from '../lib/aws/tenant';
import { dataBucket } from '../lib/config';
import { lambdaHandler } from '../lib/middleware';
import { describeMapFailure, type DescribeMapFailureEvent } from './describe-map-failure';

const handler = lambdaHandler(async (event: DescribeMapFailureEvent) => describeMapFailure(event, { blobs: new S3BlobStore(forCustomer(event?.customerId).s3) }), {
  smokeCheck: () => ({ bucket: dataBucket() }),
});

export { handler };
