import { ApiError } from '../../../../local/asl/api';
import { handleStepFunctionsRequest } from '../../../../local/endpoints/stepfunctions/handler';
import type { WireRequest } from '../../../../local/endpoints/stepfunctions/handler';
import { createFakeApi, methods } from './fake-api';

const ARN = 'arn:aws:states:us-east-1:123456789012:stateMachine:Demo';
const EXECUTION_ARN = 'arn:aws:states:us-east-1:123456789012:execution:Demo:run-1';
const SIGNATURE = `AWS4-HMAC-SHA256 Credential=AKID/20240101/us-east-1/states/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=${'a'.repeat(64)}`;

const request = (operation: string, body: unknown, headers: Record<string, string> = {}): WireRequest => ({
  method: 'POST',
  headers: {
    'content-type': 'application/x-amz-json-1.0',
    'x-amz-target': `AWSStepFunctions.${operation}`,
    ...headers,
  },
  body: Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)),
});

const parse = (body: string): Record<string, unknown> => JSON.parse(body) as Record<string, unknown>;

describe('Function: handleStepFunctionsRequest()', () => {
  it.each(methods.map((method) => [`${method.charAt(0).toUpperCase()}${method.slice(1)}`, method]))(
    'dispatches %s to the API method %s',
    async (operation, method) => {
      // Prepare
      const api = createFakeApi();
      const body = {
        stateMachineArn: ARN,
        executionArn: EXECUTION_ARN,
        mapRunArn: `${ARN}/map`,
        taskToken: 'token',
        output: '{}',
        name: 'n',
        definition: '{}',
        roleArn: 'arn:aws:iam::123456789012:role/r',
      };

      // Act
      const answer = await handleStepFunctionsRequest(api, request(operation, body));

      // Assess
      expect(answer.statusCode).toBe(200);
      expect(api[method]).toHaveBeenCalledTimes(1);
    }
  );

  it('passes only the members the operation knows, without nulls', async () => {
    // Prepare
    const api = createFakeApi();

    // Act
    await handleStepFunctionsRequest(
      api,
      request('StartExecution', { stateMachineArn: ARN, name: 'run-1', input: '{"a":1}', traceHeader: null, bogus: true })
    );

    // Assess
    expect(api.startExecution).toHaveBeenCalledWith({ stateMachineArn: ARN, name: 'run-1', input: '{"a":1}' });
  });

  it('encodes Dates as epoch seconds with a fraction and answers in AWS JSON 1.0', async () => {
    // Prepare
    const api = createFakeApi();
    api.startExecution.mockResolvedValue({ executionArn: EXECUTION_ARN, startDate: new Date(1_700_000_000_123) });

    // Act
    const answer = await handleStepFunctionsRequest(api, request('StartExecution', { stateMachineArn: ARN }));

    // Assess
    expect(answer.headers['content-type']).toBe('application/x-amz-json-1.0');
    expect(answer.headers['x-amzn-requestid']).toMatch(/^[0-9a-f-]{36}$/);
    expect(parse(answer.body)).toEqual({ executionArn: EXECUTION_ARN, startDate: 1_700_000_000.123 });
  });

  it('treats an empty body as an empty input', async () => {
    // Prepare
    const api = createFakeApi();
    api.listStateMachines.mockResolvedValue({ stateMachines: [] });

    // Act
    const answer = await handleStepFunctionsRequest(api, request('ListStateMachines', ''));

    // Assess
    expect(answer.statusCode).toBe(200);
    expect(api.listStateMachines).toHaveBeenCalledWith({});
  });

  it.each([
    ['a missing target', { 'x-amz-target': '' }, '{}', 400, 'UnknownOperationException', 'Missing X-Amz-Target'],
    ['another service', { 'x-amz-target': 'DynamoDB_20120810.GetItem' }, '{}', 400, 'UnknownOperationException', "'DynamoDB_20120810.GetItem'"],
    ['an operation not served', { 'x-amz-target': 'AWSStepFunctions.TagResource' }, '{}', 400, 'UnknownOperationException', "'TagResource'"],
    ['another content type', { 'content-type': 'text/plain' }, '{}', 400, 'SerializationException', "got 'text/plain'"],
    ['malformed JSON', {}, '{"stateMachineArn":', 400, 'SerializationException', 'not valid JSON'],
    ['a JSON array', {}, '[]', 400, 'SerializationException', 'found an array'],
    ['invalid UTF-8', {}, Buffer.from([0x7b, 0xff, 0x7d]), 400, 'SerializationException', 'not valid UTF-8'],
    ['a string member given a number', {}, `{"stateMachineArn":"${ARN}","name":5}`, 400, 'SerializationException', "Expected a string at 'name' but found a number"],
    ['a missing required member', {}, '{"name":"x"}', 400, 'ValidationException', "1 validation error detected: Value null at 'stateMachineArn' failed to satisfy constraint: Member must not be null"],
    ['a too-long name', {}, `{"stateMachineArn":"${ARN}","name":"${'n'.repeat(81)}"}`, 400, 'ValidationException', "Value at 'name' failed to satisfy constraint: Member must have length less than or equal to 80"],
    ['a malformed signature', { authorization: 'Bearer x' }, `{"stateMachineArn":"${ARN}"}`, 400, 'IncompleteSignatureException', 'Signature Version 4'],
    ['a signature for another service', { authorization: SIGNATURE.replace('/states/', '/dynamodb/') }, `{"stateMachineArn":"${ARN}"}`, 400, 'InvalidSignatureException', "signed for 'dynamodb'"],
  ])('refuses %s', async (_case, headers, body, status, type, fragment) => {
    // Prepare
    const api = createFakeApi();
    const wire = request('StartExecution', '', headers as Record<string, string>);

    // Act
    const answer = await handleStepFunctionsRequest(api, { ...wire, body: Buffer.from(body) });

    // Assess
    expect(answer.statusCode).toBe(status);
    expect(parse(answer.body).__type).toBe(`com.amazonaws.states#${type}`);
    expect(parse(answer.body).message).toContain(fragment);
    expect(api.startExecution).not.toHaveBeenCalled();
  });

  it('lists every violated constraint in one ValidationException', async () => {
    // Prepare
    const api = createFakeApi();

    // Act
    const answer = await handleStepFunctionsRequest(
      api,
      request('ListExecutions', { statusFilter: 'DONE', maxResults: 5000 })
    );

    // Assess
    expect(parse(answer.body)).toEqual({
      __type: 'com.amazonaws.states#ValidationException',
      message:
        "2 validation errors detected: Value 'DONE' at 'statusFilter' failed to satisfy constraint: Member must satisfy enum value set: [RUNNING, SUCCEEDED, FAILED, TIMED_OUT, ABORTED, PENDING_REDRIVE]; Value '5000' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 1000",
    });
  });

  it('names nested member paths', async () => {
    // Act
    const answer = await handleStepFunctionsRequest(
      createFakeApi(),
      request('CreateStateMachine', { name: 'n', definition: '{}', roleArn: 'r', tags: [{ key: 'k' }, { key: 7 }] })
    );

    // Assess
    expect(parse(answer.body).message).toBe("Expected a string at 'tags[1].key' but found a number");
  });

  it('never echoes the value of a payload member in a refusal', async () => {
    // Act
    const answer = await handleStepFunctionsRequest(
      createFakeApi(),
      request('SendTaskSuccess', { taskToken: 't', output: `"${'secret'.repeat(50_000)}"` })
    );

    // Assess
    expect(parse(answer.body).__type).toBe('com.amazonaws.states#ValidationException');
    expect(answer.body).not.toContain('secret');
  });

  it('answers another method with 405 and Allow: POST', async () => {
    // Act
    const answer = await handleStepFunctionsRequest(createFakeApi(), { ...request('ListStateMachines', '{}'), method: 'GET' });

    // Assess
    expect(answer.statusCode).toBe(405);
    expect(answer.headers.allow).toBe('POST');
  });

  it('accepts a SigV4-shaped Authorization header with any credentials', async () => {
    // Act
    const answer = await handleStepFunctionsRequest(
      createFakeApi(),
      request('DescribeExecution', { executionArn: EXECUTION_ARN }, { authorization: SIGNATURE })
    );

    // Assess
    expect(answer.statusCode).toBe(200);
  });

  it('refuses an unsigned request when authorization is required', async () => {
    // Act
    const answer = await handleStepFunctionsRequest(
      createFakeApi(),
      request('DescribeExecution', { executionArn: EXECUTION_ARN }),
      { authorization: 'required' }
    );

    // Assess
    expect(answer.statusCode).toBe(400);
    expect(parse(answer.body).__type).toBe('com.amazonaws.states#MissingAuthenticationTokenException');
  });

  it('answers an ApiError with its name as __type and x-amzn-errortype', async () => {
    // Prepare
    const api = createFakeApi();
    api.describeExecution.mockRejectedValue(new ApiError('ExecutionDoesNotExist', `Execution does not exist: '${EXECUTION_ARN}'`));

    // Act
    const answer = await handleStepFunctionsRequest(api, request('DescribeExecution', { executionArn: EXECUTION_ARN }));

    // Assess
    expect(answer.statusCode).toBe(400);
    expect(answer.headers['x-amzn-errortype']).toBe('ExecutionDoesNotExist:');
    expect(parse(answer.body)).toEqual({
      __type: 'com.amazonaws.states#ExecutionDoesNotExist',
      message: `Execution does not exist: '${EXECUTION_ARN}'`,
    });
  });

  it('answers any other thrown error as a 500 InternalFailure without its message', async () => {
    // Prepare
    const api = createFakeApi();
    const bug = new TypeError('customer value leaked');
    api.describeExecution.mockRejectedValue(bug);
    const onInternalError = jest.fn();

    // Act
    const answer = await handleStepFunctionsRequest(api, request('DescribeExecution', { executionArn: EXECUTION_ARN }), {
      onInternalError,
    });

    // Assess
    expect(answer.statusCode).toBe(500);
    expect(parse(answer.body)).toEqual({
      __type: 'com.amazonaws.states#InternalFailure',
      message: 'The local engine failed while serving DescribeExecution (TypeError)',
    });
    expect(onInternalError).toHaveBeenCalledWith(bug, 'DescribeExecution');
  });
});
