export * from './layout';
export { readMapResults } from './map-results';
export type { FailedBatch, MapResults, ResultWriterManifest } from './map-results';
export type { BatchResult, ManifestItem, SplitOutcome, UnitOutcome } from './types';
export { MapResultsError, PlanLimitExceededError } from './errors';
export { loadRunUnits } from './run-units';
export type { FindingsObject, RunUnits } from './run-units';
