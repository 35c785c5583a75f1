/**
 * The local EventBridge endpoint: AWS JSON 1.1 (`POST /`, `X-Amz-Target: AWSEvents.<Operation>`), serving
 * PutEvents into the local event log plus CreateEventBus, DescribeEventBus, ListEventBuses and DeleteEventBus.
 * Rules and targets are not emulated: the workflow only publishes, and tests read the log. Any credentials are
 * accepted; the server binds loopback only.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createHash, randomUUID } from 'node:crypto';
import type { FaultGate, InjectedFault } from '../../faults';
import { openDataDir } from '../dataDir';
import { assertLoopback, DEFAULT_HOST } from '../net/ports';
import { emulatorHandle, listenTracked } from '../net/server';
import type { EmulatorHandle, EmulatorOptions } from '../types';
import { BusRegistry } from './buses';
import { EventBridgeApiError } from './errors';
import { EventLogWriter } from './eventLog';
import { putEvents } from './putEvents';
import type { EventBusRecord, LoggedEvent } from './types';

/** Fixed default port, so `AWS_ENDPOINT_URL_EVENTBRIDGE=http://127.0.0.1:4570` can be written down once. */
const DEFAULT_EVENTBRIDGE_PORT = 4570;

/** Largest request body read: PutEvents carries at most 256 KB of entries plus JSON overhead. */
const MAX_BODY_BYTES = 1024 * 1024;

const TARGET_PREFIX = 'AWSEvents.';

/** Options of {@link startEventBridge}. */
type EventBridgeOptions = EmulatorOptions & {
  /**
   * Region in bus ARNs and events.
   * @default 'us-east-1'
   */
  region?: string;
  /** Buses to create at start when missing (those the template declares), besides `default`. */
  eventBuses?: readonly string[];
  /**
   * Called with each PutEvents call's accepted events, after they are logged: where the local runtime's rules
   * (template EventBridge rules and their targets) pick them up.
   */
  onAccepted?: (events: readonly LoggedEvent[]) => void;
  /** The local fault switch: asked before each request is served; a fault is answered as EventBridge answers it. */
  faults?: FaultGate;
};

/** How EventBridge answers each injected fault. */
const EVENTBRIDGE_FAULTS: Record<InjectedFault, () => EventBridgeApiError> = {
  throttle: () => new EventBridgeApiError('ThrottlingException', 'Rate exceeded (injected by LOCAL_FAULTS)'),
  error: () => new EventBridgeApiError('InternalException', 'Internal failure (injected by LOCAL_FAULTS)'),
  permanent: () => new EventBridgeApiError('AccessDeniedException', 'Access denied (injected by LOCAL_FAULTS)'),
  timeout: () => new EventBridgeApiError('InternalException', 'Internal failure (injected by LOCAL_FAULTS)'),
};

type Operation = (input: Record<string, unknown>) => Promise<Record<string, unknown>>;

const readBody = (request: IncomingMessage): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    request.on('end', () =>
      tooLarge
        ? reject(new EventBridgeApiError('ValidationException', `Request body is larger than ${MAX_BODY_BYTES} bytes.`))
        : resolve(Buffer.concat(chunks)),
    );
    request.on('error', reject);
  });

const optionalString = (input: Record<string, unknown>, name: string): string | undefined => {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new EventBridgeApiError('SerializationException', `${name} must be a string.`);
  return value;
};

const describeBus = (bus: EventBusRecord): Record<string, unknown> => ({
  Name: bus.Name,
  Arn: bus.Arn,
  Description: bus.Description,
  CreationTime: bus.CreationTime,
  LastModifiedTime: bus.LastModifiedTime,
});

const send = (response: ServerResponse, status: number, body: Record<string, unknown>): void => {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'Content-Type': 'application/x-amz-json-1.1',
    'Content-Length': Buffer.byteLength(text),
    'x-amzn-RequestId': randomUUID(),
  });
  response.end(text);
};

/**
 * Starts the local EventBridge endpoint. Accepted events are appended to `<dataDir>/events.jsonl`; read them
 * with `readEventLog(dataDir)`.
 *
 * @example
 * const events = await startEventBridge({ dataDir: '.local/eventbridge', eventBuses: ['uia-events'] });
 * process.env.AWS_ENDPOINT_URL_EVENTBRIDGE = events.endpoint;
 * await events.stop();
 */
