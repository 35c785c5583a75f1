import { createLambdaFunctionIntegration, createLambdaInvokeIntegration } from '../../../../local/asl/integrations/lambda';
import type { LambdaInvokeRequest, LambdaInvokeResponse, LambdaInvoker } from '../../../../local/asl/integrations/lambdaInvoker';
import { statesErrorOf, taskRequest } from './helpers';

const INVOKE = 'arn:aws:states:::lambda:invoke';

/** A fake invoker that records requests and answers with `respond`. */
const fakeInvoker = (
  respond: (request: LambdaInvokeRequest) => LambdaInvokeResponse | Promise<LambdaInvokeResponse>,
): { invoker: LambdaInvoker; calls: LambdaInvokeRequest[] } => {
  const calls: LambdaInvokeRequest[] = [];
  const invoker: LambdaInvoker = async (request) => {
    calls.push(request);
    return respond(request);
  };
  return { invoker, calls };
};

const ok = (payload: string, extra: Partial<LambdaInvokeResponse> = {}): LambdaInvokeResponse => ({
  statusCode: 200,
  payload,
  executedVersion: '$LATEST',
  requestId: 'req-1',
  ...extra,
});

/** An error shaped like the AWS SDK's service exceptions. */
const serviceException = (name: string, message: string, httpStatusCode: number): Error =>
  Object.assign(new Error(message), { name, $fault: 'client', $metadata: { httpStatusCode, requestId: 'req-err' } });

