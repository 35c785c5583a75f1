/**
 * Equality and canonical keys for JSON values: States.ArrayContains and States.ArrayUnique compare values, not
 * references, and object key order does not matter.
 */

/**
 * A string that is equal for equal JSON values whatever their object key order, so values can be kept in a Set.
 *
 * @example
 * canonicalKey({ b: 1, a: [true] }) === canonicalKey({ a: [true], b: 1 }); // true
 */
const canonicalKey = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map(canonicalKey).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalKey((value as Record<string, unknown>)[key])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
};

/**
 * Deep equality of two JSON values; object key order does not matter, array order does.
 *
 * @example
 * jsonEquals({ a: [1, 2] }, { a: [1, 2] }); // true
 */
const jsonEquals = (left: unknown, right: unknown): boolean => {
  if (left === right) return true;
  if (typeof left !== 'object' || typeof right !== 'object' || left === null || right === null) return false;
  if (Array.isArray(left) !== Array.isArray(right)) return false;
  if (Array.isArray(left) && Array.isArray(right)) {
    return left.length === right.length && left.every((item, index) => jsonEquals(item, right[index]));
  }
  const leftObject = left as Record<string, unknown>;
  const rightObject = right as Record<string, unknown>;
  const keys = Object.keys(leftObject);
  if (keys.length !== Object.keys(rightObject).length) return false;
  return keys.every((key) => Object.hasOwn(rightObject, key) && jsonEquals(leftObject[key], rightObject[key]));
};

export { canonicalKey, jsonEquals };
