/**
 * What a finished or failed run left behind, read back locally: the decrypted report of a published run (with the
 * customer's local key, as `npm run report` does) and, for a run whose analysis map failed, the failed batches from
 * the map's ResultWriter output (which Step Functions writes on failure too).
 */
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { S3BlobStore } from '../../functions/lib/blob';
import { decryptReport, keyringFor } from '../../functions/lib/crypto';
import { parseReport, type Report } from '../../functions/lib/report';
import { mapResultPrefix, readMapResults, reportKey, type FailedBatch } from '../../functions/lib/run';
import { CustomerStore } from '../../functions/lib/store';
import type { Session } from './session';

/** A run's report cannot be read: the customer is not onboarded, or the run has no report. */
class RunReportNotFoundError extends Error {
  public constructor(
    public readonly missing: 'customer' | 'report',
    message: string,
  ) {
    super(message);
    this.name = 'RunReportNotFoundError';
  }
}

/**
 * Decrypts and parses a run's report.
 *
 * @throws RunReportNotFoundError when the customer is unknown or the run has no report
 * @example
 * const report = await readRunReport(session, 'demo', 'r1');
 */
const readRunReport = async (session: Session, customerId: string, runId: string): Promise<Report> => {
  const tableName = session.manifest.tables[0].name;
  const profile = await new CustomerStore(DynamoDBDocumentClient.from(session.clients.dynamodb), tableName).get(customerId);
  if (!profile) throw new RunReportNotFoundError('customer', `customer ${customerId} is not onboarded`);
  const bucket = session.manifest.buckets[0].name;
  const key = reportKey(customerId, runId);
  const object = await session.clients.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key })).catch(() => undefined);
  if (!object?.Body) throw new RunReportNotFoundError('report', `no report at s3://${bucket}/${key} (is run ${runId} of ${customerId} published?)`);
  const ciphertext = await object.Body.transformToByteArray();
  const keyring = await keyringFor(profile.keyId, { customerId, keystoreDir: session.keystoreDir });
  return parseReport(await decryptReport(ciphertext, keyring, { customerId, runId }));
};

/**
 * The failed batches of a run's analysis map, from every map run's results under the run's ResultWriter prefix;
 * none when the map never wrote results.
 *
 * @example
 * const failed = await readFailedBatches(session, 'demo', 'r1');
 */
const readFailedBatches = async (session: Session, customerId: string, runId: string): Promise<FailedBatch[]> => {
  const blobs = new S3BlobStore(session.clients.s3);
  const bucket = session.manifest.buckets[0].name;
  const keys = [...(await blobs.sizes(bucket, `${mapResultPrefix(customerId, runId)}/`)).keys()].filter((key) => key.endsWith('/manifest.json'));
  const failed: FailedBatch[] = [];
  for (const key of keys) failed.push(...(await readMapResults(blobs, { bucket, key })).failed);
  return failed;
};

export { readFailedBatches, readRunReport, RunReportNotFoundError };
