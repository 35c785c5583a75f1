/**
 * Local DynamoDB: dynalite in-process on a loopback port, persisted with its LevelDB backend under the data
 * directory. Table state changes are immediate (createTableMs and friends at 0) so local runs do not wait on
 * CREATING; the CreateTable answer still says CREATING, as DynamoDB does, and DescribeTable says ACTIVE next.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { crc32 } from 'node:zlib';
import type { FaultGate, InjectedFault } from '../../faults';
import { openDataDir } from '../dataDir';
import { assertLoopback, assertPortFree, DEFAULT_HOST } from '../net/ports';
import { emulatorHandle, listenTracked } from '../net/server';
import type { EmulatorHandle, EmulatorOptions } from '../types';

/** Fixed default port (dynalite's own default), so `AWS_ENDPOINT_URL_DYNAMODB` can be written down once. */
const DEFAULT_DYNAMODB_PORT = 4567;

/** The subset of dynalite's options used here (dynalite ships no type declarations). */
type DynaliteOptions = {
  path?: string;
  createTableMs?: number;
  deleteTableMs?: number;
  updateTableMs?: number;
  maxItemSizeKb?: number;
};

// dynalite ships no types; it returns a plain node:http Server whose close() also closes the LevelDB store.
const dynalite = require('dynalite') as (options: DynaliteOptions) => Server;

/** Options of {@link startDynamoDb}. */
type DynamoDbOptions = EmulatorOptions & {
  /**
   * Milliseconds a table stays CREATING / DELETING / UPDATING; 0 makes local runs wait on nothing.
   * @default 0
   */
  tableStateDelayMs?: number;
  /** The local fault switch: asked before each request is served; a fault is answered as DynamoDB answers it. */
  faults?: FaultGate;
};

/** How DynamoDB answers each injected fault: status, `__type`, message. */
const DYNAMODB_FAULTS: Record<InjectedFault, [number, string, string]> = {
  throttle: [400, 'com.amazonaws.dynamodb.v20120810#ThrottlingException', 'Rate of requests exceeds the allowed throughput. (injected by LOCAL_FAULTS)'],
  error: [500, 'com.amazonaws.dynamodb.v20120810#InternalServerError', 'Internal server error (injected by LOCAL_FAULTS)'],
  permanent: [400, 'com.amazon.coral.service#AccessDeniedException', 'Access denied (injected by LOCAL_FAULTS)'],
  timeout: [500, 'com.amazonaws.dynamodb.v20120810#InternalServerError', 'Internal server error (injected by LOCAL_FAULTS)'],
};

const tableOf = (body: Buffer): string | undefined => {
  try {
    const input = JSON.parse(body.toString('utf8')) as { TableName?: unknown; RequestItems?: Record<string, unknown> };
    return typeof input.TableName === 'string' ? input.TableName : input.RequestItems ? Object.keys(input.RequestItems)[0] : undefined;
  } catch {
    return undefined;
  }
};

/**
 * Puts the fault switch in front of dynalite: each request's body is read, the switch asked, and either the fault
 * answered or the request handed to dynalite as it came (replayed from the bytes read).
 */
const gateRequests = (server: Server, gate: FaultGate): void => {
  const serve = server.listeners('request')[0] as (request: IncomingMessage, response: ServerResponse) => void;
  server.removeAllListeners('request');
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      const operation = String(request.headers['x-amz-target'] ?? '').split('.').pop() ?? '';
      void gate({ operation, resource: tableOf(body), fingerprint: `${operation} ${createHash('sha256').update(body).digest('hex')}` }).then((fault) => {
        if (fault) {
          const [status, type, message] = DYNAMODB_FAULTS[fault];
          const text = JSON.stringify({ __type: type, message });
          response.writeHead(status, {
            'Content-Type': 'application/x-amz-json-1.0',
            'Content-Length': Buffer.byteLength(text),
            'x-amz-crc32': String(crc32(text)),
          });
          response.end(text);
          return;
        }
        serve(Object.assign(Readable.from([body]), { headers: request.headers, method: request.method, url: request.url, socket: request.socket }) as unknown as IncomingMessage, response);
      });
    });
  });
};

/**
 * Starts local DynamoDB. Operations dynalite lacks (TransactWriteItems, TransactGetItems, UpdateTimeToLive,
 * PartiQL, backups, streams) are answered `UnknownOperationException` by dynalite itself.
 *
 * @example
 * const ddb = await startDynamoDb({ dataDir: '.local/dynamodb' });
 * process.env.AWS_ENDPOINT_URL_DYNAMODB = ddb.endpoint;
 * await ddb.stop();
 */
const startDynamoDb = async (options: DynamoDbOptions): Promise<EmulatorHandle> => {
  const host = options.host ?? DEFAULT_HOST;
  const port = options.port ?? DEFAULT_DYNAMODB_PORT;
  assertLoopback(host);
  // dynalite opens its LevelDB as soon as it is created and cannot close it unless it listened: check first.
  if (port !== 0) await assertPortFree(port, host);
  const dataDir = await openDataDir(options.dataDir, { fresh: options.fresh });
  try {
    const delay = options.tableStateDelayMs ?? 0;
    const server = dynalite({
      path: join(dataDir.path, 'leveldb'),
      createTableMs: delay,
      deleteTableMs: delay,
      updateTableMs: delay,
    });
    if (options.faults) gateRequests(server, options.faults);
    const bound = await listenTracked(server, { port, host, shutdownGraceMs: options.shutdownGraceMs });
    return emulatorHandle(bound, () => dataDir.release());
  } catch (error) {
    await dataDir.release();
    throw error;
  }
};

export { DEFAULT_DYNAMODB_PORT, startDynamoDb };
export type { DynamoDbOptions };
