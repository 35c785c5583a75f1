/**
 * Local DynamoDB: dynalite in-process on a loopback port, persisted with its LevelDB backend under the data
 * directory. Table state changes are immediate (createTableMs and friends at 0) so local runs do not wait on
 * CREATING; the CreateTable answer still says CREATING, as DynamoDB does, and DescribeTable says ACTIVE next.
 */
import type { Server } from 'node:http';
import { join } from 'node:path';
import type { FaultGate } from '../../faults';
import { frontRequests, type DynamoDbAuthority } from './front';
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
  /** Role sessions the runtime issued: their requests are verified and held to their role's policies (front.ts). */
  authority?: DynamoDbAuthority;
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
    if (options.faults || options.authority) frontRequests(server, { faults: options.faults, authority: options.authority });
    const bound = await listenTracked(server, { port, host, shutdownGraceMs: options.shutdownGraceMs });
    return emulatorHandle(bound, () => dataDir.release());
  } catch (error) {
    await dataDir.release();
    throw error;
  }
};

export { DEFAULT_DYNAMODB_PORT, startDynamoDb };
export type { DynamoDbOptions };
