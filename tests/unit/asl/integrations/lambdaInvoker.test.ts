import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LocalIntegrationRegistry } from '../../../../local/asl/integrations';
import { statesErrorOf, taskRequest, TEST_CREDENTIALS, registryOverHttp } from './helpers';

type Invocation = { path: string; qualifier: string | null; invocationType: unknown; logType: unknown; body: string };

/**
 * A minimal Lambda Invoke endpoint (REST-JSON, `POST /2015-03-31/functions/{name}/invocations`): `echo` returns its
 * event, `fails` answers with an unhandled function error, `busy` is throttled, anything else does not exist.
 */
const invocations: Invocation[] = [];
const handle = (request: IncomingMessage, response: ServerResponse): void => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const name = decodeURIComponent(url.pathname.split('/')[3] ?? '');
    const body = Buffer.concat(chunks).toString('utf8');
    invocations.push({
      path: url.pathname,
      qualifier: url.searchParams.get('Qualifier'),
      invocationType: request.headers['x-amz-invocation-type'],
      logType: request.headers['x-amz-log-type'],
      body,
    });
    response.setHeader('x-amzn-RequestId', 'lambda-req-1');
    if (name === 'busy') {
      response.statusCode = 429;
      response.setHeader('x-amzn-ErrorType', 'TooManyRequestsException');
      response.end(JSON.stringify({ message: 'Rate Exceeded.', Reason: 'ReservedFunctionConcurrentInvocationLimitExceeded' }));
      return;
    }
    if (name !== 'echo' && name !== 'fails') {
      response.statusCode = 404;
      response.setHeader('x-amzn-ErrorType', 'ResourceNotFoundException');
      response.end(JSON.stringify({ Type: 'User', message: `Function not found: ${name}` }));
      return;
    }
    response.setHeader('X-Amz-Executed-Version', url.searchParams.get('Qualifier') === 'live' ? '3' : '$LATEST');
    if (name === 'fails') {
      response.setHeader('X-Amz-Function-Error', 'Unhandled');
      response.end('{"errorType":"UnitTooLargeError","errorMessage":"unit exceeds the limit","trace":[]}');
      return;
    }
    response.end(body);
  });
};

let endpoint: Awaited<ReturnType<typeof registryOverHttp>>;
let registry: LocalIntegrationRegistry;

beforeAll(async () => {
  endpoint = await registryOverHttp(handle);
  registry = endpoint.registry;
});

afterAll(() => endpoint.close());

beforeEach(() => {
  invocations.length = 0;
});

const invoke = (args: unknown, arn = 'arn:aws:states:::lambda:invoke'): Promise<unknown> => {
  const request = taskRequest(arn, args);
  return registry.resolve(request.resource, 'Task', request.context.executionArn)!.invoke(request);
};

describe('Function: createSdkLambdaInvoker()', () => {
  it('invokes through the Lambda Invoke API and returns the optimized-integration result', async () => {
    // Act
    const result = (await invoke({ FunctionName: 'arn:aws:lambda:us-east-1:123456789012:function:echo:live', Payload: { a: 1 } })) as Record<
      string,
      unknown
    >;

    // Assess
    expect(invocations).toEqual([
      {
        path: '/2015-03-31/functions/echo/invocations',
        qualifier: 'live',
        invocationType: 'RequestResponse',
        logType: undefined,
        body: '{"a":1}',
      },
    ]);
    expect(result).toMatchObject({
      ExecutedVersion: '3',
      Payload: { a: 1 },
      SdkResponseMetadata: { RequestId: 'lambda-req-1' },
      StatusCode: 200,
    });
  });

  it('runs plain function ARNs through the same API', async () => {
    // Act
    const result = await invoke({ units: 2 }, 'arn:aws:lambda:us-east-1:123456789012:function:echo');

    // Assess
    expect(result).toEqual({ units: 2 });
  });

  it("reports a function error by the function's errorType", async () => {
    // Act
    const error = await statesErrorOf(invoke({ FunctionName: 'fails' }));

    // Assess
    expect(error.error).toBe('UnitTooLargeError');
    expect(JSON.parse(error.cause)).toEqual({ errorType: 'UnitTooLargeError', errorMessage: 'unit exceeds the limit', trace: [] });
  });

  it.each([
    ['busy', 'Lambda.TooManyRequestsException', 'Rate Exceeded. (Service: AWSLambda; Status Code: 429; Error Code: TooManyRequestsException; Request ID: lambda-req-1; Proxy: null)'],
    ['missing', 'Lambda.ResourceNotFoundException', 'Function not found: missing (Service: AWSLambda; Status Code: 404; Error Code: ResourceNotFoundException; Request ID: lambda-req-1; Proxy: null)'],
  ])('reports the service refusing %s as %s', async (functionName, name, cause) => {
    // Act
    const error = await statesErrorOf(invoke({ FunctionName: functionName }));

    // Assess
    expect(error.error).toBe(name);
    expect(error.cause).toBe(cause);
  });
});
