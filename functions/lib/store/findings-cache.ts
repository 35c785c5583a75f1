/**
 * The per-customer findings cache: findings of a unit (content-addressed by sha256) under one rule-pack version,
 * so a re-run analyses only what changed. Per customer, never shared: a shared cache would tell one customer
 * what another has. Findings are stored gzipped (no source text is in them; DynamoDB's 400 KB item limit is
 * the bound, and a unit whose findings exceed it is simply not cached).
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { batchGet } from './batch';
import { cacheKey } from './keys';

/** Largest gzipped findings blob that is cached (DynamoDB items are at most 400 KB with attribute names). */
const MAX_CACHED_BYTES = 350 * 1024;
/** Cached findings expire (DynamoDB TTL) after this many days without being written again. @default 180 */
const CACHE_TTL_DAYS = 180;

type CachedEntry<F> = { unitId: string; findings: F[] };

/**
 * @example
 * const cache = new FindingsCache(documentClient(), tableName());
 * const hits = await cache.getMany('acme', RULE_PACK_VERSION, unitIds);
 */
class FindingsCache {
  public constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly table: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The cached findings of those units that have them, keyed by unit id. */
  public async getMany<F>(customerId: string, rulePackVersion: string, unitIds: readonly string[]): Promise<Map<string, F[]>> {
    const keys = [...new Set(unitIds)].map((unitId) => cacheKey(customerId, rulePackVersion, unitId));
    const items = await batchGet(this.client, this.table, keys, { projection: 'SK, findings' });
    const hits = new Map<string, F[]>();
    for (const item of items) {
      const blob = item.findings as Uint8Array;
      hits.set(item.SK as string, JSON.parse(gunzipSync(blob).toString('utf8')) as F[]);
    }
    return hits;
  }

  /** Caches one unit's findings; returns false when they are too large to cache. */
  public async put<F>(customerId: string, rulePackVersion: string, entry: CachedEntry<F>): Promise<boolean> {
    const blob = gzipSync(JSON.stringify(entry.findings));
    if (blob.byteLength > MAX_CACHED_BYTES) return false;
    const now = this.now();
    await this.client.send(
      new PutCommand({
        TableName: this.table,
        Item: {
          ...cacheKey(customerId, rulePackVersion, entry.unitId),
          findings: blob,
          findingCount: entry.findings.length,
          cachedAt: now.toISOString(),
          expiresAt: Math.floor(now.getTime() / 1000) + CACHE_TTL_DAYS * 86_400,
        },
      }),
    );
    return true;
  }
}

export { CACHE_TTL_DAYS, FindingsCache, MAX_CACHED_BYTES };
export type { CachedEntry };
