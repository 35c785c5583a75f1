/**
 * Deterministic pseudo-random choices for the corpus generators (ABAP and AngularJS): the same seed gives the same code
 * base on every machine.
 */

/** Choices drawn from one seeded sequence. */
type Random = {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [min, max]. */
  int(min: number, max: number): number;
  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T;
  /** True with the given probability. */
  chance(probability: number): boolean;
  /** One value, with probability proportional to its weight. */
  weighted<T>(items: readonly { weight: number; value: T }[]): T;
};

/**
 * A mulberry32 sequence: small, fast and deterministic; statistical quality does not matter for picking templates.
 *
 * @example
 * const random = createRandom(42);
 * random.int(1, 6); // the same number for seed 42, every time
 */
const createRandom = (seed: number): Random => {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick,
    chance: (probability) => next() < probability,
    weighted: <T>(items: readonly { weight: number; value: T }[]): T => {
      const total = items.reduce((sum, item) => sum + item.weight, 0);
      let point = next() * total;
      for (const item of items) {
        point -= item.weight;
        if (point < 0) return item.value;
      }
      return items[items.length - 1].value;
    },
  };
};

export type { Random };
export { createRandom };
