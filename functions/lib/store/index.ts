export { CustomerStatus, CustomerStore, DEFAULT_PLAN } from './customers';
export type { CustomerProfile, PlanLimits, RecurringAnalysis } from './customers';
export { FindingsCache } from './findings-cache';
export { RunStore } from './runs';
export type { RunRecord, RunSummaryNumbers, UnitRow } from './runs';
export { BatchIncompleteError, CustomerAlreadyExistsError, CustomerNotFoundError, RunNotRunningError } from './errors';
export { cacheKey, profileKey, runKey, unitKey, unitShard } from './keys';
