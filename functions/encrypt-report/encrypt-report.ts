/**
 * Encrypt report: the full report (findings grouped by object, rule and severity, effort totals, skipped files, rule
 * packs with versions, the migration assessment with its cross-file findings) from the run's result (which
 * aggregation built, or an earlier run with the same findings; built here when it could not be kept), with this run's
 * own ids, times and source; envelope-encrypted with the customer's own key under the encryption context
 * {customerId, runId}, and stored as an AWS Encryption SDK message in S3. Only the location leaves this function.
 */
import type { KeyringNode } from '@aws-crypto/client-node';
import type { S3BlobStore } from '../lib/blob';
import { encryptReport as encrypt } from '../lib/crypto';
import { InvalidEventError } from '../lib/errors';
import { requireCustomerId, requireRunId } from '../lib/ids';
import { REPORT_VERSION } from '../lib/report';
import { optionalMapResult, readSplitSummary, reportKey, runSources, type AssessRunOptions, type SplitOutcome } from '../lib/run';
import { runResultPart, serializeRunReport } from '../lib/run/run-result';
import type { RunStore } from '../lib/store';

type EncryptReportEvent = {
  customerId: string;
  runId: string;
  /** The customer's key: a KMS key ARN, or `local:<customerId>:<version>` locally. */
  customerKeyId: string;
  /** ResultWriterDetails of the Analyze units map; null when the map did not run (every pack's findings were known). */
  mapResult?: { bucket: string; key: string } | null;
  split: SplitOutcome;
};

type EncryptReportResult = {
  report: { bucket: string; key: string; bytes: number; format: 'aws-encryption-sdk'; reportVersion: number };
};

type EncryptReportDeps = {
  blobs: S3BlobStore;
  runs: RunStore;
  keyringFor(customerKeyId: string, customerId: string): Promise<KeyringNode>;
  now?: () => Date;
  /** The code-base phase. @default the analysis engine's assessCodebase */
  assess?: AssessRunOptions['assess'];
};

const requireString = (value: unknown, field: string): string => {
  if (typeof value !== 'string' || value === '') throw new InvalidEventError(field, 'must be a non-empty string');
  return value;
};

/**
 * Like Promise.all, but fails only once every read has settled: a read left in flight would outlive a failed
 * invocation (Lambda freezes it, and it resumes in the next one), and the first error is still the one thrown.
 */
const settleAll = async <T extends readonly unknown[]>(promises: readonly [...{ [K in keyof T]: Promise<T[K]> }]): Promise<T> => {
  const results = await Promise.allSettled(promises);
  for (const result of results) if (result.status === 'rejected') throw result.reason;
  return results.map((result) => (result as PromiseFulfilledResult<unknown>).value) as unknown as T;
};

/**
 * @example
 * const { report } = await encryptReport(event, { blobs, runs, keyringFor });
 */
const encryptReport = async (event: EncryptReportEvent, deps: EncryptReportDeps): Promise<EncryptReportResult> => {
  const customerId = requireCustomerId(event?.customerId, 'customerId');
  const runId = requireRunId(event?.runId, 'runId');
  const customerKeyId = requireString(event.customerKeyId, 'customerKeyId');
  const mapResult = optionalMapResult(event.mapResult);
  requireString(event.split?.summaryKey, 'split.summaryKey');
  const bucket = mapResult?.bucket ?? requireString(event.split?.manifest?.bucket, 'split.manifest.bucket');
  const now = deps.now ?? (() => new Date());

  // The keyring first: a customer whose key is gone fails before any work.
  const keyring = await deps.keyringFor(customerKeyId, customerId);
  const [run, split, record] = await settleAll([runSources(deps.blobs, mapResult, event.split), readSplitSummary(deps.blobs, event.split), deps.runs.get(customerId, runId)]);

  // The result aggregation built (or an earlier run with the same findings): the report's totals match the summary.
  // Units of failed batches are in it as not analysed, so the report accounts for every unit of the archive.
  const { json } = await runResultPart(deps.blobs, { customerId, run, split, skippedFiles: event.split.skipped ?? 0 }, 'report', { assess: deps.assess });
  const plaintext = serializeRunReport(
    json,
    {
      customerId,
      runId,
      startedAt: record?.startedAt ?? now().toISOString(),
      finishedAt: now().toISOString(),
      sourceArchive: split.sourceKey ?? record?.sourceKey ?? 'unknown',
    },
    now(),
  );
  const ciphertext = await encrypt(plaintext, keyring, { customerId, runId });
  const key = reportKey(customerId, runId);
  await deps.blobs.put(bucket, key, Buffer.from(ciphertext), { contentType: 'application/octet-stream' });
  return { report: { bucket, key, bytes: ciphertext.byteLength, format: 'aws-encryption-sdk', reportVersion: REPORT_VERSION } };
};

export { encryptReport };
export type { EncryptReportDeps, EncryptReportEvent, EncryptReportResult };
