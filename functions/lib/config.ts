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
const unitShards = (): number => {
  const raw = process.env.UNIT_SHARDS;
  if (raw === undefined || raw === '') return 16;
  // A shard count that is not a positive integer would put every row under `…#NaN` (or divide by zero).
  const shards = Number(raw);
  if (!Number.isInteger(shards) || shards < 1) throw new ConfigurationError(`Environment variable UNIT_SHARDS must be a positive integer, not '${raw}'`);
  return shards;
};
/** Where the local keystore keeps per-customer AES keys (local runtime only; in the cloud keys live in KMS). */
const localKeystoreDir = (): string | undefined => process.env.LOCAL_KEYSTORE_DIR || undefined;

export { dataBucket, localKeystoreDir, tableName, unitShards };
