/**
 * Limits enforced on bytes as they inflate. Declared sizes are checked up front where the format has them, but zip
 * headers lie, and a tar.gz has no compressed size per entry at all: only counting the bytes that actually come out
 * of the decompressor bounds the work a hostile archive can cause.
 */
import { ArchiveTooLargeError, DecompressionBombError, EntryTooLargeError } from './errors';

/** The limits the guard enforces (a subset of the split options). */
type GuardLimits = {
  maxTotalBytes: number;
  maxFileBytes: number;
  maxEntryRatio: number;
  maxArchiveRatio: number;
  ratioFloorBytes: number;
};

/** What is known about an entry before its bytes flow. */
type EntryBounds = {
  /** Size the entry's header declares; inflating past it is a lie. */
  declaredSize?: number;
  /** Compressed bytes behind the entry so far: a constant for zip, a growing count for tar.gz. */
  compressedBytes?: () => number;
  /**
   * Most bytes this entry may inflate to.
   * @default limits.maxFileBytes
   */
  maxBytes?: number;
};

/** Rounds a ratio for messages and fields. */
const roundRatio = (ratio: number): number => (Number.isFinite(ratio) ? Math.round(ratio) : Number.MAX_SAFE_INTEGER);

/** Counts the bytes of one entry as they inflate. */
class EntryMeter {
  private bytes = 0;
  public constructor(
    private readonly limits: GuardLimits,
    private readonly path: string,
    private readonly bounds: EntryBounds,
  ) {}

  /** Bytes counted so far. */
  public get inflated(): number {
    return this.bytes;
  }

  /**
   * Counts `n` more inflated bytes of this entry.
   * @throws EntryTooLargeError past the declared size or `maxFileBytes`
   * @throws DecompressionBombError past `maxEntryRatio`, once `ratioFloorBytes` have inflated
   */
  public add(n: number): void {
    this.bytes += n;
    const { declaredSize, compressedBytes } = this.bounds;
    if (declaredSize !== undefined && this.bytes > declaredSize) {
      throw new EntryTooLargeError(this.path, 'declaredSize', declaredSize, this.bytes);
    }
    const maxBytes = this.bounds.maxBytes ?? this.limits.maxFileBytes;
    if (this.bytes > maxBytes) throw new EntryTooLargeError(this.path, 'maxFileBytes', maxBytes, this.bytes);
    if (compressedBytes !== undefined && this.bytes > this.limits.ratioFloorBytes) {
      const ratio = this.bytes / Math.max(compressedBytes(), 1);
      if (ratio > this.limits.maxEntryRatio) {
        throw new DecompressionBombError('entry-ratio', roundRatio(ratio), this.limits.maxEntryRatio, {
          entryPath: this.path,
        });
      }
    }
  }
}

/**
 * Counts the bytes of a whole archive as they inflate, and hands out a meter per entry.
 *
 * @example
 * const guard = new InflationGuard(limits);
 * guard.addCompressed(chunk.length);       // what went into the decompressor
 * guard.addInflated(out.length, path);     // what came out: throws past maxTotalBytes or maxArchiveRatio
 */
class InflationGuard {
  private inflatedBytes = 0;
  private compressedBytes = 0;
  public constructor(private readonly limits: GuardLimits) {}

  /** Bytes inflated so far. */
  public get inflated(): number {
    return this.inflatedBytes;
  }

  /** Compressed bytes consumed so far. */
  public get compressed(): number {
    return this.compressedBytes;
  }

  /** Counts compressed bytes consumed (the denominator of the archive ratio). */
  public addCompressed(n: number): void {
    this.compressedBytes += n;
  }

  /**
   * Counts inflated bytes.
   * @param entryPath the entry being inflated, for the message
   * @throws ArchiveTooLargeError past `maxTotalBytes`
   * @throws DecompressionBombError past `maxArchiveRatio`, once `ratioFloorBytes` have inflated (only when
   *   compressed bytes are counted: a plain tar has no ratio)
   */
  public addInflated(n: number, entryPath?: string): void {
    this.inflatedBytes += n;
    const options = entryPath === undefined ? undefined : { entryPath };
    if (this.inflatedBytes > this.limits.maxTotalBytes) {
      throw new ArchiveTooLargeError(this.limits.maxTotalBytes, this.inflatedBytes, false, options);
    }
    if (this.compressedBytes > 0 && this.inflatedBytes > this.limits.ratioFloorBytes) {
      const ratio = this.inflatedBytes / this.compressedBytes;
      if (ratio > this.limits.maxArchiveRatio) {
        throw new DecompressionBombError('archive-ratio', roundRatio(ratio), this.limits.maxArchiveRatio, options);
      }
    }
  }

  /** A meter for one entry. */
  public entry(path: string, bounds: EntryBounds): EntryMeter {
    return new EntryMeter(this.limits, path, bounds);
  }
}

export { EntryMeter, InflationGuard };
export type { EntryBounds, GuardLimits };
