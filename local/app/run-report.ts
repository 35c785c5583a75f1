/**
 * What a finished or failed run left behind, read back locally. A run's report as its customer would read it: the
 * encrypted object from S3, decrypted with the customer's own key (the keyring the profile names) under the
 * encryption context {customerId, runId}, then parsed and checked; one place for `npm run report`, `npm start` and
 * the local console; the clear text stays in memory. And, for a run whose analysis map failed, the failed batches
 * from the map's ResultWriter output (which Step Functions writes on failure too).
 */
import type { Readable } from 'node:stream';
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { S3BlobStore } from '../../functions/lib/blob';
import { decryptReport, keyringFor } from '../../functions/lib/crypto';
import { parseReport, type Report } from '../../functions/lib/report';
import { mapResultPrefix, readMapResults, reportKey, type FailedBatch } from '../../functions/lib/run';
import { CustomerStore } from '../../functions/lib/store';
import type { Session } from './session';

/** Where reports and profiles are, and the local keystore. */
type RunReportSources = {
  s3: S3Client;
  dynamodb: DynamoDBClient;
  bucket: string;
  tableName: string;
  keystoreDir: string;
};

/** The customer was never onboarded: there is no key to read its reports with. */
class CustomerNotOnboardedError extends Error {
  public readonly customerId: string;

  public constructor(customerId: string) {
    super(`customer ${customerId} is not onboarded`);
    this.name = 'CustomerNotOnboardedError';
    this.customerId = customerId;
  }
}

/** The run has no report: not published (yet), failed, or never started. */
class RunReportNotFoundError extends Error {
  public constructor(message: string) {
    super(message);
    this.name = 'RunReportNotFoundError';
  }
}

/**
 * Decrypts and parses a run's report.
 *
 * @throws CustomerNotOnboardedError when the customer is unknown
 * @throws RunReportNotFoundError when there is no report object
 * @throws the Encryption SDK's error when the report does not decrypt under this customer's key and context
 * @example
 * const report = await readRunReport({ s3, dynamodb, bucket, tableName, keystoreDir }, 'demo', 'r1');
 */
const readRunReport = async (sources: RunReportSources, customerId: string, runId: string): Promise<Report> => {
  const profile = await new CustomerStore(DynamoDBDocumentClient.from(sources.dynamodb), sources.tableName).get(customerId);
  if (!profile) throw new CustomerNotOnboardedError(customerId);
  const key = reportKey(customerId, runId);
  const object = await sources.s3.send(new GetObjectCommand({ Bucket: sources.bucket, Key: key })).catch(() => undefined);
  if (!object?.Body) throw new RunReportNotFoundError(`no report at s3://${sources.bucket}/${key} (is run ${runId} of ${customerId} published?)`);
  const keyring = await keyringFor(profile.keyId, { customerId, keystoreDir: sources.keystoreDir });
  // Decrypted as it downloads: a report of 65,000 findings is over 20 MB.
  return parseReport(await decryptReport(object.Body as Readable, keyring, { customerId, runId }));
};

/** The report sources of a local session. */
const reportSourcesOf = (session: Session): RunReportSources => ({
  s3: session.clients.s3,
  dynamodb: session.clients.dynamodb,
  bucket: session.manifest.buckets[0].name,
  tableName: session.manifest.tables[0].name,
  keystoreDir: session.keystoreDir,
});

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

export { CustomerNotOnboardedError, RunReportNotFoundError, readFailedBatches, readRunReport, reportSourcesOf };
export type { RunReportSources };
