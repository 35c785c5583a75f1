import { createServer, request, type Server } from 'node:http';
import { Agent } from 'node:http';
import { listenTracked } from '../../../local/emulators/net/server';
import { NotLoopbackError, PortInUseError } from '../../../local/emulators/errors';

const get = (port: number, agent: Agent, path = '/'): Promise<{ status: number; body: string }> =>
  new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, agent }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });

describe('Function: listenTracked()', () => {
  it('closes although a client keeps an idle keep-alive socket open', async () => {
    // Prepare
    const server = createServer((_req, res) => res.end('ok'));
    const bound = await listenTracked(server, { port: 0, host: '127.0.0.1' });
    const agent = new Agent({ keepAlive: true });
    await get(bound.port, agent);

    // Act
    await bound.close();

    // Assess
    expect(server.listening).toBe(false);
    agent.destroy();
  });

  it('lets an in-flight request finish before closing its socket', async () => {
    // Prepare
    let release!: () => void;
    let arrived!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const received = new Promise<void>((resolve) => (arrived = resolve));
    const server: Server = createServer((_req, res) => {
      arrived();
      void gate.then(() => res.end('finished'));
    });
    const bound = await listenTracked(server, { port: 0, host: '127.0.0.1', shutdownGraceMs: 60_000 });
    const agent = new Agent({ keepAlive: true });
    const inFlight = get(bound.port, agent);
    await received;

    // Act
    const closing = bound.close();
    release();
    const response = await inFlight;
    await closing;

    // Assess
    expect(response).toEqual({ status: 200, body: 'finished' });
    agent.destroy();
  });

  it('cuts a request that outlives the grace period', async () => {
    // Prepare
    let arrived!: () => void;
    const received = new Promise<void>((resolve) => (arrived = resolve));
    const server = createServer(() => arrived());
    const bound = await listenTracked(server, { port: 0, host: '127.0.0.1', shutdownGraceMs: 10 });
    const agent = new Agent({ keepAlive: true });
    const hanging = get(bound.port, agent);
    await received;

    // Act
    await bound.close();

    // Assess
    await expect(hanging).rejects.toThrow();
    agent.destroy();
  });

  it('reports a taken port as PortInUseError', async () => {
    // Prepare
    const first = await listenTracked(createServer(), { port: 0, host: '127.0.0.1' });

    // Act
    const second = listenTracked(createServer(), { port: first.port, host: '127.0.0.1' });

    // Assess
    await expect(second).rejects.toBeInstanceOf(PortInUseError);
    await first.close();
  });

  it('refuses a non-loopback address', async () => {
    await expect(listenTracked(createServer(), { port: 0, host: '0.0.0.0' })).rejects.toBeInstanceOf(NotLoopbackError);
  });

  it('formats an IPv6 loopback endpoint with brackets', async () => {
    // Act
    const bound = await listenTracked(createServer(), { port: 0, host: '::1' }).catch(() => undefined);

    // Assess (hosts without IPv6 cannot bind ::1; the IPv4 cases above still run)
    if (bound) {
      expect(bound.endpoint).toBe(`http://[::1]:${bound.port}`);
      await bound.close();
    }
  });
});
