/**
 * Runs asynchronous work over a list with a bound on how much runs at once (Map MaxConcurrency).
 */

/**
 * Calls `work(index)` for indexes 0..count-1 with at most `limit` calls in flight (0 or less: no limit), stopping
 * to start new calls once `shouldStop()` is true. Resolves when every started call has settled; never rejects
 * (failures are the caller's to record inside `work`).
 *
 * @example
 * await forEachLimited(items.length, 10, async (index) => { results[index] = await run(items[index]); }, () => failed);
 */
const forEachLimited = async (
  count: number,
  limit: number,
  work: (index: number) => Promise<void>,
  shouldStop: () => boolean = () => false,
): Promise<void> => {
  const workers = Math.min(count, limit > 0 ? limit : count);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count && !shouldStop()) {
      const index = next;
      next += 1;
      try {
        await work(index);
      } catch {
        // recorded by `work`
      }
    }
  };
  await Promise.all(Array.from({ length: workers }, worker));
};

export { forEachLimited };
