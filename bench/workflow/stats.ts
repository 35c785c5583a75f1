/** Small numeric helpers of the workflow benchmark. */

/**
 * The median of a non-empty list (the mean of the two middle values for an even count).
 *
 * @example
 * median([3, 1, 2]); // 2
 */
const median = (values: readonly number[]): number => {
  if (values.length === 0) throw new RangeError('median of an empty list');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

export { median };
