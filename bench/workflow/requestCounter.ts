/**
 * A counting reverse proxy on loopback, put between the functions and the local S3 and DynamoDB, so the cost model
 * uses the requests the handlers really made instead of a guess:
 *
 * - S3: requests by pricing tier. PUT, COPY, POST and LIST are one tier; GET and HEAD (and everything else that
 *   is billed) the other; DELETE is free. Bodies stream through untouched.
 * - DynamoDB: capacity units as DynamoDB bills them on demand. Each JSON request that does not ask for it gets
 *   `ReturnConsumedCapacity: TOTAL`; the emulator (dynalite) then computes the units from item sizes the way
 *   DynamoDB does (writes per 1 KB, reads per 4 KB, eventually consistent reads at half), and the proxy reads them
 *   from the response. The response goes back to the caller byte for byte.
 *
 * The benchmark starts the local DynamoDB without verifying role sessions' signatures (app.ts
 * `verifyDynamoDbSessions`), which is what lets the proxy add a field to a signed request.
 */
import { Agent, createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What went through one proxy. */
type RequestCounts = {
  requests: number;
  /** S3 PUT, COPY, POST, LIST requests. */
  s3Tier1: number;
  /** S3 GET, HEAD and other billed requests. */
  s3Tier2: number;
  /** DynamoDB write request units. */
  writeUnits: number;
  /** DynamoDB read request units. */
  readUnits: number;
  /** Requests by operation (S3: `METHOD object|bucket`, DynamoDB: the X-Amz-Target operation). */
  byOperation: Record<string, number>;
};

/** A running counting proxy. */
type CountingProxy = {
  /** `http://127.0.0.1:<port>`: what the functions should use as their endpoint. */
  endpoint: string;
  /** Counts since the last {@link CountingProxy.reset}. */
  counts(): RequestCounts;
  reset(): void;
  close(): Promise<void>;
};

/** Which service the proxy speaks to: it decides how requests are counted. */
const ProxiedServices = { S3: 's3', DynamoDB: 'dynamodb' } as const;
type ProxiedService = (typeof ProxiedServices)[keyof typeof ProxiedServices];

const emptyCounts = (): RequestCounts => ({ requests: 0, s3Tier1: 0, s3Tier2: 0, writeUnits: 0, readUnits: 0, byOperation: {} });

const WRITE_OPERATIONS = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem', 'TransactWriteItems']);
const CAPACITY_OPERATIONS = new Set([...WRITE_OPERATIONS, 'GetItem', 'BatchGetItem', 'Query', 'Scan', 'TransactGetItems']);

/**
 * Classifies one S3 request for pricing. Path-style addressing (`/bucket/key`), as the functions use locally.
 *
 * @example
 * s3Tier('GET', '/bucket?list-type=2'); // 1
 * s3Tier('GET', '/bucket/units/abc');   // 2
 */
const s3Tier = (method: string, url: string): 0 | 1 | 2 => {
  const [path, query = ''] = url.split('?', 2);
  const isBucket = path.replace(/^\/+/, '').split('/').filter(Boolean).length <= 1;
  switch (method.toUpperCase()) {
    case 'DELETE':
      return 0;
    case 'PUT':
    case 'POST':
      return 1;
    case 'GET':
      // A GET on the bucket itself lists objects (or uploads, versions): LIST is priced with PUT.
      return isBucket && !/(^|&)(location|policy|versioning|encryption|tagging|acl)(=|&|$)/.test(query) ? 1 : 2;
    default:
      return 2;
  }
};

type ConsumedCapacity = { CapacityUnits?: number };

/** Sums the capacity units of a DynamoDB response (one object, or one per table for batch operations). */
const capacityUnitsOf = (body: string): number => {
  try {
    const parsed = JSON.parse(body) as { ConsumedCapacity?: ConsumedCapacity | ConsumedCapacity[] };
    const consumed = parsed.ConsumedCapacity;
    if (!consumed) return 0;
    return (Array.isArray(consumed) ? consumed : [consumed]).reduce((sum, entry) => sum + (entry.CapacityUnits ?? 0), 0);
  } catch {
    return 0;
  }
};

const readBody = (stream: IncomingMessage): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.once('end', () => resolve(Buffer.concat(chunks)));
    stream.once('error', reject);
  });

/**
 * Starts a counting proxy to `target` (an `http://host:port` endpoint) on a free loopback port.
 *
 * @example
 * const proxy = await startCountingProxy('s3', app.endpoints.s3);
 * app.environment.AWS_ENDPOINT_URL_S3 = proxy.endpoint;
 */
const startCountingProxy = async (service: ProxiedService, target: string): Promise<CountingProxy> => {
  const upstream = new URL(target);
  const agent = new Agent({ keepAlive: true });
  let counts = emptyCounts();
  const count = (operation: string): void => {
    counts.requests += 1;
    counts.byOperation[operation] = (counts.byOperation[operation] ?? 0) + 1;
  };

  const forward = (req: IncomingMessage, res: ServerResponse, headers: IncomingMessage['headers'], body?: Buffer, onResponse?: (body: Buffer) => void): void => {
    const outgoing = httpRequest(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers, agent },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        if (!onResponse) {
          answer.pipe(res);
          return;
        }
        void readBody(answer).then((bytes) => {
          onResponse(bytes);
          res.end(bytes);
        }, () => res.destroy());
      },
    );
    outgoing.once('error', (error) => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`counting proxy: ${error.message}`);
    });
    if (body) outgoing.end(body);
    else req.pipe(outgoing);
  };

  const server: Server = createServer((req, res) => {
    if (service === ProxiedServices.S3) {
      const tier = s3Tier(req.method ?? 'GET', req.url ?? '/');
      if (tier === 1) counts.s3Tier1 += 1;
      else if (tier === 2) counts.s3Tier2 += 1;
      const path = (req.url ?? '/').split('?')[0];
      count(`${req.method} ${path.replace(/^\/+/, '').split('/').filter(Boolean).length <= 1 ? 'bucket' : 'object'}`);
      forward(req, res, req.headers);
      return;
    }
    const operation = String(req.headers['x-amz-target'] ?? '').split('.').pop() ?? 'unknown';
    count(operation);
    void readBody(req).then((raw) => {
      let body = raw;
      if (CAPACITY_OPERATIONS.has(operation)) {
        try {
          const parsed = JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
          if (parsed.ReturnConsumedCapacity === undefined || parsed.ReturnConsumedCapacity === 'NONE') parsed.ReturnConsumedCapacity = 'TOTAL';
          body = Buffer.from(JSON.stringify(parsed), 'utf8');
        } catch {
          // Not JSON: forward as is and let DynamoDB answer with its own error.
        }
      }
      const headers = { ...req.headers, 'content-length': String(body.length) };
      forward(req, res, headers, body, (answer) => {
        const units = capacityUnitsOf(answer.toString('utf8'));
        if (WRITE_OPERATIONS.has(operation)) counts.writeUnits += units;
        else counts.readUnits += units;
      });
    }, () => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    counts: () => ({ ...counts, byOperation: { ...counts.byOperation } }),
    reset: () => {
      counts = emptyCounts();
    },
    close: async () => {
      agent.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
};

export { ProxiedServices, capacityUnitsOf, s3Tier, startCountingProxy };
export type { CountingProxy, ProxiedService, RequestCounts };
