/**
 * Describe failed units: when the Analyze units map fails because more unit batches failed than the run tolerates,
 * Step Functions reports only that the threshold was exceeded. The batches' own errors are in the map's results
 * (ResultWriter writes them whatever the outcome); this reads them and names the true cause for the run record: the
 * first failed batch's error and reason (which name the unit, the service and the operation), and how many failed.
 */
import type { S3BlobStore } from '../lib/blob';
import { requireCustomerId, requireRunId } from '../lib/ids';
import { InvalidEventError } from '../lib/errors';
import { mapResultPrefix, readMapResults, type FailedBatch } from '../lib/run';

/** A state's error output: what Step Functions caught. */
type Failure = { Error?: string; Cause?: string };

type DescribeMapFailureEvent = {
  customerId: string;
  runId: string;
  /** The bucket the map's ResultWriter wrote to (the data bucket). */
  bucket: string;
  failure: Failure;
};

type DescribeMapFailureResult = { Error: string; Cause: string };

type DescribeMapFailureDeps = { blobs: S3BlobStore };

/** A batch's reason: the function's errorMessage when its cause is a Lambda error payload, else the cause itself. */
const reasonOf = (batch: FailedBatch): string => {
  try {
    const payload = JSON.parse(batch.cause) as { errorMessage?: unknown };
    if (typeof payload?.errorMessage === 'string') return payload.errorMessage;
  } catch {
    // not a Lambda error payload: the cause as it is
  }
  return batch.cause || batch.error;
};

/**
 * @example
 * const { Error, Cause } = await describeMapFailure({ customerId, runId, bucket, failure }, { blobs });
 */
const describeMapFailure = async (event: DescribeMapFailureEvent, deps: DescribeMapFailureDeps): Promise<DescribeMapFailureResult> => {
  const customerId = requireCustomerId(event?.customerId, 'customerId');
  const runId = requireRunId(event.runId, 'runId');
  if (typeof event.bucket !== 'string' || event.bucket === '') throw new InvalidEventError('bucket', 'must be a non-empty string');
  const caught = { Error: event.failure?.Error ?? 'States.TaskFailed', Cause: event.failure?.Cause ?? '' };
  // The map may have run more than once (a retried ItemReader or ResultWriter failure): the run that failed
  // batches is the one to describe.
  const prefix = `${mapResultPrefix(customerId, runId)}/`;
  const manifests: string[] = [];
  for await (const key of deps.blobs.list(event.bucket, prefix)) if (key.endsWith('/manifest.json')) manifests.push(key);
  for (const key of manifests) {
    const results = await readMapResults(deps.blobs, { bucket: event.bucket, key });
    // Batches stopped because others had failed (ABORTED) are not a cause.
    const failed = results.failed.filter((batch) => batch.status !== 'ABORTED');
    if (failed.length === 0) continue;
    const [first] = failed;
    const units = failed.reduce((sum, batch) => sum + batch.unitIds.length, 0);
    const batches = results.failed.length + results.succeeded.length;
    const stopped = results.failed.length - failed.length;
    return {
      Error: first.error,
      Cause:
        `${units} unit(s) in ${failed.length} of ${batches} batches failed, more than the run tolerates` +
        `${stopped > 0 ? ` (${stopped} more batches were stopped)` : ''}. First: ${first.error}: ${reasonOf(first)}`,
    };
  }
  return caught;
};

export { describeMapFailure };
export type { DescribeMapFailureDeps, DescribeMapFailureEvent, DescribeMapFailureResult };