describe('Function: createLambdaInvokeIntegration()', () => {
  it('returns the optimized-integration result with the payload parsed', async () => {
    // Prepare
    const { invoker, calls } = fakeInvoker(() => ok('{"units":3,"manifest":"s3://b/m.jsonl"}', { executedVersion: '4' }));
    const integration = createLambdaInvokeIntegration(invoker);

    // Act
    const result = (await integration.invoke(
      taskRequest(INVOKE, { FunctionName: 'split-source', Payload: { customerId: 'c-1' } }),
    )) as Record<string, unknown>;

    // Assess
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ functionName: 'split-source', payload: '{"customerId":"c-1"}', invocationType: 'RequestResponse' });
    expect(Object.keys(result)).toEqual(['ExecutedVersion', 'Payload', 'SdkHttpMetadata', 'SdkResponseMetadata', 'StatusCode']);
    expect(result.ExecutedVersion).toBe('4');
    expect(result.Payload).toEqual({ units: 3, manifest: 's3://b/m.jsonl' });
    expect(result.StatusCode).toBe(200);
    expect(result.SdkResponseMetadata).toEqual({ RequestId: 'req-1' });
    expect(result.SdkHttpMetadata).toMatchObject({
      HttpStatusCode: 200,
      HttpHeaders: { 'X-Amz-Executed-Version': '4', 'x-amzn-RequestId': 'req-1', 'Content-Type': 'application/json' },
      AllHttpHeaders: { 'X-Amz-Executed-Version': ['4'], 'x-amzn-RequestId': ['req-1'] },
    });
  });

  it.each([
    ['split-source', 'split-source', undefined, undefined],
    ['split-source:live', 'split-source', 'live', undefined],
    ['123456789012:function:split-source', 'split-source', undefined, undefined],
    ['arn:aws:lambda:us-east-1:123456789012:function:split-source:7', 'split-source', '7', undefined],
    ['arn:aws:lambda:us-east-1:123456789012:function:split-source', 'split-source', 'live', 'live'],
    ['split-source:live', 'split-source', 'live', 'live'],
  ])('reads FunctionName %s (Qualifier %s) as name and qualifier', async (functionName, name, qualifier, qualifierField) => {
    // Prepare
    const { invoker, calls } = fakeInvoker(() => ok('null'));
    const integration = createLambdaInvokeIntegration(invoker);

    // Act
    await integration.invoke(
      taskRequest(INVOKE, { FunctionName: functionName, ...(qualifierField === undefined ? {} : { Qualifier: qualifierField }) }),
    );

    // Assess
    expect(calls[0].functionName).toBe(name);
    expect(calls[0].qualifier).toBe(qualifier);
  });

  it.each([
    [{ FunctionName: 'fn:live', Qualifier: 'prod' }, 'does not match the specified qualifier'],
    [{ FunctionName: 'not a name' }, "FunctionName 'not a name' is not a function name"],
    [{ FunctionName: 'fn', InvocationType: 'Later' }, "InvocationType must be RequestResponse, Event or DryRun, got 'Later'"],
    [{ FunctionName: 'fn', LogType: 'All' }, "LogType must be None or Tail, got 'All'"],
  ])('rejects %j with Lambda.InvalidParameterValueException', async (args, message) => {
    // Prepare
    const { invoker, calls } = fakeInvoker(() => ok('{}'));

    // Act
    const error = await statesErrorOf(createLambdaInvokeIntegration(invoker).invoke(taskRequest(INVOKE, args)));

    // Assess
    expect(error.error).toBe('Lambda.InvalidParameterValueException');
    expect(error.cause).toContain(message);
    expect(calls).toHaveLength(0);
  });

  it.each([
    [{ Payload: {} }, "The field 'FunctionName' of lambda:invoke is required"],
    [{ FunctionName: 'fn', Parameters: {} }, "The field 'Parameters' is not supported by Step Functions for lambda:invoke"],
    [['fn'], 'The arguments of lambda:invoke must be a JSON object, got an array'],
  ])('rejects the arguments %j with States.Runtime naming the field', async (args, message) => {
    // Act
    const error = await statesErrorOf(createLambdaInvokeIntegration(fakeInvoker(() => ok('{}')).invoker).invoke(taskRequest(INVOKE, args)));

    // Assess
    expect(error.error).toBe('States.Runtime');
    expect(error.cause).toContain(message);
  });

  it.each([
    [undefined, '{}'],
    [{ a: [1, 2] }, '{"a":[1,2]}'],
    ['{"already":"json"}', '{"already":"json"}'],
    ['plain text', '"plain text"'],
    [42, '42'],
  ])('sends the Payload %j as the event text %s', async (payload, text) => {
    // Prepare
    const { invoker, calls } = fakeInvoker(() => ok('{}'));

    // Act
    await createLambdaInvokeIntegration(invoker).invoke(
      taskRequest(INVOKE, { FunctionName: 'fn', ...(payload === undefined ? {} : { Payload: payload }) }),
    );

    // Assess
    expect(calls[0].payload).toBe(text);
  });

  it('passes InvocationType Event and returns the 202 with an empty payload', async () => {
    // Prepare
    const { invoker, calls } = fakeInvoker(() => ok('', { statusCode: 202 }));

    // Act
    const result = (await createLambdaInvokeIntegration(invoker).invoke(
      taskRequest(INVOKE, { FunctionName: 'fn', InvocationType: 'Event', ClientContext: 'e30=' }),
    )) as Record<string, unknown>;

    // Assess
    expect(calls[0]).toMatchObject({ invocationType: 'Event', clientContext: 'e30=' });
    expect(result.StatusCode).toBe(202);
    expect(result.Payload).toBe('');
  });

  it('answers DryRun with 204 without invoking the function', async () => {
    // Prepare
    const { invoker, calls } = fakeInvoker(() => ok('{}'));

    // Act
    const result = (await createLambdaInvokeIntegration(invoker).invoke(
      taskRequest(INVOKE, { FunctionName: 'fn', InvocationType: 'DryRun' }),
    )) as Record<string, unknown>;

    // Assess
    expect(calls).toHaveLength(0);
    expect(result.StatusCode).toBe(204);
  });

  it('adds LogResult when the function returns a log tail', async () => {
    // Prepare
    const { invoker, calls } = fakeInvoker(() => ok('{}', { logResult: 'U1RBUlQ=' }));

    // Act
    const result = (await createLambdaInvokeIntegration(invoker).invoke(
      taskRequest(INVOKE, { FunctionName: 'fn', LogType: 'Tail' }),
    )) as Record<string, unknown>;

    // Assess
    expect(calls[0].logType).toBe('Tail');
    expect(result.LogResult).toBe('U1RBUlQ=');
  });

  it('leaves a payload that is not JSON as text', async () => {
    // Prepare
    const { invoker } = fakeInvoker(() => ok('not json'));

    // Act
    const result = (await createLambdaInvokeIntegration(invoker).invoke(taskRequest(INVOKE, { FunctionName: 'fn' }))) as {
      Payload: unknown;
    };

    // Assess
    expect(result.Payload).toBe('not json');
  });

  it("fails with the function's errorType and the error payload as cause", async () => {
    // Prepare
    const payload = '{"errorType":"CustomerNotEntitledError","errorMessage":"customer c-1 is suspended","trace":["CustomerNotEntitledError: customer c-1 is suspended","    at handler (/var/task/index.js:1:1)"]}';
    const { invoker } = fakeInvoker(() => ok(payload, { functionError: 'Unhandled' }));

    // Act
    const error = await statesErrorOf(createLambdaInvokeIntegration(invoker).invoke(taskRequest(INVOKE, { FunctionName: 'fn' })));

    // Assess
    expect(error.error).toBe('CustomerNotEntitledError');
    expect(error.cause).toBe(payload);
    expect(JSON.parse(error.cause)).toEqual({
      errorType: 'CustomerNotEntitledError',
      errorMessage: 'customer c-1 is suspended',
      trace: expect.any(Array),
    });
  });

  it('fails with Lambda.Unknown when the function error has no errorType', async () => {
    // Prepare
    const payload = '{"errorMessage":"2024-01-01T00:00:03.000Z 1b2c Task timed out after 3.00 seconds"}';
    const { invoker } = fakeInvoker(() => ok(payload, { functionError: 'Unhandled' }));

    // Act
    const error = await statesErrorOf(createLambdaInvokeIntegration(invoker).invoke(taskRequest(INVOKE, { FunctionName: 'fn' })));

    // Assess
    expect(error.error).toBe('Lambda.Unknown');
    expect(error.cause).toBe(
      `The cause could not be determined because Lambda did not return an error type. Returned payload: ${payload}`,
    );
  });

  it.each([
    ['TooManyRequestsException', 429, 'Rate exceeded'],
    ['ServiceException', 500, 'Lambda was unable to run the function'],
    ['ResourceNotFoundException', 404, 'Function not found: arn:aws:lambda:us-east-1:123456789012:function:fn'],
  ])('reports the service exception %s as Lambda.%s', async (name, status, message) => {
    // Prepare
    const { invoker } = fakeInvoker(() => Promise.reject(serviceException(name, message, status)));

    // Act
    const error = await statesErrorOf(createLambdaInvokeIntegration(invoker).invoke(taskRequest(INVOKE, { FunctionName: 'fn' })));

    // Assess
    expect(error.error).toBe(`Lambda.${name}`);
    expect(error.cause).toBe(
      `${message} (Service: AWSLambda; Status Code: ${status}; Error Code: ${name}; Request ID: req-err; Proxy: null)`,
    );
  });

  it('reports a failure outside the service as Lambda.SdkClientException', async () => {
    // Prepare
    const { invoker } = fakeInvoker(() => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:1')));

    // Act
    const error = await statesErrorOf(createLambdaInvokeIntegration(invoker).invoke(taskRequest(INVOKE, { FunctionName: 'fn' })));

    // Assess
    expect(error.error).toBe('Lambda.SdkClientException');
    expect(error.cause).toContain('ECONNREFUSED');
  });

  it('rethrows the abort reason when the task is aborted', async () => {
    // Prepare
    const controller = new AbortController();
    const reason = new Error('task timed out');
    const { invoker, calls } = fakeInvoker(
      (request) =>
        new Promise((_resolve, reject) => {
          request.signal.addEventListener('abort', () => reject(new Error('aborted by signal')));
        }),
    );
    const pending = createLambdaInvokeIntegration(invoker).invoke(
      taskRequest(INVOKE, { FunctionName: 'fn' }, { signal: controller.signal }),
    );

    // Act
    controller.abort(reason);

    // Assess
    await expect(pending).rejects.toBe(reason);
    expect(calls[0].signal).toBe(controller.signal);
  });

  it('invokes for .waitForTaskToken like a request-response call', async () => {
    // Prepare
    const { invoker, calls } = fakeInvoker(() => ok('{}'));

    // Act
    const result = (await createLambdaInvokeIntegration(invoker).invoke(
      taskRequest(`${INVOKE}.waitForTaskToken`, { FunctionName: 'review', Payload: { token: 'tok-1' } }),
    )) as { StatusCode: number };

    // Assess
    expect(calls[0].payload).toBe('{"token":"tok-1"}');
    expect(result.StatusCode).toBe(200);
  });

  it('rejects the .sync pattern, which lambda:invoke does not support', async () => {
    // Act
    const error = await statesErrorOf(
      createLambdaInvokeIntegration(fakeInvoker(() => ok('{}')).invoker).invoke(taskRequest(`${INVOKE}.sync`, { FunctionName: 'fn' })),
    );

    // Assess
    expect(error.error).toBe('States.Runtime');
    expect(error.cause).toContain('uses the .sync pattern, which lambda:invoke does not support');
  });
});

