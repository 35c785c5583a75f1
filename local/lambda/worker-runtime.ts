/**
 * The bootstrap of one local Lambda execution environment (a worker thread hosting one function), playing the
 * part of Lambda's Node.js runtime: load the bundle once (the init phase), then run one invocation at a time with
 * a Lambda context, and report the result or the error as `{errorType, errorMessage, trace}`.
 */
import { createRequire } from 'node:module';
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parentPort, workerData } from 'node:worker_threads';
import { createHeapMeter } from './heap';
import type { CollectMessage, CollectedMessage, InitMessage, InitResultMessage, InvokeMessage, ResultMessage, WorkerFunction } from './protocol';

type Handler = (event: unknown, context: Record<string, unknown>, callback?: (error?: unknown, result?: unknown) => void) => unknown;

const fn = workerData as WorkerFunction;

// This thread's own environment (worker threads copy process.env), as Lambda sets it for the function.
Object.assign(process.env, fn.environment);
/** The runtime's own packages (bundle.ts's LAMBDA_RUNTIME_MODULES), set when this file is bundled. */
declare const LAMBDA_RUNTIME_MODULES: string;
// Layers: Lambda puts /opt/nodejs/node_modules on NODE_PATH, then the runtime's own /var/runtime/node_modules (the
// SDK v3); here the built layer directories and the project's node_modules play those parts.
process.env.NODE_PATH = [...fn.nodePath, LAMBDA_RUNTIME_MODULES, process.env.NODE_PATH].filter(Boolean).join(':');
// eslint-disable-next-line @typescript-eslint/no-require-imports
(require('node:module') as { Module: { _initPaths(): void } }).Module._initPaths();

// The pool asks an idle environment to collect its garbage when the process is over its memory bound. `gc` is
// V8's, taken from a fresh context while the (process-wide) flag is on, then the flag goes off again: the function's
// global, and the contexts of other threads, do not get it. The flag is shared by every thread: an environment
// starting beside this one may turn it off in between, so a missing `gc` is no error; it is taken again on the next
// collection, and until then a collection is skipped (the pool recycles the environment if that leaves it over).
const takeGc = (): (() => void) | undefined => {
  setFlagsFromString('--expose-gc');
  try {
    return runInNewContext('typeof gc === "function" ? gc : undefined') as (() => void) | undefined;
  } finally {
    setFlagsFromString('--no-expose-gc');
  }
};
let collectGarbage = takeGc();

let handler: Handler | undefined;
let initMillis: number | undefined;
// One invocation at a time per environment (the pool never sends a second before the first answers).
const heapMeter = createHeapMeter();

const load = (): Handler => {
  if (handler) return handler;
  const started = Date.now();
  const loaded = createRequire(fn.bundle)(fn.bundle) as Record<string, unknown>;
  const exported = loaded[fn.handlerExport];
  if (typeof exported !== 'function') {
    throw Object.assign(new Error(`Handler '${fn.handlerExport}' is missing on module '${fn.bundle}'`), {
      name: 'Runtime.HandlerNotFound',
    });
  }
  handler = exported as Handler;
  initMillis = Date.now() - started;
  return handler;
};

const describe = (error: unknown): { errorType: string; errorMessage: string; trace: string[] } => {
  if (error instanceof Error) {
    return { errorType: error.name || 'Error', errorMessage: error.message, trace: (error.stack ?? '').split('\n') };
  }
  return { errorType: 'Error', errorMessage: typeof error === 'string' ? error : JSON.stringify(error), trace: [] };
};

const run = async (message: InvokeMessage): Promise<ResultMessage> => {
  const { context: ctx } = message;
  let coldStart: number | undefined;
  try {
    const wasLoaded = handler !== undefined;
    const handle = load();
    if (!wasLoaded) coldStart = initMillis;
    const event = JSON.parse(message.payload) as unknown;
    const result = await new Promise<unknown>((resolve, reject) => {
      const callback = (error?: unknown, value?: unknown): void => (error ? reject(error) : resolve(value));
      const context = {
        ...ctx,
        callbackWaitsForEmptyEventLoop: true,
        clientContext: ctx.clientContext ? JSON.parse(Buffer.from(ctx.clientContext, 'base64').toString('utf8')) : undefined,
        getRemainingTimeInMillis: () => Math.max(0, ctx.deadlineMs - Date.now()),
        done: callback,
        succeed: (value: unknown) => resolve(value),
        fail: (error: unknown) => reject(error),
      };
      const returned = handle(event, context, callback);
      if (returned && typeof (returned as Promise<unknown>).then === 'function') (returned as Promise<unknown>).then(resolve, reject);
    });
    return { type: 'result', id: message.id, ok: true, payload: result === undefined ? 'null' : JSON.stringify(result), initMillis: coldStart };
  } catch (error) {
    return { type: 'result', id: message.id, ok: false, ...describe(error), initMillis: coldStart };
  }
};

/** Runs one invocation with its heap measured (the init of a cold start included). */
const invoke = async (message: InvokeMessage): Promise<ResultMessage> => {
  heapMeter.start();
  const result = await run(message);
  return { ...result, heap: heapMeter.stop() };
};

/** Runs the init ahead of the first invocation; that invocation is then warm (no Init Duration). */
const init = (message: InitMessage): InitResultMessage => {
  try {
    load();
    return { type: 'init-result', id: message.id, initMillis };
  } catch (error) {
    const { errorType, errorMessage } = describe(error);
    return { type: 'init-result', id: message.id, error: { errorType, errorMessage } };
  }
};

parentPort?.on('message', (message: InvokeMessage | InitMessage | CollectMessage) => {
  if (message.type === 'collect') {
    collectGarbage ??= takeGc();
    collectGarbage?.();
    const collected: CollectedMessage = { type: 'collected', id: message.id, heapTotalBytes: getHeapStatistics().total_heap_size };
    parentPort?.postMessage(collected);
    return;
  }
  if (message.type === 'init') {
    parentPort?.postMessage(init(message));
    return;
  }
  void invoke(message).then((result) => parentPort?.postMessage(result));
});
