/**
 * The local REST API: the routes of api/openapi.yaml on loopback, under the stage path as the deployed API
 * (`http://127.0.0.1:<port>/<stage>/customers/…`), in API Gateway's order: the route, then SigV4 (verified against
 * the local credential store, as API Gateway verifies it), then IAM authorisation (the caller's policies and the API's
 * resource policy: a customer reaches only its own routes), then request validation, then the route's integration.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { SFNClient } from '@aws-sdk/client-sfn';
import type { AppManifest } from '../../manifest';
import {
  getRun,
  invokeLambdaProxy,
  json,
  newRequestId,
  startExecution,
  type HttpAnswer,
  type LambdaProxyInvoker,
  type ProxyRequest,
} from './integrations';
import { authorizeInvoke, invokeArn, type CallerDirectory } from './authorization';
import { loadResourcePolicy, loadRoutes, matchRoute, type Route } from './routes';
import { verifySigV4 } from '../../iam/sigv4';

/** API Gateway's payload limit. */
const MAX_BODY_BYTES = 10 * 1024 * 1024;
/** @default 3000, as `sam local start-api` */
const DEFAULT_REST_API_PORT = 3000;

type RestApiOptions = {
  manifest: AppManifest;
  invokeLambda: LambdaProxyInvoker;
  sfn: SFNClient;
  dynamodb: DynamoDBClient;
  /** Who holds which access key, and what each caller's policies are. */
  callers: CallerDirectory;
  /** @default 3000 */
  port?: number;
  /** @default '127.0.0.1' */
  host?: string;
  /** Called once per request (method, path, status): the local reporter's request log. */
  onRequest?: (entry: { method: string; path: string; status: number; operationId?: string }) => void;
};

type RestApi = { url: string; port: number; routes: Route[]; close(): Promise<void> };

const readBody = (request: IncomingMessage): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(Object.assign(new Error('Request body too large'), { statusCode: 413 }));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });

type SchemaError = { instancePath: string; message?: string; params?: Record<string, unknown> };

/** ajv's messages say where; for a property the schema does not allow they do not say which: name it. */
const describeErrors = (where: string, errors: SchemaError[] | null | undefined): string =>
  (errors ?? [])
    .map((error) => {
      const extra = typeof error.params?.additionalProperty === 'string' ? `: ${error.params.additionalProperty}` : '';
      return `${where}${error.instancePath || ''} ${error.message ?? 'is invalid'}${extra}`;
    })
    .join('; ');

/**
 * @example
 * const api = await startRestApi({ manifest, invokeLambda, sfn, dynamodb, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
 * console.log(`${api.url}/customers/acme/analyses`);
 */
const startRestApi = async (options: RestApiOptions): Promise<RestApi> => {
  const api = options.manifest.apis[0];
  if (!api?.openapiPath) throw new Error('template.yaml declares no AWS::Serverless::Api with an OpenAPI DefinitionBody');
  const routes = loadRoutes(api.openapiPath, options.manifest);
  const resourcePolicy = loadResourcePolicy(api.openapiPath, options.manifest);
  const apiId = String(options.manifest.resolve({ Ref: api.logicalId }, `${api.logicalId} id`));
  const stagePrefix = `/${api.stageName}`;

  const handle = async (request: IncomingMessage): Promise<HttpAnswer & { operationId?: string }> => {
    const url = new URL(request.url ?? '/', 'http://local');
    const method = request.method ?? 'GET';
    if (!url.pathname.startsWith(`${stagePrefix}/`)) return json(403, { message: 'Missing Authentication Token' });
    const path = url.pathname.slice(stagePrefix.length);
    const matched = matchRoute(routes, method, path);
    // API Gateway answers an unknown route of an IAM-authorised API this way.
    if (!matched) return json(403, { message: 'Missing Authentication Token' });
    const body = await readBody(request);
    const headers = Object.fromEntries(
      Object.entries(request.headers).map(([name, value]) => [name.toLowerCase(), Array.isArray(value) ? value.join(',') : String(value ?? '')]),
    );
    const verdict = await verifySigV4(
      { method, host: headers.host ?? '', path: url.pathname, query: Object.fromEntries(url.searchParams), headers, body },
      { secretOf: (accessKeyId) => options.callers.lookup(accessKeyId)?.secretAccessKey, region: options.manifest.region },
    );
    if (!verdict.ok) return { ...json(403, { message: verdict.message }), operationId: matched.route.operationId };
    const { caller } = options.callers.lookup(verdict.accessKeyId)!;
    const resourceArn = invokeArn({ region: options.manifest.region, accountId: options.manifest.accountId, apiId, stage: api.stageName, method, path });
    const decision = authorizeInvoke(caller, resourcePolicy, resourceArn);
    // API Gateway names an authorisation failure with a capitalised "Message".
    if (!decision.allowed) return { ...json(403, { Message: decision.message }), operationId: matched.route.operationId };

    const { route, parameters } = matched;
    for (const [name, validate] of Object.entries(route.validateParameters)) {
      if (!validate(parameters[name])) {
        return { ...json(400, { error: 'BadRequest', message: describeErrors(`path parameter ${name}`, validate.errors) }), operationId: route.operationId };
      }
    }
    const text = body.toString('utf8');
    if (route.validateBody) {
      let parsed: unknown;
      try {
        parsed = text === '' ? undefined : JSON.parse(text);
      } catch {
        return { ...json(400, { error: 'BadRequest', message: 'Invalid request body: not JSON' }), operationId: route.operationId };
      }
      if (parsed === undefined && route.bodyRequired) {
        return { ...json(400, { error: 'BadRequest', message: 'Invalid request body: a JSON body is required' }), operationId: route.operationId };
      }
      if (parsed !== undefined && !route.validateBody(parsed)) {
        return { ...json(400, { error: 'BadRequest', message: `Invalid request body: ${describeErrors('body', route.validateBody.errors)}` }), operationId: route.operationId };
      }
    }
    const proxy: ProxyRequest = {
      method,
      path,
      resource: route.pathTemplate,
      stage: api.stageName,
      requestId: newRequestId(),
      headers,
      query: Object.fromEntries(url.searchParams),
      pathParameters: parameters,
      body: text,
      sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
    };
    const { integration } = route;
    const answer =
      integration.kind === 'lambda-proxy'
        ? await invokeLambdaProxy(options.invokeLambda, integration.functionArn, proxy)
        : integration.kind === 'start-execution'
          ? await startExecution(options.sfn, integration.stateMachineArn, proxy)
          : await getRun(options.dynamodb, integration.tableName, proxy);
    return { ...answer, operationId: route.operationId };
  };

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    handle(request)
      .catch((error: Error & { statusCode?: number }) => json(error.statusCode ?? 500, { message: error.statusCode ? error.message : 'Internal server error' }))
      .then((answer) => {
        options.onRequest?.({ method: request.method ?? 'GET', path: request.url ?? '/', status: answer.statusCode, operationId: (answer as { operationId?: string }).operationId });
        response.writeHead(answer.statusCode, answer.headers ?? {});
        response.end(answer.body);
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? DEFAULT_REST_API_PORT, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}${stagePrefix}`,
    port,
    routes,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};

export { DEFAULT_REST_API_PORT, startRestApi };
export type { RestApi, RestApiOptions };