const startEventBridge = async (options: EventBridgeOptions): Promise<EmulatorHandle> => {
  const host = options.host ?? DEFAULT_HOST;
  assertLoopback(host);
  const region = options.region ?? 'us-east-1';
  const dataDir = await openDataDir(options.dataDir, { fresh: options.fresh });
  try {
    const buses = await BusRegistry.load(dataDir.path, region);
    for (const name of options.eventBuses ?? []) await buses.ensure(name);
    const log = new EventLogWriter(dataDir.path);

    const operations: Record<string, Operation> = {
      PutEvents: async (input) => {
        const { response, accepted } = putEvents(input, buses, region);
        await log.append(accepted);
        if (accepted.length > 0) options.onAccepted?.(accepted);
        return response;
      },
      CreateEventBus: async (input) => {
        const name = optionalString(input, 'Name');
        if (name === undefined) throw new EventBridgeApiError('ValidationException', "1 validation error detected: Value null at 'name' failed to satisfy constraint: Member must not be null");
        for (const unsupported of ['EventSourceName', 'KmsKeyIdentifier', 'DeadLetterConfig', 'LogConfig']) {
          if (input[unsupported] !== undefined) throw new EventBridgeApiError('NotImplemented', `The local EventBridge does not implement ${unsupported} on event buses.`);
        }
        const bus = await buses.create(name, optionalString(input, 'Description'));
        return { EventBusArn: bus.Arn, Description: bus.Description };
      },
      DescribeEventBus: async (input) => describeBus(buses.require(optionalString(input, 'Name'))),
      DeleteEventBus: async (input) => {
        const name = optionalString(input, 'Name');
        if (name === undefined) throw new EventBridgeApiError('ValidationException', "1 validation error detected: Value null at 'name' failed to satisfy constraint: Member must not be null");
        await buses.delete(name);
        return {};
      },
      ListEventBuses: async (input) => {
        const prefix = optionalString(input, 'NamePrefix') ?? '';
        const limit = input.Limit === undefined ? 100 : Number(input.Limit);
        if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
          throw new EventBridgeApiError('ValidationException', `1 validation error detected: Value '${String(input.Limit)}' at 'limit' failed to satisfy constraint: Member must have value between 1 and 100`);
        }
        const token = optionalString(input, 'NextToken');
        const matching = buses.list().filter((bus) => bus.Name.startsWith(prefix));
        const start = token === undefined ? 0 : matching.findIndex((bus) => bus.Name > Buffer.from(token, 'base64url').toString('utf8'));
        const page = start < 0 ? [] : matching.slice(start, start + limit);
        const more = start >= 0 && start + limit < matching.length;
        return {
          EventBuses: page.map(describeBus),
          NextToken: more ? Buffer.from(page[page.length - 1].Name, 'utf8').toString('base64url') : undefined,
        };
      },
    };

    const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
      try {
        const target = request.headers['x-amz-target'];
        const name = typeof target === 'string' && target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : undefined;
        const body = await readBody(request);
        if (request.method !== 'POST' || name === undefined) {
          throw new EventBridgeApiError('UnknownOperationException', 'Expected a POST with an X-Amz-Target header of the form AWSEvents.<Operation>.');
        }
        const fingerprint = `${name} ${createHash('sha256').update(body).digest('hex')}`;
        const fault = await options.faults?.({ operation: name, fingerprint });
        if (fault) throw EVENTBRIDGE_FAULTS[fault]();
        const operation = operations[name];
        if (!operation) {
          throw new EventBridgeApiError('NotImplemented', `The local EventBridge implements ${Object.keys(operations).join(', ')}; not ${name}.`);
        }
        let input: unknown;
        try {
          input = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
        } catch (error) {
          throw new EventBridgeApiError('SerializationException', 'The request body is not valid JSON.', { cause: error });
        }
        if (typeof input !== 'object' || input === null || Array.isArray(input)) {
          throw new EventBridgeApiError('SerializationException', 'The request body must be a JSON object.');
        }
        send(response, 200, await operation(input as Record<string, unknown>));
      } catch (error) {
        const apiError =
          error instanceof EventBridgeApiError
            ? error
            : new EventBridgeApiError('InternalException', `Local EventBridge failure: ${(error as Error)?.message ?? String(error)}`, { cause: error });
        send(response, apiError.statusCode, { __type: apiError.type, message: apiError.message });
      }
    };

    const server = createServer((request, response) => {
      void handle(request, response);
    });
    const bound = await listenTracked(server, { port: options.port ?? DEFAULT_EVENTBRIDGE_PORT, host, shutdownGraceMs: options.shutdownGraceMs });
    return emulatorHandle(bound, () => dataDir.release());
  } catch (error) {
    await dataDir.release();
    throw error;
  }
};

export { DEFAULT_EVENTBRIDGE_PORT, startEventBridge };
export type { EventBridgeOptions };
