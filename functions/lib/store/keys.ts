/**
 * Table keys (DESIGN §3). Every partition key starts with the customer, so IAM's dynamodb:LeadingKeys can fence
 * one customer's items from another's.
 */
import { createHash } from 'node:crypto';

type TableKey = { PK: string; SK: string };

const customerPk = (customerId: string): string => `CUSTOMER#${customerId}`;

const profileKey = (customerId: string): TableKey => ({ PK: customerPk(customerId), SK: 'PROFILE' });

const runKey = (customerId: string, runId: string): TableKey => ({ PK: customerPk(customerId), SK: `RUN#${runId}` });

/** Shard of a unit row: a stable hash of the unit id, so a unit always lands in the same partition of its run. */
const unitShard = (unitId: string, shards: number): number =>
  createHash('sha256').update(unitId).digest().readUInt32BE(0) % shards;

const unitKey = (customerId: string, runId: string, unitId: string, shards: number): TableKey => ({
  PK: `${customerPk(customerId)}#RUN#${runId}#${unitShard(unitId, shards)}`,
  SK: `UNIT#${unitId}`,
});

/** Findings cache of one customer and rule-pack version: never shared across customers. */
const cacheKey = (customerId: string, rulePackVersion: string, unitId: string): TableKey => ({
  PK: `${customerPk(customerId)}#CACHE#${rulePackVersion}`,
  SK: unitId,
});

export { cacheKey, customerPk, profileKey, runKey, unitKey, unitShard };
export type { TableKey };
