/**
 * The console's HTTP server: JSON under /api/, its own files under /static/, the page for any other path; loopback
 * host names only, GET only, decrypted data never cached by the browser, and a policy that runs its own scripts only.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConsoleNotFoundError } from '../../../local/console/errors';
import { startConsoleServer } from '../../../local/console/server';

type Answer = { status: number; headers: Record<string, string | string[] | undefined>; body: string };

const call = (port: number, path: string, options: { method?: string; host?: string; headers?: Record<string, string> } = {}): Promise<Answer> =>
  new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: { host: options.host ?? `127.0.0.1:${port}`, ...options.headers } }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });

describe('Function: startConsoleServer()', () => {
  const root = mkdtempSync(join(tmpdir(), 'console-server-'));
  const staticDir = join(root, 'static');
  mkdirSync(staticDir);
  writeFileSync(join(staticDir, 'index.html'), '<!DOCTYPE html><title>console</title>');
  writeFileSync(join(staticDir, 'app.js'), 'export {};');
  writeFileSync(join(root, 'secret.txt'), 'not served');
  const failures: string[] = [];
  let server: Awaited<ReturnType<typeof startConsoleServer>>;

  beforeAll(async () => {
    server = await startConsoleServer({
      routes: [
        { pattern: /^\/api\/runs\/([^/]+)$/, handle: async ([runId]) => ({ runId }) },
        { pattern: /^\/api\/missing$/, handle: async () => Promise.reject(new ConsoleNotFoundError('No run r9')) },
        { pattern: /^\/api\/broken$/, handle: async () => Promise.reject(new Error('dynamodb is down')) },
      ],
      staticDir,
      onError: (error, path) => failures.push(`${path}: ${error.message}`),
    });
  });
  afterAll(async () => {
    await server.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('answers an API route with JSON the browser does not store, under a script policy of its own', async () => {
    // Act
    const answer = await call(server.port, '/api/runs/r%201');

    // Assess
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({ runId: 'r 1' });
    expect(answer.headers['cache-control']).toBe('no-store');
    expect(answer.headers['content-security-policy']).toContain("script-src 'self'");
    expect(answer.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(answer.headers['x-content-type-options']).toBe('nosniff');
  });

  it('serves the page for any page path, and its files with a validator', async () => {
    // Act
    const page = await call(server.port, '/runs/demo/r1');
    const script = await call(server.port, '/static/app.js');
    const again = await call(server.port, '/static/app.js', { headers: { 'if-none-match': String(script.headers.etag) } });

    // Assess
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>console</title>');
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(again.status).toBe(304);
  });

  it.each([
    ['a host name that is not loopback (DNS rebinding)', '/api/runs/r1', { host: 'attacker.example' }, 403],
    ['another port in the host', '/api/runs/r1', { host: '127.0.0.1:1' }, 403],
    ['a write', '/api/runs/r1', { method: 'POST' }, 405],
    ['a file outside its folder', '/static/%2e%2e/secret.txt', {}, 404],
    ['an API path it does not have', '/api/nothing', {}, 404],
    ['a missing thing the route names', '/api/missing', {}, 404],
  ])('refuses %s', async (_case, path, options, status) => {
    // Act
    const answer = await call(server.port, path, options);

    // Assess
    expect(answer.status).toBe(status);
    expect(answer.body).not.toContain('not served');
  });

  it('answers localhost by name too', async () => {
    expect((await call(server.port, '/api/runs/r1', { host: `localhost:${server.port}` })).status).toBe(200);
  });

  it('answers 500 with the message for a failure of its own, and reports it', async () => {
    // Act
    const answer = await call(server.port, '/api/broken');

    // Assess
    expect(answer.status).toBe(500);
    expect(JSON.parse(answer.body)).toEqual({ error: 'Error', message: 'dynamodb is down' });
    expect(failures).toEqual(['/api/broken: dynamodb is down']);
  });
});
