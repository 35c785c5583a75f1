/**
 * The local event log: every accepted event, one JSON document per line, in `<dataDir>/events.jsonl`. It is
 * what a test or the CLI reads to see what the workflow published (there are no rules or targets locally).
 */
import { appendFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { EmulatorError } from '../errors';
import type { LoggedEvent } from './types';

/** File name of the log inside the data directory. */
const EVENT_LOG_FILE = 'events.jsonl';

/**
 * Appends events in order. Appends are chained, so lines of concurrent PutEvents calls never interleave and
 * every call's events are on disk before its response is sent.
 */
class EventLogWriter {
  private readonly file: string;
  private tail: Promise<void> = Promise.resolve();

  public constructor(dataDir: string) {
    this.file = join(dataDir, EVENT_LOG_FILE);
  }

  public append(events: readonly LoggedEvent[]): Promise<void> {
    if (events.length === 0) return this.tail;
    const lines = events.map((event) => `${JSON.stringify(event)}\n`).join('');
    const next = this.tail.then(() => appendFile(this.file, lines));
    this.tail = next.catch(() => undefined);
    return next;
  }
}

/**
 * Reads every event logged under `dataDir`, oldest first; an empty list when nothing was logged. A last line
 * without its newline (a crash mid-write) is skipped; any other unreadable line is an error naming it.
 *
 * @example
 * const published = (await readEventLog('.local/eventbridge')).filter((e) => e.event['detail-type'] === 'Analysis Report Published');
 */
const readEventLog = async (dataDir: string): Promise<LoggedEvent[]> => {
  const file = join(dataDir, EVENT_LOG_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  // The element after the last newline is '' for a complete file, or a line cut short by a crash: drop it.
  const complete = text.split('\n').slice(0, -1);
  return complete
    .map((line, index) => ({ line, number: index + 1 }))
    .filter(({ line }) => line.trim() !== '')
    .map(({ line, number }) => {
      try {
        return JSON.parse(line) as LoggedEvent;
      } catch (error) {
        throw new EmulatorError(`Event log ${file}, line ${number}, is not valid JSON`, { cause: error });
      }
    });
};

export { EVENT_LOG_FILE, EventLogWriter, readEventLog };
