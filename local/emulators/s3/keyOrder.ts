/**
 * S3 lists keys in UTF-8 binary order. JavaScript compares UTF-16 code units, which disagrees for characters
 * above U+FFFF against U+E000–U+FFFF; shifting the code units below makes the two orders agree.
 */

const weight = (unit: number): number => {
  if (unit >= 0xd800 && unit <= 0xdfff) return unit + 0x2000;
  if (unit >= 0xe000) return unit - 0x800;
  return unit;
};

/**
 * Compares two keys in UTF-8 byte order: negative, zero or positive.
 *
 * @example
 * ['b', 'a', '\u{1F600}', '\uFFFD'].sort(compareKeys); // ['a', 'b', '\uFFFD', '\u{1F600}']
 */
const compareKeys = (a: string, b: string): number => {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i += 1) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return weight(x) - weight(y);
  }
  return a.length - b.length;
};

/** Index of the first element of sorted `keys` that is greater than `key` (or equal, with `inclusive`). */
const lowerBound = (keys: readonly string[], key: string, inclusive: boolean): number => {
  let low = 0;
  let high = keys.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const order = compareKeys(keys[middle], key);
    if (order < 0 || (!inclusive && order === 0)) low = middle + 1;
    else high = middle;
  }
  return low;
};

export { compareKeys, lowerBound };
