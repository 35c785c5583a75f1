/**
 * The emulator host thread: STS, DynamoDB (dynalite) and S3 on their own loopback sockets, off the main thread where
 * the ASL engine and the Lambda pool's message handling run. The role sessions live here, beside the three services
 * that issue and check them; the fault switch stays on the main thread (it is changed there while the runtime runs),
 * so a hosted service asks it by message before each request when faults are on.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { FaultGate, FaultRequest, InjectedFault } from '../../faults';
import { RoleSessions } from '../../iam';
import { startDynamoDb } from '../dynamodb/server';
import { startS3Server } from '../s3/server';
import { startSts } from '../sts/server';
import type { EmulatorHandle } from '../types';
import type { EmulatorHostConfig, HostMessage, MainMessage, SerializedError } from './protocol';

const config = workerData as EmulatorHostConfig;
const port = parentPort!;
const post = (message: HostMessage): void => port.postMessage(message);

const serialize = (error: unknown): SerializedError => {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error), fields: {} };
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(error)) if (['string', 'number', 'boolean'].includes(typeof value)) fields[key] = value;
  return { name: error.name, message: error.message, stack: error.stack, fields };
};

// Fault questions waiting for the main thread's answer.
const asked = new Map<number, (fault: InjectedFault | undefined) => void>();
let nextId = 1;
const gateOf = (service: 'dynamodb' | 's3'): FaultGate => (request: FaultRequest) =>
  new Promise((resolve) => {
    const id = nextId++;
    asked.set(id, resolve);
    post({ type: 'fault', id, service, request });
  });

const handles: EmulatorHandle[] = [];

const stopAll = async (): Promise<SerializedError[]> => {
  const errors: SerializedError[] = [];
  for (const handle of handles.splice(0).reverse()) await handle.stop().catch((error: unknown) => errors.push(serialize(error)));
  // A request stopped halfway waits for no answer any more.
  for (const resolve of asked.values()) resolve(undefined);
  asked.clear();
  return errors;
};

const start = async (): Promise<void> => {
  const sessions = new RoleSessions(config.accountId);
  const roles = new Map(config.roles.map((role) => [role.arn, role]));
  const sts = await startSts({ port: config.sts.port, host: config.sts.host, roles, sessions });
  handles.push(sts);
  const { faults: dynamodbFaults, verifySessions, ...dynamodbOptions } = config.dynamodb;
  const dynamodb = await startDynamoDb({
    ...dynamodbOptions,
    faults: dynamodbFaults ? gateOf('dynamodb') : undefined,
    authority: verifySessions ? { sessions, region: config.region, accountId: config.accountId, hashKeys: new Map(verifySessions.hashKeys) } : undefined,
  });
  handles.push(dynamodb);
  const { faults: s3Faults, keys, ...s3Options } = config.s3;
  const s3 = await startS3Server({
    ...s3Options,
    region: config.region,
    faults: s3Faults ? gateOf('s3') : undefined,
    authority: { secretOf: (accessKeyId) => (Object.hasOwn(keys, accessKeyId) ? keys[accessKeyId] : undefined), sessions },
  });
  handles.push(s3);
  post({
    type: 'started',
    endpoints: {
      sts: { endpoint: sts.endpoint, port: sts.port },
      dynamodb: { endpoint: dynamodb.endpoint, port: dynamodb.port },
      s3: { endpoint: s3.endpoint, port: s3.port },
    },
  });
};

port.on('message', (message: MainMessage) => {
  if (message.type === 'fault-answer') {
    asked.get(message.id)?.(message.fault);
    asked.delete(message.id);
    return;
  }
  void stopAll().then((errors) => {
    post({ type: 'stopped', errors });
    // Nothing is left to serve: the thread ends once its handles are gone.
    port.close();
  });
});

start().catch(async (error: unknown) => {
  // What did start is stopped (a bound port, a locked data directory), then the main thread is told why.
  await stopAll();
  post({ type: 'start-failed', error: serialize(error) });
  port.close();
});
