import { createHash } from 'node:crypto';

import { ENGINE_VERSION } from './constants';
import type { RulePackInfo } from './types';

/**
 * JSON with object keys sorted at every level, so that the same configuration always hashes the same whatever order
 * its keys were written in. Array order is kept (it is meaningful). `undefined` members are dropped as JSON does.
 */
const canonicalJson = (value: unknown): string => {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, item]) => item !== undefined && typeof item !== 'function')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
};

/**
 * First `length` hex digits of the SHA-256 of the canonical JSON of `value`.
 *
 * @example
 * fingerprint({ b: 1, a: 2 }) === fingerprint({ a: 2, b: 1 }); // true
 */
const fingerprint = (value: unknown, length = 12): string =>
  createHash('sha256').update(canonicalJson(value)).digest('hex').slice(0, length);

/**
 * The version string of a set of rule packs, used as the findings-cache key part
 * (`CUSTOMER#{id}#CACHE#{version}`). It is the engine version plus a hash of every pack's id, language and version,
 * independent of registration order; it contains no `#` so it cannot break the key's structure.
 *
 * @example
 * combineRulePackVersions([abapPack]); // '1.0.0-5c1e0d9a7b3f'
 */
const combineRulePackVersions = (packs: readonly RulePackInfo[]): string => {
  const parts = packs.map((pack) => `${pack.language}:${pack.id}@${pack.version}`).sort();
  return `${ENGINE_VERSION}-${fingerprint(parts)}`;
};

export { canonicalJson, combineRulePackVersions, fingerprint };
