/** Messages between the Lambda pool (main thread) and a worker thread that hosts one function. */
import type { HeapFigures } from './heap';

/** What a worker needs to host a function: its bundle, export, and the Lambda environment. */
type WorkerFunction = {
  bundle: string;
  handlerExport: string;
  environment: Record<string, string>;
  /** Directories put on the module path, as Lambda puts /opt/nodejs/node_modules for layers. */
  nodePath: string[];
};

type InvokeMessage = {
  type: 'invoke';
  id: number;
  payload: string;
  context: {
    awsRequestId: string;
    functionName: string;
    functionVersion: string;
    invokedFunctionArn: string;
    memoryLimitInMB: string;
    logGroupName: string;
    logStreamName: string;
    deadlineMs: number;
    clientContext?: string;
  };
};

/** Asks an environment to run its init (load the bundle) before any invocation, as Lambda's proactive init does. */
type InitMessage = { type: 'init'; id: number };

/** The init's outcome: how long it took, or why the bundle did not load. */
type InitResultMessage = { type: 'init-result'; id: number; initMillis?: number; error?: { errorType: string; errorMessage: string } };

/**
 * Asks an idle environment to collect its garbage now (the pool is over its memory bound): an isolate that runs
 * nothing never collects, and keeps the garbage of its last invocation resident.
 */
type CollectMessage = { type: 'collect'; id: number };

/** The collection is done; `heapTotalBytes` is the committed heap after it. */
type CollectedMessage = { type: 'collected'; id: number; heapTotalBytes: number };

/**
 * The outcome of one invocation. `heap` is optional: results the pool makes up itself (a worker that crashed or
 * exited) have none, and a reader must not rely on it.
 */
type ResultMessage =
  | { type: 'result'; id: number; ok: true; payload: string; initMillis?: number; heap?: HeapFigures }
  | { type: 'result'; id: number; ok: false; errorType: string; errorMessage: string; trace: string[]; initMillis?: number; heap?: HeapFigures };

export type { CollectedMessage, CollectMessage, InitMessage, InitResultMessage, InvokeMessage, ResultMessage, WorkerFunction };
