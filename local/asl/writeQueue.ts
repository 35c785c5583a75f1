/**
 * Serialises the engine's writes to its {@link EngineStore}: one operation at a time, in the order the engine made
 * them, so a store needs no locking. History events are batched per execution and flushed before anything that
 * must come after them (a status change); map-run updates are coalesced (only the latest counts are written).
 */
import type { HistoryEvent } from '@aws-sdk/client-sfn';
import type { EngineStore, ExecutionRecord, MapRunRecord, StateMachineRecord } from './store';

/**
 * The engine's write-behind queue.
 *
 * @example
 * const writes = new WriteQueue(store, (error) => console.error(error));
 * writes.history(arn, event);
 * await writes.flush();
 */
class WriteQueue {
  readonly #store: EngineStore;
  readonly #onError: (error: unknown) => void;
  #tail: Promise<void> = Promise.resolve();
  #pendingEvents = new Map<string, HistoryEvent[]>();
  #pendingMapRuns = new Map<string, MapRunRecord>();
  #scheduled = false;

  public constructor(store: EngineStore, onError: (error: unknown) => void) {
    this.#store = store;
    this.#onError = onError;
  }

  public stateMachine(record: StateMachineRecord): void {
    this.#enqueue(() => this.#store.saveStateMachine(record));
  }

  public deleteStateMachine(arn: string): void {
    this.#enqueue(() => this.#store.deleteStateMachine(arn));
  }

  public execution(record: ExecutionRecord): void {
    this.#drain();
    const copy = { ...record };
    this.#enqueue(() => this.#store.saveExecution(copy));
  }

  public history(executionArn: string, event: HistoryEvent): void {
    const events = this.#pendingEvents.get(executionArn);
    if (events) events.push(event);
    else this.#pendingEvents.set(executionArn, [event]);
    this.#schedule();
  }

  public mapRun(record: MapRunRecord): void {
    this.#pendingMapRuns.set(record.mapRunArn, structuredCloneCounts(record));
    this.#schedule();
  }

  /** Resolves once everything queued so far is written. */
  public async flush(): Promise<void> {
    this.#drain();
    await this.#tail;
  }

  #schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    setImmediate(() => {
      this.#scheduled = false;
      this.#drain();
    });
  }

  /** Moves batched events and map-run updates into the queue. */
  #drain(): void {
    const events = this.#pendingEvents;
    const mapRuns = this.#pendingMapRuns;
    this.#pendingEvents = new Map();
    this.#pendingMapRuns = new Map();
    for (const [arn, batch] of events) this.#enqueue(() => this.#store.appendHistory(arn, batch));
    for (const record of mapRuns.values()) this.#enqueue(() => this.#store.saveMapRun(record));
  }

  #enqueue(operation: () => Promise<void>): void {
    this.#tail = this.#tail.then(operation).catch(this.#onError);
  }
}

const structuredCloneCounts = (record: MapRunRecord): MapRunRecord => ({
  ...record,
  itemCounts: { ...record.itemCounts },
  executionCounts: { ...record.executionCounts },
});

export { WriteQueue };
