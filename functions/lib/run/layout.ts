/**
 * Where a run's objects live in the data bucket (DESIGN §3). One place, so the handlers, the state machine's
 * ResultWriter prefix and the local tools agree.
 */

/** Customers' uploaded source archives. */
const uploadPrefix = (customerId: string): string => `uploads/${customerId}/`;
/** A unit's stored content, content-addressed: identical units are stored (and analysed) once per customer. */
const unitObjectKey = (customerId: string, unitId: string): string => `units/${customerId}/${unitId}`;
/** Packs of units (their stored bodies back to back), content-addressed: a batch reads its code with one GET. */
const packPrefix = (customerId: string): string => `units/${customerId}/packs/`;
const packObjectKey = (customerId: string, sha256: string): string => `${packPrefix(customerId)}${sha256}`;
/**
 * A pack's findings under one set of rule packs, content-addressed by the pack's manifest line and the rule-pack
 * version: a later run with the same pack (same units at the same paths) takes them as they are, without analysing.
 */
const packFindingsPrefix = (customerId: string): string => `units/${customerId}/findings/`;
const packFindingsKey = (customerId: string, digest: string): string => `${packFindingsPrefix(customerId)}${digest}.json`;
/**
 * An archive's split, kept for the next run of the same archive: content-addressed by the archive's bytes, the
 * rule-pack version and the options that shape the split, so a re-upload of the same archive is not split again.
 */
const splitRecordKey = (customerId: string, digest: string): string => `units/${customerId}/splits/${digest}.json`;
/**
 * What aggregation and the report build from one set of pack findings (the summary and unit rows; the report's
 * content), content-addressed by the findings keys and the split's skipped files: a run with nothing new reads one
 * object instead of every pack's findings. `part` is `summary` or `report`.
 */
const runResultKey = (customerId: string, digest: string, part: 'summary' | 'report'): string => `units/${customerId}/results/${digest}.${part}.json.gz`;
const runPrefix = (customerId: string, runId: string): string => `runs/${customerId}/${runId}/`;
/** The JSONL pack manifest the Distributed Map reads: the packs still to analyse (ids, paths and counts, no code). */
const manifestKey = (customerId: string, runId: string): string => `${runPrefix(customerId, runId)}manifest.jsonl`;
/** Every pack of the run (JSONL, one manifest line each), those whose findings were already known included. */
const packsIndexKey = (customerId: string, runId: string): string => `${runPrefix(customerId, runId)}packs.jsonl`;
/** The split's totals and skipped files (paths and reasons; no code). */
const splitSummaryKey = (customerId: string, runId: string): string => `${runPrefix(customerId, runId)}split.json`;
/** One analysed batch's findings (rule, line, message: no code). */
const findingsObjectKey = (customerId: string, runId: string, batchId: string): string =>
  `${runPrefix(customerId, runId)}findings/${batchId}.json`;
/** The ResultWriter prefix of the Analyze units map (the definition builds the same string). */
const mapResultPrefix = (customerId: string, runId: string): string => `${runPrefix(customerId, runId)}map`;
/** The encrypted report (AWS Encryption SDK message). */
const reportKey = (customerId: string, runId: string): string => `reports/${customerId}/${runId}.report.enc`;

export { findingsObjectKey, manifestKey, packFindingsKey, packFindingsPrefix, packObjectKey, packPrefix, packsIndexKey, mapResultPrefix, reportKey, runPrefix, runResultKey, splitRecordKey, splitSummaryKey, unitObjectKey, uploadPrefix };
