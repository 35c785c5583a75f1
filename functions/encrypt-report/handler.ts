/** Encrypt report: thin Lambda wiring over encryptReport(). */
import { S3BlobStore } from '../lib/blob';
import { forCustomer } from '../lib/aws/tenant';
import { dataBucket, tableName, unitShards } from '../lib/config';
import { keyringFor } from '../lib/crypto';
import { lambdaHandler } from '../lib/middleware';
import { metrics } from '../lib/powertools';
import { RunStore } from '../lib/store';
import { encryptReport, type EncryptReportEvent } from './encrypt-report';

const handler = lambdaHandler(
  async (event: EncryptReportEvent) => {
    const { s3, documents, kmsForKeyring } = forCustomer(event?.customerId);
    const result = await encryptReport(event, {
      blobs: new S3BlobStore(s3),
      runs: new RunStore(documents, tableName(), unitShards()),
      keyringFor: (customerKeyId, customerId) => keyringFor(customerKeyId, { customerId, kmsClientProvider: kmsForKeyring }),
    });
    metrics.addMetric('ReportBytes', 'Bytes', result.report.bytes);
    return result;
  },
  { smokeCheck: () => ({ table: tableName(), bucket: dataBucket() }) },
);

export { handler };
