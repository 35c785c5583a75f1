/**
 * Binding an HTTP server on loopback and closing it gracefully. Node's `server.close()` waits for every open
 * connection, and SDK clients keep sockets alive for reuse, so a plain close would hang: we track sockets, close
 * idle ones at once and cut busy ones after a grace period.
 */
import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import { PortInUseError } from '../errors';
import { assertLoopback } from './ports';

/** How long `close()` lets in-flight requests finish before cutting their sockets. */
const DEFAULT_SHUTDOWN_GRACE_MS = 2000;

/** A bound server: its port and URL, and a graceful close. */
type BoundServer = {
  readonly port: number;
  readonly endpoint: string;
  close(): Promise<void>;
};

/** Options of {@link listenTracked}. */
type ListenOptions = {
  port: number;
  host: string;
  /** @default 2000 */
  shutdownGraceMs?: number;
};

/** `http://host:port`, with brackets around an IPv6 address. */
const formatEndpoint = (address: string, port: number): string =>
  address.includes(':') ? `http://[${address}]:${port}` : `http://${address}:${port}`;

/**
 * Starts `server` listening on a loopback address and returns its endpoint and a graceful `close()`.
 * Call before any request can arrive: it hooks `connection` and `request` to track sockets.
 *
 * @example
 * const bound = await listenTracked(createServer(handler), { port: 0, host: '127.0.0.1' });
 * await bound.close();
 */
const listenTracked = async (server: Server, options: ListenOptions): Promise<BoundServer> => {
  assertLoopback(options.host);
  const graceMs = options.shutdownGraceMs ?? DEFAULT_SHUTDOWN_GRACE_MS;
  // socket → number of requests on it that have not finished yet
  const sockets = new Map<Socket, number>();
  let stopping = false;

  server.on('connection', (socket: Socket) => {
    sockets.set(socket, 0);
    socket.once('close', () => sockets.delete(socket));
    if (stopping) socket.destroy();
  });
  server.on('request', (request, response) => {
    const socket: Socket = request.socket;
    sockets.set(socket, (sockets.get(socket) ?? 0) + 1);
    if (stopping) response.setHeader('Connection', 'close');
    response.once('close', () => {
      const active = Math.max(0, (sockets.get(socket) ?? 1) - 1);
      if (sockets.has(socket)) sockets.set(socket, active);
      if (stopping && active === 0) socket.destroy();
    });
  });

  await new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      server.off('listening', onListening);
      reject(error.code === 'EADDRINUSE' ? new PortInUseError({ port: options.port, host: options.host }, { cause: error }) : error);
    };
    const onListening = (): void => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen({ port: options.port, host: options.host, exclusive: true });
  });

  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('HTTP server did not report a TCP address after listening');
  let closing: Promise<void> | undefined;

  const close = (): Promise<void> => {
    closing ??= new Promise<void>((resolve, reject) => {
      stopping = true;
      server.close((error) => (error ? reject(error) : resolve()));
      for (const [socket, active] of sockets) if (active === 0) socket.destroy();
      const timer = setTimeout(() => {
        for (const socket of sockets.keys()) socket.destroy();
      }, graceMs);
      timer.unref();
    });
    return closing;
  };

  return { port: address.port, endpoint: formatEndpoint(address.address, address.port), close };
};

/**
 * The emulator handle of a bound server: `stop()` closes the server, then releases the data directory; calling it
 * again returns the same promise.
 */
const emulatorHandle = (bound: BoundServer, release: () => Promise<void>): { endpoint: string; port: number; stop(): Promise<void> } => {
  let stopping: Promise<void> | undefined;
  return {
    endpoint: bound.endpoint,
    port: bound.port,
    stop: () => {
      stopping ??= bound.close().finally(release);
      return stopping;
    },
  };
};

export { DEFAULT_SHUTDOWN_GRACE_MS, emulatorHandle, formatEndpoint, listenTracked };
export type { BoundServer, ListenOptions };
