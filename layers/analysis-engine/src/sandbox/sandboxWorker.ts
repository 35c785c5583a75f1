/**
 * The worker side of a unit sandbox: builds the default analyzers once (the worker's cold start), says `ready`, then
 * analyses each request's units one after the other with {@link analyzeUnit}, answering each unit as soon as it is
 * done. Anything a unit does to this thread (an endless parse, a heap that fills up) is ended from outside by
 * terminating it; the answers sent before tell the caller which unit it was.
 */
import { parentPort } from 'node:worker_threads';

import { analyzeUnit } from '../analyzeUnit';
import { getDefaultRegistry } from '../analyzerRegistry';
import type { AnalyzeRequest, SandboxMessage } from './protocol';

/**
 * Serves requests on `parentPort`. Called by the engine's entry module when it is loaded as a sandbox worker.
 *
 * @example
 * if (!isMainThread && workerData?.[SANDBOX_WORKER_FLAG] === true) serveSandbox();
 */
const serveSandbox = (): void => {
  const port = parentPort;
  if (port === null) return;
  const registry = getDefaultRegistry();
  port.on('message', (request: AnalyzeRequest) => {
    request.units.forEach((unit, index) => {
      let message: SandboxMessage;
      try {
        message = { type: 'result', id: request.id, index, analysis: JSON.stringify(analyzeUnit(unit, { registry, ...request.options })) };
      } catch (error) {
        // Only a malformed unit gets here: analyzeUnit turns every analyzer failure into a notAnalyzed result.
        message = { type: 'failure', id: request.id, index, error: { name: error instanceof Error ? error.name : 'Error', message: error instanceof Error ? error.message : String(error) } };
      }
      port.postMessage(message);
    });
  });
  port.postMessage({ type: 'ready' } satisfies SandboxMessage);
};

export { serveSandbox };
