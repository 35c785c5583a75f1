/**
 * Where a run's objects live in the data bucket (DESIGN §3). One place, so the handlers, the state machine's
 * ResultWriter prefix and the local tools agree.
 */

/** Customers' uploaded source archives. */
const uploadPrefix = (customerId: string): string => `uploads/${customerId}/`;
/** A unit's stored content, content-addressed: identical units are stored (and analysed) once per customer. */
const unitObjectKey = (customerId: string, unitId: string): string => `units/${customerId}/${unitId}`;
const runPrefix = (customerId: string, runId: string): string => `runs/${customerId}/${runId}/`;
/** The JSONL unit manifest the Distributed Map reads (ids and counts only, no code). */
const manifestKey = (customerId: string, runId: string): string => `${runPrefix(customerId, runId)}manifest.jsonl`;
/** The split's totals and skipped files (paths and reasons; no code). */
const splitSummaryKey = (customerId: string, runId: string): string => `${runPrefix(customerId, runId)}split.json`;
/** One analysed batch's findings (rule, line, message: no code). */
const findingsObjectKey = (customerId: string, runId: string, batchId: string): string =>
  `${runPrefix(customerId, runId)}findings/${batchId}.json`;
/** The ResultWriter prefix of the Analyze units map (the definition builds the same string). */
const mapResultPrefix = (customerId: string, runId: string): string => `${runPrefix(customerId, runId)}map`;
/** The encrypted report (AWS Encryption SDK message). */
const reportKey = (customerId: string, runId: string): string => `reports/${customerId}/${runId}.report.enc`;

export { findingsObjectKey, manifestKey, mapResultPrefix, reportKey, runPrefix, splitSummaryKey, unitObjectKey, uploadPrefix };
