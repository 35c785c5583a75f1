/**
 * Bounded concurrency for `sink.put`. One S3 PUT takes tens of milliseconds; awaiting each before reading on would
 * make a 5,000-unit archive take minutes. Up to `concurrency` puts run while reading continues; beyond that, reading
 * waits (so memory stays bounded by the units in flight).
 */
import type { SourceUnit, UnitSink } from './types';

/**
 * A queue of sink puts with at most `concurrency` in flight.
 *
 * @example
 * const queue = new SinkQueue(sink, 8);
 * await queue.put(unit, body); // resolves once the put has started, rejects if an earlier put failed
 * await queue.drain();         // all puts done
 */
class SinkQueue {
  private readonly inFlight = new Set<Promise<void>>();
  private failure: { error: unknown } | undefined;

  public constructor(
    private readonly sink: Pick<UnitSink, 'put'>,
    private readonly concurrency: number,
  ) {}

  /** Starts a put, first waiting for a free slot; rethrows the first failure of any earlier put. */
  public async put(unit: SourceUnit, body: Buffer): Promise<void> {
    while (this.inFlight.size >= this.concurrency) await Promise.race(this.inFlight);
    this.rethrow();
    const running: Promise<void> = Promise.resolve()
      .then(() => this.sink.put(unit, body))
      .catch((error: unknown) => {
        this.failure ??= { error };
      })
      .finally(() => this.inFlight.delete(running));
    this.inFlight.add(running);
  }

  /** Waits for every put; rethrows the first failure. */
  public async drain(): Promise<void> {
    await Promise.all(this.inFlight);
    this.rethrow();
  }

  /** Waits for every put and ignores failures: used when the split already failed for another reason. */
  public async settle(): Promise<void> {
    await Promise.all(this.inFlight);
  }

  private rethrow(): void {
    if (this.failure !== undefined) throw this.failure.error;
  }
}

export { SinkQueue };
