/**
 * The local Step Functions endpoint: an HTTP server on loopback that hands each request to the protocol layer.
 *
 * Clients: `@aws-sdk/client-sfn` and the AWS CLI work unchanged with `endpoint`/`--endpoint-url` set to the
 * returned `url`, except for StartSyncExecution, which AWS serves on the `sync-states` host: both clients
 * prepend `sync-` to the endpoint's host name (`sync-127.0.0.1`, which does not resolve). Turn host prefixing
 * off: `disableHostPrefix: true` in the SDK client config (see {@link stepFunctionsClientConfig}), or
 * `AWS_DISABLE_HOST_PREFIX_INJECTION=true` for the AWS CLI / botocore.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { StepFunctionsApi } from '../../asl/api';
import { EndpointListenError, RequestTooLargeError } from './errors';
import { handleStepFunctionsRequest } from './handler';
import type { RequestHandlerOptions } from './handler';
import { errorResponse } from './wire';
import type { WireResponse } from './wire';

/** Step Functions Local's customary port. */
const DEFAULT_PORT = 8083;
const DEFAULT_HOST = '127.0.0.1';
/**
 * AWS quota "Maximum request size: 1 MB per request" (Step Functions quotas, API request limits); a
 * CreateStateMachine with a definition at its 1,048,576-character maximum still needs a little more for the
 * JSON around it, so the default leaves room for that.
 */
const DEFAULT_MAX_REQUEST_BYTES = 1_048_576 + 64 * 1024;

/** Options of {@link startStepFunctionsEndpoint}. */
type StepFunctionsEndpointOptions = RequestHandlerOptions & {
  /**
   * TCP port; 0 picks a free one (read it from the result).
   * @default 8083
   */
  port?: number;
  /**
   * Address to listen on. Anything but loopback exposes an unauthenticated API to the network.
   * @default '127.0.0.1'
   */
  host?: string;
  /**
   * Largest request body accepted, in bytes; larger ones are answered 413 without reaching the engine.
   * @default 1114112
   */
  maxRequestBytes?: number;
};

/** A running endpoint. */
type StepFunctionsEndpoint = {
  /** Base URL for clients, for example `http://127.0.0.1:8083`. */
  url: string;
  port: number;
  /** Stops accepting requests, ends open connections, and resolves once the socket is closed. */
  close(): Promise<void>;
};

const send = (res: ServerResponse, answer: WireResponse, closeConnection = false): void => {
  res.writeHead(answer.statusCode, closeConnection ? { ...answer.headers, connection: 'close' } : answer.headers);
  res.end(answer.body);
};

const tooLarge = (res: ServerResponse, req: IncomingMessage, error: RequestTooLargeError): void => {
  send(res, errorResponse(error.statusCode, error.errorType, error.message), true);
  // Drain what the client still sends so it reads the answer instead of a reset connection.
  req.resume();
};

const readBody = (req: IncomingMessage, limit: number): Promise<Buffer | RequestTooLargeError> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) {
        req.off('data', onData);
        resolve(new RequestTooLargeError(limit, size));
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });

const createListener =
  (api: StepFunctionsApi, options: StepFunctionsEndpointOptions, limit: number) =>
  async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const announced = Number(req.headers['content-length'] ?? '0');
    if (Number.isFinite(announced) && announced > limit) {
      tooLarge(res, req, new RequestTooLargeError(limit, announced));
      return;
    }
    const body = await readBody(req, limit);
    if (body instanceof RequestTooLargeError) {
      tooLarge(res, req, body);
      return;
    }
    send(res, await handleStepFunctionsRequest(api, { method: req.method ?? 'GET', headers: req.headers, body }, options));
  };

const listen = (server: Server, port: number, host: string): Promise<AddressInfo> =>
  new Promise((resolve, reject) => {
    const onError = (error: Error): void => reject(new EndpointListenError(host, port, { cause: error }));
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve(server.address() as AddressInfo);
    });
  });

/**
 * Starts a Step Functions-compatible endpoint (AWS JSON 1.0) over `api` and resolves once it accepts requests.
 *
 * @example
 * const endpoint = await startStepFunctionsEndpoint(engine, { port: 0 });
 * const sfn = new SFNClient(stepFunctionsClientConfig(endpoint.url));
 * // …
 * await endpoint.close();
 */
const startStepFunctionsEndpoint = async (
  api: StepFunctionsApi,
  options: StepFunctionsEndpointOptions = {}
): Promise<StepFunctionsEndpoint> => {
  const host = options.host ?? DEFAULT_HOST;
  const limit = options.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES;
  const listener = createListener(api, options, limit);
  const server = createServer((req, res) => {
    listener(req, res).catch(() => {
      // Only a broken socket gets here (the protocol layer answers every failure); nothing is left to tell.
      if (!res.headersSent) res.destroy();
    });
  });
  const address = await listen(server, options.port ?? DEFAULT_PORT, host);
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${urlHost}:${address.port}`,
    port: address.port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error === undefined ? resolve() : reject(error)));
        server.closeAllConnections();
      }),
  };
};

export { DEFAULT_MAX_REQUEST_BYTES, DEFAULT_PORT, startStepFunctionsEndpoint };
export type { StepFunctionsEndpoint, StepFunctionsEndpointOptions };
