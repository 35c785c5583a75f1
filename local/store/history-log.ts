/**
 * Append-only execution histories: one JSON Lines file per execution, one event per line, written in the order
 * the engine appends them. A file is only ever appended to, so a crash can at worst leave a torn last line, which
 * readers skip and {@link HistoryLog.repair} cuts off before anything new is appended.
 *
 * Appends go through open file handles kept per execution (a Map with thousands of iterations appends tens of
 * thousands of events; opening the file for each would dominate), at most `maxOpenFiles` at a time.
 */
import type { HistoryEvent } from '@aws-sdk/client-sfn';
import { open, readFile, truncate } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { CorruptRecordError } from './errors';
import { parseWithDates, stringifyWithDates } from './json-dates';

type HistoryLogOptions = {
  /** Maps an execution ARN to its file path. */
  pathOf: (executionArn: string) => string;
  /** Flush every append to disk (survives power loss, much slower). */
  durable: boolean;
  /** Most handles kept open at once; the least recently used is closed first. */
  maxOpenFiles: number;
};

/** The complete lines of a history file and the byte length they cover (a torn tail excluded). */
const completeLines = (content: Buffer): { lines: string[]; length: number } => {
  const end = content.lastIndexOf(0x0a) + 1;
  const text = content.subarray(0, end).toString('utf8');
  return { lines: text.split('\n').filter((line) => line !== ''), length: end };
};

class HistoryLog {
  readonly #options: HistoryLogOptions;
  // Insertion order doubles as recency: a used handle is deleted and set again.
  readonly #handles = new Map<string, FileHandle>();

  public constructor(options: HistoryLogOptions) {
    this.#options = options;
  }

  /** Appends events as lines, in order. */
  public async append(executionArn: string, events: readonly HistoryEvent[]): Promise<void> {
    if (events.length === 0) return;
    const handle = await this.#handle(executionArn);
    await handle.appendFile(events.map((event) => `${stringifyWithDates(event)}\n`).join(''), 'utf8');
    if (this.#options.durable) await handle.sync();
  }

  /** Every complete event of an execution, oldest first; empty when there is no file. */
  public async read(executionArn: string): Promise<HistoryEvent[]> {
    const path = this.#options.pathOf(executionArn);
    const content = await readFile(path).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return Buffer.alloc(0);
      throw error;
    });
    return completeLines(content).lines.map((line, index) => {
      try {
        return parseWithDates<HistoryEvent>(line);
      } catch (error) {
        throw new CorruptRecordError(path, `line ${index + 1} is not JSON`, { cause: error });
      }
    });
  }

  /** Cuts a torn last line off an execution's file and returns the complete events. */
  public async repair(executionArn: string): Promise<HistoryEvent[]> {
    const path = this.#options.pathOf(executionArn);
    await this.release(executionArn);
    const content = await readFile(path).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return Buffer.alloc(0);
      throw error;
    });
    const { length } = completeLines(content);
    if (length < content.length) await truncate(path, length);
    return this.read(executionArn);
  }

  /** Closes the handle of one execution (its history is complete, or it is being repaired). */
  public async release(executionArn: string): Promise<void> {
    const handle = this.#handles.get(executionArn);
    if (handle === undefined) return;
    this.#handles.delete(executionArn);
    await handle.close();
  }

  /** Closes every handle. */
  public async closeAll(): Promise<void> {
    const handles = [...this.#handles.values()];
    this.#handles.clear();
    await Promise.all(handles.map((handle) => handle.close()));
  }

  async #handle(executionArn: string): Promise<FileHandle> {
    const cached = this.#handles.get(executionArn);
    if (cached !== undefined) {
      this.#handles.delete(executionArn);
      this.#handles.set(executionArn, cached);
      return cached;
    }
    if (this.#handles.size >= this.#options.maxOpenFiles) {
      const [oldest] = this.#handles.keys();
      if (oldest !== undefined) await this.release(oldest);
    }
    const handle = await open(this.#options.pathOf(executionArn), 'a');
    this.#handles.set(executionArn, handle);
    return handle;
  }
}

export { HistoryLog };
export type { HistoryLogOptions };
