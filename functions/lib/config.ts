/**
 * The settings a handler reads from its environment (set by template.yaml, and by the local runtime from the same
 * template). A missing setting is a deployment error: it fails the first invocation with the variable's name.
 */
import { ConfigurationError } from './errors';

const required = (name: string): string => {
  const value = process.env[name];
  if (value === undefined || value === '') throw new ConfigurationError(`Environment variable ${name} is not set`);
  return value;
};

/** Table of customers, runs, units and the findings cache (DESIGN §3). */
const tableName = (): string => required('TABLE_NAME');
/** Bucket of uploads, units, run data and reports. */
const dataBucket = (): string => required('DATA_BUCKET');
/**
 * Partitions that one run's unit rows are spread over: one partition key takes about 1,000 writes/s, and a large
 * run writes hundreds of thousands of rows.
 * @default 16
 */
const positiveInteger = (name: string, fallback: number): number => {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new ConfigurationError(`Environment variable ${name} must be a positive integer, not '${raw}'`);
  return value;
};
// A shard count that is not a positive integer would put every row under `…#NaN` (or divide by zero).
const unitShards = (): number => positiveInteger('UNIT_SHARDS', 16);
/**
 * Heap one unit's analysis may use, MiB: the analysis worker's V8 limit (the rest of the function's MemorySize is the
 * handler's). A unit that needs more ends `memory-budget`.
 * @default 1024
 */
const unitMemoryBudgetMb = (): number => positiveInteger('UNIT_MEMORY_BUDGET_MB', 1024);
/**
 * Most time one unit's analysis may take, seconds; a batch's units share the function's timeout below it
 * (see unitTimeBudget in analyze-units). A unit that takes longer ends `time-budget`.
 * @default 60
 */
const unitTimeBudgetSeconds = (): number => positiveInteger('UNIT_TIME_BUDGET_SECONDS', 60);
/** Where the local keystore keeps per-customer AES keys (local runtime only; in the cloud keys live in KMS). */
const localKeystoreDir = (): string | undefined => process.env.LOCAL_KEYSTORE_DIR || undefined;

export { dataBucket, localKeystoreDir, tableName, unitMemoryBudgetMb, unitShards, unitTimeBudgetSeconds };
