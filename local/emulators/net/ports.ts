/**
 * Port helpers: the emulators bind fixed default ports (so `AWS_ENDPOINT_URL_*` can be written down once), which
 * makes a clear "port in use" error worth more than a bare EADDRINUSE.
 */
import { createServer } from 'node:net';
import { NotLoopbackError, PortInUseError } from '../errors';

/** Host names and addresses the emulators may bind. */
const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['127.0.0.1', '::1', 'localhost']);

/** Default bind address: IPv4 loopback, because the S3 SDK uses path-style addressing for IP endpoints. */
const DEFAULT_HOST = '127.0.0.1';

/**
 * Throws {@link NotLoopbackError} unless `host` is a loopback address.
 *
 * @example
 * assertLoopback('0.0.0.0'); // throws
 */
const assertLoopback = (host: string): void => {
  if (!LOOPBACK_HOSTS.has(host)) throw new NotLoopbackError({ host });
};

/** Listens briefly on `port` to learn whether it is free; resolves the bound port. */
const probe = (port: number, host: string): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen({ port, host, exclusive: true }, () => {
      const address = server.address();
      const bound = typeof address === 'object' && address !== null ? address.port : port;
      server.close(() => resolve(bound));
    });
  });

/**
 * Resolves when `port` can be bound on `host`; rejects with {@link PortInUseError} when it cannot.
 *
 * @example
 * await assertPortFree(4568); // before starting the S3 emulator on its default port
 */
const assertPortFree = async (port: number, host: string = DEFAULT_HOST): Promise<void> => {
  assertLoopback(host);
  try {
    await probe(port, host);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new PortInUseError({ port, host }, { cause: error });
    throw error;
  }
};

/**
 * Returns a port that was free a moment ago (the OS picks it). Another process may take it before you bind it;
 * prefer passing `port: 0` to an emulator, which binds atomically.
 *
 * @example
 * const port = await findFreePort();
 */
const findFreePort = async (host: string = DEFAULT_HOST): Promise<number> => {
  assertLoopback(host);
  return probe(0, host);
};

export { assertLoopback, assertPortFree, DEFAULT_HOST, findFreePort, LOOPBACK_HOSTS };
