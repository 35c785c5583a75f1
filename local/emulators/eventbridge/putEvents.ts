/**
 * PutEvents as EventBridge validates it: request-level limits (1–10 entries, 256 KB in total, sized as the
 * EventBridge user guide "Calculating PutEvents event entry size" describes) fail the whole call; entry-level
 * problems fail only that entry, reported in order with an ErrorCode and ErrorMessage.
 */
import { randomUUID } from 'node:crypto';
import type { BusRegistry } from './buses';
import { LOCAL_ACCOUNT_ID } from './buses';
import { EventBridgeApiError } from './errors';
import type { EventBridgeEvent, LoggedEvent, PutEventsEntry } from './types';

/** Total entry size limit of one PutEvents call. */
const MAX_PUT_EVENTS_BYTES = 256 * 1024;
const MAX_ENTRIES = 10;

/** One entry's outcome, in the response shape. */
type EntryResult = { EventId: string } | { ErrorCode: string; ErrorMessage: string };

/** What PutEvents decided: the response and the events to log. */
type PutEventsOutcome = {
  response: { FailedEntryCount: number; Entries: EntryResult[] };
  accepted: LoggedEvent[];
};

const utf8 = (value: unknown): number => (typeof value === 'string' ? Buffer.byteLength(value, 'utf8') : 0);

/** Entry size per the EventBridge user guide: Time counts 14 bytes; strings count their UTF-8 bytes. */
const entrySize = (entry: PutEventsEntry): number =>
  (entry.Time !== undefined && entry.Time !== null ? 14 : 0) +
  utf8(entry.Source) +
  utf8(entry.DetailType) +
  utf8(entry.Detail) +
  (Array.isArray(entry.Resources) ? entry.Resources.reduce<number>((sum, resource) => sum + utf8(resource), 0) : 0);

const invalid = (parameter: string, reason: string): EntryResult => ({
  ErrorCode: 'InvalidArgument',
  ErrorMessage: `Parameter ${parameter} is not valid. Reason: ${reason}`,
});

/** EventBridge writes event times to the second, without fractions. */
const eventTime = (time: unknown): string | undefined => {
  let millis: number;
  if (time === undefined || time === null) millis = Date.now();
  else if (typeof time === 'number') millis = time * 1000;
  else if (typeof time === 'string') millis = Date.parse(time);
  else return undefined;
  if (!Number.isFinite(millis)) return undefined;
  return new Date(millis).toISOString().replace(/\.\d{3}Z$/, 'Z');
};

/** Validates one entry; returns its event or the entry error. */
const checkEntry = (entry: PutEventsEntry, buses: BusRegistry, region: string): LoggedEvent | EntryResult => {
  if (typeof entry !== 'object' || entry === null) return invalid('Entry', 'Entry must be an object.');
  if (typeof entry.Source !== 'string' || entry.Source === '') return invalid('Source', 'Source is a required argument.');
  if (typeof entry.DetailType !== 'string' || entry.DetailType === '') return invalid('DetailType', 'DetailType is a required argument.');
  if (typeof entry.Detail !== 'string' || entry.Detail === '') return invalid('Detail', 'Detail is a required argument.');
  // Sources starting with "aws." belong to AWS services; accounts may not publish them.
  if (entry.Source.startsWith('aws.')) return { ErrorCode: 'NotAuthorizedForSourceException', ErrorMessage: 'Not authorized for the source.' };
  let detail: unknown;
  try {
    detail = JSON.parse(entry.Detail);
  } catch {
    detail = undefined;
  }
  if (typeof detail !== 'object' || detail === null || Array.isArray(detail)) return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' };
  if (entry.Resources !== undefined && (!Array.isArray(entry.Resources) || entry.Resources.some((resource) => typeof resource !== 'string'))) {
    return invalid('Resources', 'Resources must be a list of strings.');
  }
  const time = eventTime(entry.Time);
  if (time === undefined) return invalid('Time', 'Time must be a timestamp.');
  if (entry.EventBusName !== undefined && typeof entry.EventBusName !== 'string') return invalid('EventBusName', 'EventBusName must be a string.');
  const bus = buses.find(entry.EventBusName as string | undefined);
  // AWS accepts events for a bus that does not exist and silently drops them (aws/aws-sdk#186); locally that
  // mistake is an entry error instead, so a misnamed bus shows up in the first run rather than in production.
  if (!bus) return invalid('EventBusName', `Event bus ${buses.nameOf(entry.EventBusName as string | undefined)} does not exist.`);
  const event: EventBridgeEvent = {
    version: '0',
    id: randomUUID(),
    'detail-type': entry.DetailType,
    source: entry.Source,
    account: LOCAL_ACCOUNT_ID,
    time,
    region,
    resources: (entry.Resources as string[] | undefined) ?? [],
    detail: detail as Record<string, unknown>,
  };
  return { eventBusName: bus.Name, event };
};

/**
 * Validates a PutEvents request body and decides each entry's fate.
 *
 * @example
 * const { response, accepted } = putEvents({ Entries: [{ Source: 'uia', DetailType: 'Analysis Report Published', Detail: '{}' }] }, buses, 'us-east-1');
 */
const putEvents = (body: Record<string, unknown>, buses: BusRegistry, region: string): PutEventsOutcome => {
  if (body.EndpointId !== undefined) throw new EventBridgeApiError('NotImplemented', 'The local EventBridge does not implement global endpoints (EndpointId).');
  const entries = body.Entries;
  if (!Array.isArray(entries) || entries.length < 1 || entries.length > MAX_ENTRIES) {
    const count = Array.isArray(entries) ? entries.length : 0;
    throw new EventBridgeApiError(
      'ValidationException',
      `1 validation error detected: Value at 'entries' failed to satisfy constraint: Member must have length between 1 and ${MAX_ENTRIES} (got ${count})`,
    );
  }
  const total = (entries as PutEventsEntry[]).reduce((sum, entry) => sum + (typeof entry === 'object' && entry !== null ? entrySize(entry) : 0), 0);
  if (total > MAX_PUT_EVENTS_BYTES) {
    throw new EventBridgeApiError('ValidationException', `Total size of the entries in the request is over the limit (${total} bytes, limit ${MAX_PUT_EVENTS_BYTES}).`);
  }
  const results: EntryResult[] = [];
  const accepted: LoggedEvent[] = [];
  for (const entry of entries as PutEventsEntry[]) {
    const checked = checkEntry(entry, buses, region);
    if ('event' in checked) {
      accepted.push(checked);
      results.push({ EventId: checked.event.id });
    } else {
      results.push(checked);
    }
  }
  return { response: { FailedEntryCount: results.filter((result) => 'ErrorCode' in result).length, Entries: results }, accepted };
};

export { entrySize, MAX_PUT_EVENTS_BYTES, putEvents };
export type { EntryResult, PutEventsOutcome };
