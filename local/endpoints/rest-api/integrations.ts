/**
 * What each route's integration does, as its API Gateway configuration in api/openapi.yaml does it:
 * - Lambda proxy: the API Gateway proxy event in, the function's `{statusCode, headers, body}` out;
 * - StartExecution: the request mapping template's input (execution name `<customerId>_<runId>`, runId defaulting
 *   to the request id) and its responses (202 with the run, 409 RunAlreadyExists, 400 otherwise);
 * - GetItem: the run item projected as the response template does (404 RunNotFound when absent).
 * The mapping templates are VTL in the cloud; here the same mappings are code, and contract tests keep them together.
 */
import { randomUUID } from 'node:crypto';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { ExecutionAlreadyExists, SFNClient, SFNServiceException, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { executionName } from '../../../functions/lib/ids';

type HttpAnswer = { statusCode: number; headers?: Record<string, string>; body: string };

type ProxyRequest = {
  method: string;
  path: string;
  resource: string;
  stage: string;
  requestId: string;
  headers: Record<string, string>;
  query: Record<string, string>;
  pathParameters: Record<string, string>;
  body: string;
  sourceIp: string;
};

type LambdaProxyInvoker = (functionArn: string, payload: string) => Promise<{ functionError?: string; payload: string }>;

const json = (statusCode: number, body: unknown): HttpAnswer => ({
  statusCode,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

/** The API Gateway REST (v1) proxy event. */
const proxyEvent = (request: ProxyRequest): Record<string, unknown> => ({
  resource: request.resource,
  path: request.path,
  httpMethod: request.method,
  headers: request.headers,
  multiValueHeaders: Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k, [v]])),
  queryStringParameters: Object.keys(request.query).length > 0 ? request.query : null,
  multiValueQueryStringParameters: null,
  pathParameters: request.pathParameters,
  stageVariables: null,
  requestContext: {
    resourcePath: request.resource,
    httpMethod: request.method,
    path: `/${request.stage}${request.path}`,
    stage: request.stage,
    requestId: request.requestId,
    requestTimeEpoch: Date.now(),
    protocol: 'HTTP/1.1',
    identity: { sourceIp: request.sourceIp, userAgent: request.headers['user-agent'] ?? null },
    accountId: '000000000000',
    apiId: 'local',
  },
  body: request.body === '' ? null : request.body,
  isBase64Encoded: false,
});

const invokeLambdaProxy = async (invoke: LambdaProxyInvoker, functionArn: string, request: ProxyRequest): Promise<HttpAnswer> => {
  const result = await invoke(functionArn, JSON.stringify(proxyEvent(request)));
  // API Gateway answers a function error or a malformed proxy response with 502.
  if (result.functionError) return json(502, { message: 'Internal server error' });
  try {
    const response = JSON.parse(result.payload) as { statusCode?: number; headers?: Record<string, string>; body?: string };
    if (typeof response.statusCode !== 'number') return json(502, { message: 'Internal server error' });
    return { statusCode: response.statusCode, headers: response.headers ?? {}, body: response.body ?? '' };
  } catch {
    return json(502, { message: 'Internal server error' });
  }
};

const startExecution = async (sfn: SFNClient, stateMachineArn: string, request: ProxyRequest): Promise<HttpAnswer> => {
  const body = JSON.parse(request.body || '{}') as { runId?: string; source?: unknown; options?: unknown };
  const customerId = request.pathParameters.customerId;
  const runId = body.runId || request.requestId;
  const input = { customerId, runId, source: body.source, options: body.options ?? {} };
  try {
    const { executionArn } = await sfn.send(
      new StartExecutionCommand({ stateMachineArn, name: executionName(customerId, runId), input: JSON.stringify(input) }),
    );
    return json(202, { customerId, runId, executionArn, status: 'RUNNING' });
  } catch (error) {
    if (error instanceof ExecutionAlreadyExists) {
      return json(409, { error: 'RunAlreadyExists', message: 'A run with this id was already started for this customer' });
    }
    if (error instanceof SFNServiceException && error.$fault === 'client') return json(400, { error: 'BadRequest', message: error.message });
    throw error;
  }
};

const getRun = async (dynamodb: DynamoDBClient, tableName: string, request: ProxyRequest): Promise<HttpAnswer> => {
  const { customerId, runId } = request.pathParameters;
  const { Item } = await dynamodb.send(
    new GetItemCommand({
      TableName: tableName,
      Key: { PK: { S: `CUSTOMER#${customerId}` }, SK: { S: `RUN#${runId}` } },
      ProjectionExpression: 'customerId, runId, #status, startedAt, publishedAt, failedAt, #error, #cause, executionArn, summary, reportBucket, reportKey',
      ExpressionAttributeNames: { '#status': 'status', '#error': 'error', '#cause': 'cause' },
    }),
  );
  if (!Item) return json(404, { error: 'RunNotFound', message: `No run ${runId} for customer ${customerId}` });
  const run = unmarshall(Item) as Record<string, string | undefined>;
  return json(200, {
    customerId: run.customerId,
    runId: run.runId,
    status: run.status,
    startedAt: run.startedAt ?? '',
    publishedAt: run.publishedAt ?? '',
    failedAt: run.failedAt ?? '',
    error: run.error ?? '',
    cause: run.cause ?? '',
    executionArn: run.executionArn ?? '',
    summary: run.summary ? JSON.parse(run.summary) : null,
    report: run.reportKey ? { bucket: run.reportBucket, key: run.reportKey } : null,
  });
};

const newRequestId = (): string => randomUUID();

export { getRun, invokeLambdaProxy, json, newRequestId, proxyEvent, startExecution };
export type { HttpAnswer, LambdaProxyInvoker, ProxyRequest };
