export { CustomerStatus, CustomerStore, DEFAULT_PLAN } from './customers';
export type { CustomerProfile, PlanLimits, RecurringAnalysis } from './customers';
export { FindingsCache } from './findings-cache';
export type { CacheSealer, CachedEntry } from './findings-cache';
export { denseParts } from './dense';
export { RunStore } from './runs';
export type { RunRecord, RunSummaryNumbers, UnitRow } from './runs';
export { BatchIncompleteError, CustomerAlreadyExistsError, CustomerNotFoundError, RunNotRunningError } from './errors';
export { cacheKey, cachePartition, cacheSlotPrefix, profileKey, runKey, unitRowsPk, unitRowsSk } from './keys';
