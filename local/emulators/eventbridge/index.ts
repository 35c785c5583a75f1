/** The local EventBridge endpoint and its event log. */
import { EVENT_LOG_FILE, readEventLog } from './eventLog';
import { DEFAULT_EVENTBRIDGE_PORT, startEventBridge, type EventBridgeOptions } from './server';
import type { EventBridgeEvent, LoggedEvent } from './types';

/** Same as {@link startEventBridge}: every emulator module exports `start(options)`. */
const start = startEventBridge;

export { DEFAULT_EVENTBRIDGE_PORT, EVENT_LOG_FILE, readEventLog, start, startEventBridge };
export type { EventBridgeEvent, EventBridgeOptions, LoggedEvent };
