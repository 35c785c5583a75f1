/**
 * The per-customer findings cache: the analyses of units (content-addressed by sha256) under one rule-pack version,
 * so a re-run analyses only what changed. Per customer, never shared: a shared cache would tell one customer what
 * another has. Stored dense: one item (or a few, each under DynamoDB's 400 KB limit) per pack slot
 * (functions/lib/source/packs.ts) holding the analyses of that slot's units, gzipped and, with a sealer, sealed under
 * the customer's own key: they hold no source text, but they do hold what the code is (rule hits, module and
 * controller names), which is the customer's data. A batch reads its slot with one Query and writes it with one
 * request; a unit is still found by its content hash within the slot. A unit whose analysis alone exceeds the limit is
 * not cached. An item that does not open (another key, or written unsealed before) is a miss: its units are analysed
 * again.
 */
import { gunzipSync } from 'node:zlib';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { batchPut, queryPrefix } from './batch';
import { denseParts, MAX_DENSE_BYTES } from './dense';
import { cacheKey, cachePartition, cacheSlotPrefix } from './keys';

/** Largest gzipped blob per cache item (DynamoDB items are at most 400 KB with attribute names). */
const MAX_CACHED_BYTES = MAX_DENSE_BYTES;
/** Cached findings expire (DynamoDB TTL) after this many days without being written again. @default 180 */
const CACHE_TTL_DAYS = 180;

/** What is cached for a unit: its analysis outcome (findings with file names, counts), whatever its shape. */
type CachedEntry<T> = { unitId: string; analysis: T };

/** Seals a cached value under the customer's key, and opens it (functions/lib/crypto derivedDataSealer). */
type CacheSealer = { seal(plaintext: Uint8Array): Promise<Uint8Array>; open(sealed: Uint8Array): Promise<Uint8Array> };

/**
 * @example
 * const cache = new FindingsCache(documentClient(), tableName(), undefined, sealer);
 * const hits = await cache.getSlot('acme', RULE_PACK_VERSION, pack.slot);
 * await cache.putSlot('acme', RULE_PACK_VERSION, pack.slot, entries);
 */
class FindingsCache {
  public constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly table: string,
    private readonly now: () => Date = () => new Date(),
    private readonly sealer?: CacheSealer,
  ) {}

  /** The cached analyses of a pack slot's units, keyed by unit id (one Query, paged past 1 MB). */
  public async getSlot<T>(customerId: string, rulePackVersion: string, slot: string): Promise<Map<string, T>> {
    const hits = new Map<string, T>();
    for (const item of await queryPrefix(this.client, this.table, cachePartition(customerId, rulePackVersion), cacheSlotPrefix(slot), 'analyses')) {
      const stored = item.analyses as Uint8Array;
      const blob = this.sealer ? await this.sealer.open(stored).catch(() => undefined) : stored;
      if (blob === undefined) continue;
      try {
        for (const entry of JSON.parse(gunzipSync(blob).toString('utf8')) as CachedEntry<T>[]) hits.set(entry.unitId, entry.analysis);
      } catch {
        // Not a cache item this version can read: a miss.
      }
    }
    return hits;
  }

  /**
   * Caches the analyses of a pack slot's units in as few items as fit (each under the item limit); returns the unit
   * ids left out because their analysis alone is too large to cache.
   */
  public async putSlot<T>(customerId: string, rulePackVersion: string, slot: string, entries: readonly CachedEntry<T>[]): Promise<string[]> {
    if (entries.length === 0) return [];
    const now = this.now();
    const { parts, tooLarge } = denseParts(entries, MAX_CACHED_BYTES - (this.sealer ? SEAL_OVERHEAD_BYTES : 0));
    const items = await Promise.all(
      parts.map(async (blob, part) => ({
        ...cacheKey(customerId, rulePackVersion, slot, part),
        analyses: this.sealer ? await this.sealer.seal(blob) : blob,
        cachedAt: now.toISOString(),
        expiresAt: Math.floor(now.getTime() / 1000) + CACHE_TTL_DAYS * 86_400,
      })),
    );
    await batchPut(this.client, this.table, items);
    return tooLarge.map((entry) => entry.unitId);
  }
}

/** Room left for the sealed message's header and authentication tag (AWS Encryption SDK, one frame). */
const SEAL_OVERHEAD_BYTES = 4 * 1024;

export { CACHE_TTL_DAYS, FindingsCache, MAX_CACHED_BYTES };
export type { CacheSealer, CachedEntry };
