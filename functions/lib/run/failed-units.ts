/**
 * The units of batches that failed, in words a customer can read: which units (path and object name) and why, without
 * the names of internal errors. The report lists them as not analysed; a failed run's record and the console name the
 * first few. After unit isolation a batch fails only for infrastructure (the function stopped, ran out of memory,
 * could not reach storage), never for what a file contains.
 */
import type { ReportUnit } from '../report';
import type { FailedBatch } from './map-results';

/** Reason code of a unit whose batch failed (a key of the summary's `notAnalyzed.byReason`). */
const BATCH_FAILED = 'batch-failed';

/**
 * Why a batch failed, from its Step Functions error name, in plain words.
 *
 * @example
 * batchFailureReason('Sandbox.Timedout'); // 'the analysis function ran out of time'
 */
const batchFailureReason = (error: string): string => {
  if (error === 'Sandbox.Timedout' || error === 'States.Timeout' || error === 'States.HeartbeatTimeout') return 'the analysis function ran out of time';
  if (error === 'Runtime.OutOfMemory') return 'the analysis function ran out of memory';
  if (error.startsWith('Lambda.') || error.startsWith('Runtime.')) return 'the analysis function could not run';
  if (error === 'TransientServiceError') return 'an AWS service kept failing after retries';
  if (error === 'PermanentServiceError') return 'an AWS service refused the request';
  if (error.startsWith('S3') || error.startsWith('DynamoDB') || error === 'States.ResultWriterFailed') return 'storage could not be reached';
  return 'the analysis function failed';
};

/**
 * Every unit of the failed batches as a not-analysed report unit, with its path, object and lines from the batch input.
 *
 * @example
 * const units = [...analysed, ...failedBatchUnits(run.failedBatches)];
 */
const failedBatchUnits = (batches: readonly FailedBatch[]): ReportUnit[] =>
  batches.flatMap((batch) =>
    batch.units.map((unit) => ({
      unitId: unit.unitId,
      path: unit.path ?? unit.unitId,
      language: unit.language ?? 'unknown',
      ...(unit.objectType === undefined ? {} : { objectType: unit.objectType }),
      ...(unit.objectName === undefined ? {} : { objectName: unit.objectName }),
      loc: unit.loc ?? 0,
      findings: [],
      ...(unit.files === undefined ? {} : { files: unit.files }),
      notAnalyzed: { code: BATCH_FAILED, message: `Not analysed: ${batchFailureReason(batch.error)} for the batch this unit was in` },
    })),
  );

/**
 * The first few units of failed batches with the reason, and counts by reason: what a failed run says.
 *
 * @example
 * describeFailedBatches(batches); // '25 units not analysed: the analysis function ran out of time (25 units: ZCL_A (src/zcl_a.clas.abap), …)'
 */
const describeFailedBatches = (batches: readonly FailedBatch[], firstFew = 5): string => {
  const byReason = new Map<string, FailedBatch['units']>();
  for (const batch of batches) {
    const reason = batchFailureReason(batch.error);
    byReason.set(reason, [...(byReason.get(reason) ?? []), ...batch.units]);
  }
  const total = [...byReason.values()].reduce((sum, units) => sum + units.length, 0);
  const parts = [...byReason.entries()].map(([reason, units]) => {
    const named = units.slice(0, firstFew).map((unit) => (unit.objectName === undefined ? (unit.path ?? unit.unitId) : `${unit.objectName} (${unit.path ?? unit.unitId})`));
    const more = units.length > firstFew ? `, and ${units.length - firstFew} more` : '';
    return `${reason} (${units.length} ${units.length === 1 ? 'unit' : 'units'}: ${named.join(', ')}${more})`;
  });
  return `${total} ${total === 1 ? 'unit' : 'units'} not analysed in ${batches.length} failed ${batches.length === 1 ? 'batch' : 'batches'}: ${parts.join('; ')}`;
};

export { BATCH_FAILED, batchFailureReason, describeFailedBatches, failedBatchUnits };