describe('Function: createLambdaFunctionIntegration()', () => {
  const FUNCTION_ARN = 'arn:aws:lambda:us-east-1:123456789012:function:aggregate-findings:live';

  it('sends the whole task input and returns the payload itself', async () => {
    // Prepare
    const { invoker, calls } = fakeInvoker(() => ok('{"findings":12}'));

    // Act
    const result = await createLambdaFunctionIntegration(invoker).invoke(taskRequest(FUNCTION_ARN, { runId: 'r-1', units: [1, 2] }));

    // Assess
    expect(calls[0]).toMatchObject({
      functionName: 'aggregate-findings',
      qualifier: 'live',
      payload: '{"runId":"r-1","units":[1,2]}',
      invocationType: 'RequestResponse',
    });
    expect(result).toEqual({ findings: 12 });
  });

  it("fails with the function's errorType", async () => {
    // Prepare
    const payload = '{"errorType":"TypeError","errorMessage":"x is undefined","trace":[]}';
    const { invoker } = fakeInvoker(() => ok(payload, { functionError: 'Unhandled' }));

    // Act
    const error = await statesErrorOf(createLambdaFunctionIntegration(invoker).invoke(taskRequest(FUNCTION_ARN, {})));

    // Assess
    expect(error.error).toBe('TypeError');
    expect(error.cause).toBe(payload);
  });
});
