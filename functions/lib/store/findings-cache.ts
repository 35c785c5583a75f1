/**
 * The per-customer findings cache: findings of a unit (content-addressed by sha256) under one rule-pack version,
 * so a re-run analyses only what changed. Per customer, never shared: a shared cache would tell one customer
 * what another has. Findings are stored gzipped and, with a sealer, sealed under the customer's own key: they hold
 * no source text, but they do hold what the code is (rule hits, module and controller names), which is the customer's
 * data. DynamoDB's 400 KB item limit is the bound: a unit whose findings exceed it is simply not cached. An entry that
 * does not open (another key, or written unsealed before) is a miss: the unit is analysed again.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { batchGet, batchPut } from './batch';
import { cacheKey } from './keys';

/** Largest gzipped findings blob that is cached (DynamoDB items are at most 400 KB with attribute names). */
const MAX_CACHED_BYTES = 350 * 1024;
/** Cached findings expire (DynamoDB TTL) after this many days without being written again. @default 180 */
const CACHE_TTL_DAYS = 180;

/** What is cached for a unit: its analysis outcome (findings with file names, counts), whatever its shape. */
type CachedEntry<T> = { unitId: string; analysis: T };

/** Seals a cached value under the customer's key, and opens it (functions/lib/crypto derivedDataSealer). */
type CacheSealer = { seal(plaintext: Uint8Array): Promise<Uint8Array>; open(sealed: Uint8Array): Promise<Uint8Array> };

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
    private readonly sealer?: CacheSealer,
  ) {}

  /** The cached analyses of those units that have one, keyed by unit id. */
  public async getMany<T>(customerId: string, rulePackVersion: string, unitIds: readonly string[]): Promise<Map<string, T>> {
    const keys = [...new Set(unitIds)].map((unitId) => cacheKey(customerId, rulePackVersion, unitId));
    const items = await batchGet(this.client, this.table, keys, { projection: 'SK, analysis' });
    const hits = new Map<string, T>();
    for (const item of items) {
      const stored = item.analysis as Uint8Array;
      const blob = this.sealer ? await this.sealer.open(stored).catch(() => undefined) : stored;
      if (blob === undefined) continue;
      try {
        hits.set(item.SK as string, JSON.parse(gunzipSync(blob).toString('utf8')) as T);
      } catch {
        // Not a cache entry this version can read: a miss.
      }
    }
    return hits;
  }

  /**
   * Caches several units' analyses with batch writes (25 per request); returns the unit ids left out because their
   * analysis is too large to cache.
   */
  public async putMany<T>(customerId: string, rulePackVersion: string, entries: readonly CachedEntry<T>[]): Promise<string[]> {
    const now = this.now();
    const tooLarge: string[] = [];
    const items: Record<string, unknown>[] = [];
    for (const entry of entries) {
      const blob = await this.stored(entry.analysis);
      if (blob.byteLength > MAX_CACHED_BYTES) {
        tooLarge.push(entry.unitId);
        continue;
      }
      items.push(this.item(customerId, rulePackVersion, entry.unitId, blob, now));
    }
    await batchPut(this.client, this.table, items);
    return tooLarge;
  }

  /** Caches one unit's analysis; returns false when it is too large to cache. */
  public async put<T>(customerId: string, rulePackVersion: string, entry: CachedEntry<T>): Promise<boolean> {
    const blob = await this.stored(entry.analysis);
    if (blob.byteLength > MAX_CACHED_BYTES) return false;
    await this.client.send(new PutCommand({ TableName: this.table, Item: this.item(customerId, rulePackVersion, entry.unitId, blob, this.now()) }));
    return true;
  }

  /** What is written for an analysis: gzipped JSON, sealed when there is a sealer. */
  private async stored(analysis: unknown): Promise<Uint8Array> {
    const blob = gzipSync(JSON.stringify(analysis));
    return this.sealer ? this.sealer.seal(blob) : blob;
  }

  private item(customerId: string, rulePackVersion: string, unitId: string, blob: Uint8Array, now: Date): Record<string, unknown> {
    return {
      ...cacheKey(customerId, rulePackVersion, unitId),
      analysis: blob,
      cachedAt: now.toISOString(),
      expiresAt: Math.floor(now.getTime() / 1000) + CACHE_TTL_DAYS * 86_400,
    };
  }
}

export { CACHE_TTL_DAYS, FindingsCache, MAX_CACHED_BYTES };
export type { CacheSealer, CachedEntry };
