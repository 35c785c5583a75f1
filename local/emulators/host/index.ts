/**
 * Runs STS, DynamoDB (dynalite) and S3 in one worker thread of their own (worker.ts): they keep their loopback
 * sockets, data directories and behaviour, but their request handling (JSON and XML parsing, LevelDB, hashing, file
 * I/O callbacks) no longer shares the main thread with the ASL engine and the Lambda pool's message handling.
 *
 * A worker thread rather than a child process: the same process's lifetime (nothing left behind when the runtime
 * dies), start-up in tens of milliseconds, and the process's peak RSS still counts it. The fault switch stays on the
 * main thread and is asked by message; a start-up error arrives as the emulator error it was (PortInUseError…); an
 * exit nobody asked for is reported once to `onExit` as {@link EmulatorHostExitedError}, and `stop()` then resolves.
 */
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FaultGate } from '../../faults';
import {
  DataDirInUseError,
  EmulatorError,
  EmulatorHostExitedError,
  InvalidTableDefinitionError,
  NotLoopbackError,
  PortInUseError,
  TableSchemaMismatchError,
  UnsafeDataDirError,
} from '../errors';
import type { EmulatorHandle } from '../types';
import type { EmulatorHostConfig, HostedService, HostMessage, MainMessage, SerializedError } from './protocol';

/** Options of {@link startEmulatorHost}. */
type EmulatorHostOptions = {
  config: EmulatorHostConfig;
  /** The fault switch's gates, asked (on this thread) before each request of a service whose config has `faults`. */
  faults?: Partial<Record<'dynamodb' | 's3', FaultGate>>;
  /** Called once if the host thread ends without `stop()` (a crash): its services no longer answer. */
  onExit?: (error: EmulatorHostExitedError) => void;
  /**
   * How long `stop()` waits for the host to close its servers and data directories before terminating it.
   * @default 10000
   */
  stopTimeoutMs?: number;
};

/** The running host: one handle per service, and one stop for all. */
type EmulatorHost = Record<HostedService, EmulatorHandle> & {
  /** The host thread's id (diagnostics). */
  readonly threadId: number;
  /** Stops the three services in reverse order of start and waits for the thread to end. */
  stop(): Promise<void>;
  /** Ends the host thread at once, as a crash would (tests of the crash path). */
  terminate(): Promise<void>;
};

const KNOWN_ERRORS: Record<string, { prototype: EmulatorError }> = {
  DataDirInUseError,
  EmulatorError,
  InvalidTableDefinitionError,
  NotLoopbackError,
  PortInUseError,
  TableSchemaMismatchError,
  UnsafeDataDirError,
};

/** The error the host reported, as the class it was when it is an emulator error (callers test `instanceof`). */
const revive = (serialized: SerializedError): Error => {
  const known = KNOWN_ERRORS[serialized.name];
  const error: Error = known ? (Object.create(known.prototype) as Error) : new Error(serialized.message);
  Object.assign(error, serialized.fields, { name: serialized.name, message: serialized.message });
  if (serialized.stack) error.stack = serialized.stack;
  return error;
};

/** The host entry: from TypeScript sources (tsx, jest) through tsx's loader, as the unit sandbox does; else as is. */
const startWorker = (config: EmulatorHostConfig): Worker => {
  const entry = join(__dirname, __filename.endsWith('.ts') ? 'worker.ts' : 'worker.js');
  return entry.endsWith('.ts')
    ? new Worker(`require(${JSON.stringify(require.resolve('tsx/cjs'))});require(${JSON.stringify(entry)});`, { eval: true, workerData: config })
    : new Worker(entry, { workerData: config });
};

/**
 * @example
 * const host = await startEmulatorHost({ config, faults: { s3: injector.gate('s3') }, onExit: (error) => reporter.error(error.message) });
 * process.env.AWS_ENDPOINT_URL_S3 = host.s3.endpoint;
 * await host.stop();
 */
const startEmulatorHost = (options: EmulatorHostOptions): Promise<EmulatorHost> =>
  new Promise((resolve, reject) => {
    const worker = startWorker(options.config);
    const post = (message: MainMessage): void => worker.postMessage(message);
    let started = false;
    let stopping: Promise<void> | undefined;
    let stopped: (() => void) | undefined;
    let stopErrors: Error[] = [];
    let exited = false;

    worker.on('message', (message: HostMessage) => {
      if (message.type === 'fault') {
        const gate = options.faults?.[message.service];
        // An answer always comes back, or the request would wait forever; a failing gate injects nothing.
        const answer = gate ? gate(message.request).catch(() => undefined) : Promise.resolve(undefined);
        void answer.then((fault) => !exited && post({ type: 'fault-answer', id: message.id, fault }));
        return;
      }
      if (message.type === 'start-failed') {
        reject(revive(message.error));
        return;
      }
      if (message.type === 'stopped') {
        stopErrors = message.errors.map(revive);
        return;
      }
      started = true;
      const handleOf = (service: HostedService): EmulatorHandle => ({ ...message.endpoints[service], stop: () => host.stop() });
      const host: EmulatorHost = {
        sts: handleOf('sts'),
        dynamodb: handleOf('dynamodb'),
        s3: handleOf('s3'),
        threadId: worker.threadId,
        stop: () => {
          stopping ??= exited
            ? Promise.resolve()
            : new Promise<void>((done, fail) => {
                const timer = setTimeout(() => void worker.terminate(), options.stopTimeoutMs ?? 10_000);
                stopped = () => {
                  clearTimeout(timer);
                  if (stopErrors.length > 0) fail(new AggregateError(stopErrors, `stopping the local emulators: ${stopErrors.map((error) => error.message).join('; ')}`));
                  else done();
                };
                post({ type: 'stop' });
              });
          return stopping;
        },
        terminate: async () => {
          await worker.terminate();
        },
      };
      resolve(host);
    });
    worker.on('error', (error) => {
      // An uncaught exception in the host: it is ending; 'exit' follows and says so.
      if (!started) reject(new EmulatorHostExitedError({ reason: error.message }, { cause: error }));
      else stopErrors.push(error);
    });
    worker.on('exit', (exitCode) => {
      exited = true;
      if (!started) {
        reject(new EmulatorHostExitedError({ exitCode }));
        return;
      }
      if (stopped) {
        stopped();
        return;
      }
      stopping = Promise.resolve();
      options.onExit?.(new EmulatorHostExitedError({ exitCode }, stopErrors.length > 0 ? { cause: stopErrors[0] } : undefined));
    });
  });

export { startEmulatorHost };
export type { EmulatorHost, EmulatorHostOptions };
export type { EmulatorHostConfig, HostedService } from './protocol';
