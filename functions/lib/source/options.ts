/**
 * Applying defaults to split options, and refusing options that make no sense.
 */
import { DEFAULT_LIMITS, DEFAULT_TUNING, DEFAULT_VENDORED_DIRECTORIES } from './constants';
import type { ResolvedSplitOptions, SplitOptions } from './types';

const POSITIVE_INTEGERS = [
  'maxEntries',
  'maxTotalBytes',
  'maxFileBytes',
  'maxPathLength',
  'maxPathDepth',
  'blockSize',
  'maxCachedBlocks',
  'sinkConcurrency',
] as const;
const POSITIVE_NUMBERS = ['maxEntryRatio', 'maxArchiveRatio'] as const;

/**
 * Merges options over the defaults.
 *
 * @throws RangeError naming the option when a limit is not a positive number (or integer where counts are meant)
 * @example
 * resolveOptions({ maxEntries: 10 }).maxFileBytes; // 8388608
 */
const resolveOptions = (options: SplitOptions = {}): ResolvedSplitOptions => {
  const resolved: ResolvedSplitOptions = {
    ...DEFAULT_LIMITS,
    ...DEFAULT_TUNING,
    vendoredDirectories: DEFAULT_VENDORED_DIRECTORIES,
    ...Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)),
  };
  for (const key of POSITIVE_INTEGERS) {
    const value = resolved[key];
    if (!Number.isSafeInteger(value) || value <= 0) {
      throw new RangeError(`Split option ${key} must be a positive integer, got ${String(value)}`);
    }
  }
  for (const key of POSITIVE_NUMBERS) {
    const value = resolved[key];
    if (typeof value !== 'number' || !(value > 0)) {
      throw new RangeError(`Split option ${key} must be a positive number, got ${String(value)}`);
    }
  }
  if (!Number.isSafeInteger(resolved.ratioFloorBytes) || resolved.ratioFloorBytes < 0) {
    throw new RangeError(`Split option ratioFloorBytes must be a non-negative integer, got ${resolved.ratioFloorBytes}`);
  }
  return resolved;
};

export { resolveOptions };
