/** Bounded concurrency for the functions' S3 and DynamoDB calls. */

/**
 * Runs `work` over `items` with at most `limit` in flight, keeping order.
 *
 * @example
 * const bodies = await mapLimited(keys, 8, (key) => blobs.get(bucket, key));
 */
const mapLimited = async <T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> => {
  const results = new Array<R>(items.length);
  let next = 0;
  // A limit below 1 would start no lane and leave every result undefined.
  const lanes = Array.from({ length: Math.min(Math.max(1, Math.floor(limit) || 1), items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]);
    }
  });
  await Promise.all(lanes);
  return results;
};

export { mapLimited };
