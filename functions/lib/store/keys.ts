/**
 * Table keys (DESIGN §3). Every partition key starts with the customer, so IAM's dynamodb:LeadingKeys can fence
 * one customer's items from another's.
 */
type TableKey = { PK: string; SK: string };

const customerPk = (customerId: string): string => `CUSTOMER#${customerId}`;

const profileKey = (customerId: string): TableKey => ({ PK: customerPk(customerId), SK: 'PROFILE' });

const runKey = (customerId: string, runId: string): TableKey => ({ PK: customerPk(customerId), SK: `RUN#${runId}` });

/** Findings cache of one customer and rule-pack version: never shared across customers. */
const cachePartition = (customerId: string, rulePackVersion: string): string => `${customerPk(customerId)}#CACHE#${rulePackVersion}`;

/** Sort-key prefix of a pack slot's cache items (the `#` ends the slot, so slot `1.2.1` never matches `1.2.10`). */
const cacheSlotPrefix = (slot: string): string => `PACK#${slot}#`;

/**
 * One dense item of the findings cache: part `part` of the analyses of the units of one pack slot
 * (functions/lib/source/packs.ts), so a batch reads its cache with one Query and writes it with one request.
 */
const cacheKey = (customerId: string, rulePackVersion: string, slot: string, part: number): TableKey => ({
  PK: cachePartition(customerId, rulePackVersion),
  SK: `${cacheSlotPrefix(slot)}${part}`,
});

/** Partition of one shard of a run's dense unit rows. */
const unitRowsPk = (customerId: string, runId: string, shard: number): string => `${customerPk(customerId)}#RUN#${runId}#${shard}`;

/** Sort key of part `part` of a run's dense unit rows in one shard. */
const unitRowsSk = (part: number): string => `UNITS#${String(part).padStart(5, '0')}`;

export { cacheKey, cachePartition, cacheSlotPrefix, customerPk, unitRowsPk, unitRowsSk, profileKey, runKey };
export type { TableKey };
