/**
 * The console's HTTP server: loopback only, GET only, a JSON API under /api/ and the page's own static files. It shows
 * every customer's data to whoever can reach it, so it answers only connections from this machine that name a
 * loopback host (a page on another site cannot reach it through DNS rebinding), sends decrypted data with
 * `Cache-Control: no-store` (the browser keeps no clear copy on disk), and runs the page under a policy that allows
 * its own scripts and nothing else.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { extname, resolve, sep } from 'node:path';
import { listenTracked } from '../emulators/net/server';
import { ConsoleError, ConsoleForbiddenError, ConsoleNotFoundError } from './errors';

/** One API route: a path pattern and what answers it (any JSON value). */
type Route = {
  pattern: RegExp;
  handle: (params: string[], query: URLSearchParams) => Promise<unknown>;
};

type ConsoleServerOptions = {
  /** @default 0 (a free port) */
  port?: number;
  routes: readonly Route[];
  /** Directory of index.html and the page's modules. */
  staticDir: string;
  /** Called with each API failure that is not the caller's fault (a bug or a service down). */
  onError?: (error: Error, path: string) => void;
};

type ConsoleServer = { url: string; port: number; close(): Promise<void> };

const HOST = '127.0.0.1';
const LOOPBACK_NAMES = new Set(['127.0.0.1', 'localhost', '[::1]']);

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

const isLoopbackAddress = (address: string | undefined): boolean =>
  address !== undefined && (address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.'));

const send = (response: ServerResponse, status: number, headers: Record<string, string>, body: string | Buffer): void => {
  response.writeHead(status, { ...SECURITY_HEADERS, 'Content-Length': String(Buffer.byteLength(body)), ...headers });
  response.end(response.req.method === 'HEAD' ? undefined : body);
};

const sendJson = (response: ServerResponse, status: number, value: unknown): void =>
  send(response, status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' }, JSON.stringify(value));

/** A static file with a validator, so a reload costs a 304 rather than the file. */
type StaticFile = { body: Buffer; etag: string; type: string };

const staticFiles = (root: string): ((path: string) => StaticFile | undefined) => {
  const cache = new Map<string, { mtimeMs: number; file: StaticFile }>();
  return (path) => {
    const full = resolve(root, `.${path}`);
    if (!full.startsWith(`${resolve(root)}${sep}`) || !CONTENT_TYPES[extname(full)]) return undefined;
    let stat;
    try {
      stat = statSync(full);
    } catch {
      return undefined;
    }
    if (!stat.isFile()) return undefined;
    const cached = cache.get(full);
    if (cached && cached.mtimeMs === stat.mtimeMs) return cached.file;
    const body = readFileSync(full);
    const file = { body, etag: `"${createHash('sha1').update(body).digest('hex').slice(0, 16)}"`, type: CONTENT_TYPES[extname(full)] };
    cache.set(full, { mtimeMs: stat.mtimeMs, file });
    return file;
  };
};

/**
 * @example
 * const server = await startConsoleServer({ port: 0, routes, staticDir });
 * console.log(server.url); // http://127.0.0.1:40123
 */
const startConsoleServer = async (options: ConsoleServerOptions): Promise<ConsoleServer> => {
  const readStatic = staticFiles(options.staticDir);
  let port = 0;

  const guard = (request: IncomingMessage): void => {
    if (!isLoopbackAddress(request.socket.remoteAddress)) throw new ConsoleForbiddenError('The console answers this machine only');
    const host = (request.headers.host ?? '').toLowerCase();
    const colon = host.lastIndexOf(':');
    const name = colon > host.lastIndexOf(']') ? host.slice(0, colon) : host;
    const hostPort = colon > host.lastIndexOf(']') ? Number(host.slice(colon + 1)) : 80;
    if (!LOOPBACK_NAMES.has(name) || hostPort !== port) throw new ConsoleForbiddenError(`Host ${host || '(none)'} is not this console's loopback address`);
  };

  const serveStatic = (request: IncomingMessage, response: ServerResponse, path: string): void => {
    const file = readStatic(path);
    if (!file) throw new ConsoleNotFoundError(`No file ${path}`);
    if (request.headers['if-none-match'] === file.etag) {
      response.writeHead(304, { ...SECURITY_HEADERS, ETag: file.etag, 'Cache-Control': 'no-cache' });
      response.end();
      return;
    }
    send(response, 200, { 'Content-Type': file.type, ETag: file.etag, 'Cache-Control': 'no-cache' }, file.body);
  };

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(request.url ?? '/', 'http://console.invalid');
    try {
      guard(request);
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        send(response, 405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' }, 'The console only reads.\n');
        return;
      }
      if (url.pathname.startsWith('/api/')) {
        for (const route of options.routes) {
          const match = route.pattern.exec(url.pathname);
          if (!match) continue;
          const params = match.slice(1).map((part) => decodeURIComponent(part ?? ''));
          sendJson(response, 200, await route.handle(params, url.searchParams));
          return;
        }
        throw new ConsoleNotFoundError(`No API at ${url.pathname}`);
      }
      if (url.pathname.startsWith('/static/')) {
        serveStatic(request, response, url.pathname.slice('/static'.length));
        return;
      }
      if (extname(url.pathname) !== '') throw new ConsoleNotFoundError(`No file ${url.pathname}`);
      // Every page path is the one-page app: it routes on the path itself.
      serveStatic(request, response, '/index.html');
    } catch (caught) {
      const error = caught as Error;
      const status = error instanceof ConsoleError ? error.status : 500;
      if (status === 500) options.onError?.(error, url.pathname);
      if (response.headersSent) {
        response.destroy(error);
        return;
      }
      if (url.pathname.startsWith('/api/')) sendJson(response, status, { error: error.name, message: error.message });
      else send(response, status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' }, `${error.message}\n`);
    }
  };

  const server = createServer((request, response) => {
    void handle(request, response);
  });
  const bound = await listenTracked(server, { port: options.port ?? 0, host: HOST });
  port = bound.port;
  return { url: `http://${HOST}:${bound.port}`, port: bound.port, close: () => bound.close() };
};

export { isLoopbackAddress, startConsoleServer };
export type { ConsoleServer, ConsoleServerOptions, Route };
