/**
 * `asl serve`: the Step Functions endpoint over an engine whose state lives in a directory, in the foreground.
 * Startup order: state directory (recovering what a stopped process left running), integrations, engine, endpoint;
 * shutdown runs in reverse on SIGINT/SIGTERM.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Engine } from '../../asl';
import { createIntegrationRegistry } from '../../asl/integrations';
import { startStepFunctionsEndpoint } from '../../endpoints/stepfunctions';
import type { StepFunctionsEndpoint } from '../../endpoints/stepfunctions';
import { FileEngineStore } from '../../store';
import type { ServeCommand } from './args';
import type { CliIo } from './output';

/** A running `serve`: what it listens on, and how to stop it. */
type RunningServer = {
  endpoint: StepFunctionsEndpoint;
  store: FileEngineStore;
  /** Stops accepting requests, closes running executions (ABORTED), writes everything and releases the directory. */
  stop(): Promise<void>;
};

// Only the store's own sub-directories: --fresh must never delete whatever else --state-dir points at.
const STORE_ENTRIES = ['state-machines', 'executions', 'map-runs', 'history'] as const;

/** The first stack frame of an error: where an engine bug happened, without its message (which may hold data). */
const whereFrom = (error: unknown): string => {
  const frame = (error as { stack?: unknown }).stack;
  const line = typeof frame === 'string' ? frame.split('\n').find((text) => text.trimStart().startsWith('at ')) : undefined;
  return line === undefined ? '' : ` ${line.trim()}`;
};

/**
 * Starts the endpoint and reports on `io.stderr`; resolves once it accepts requests.
 *
 * @example
 * const server = await startServer({ command: 'serve', port: 0, host: '127.0.0.1', stateDir: '.local/stepfunctions', fresh: false }, processIo);
 */
const startServer = async (command: ServeCommand, io: CliIo): Promise<RunningServer> => {
  const started = performance.now();
  if (command.fresh) await Promise.all(STORE_ENTRIES.map((entry) => rm(join(command.stateDir, entry), { recursive: true, force: true })));
  const store = await FileEngineStore.open(command.stateDir);
  const integrations = createIntegrationRegistry();
  const engine = new Engine({
    integrations,
    store,
    onStoreError: (error) => io.stderr(`[asl] store write failed: ${(error as Error).name ?? 'Error'}: ${(error as Error).message ?? String(error)}`),
  });
  let endpoint: StepFunctionsEndpoint;
  try {
    await engine.ready();
    endpoint = await startStepFunctionsEndpoint(engine, {
      port: command.port,
      host: command.host,
      onInternalError: (error, operation) =>
        io.stderr(`[asl] ${operation} failed inside the engine: ${(error as Error).name ?? typeof error}${whereFrom(error)}`),
    });
  } catch (error) {
    integrations.destroy();
    await store.close();
    throw error;
  }
  const { abortedExecutionArns } = store.recovery;
  if (abortedExecutionArns.length > 0)
    io.stderr(`[asl] ${abortedExecutionArns.length} execution(s) left running by the previous process marked ABORTED (Local.EngineRestarted)`);
  io.stderr(`[asl] state directory ${store.directory}`);
  io.stderr(`[asl] Step Functions endpoint ${endpoint.url}`);
  io.stderr(`[asl] ready in ${Math.round(performance.now() - started)} ms`);
  return {
    endpoint,
    store,
    stop: async () => {
      await endpoint.close();
      await engine.close();
      integrations.destroy();
      await store.close();
    },
  };
};

/**
 * Runs `asl serve` until SIGINT or SIGTERM, then shuts down in order; resolves with exit code 0.
 *
 * @example
 * process.exitCode = await serveCommand(command, processIo);
 */
const serveCommand = async (command: ServeCommand, io: CliIo): Promise<0> => {
  const server = await startServer(command, io);
  await new Promise<void>((resolve) => {
    const onSignal = (signal: NodeJS.Signals): void => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      io.stderr(`[asl] ${signal}: stopping`);
      resolve();
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
  await server.stop();
  io.stderr('[asl] stopped');
  return 0;
};

export { serveCommand, startServer };
export type { RunningServer };
