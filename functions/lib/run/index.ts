// assessRun (./assess-run) is imported from its own file, not from here: it loads the analysis-engine layer, which
// only the functions that assess declare; split-source and create-upload import this index without that layer.
export type { AssessedRun, AssessRunOptions } from './assess-run';
export * from './layout';
export { readMapResults } from './map-results';
export type { FailedBatch, FailedUnit, MapResults, ResultWriterManifest } from './map-results';
export { BATCH_FAILED, batchFailureReason, describeFailedBatches, failedBatchUnits } from './failed-units';
export type { BatchResult, ManifestItem, RunUnit, SplitOutcome, UnitOutcome } from './types';
export { CodebaseFindingPlacementError, MapResultsError, PlanLimitExceededError } from './errors';
export { loadRunUnits, optionalMapResult, readRunUnits, runSources } from './run-units';
export { readSplitSummary } from './split-summary';
export type { SplitSummary } from './split-summary';
export type { FindingsObject, RunSource, RunSources, RunUnits } from './run-units';
