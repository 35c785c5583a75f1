/** Shapes of the local EventBridge: buses, the events it logs, and PutEvents entries as received. */

/** An event bus as stored and described. */
type EventBusRecord = {
  Name: string;
  Arn: string;
  Description?: string;
  /** Epoch seconds, as AWS JSON carries timestamps. */
  CreationTime: number;
  LastModifiedTime: number;
};

/** A PutEvents entry as it arrives in the JSON body (AWS JSON 1.1: timestamps as epoch seconds). */
type PutEventsEntry = {
  Time?: unknown;
  Source?: unknown;
  Resources?: unknown;
  DetailType?: unknown;
  Detail?: unknown;
  EventBusName?: unknown;
  TraceHeader?: unknown;
};

/** An event as EventBridge delivers it to targets (the envelope), which is what the local log records. */
type EventBridgeEvent = {
  version: '0';
  id: string;
  'detail-type': string;
  source: string;
  account: string;
  /** ISO 8601 to the second, as EventBridge writes it. */
  time: string;
  region: string;
  resources: string[];
  detail: Record<string, unknown>;
};

/** One line of `<dataDir>/events.jsonl`. */
type LoggedEvent = {
  /** Name of the bus the event was put on. */
  eventBusName: string;
  event: EventBridgeEvent;
};

export type { EventBridgeEvent, EventBusRecord, LoggedEvent, PutEventsEntry };
