/**
 * Deep copy of JSON values and of records with `Date`s. `structuredClone` would do, but it builds its copies in the
 * realm it was created in, and jest runs tests in another one (`instanceof Date` then fails), so this stays plain.
 */

/**
 * Copies a JSON value, or an object or array of them that may also hold `Date`s, so the copy shares nothing.
 *
 * @example
 * const input = deepClone(stateInput); // a state may now change `input` freely
 */
const deepClone = <T>(value: T): T => {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Date) return new Date(value.getTime()) as T;
  if (Array.isArray(value)) return value.map((item) => deepClone(item)) as T;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) copy[key] = deepClone(item);
  return copy as T;
};

export { deepClone };
