/**
 * Reading a plain object by a key that may come from outside the engine (a name in customer code, a variant chosen at
 * run time). `record[key]` would also find inherited members: `toString`, `constructor` or `hasOwnProperty` of
 * `Object.prototype`. Tables keyed by names from customer code are Maps; this is for the JSON-shaped records (rule
 * variants, fact counts, metrics) that must stay plain objects.
 */

/**
 * The value of an own property of `record`, never an inherited one.
 *
 * @example
 * ownValue({ deep: 1 }, 'deep'); // 1
 * ownValue({ deep: 1 }, 'toString'); // undefined (a plain `record[key]` would return Object.prototype.toString)
 */
const ownValue = <T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined =>
  record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;

export { ownValue };
