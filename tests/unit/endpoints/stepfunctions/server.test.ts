import { request as httpRequest } from 'node:http';
import { createServer } from 'node:net';
import {
  ExecutionDoesNotExist,
  ListStateMachinesCommand,
  SFNClient,
  SFNServiceException,
  StartExecutionCommand,
  StartSyncExecutionCommand,
} from '@aws-sdk/client-sfn';
import { ApiError } from '../../../../local/asl/api';
import {
  EndpointListenError,
  startStepFunctionsEndpoint,
  stepFunctionsClientConfig,
} from '../../../../local/endpoints/stepfunctions';
import type { StepFunctionsEndpoint } from '../../../../local/endpoints/stepfunctions';
import { createFakeApi } from './fake-api';
import type { FakeStepFunctionsApi } from './fake-api';

const ARN = 'arn:aws:states:us-east-1:123456789012:stateMachine:Demo';

/** Sends a raw request with a chunked body (no Content-Length), so the limit must be enforced while reading. */
const postChunked = (url: string, chunks: readonly string[]): Promise<{ status: number; body: string }> =>
  new Promise((resolve, reject) => {
    const req = httpRequest(`${url}/`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'AWSStepFunctions.StartExecution' },
    });
    req.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });

describe('Function: startStepFunctionsEndpoint()', () => {
  let api: FakeStepFunctionsApi;
  let endpoint: StepFunctionsEndpoint;
  let sfn: SFNClient;

  beforeEach(async () => {
    api = createFakeApi();
    endpoint = await startStepFunctionsEndpoint(api, { port: 0, maxRequestBytes: 4096 });
    sfn = new SFNClient({ ...stepFunctionsClientConfig(endpoint.url), maxAttempts: 1 });
  });

  afterEach(async () => {
    sfn.destroy();
    await endpoint.close();
  });

  it('listens on loopback and reports its URL and port', () => {
    // Assess
    expect(endpoint.url).toBe(`http://127.0.0.1:${endpoint.port}`);
    expect(endpoint.port).toBeGreaterThan(0);
  });

  it('serves @aws-sdk/client-sfn with dates parsed back into Dates', async () => {
    // Prepare
    const startDate = new Date(1_700_000_000_250);
    api.startExecution.mockResolvedValue({ executionArn: `${ARN}:run-1`, startDate });

    // Act
    const output = await sfn.send(new StartExecutionCommand({ stateMachineArn: ARN, name: 'run-1', input: '{}' }));

    // Assess
    expect(output.startDate).toEqual(startDate);
    expect(api.startExecution).toHaveBeenCalledWith({ stateMachineArn: ARN, name: 'run-1', input: '{}' });
  });

  it('serves StartSyncExecution on the same endpoint when host prefixing is off', async () => {
    // Prepare
    api.startSyncExecution.mockResolvedValue({
      executionArn: `${ARN}:sync`,
      startDate: new Date(0),
      stopDate: new Date(1000),
      status: 'SUCCEEDED',
      output: '{"ok":true}',
    });

    // Act
    const output = await sfn.send(new StartSyncExecutionCommand({ stateMachineArn: ARN, input: '{}' }));

    // Assess
    expect(output.status).toBe('SUCCEEDED');
    expect(output.stopDate).toEqual(new Date(1000));
  });

  it('round-trips an ApiError as the SDK typed exception', async () => {
    // Prepare
    api.startExecution.mockRejectedValue(new ApiError('ExecutionDoesNotExist', 'Execution does not exist: x'));

    // Act
    const failure = await sfn.send(new StartExecutionCommand({ stateMachineArn: ARN })).catch((error: unknown) => error);

    // Assess
    expect(failure).toBeInstanceOf(ExecutionDoesNotExist);
    expect((failure as ExecutionDoesNotExist).message).toBe('Execution does not exist: x');
    expect((failure as ExecutionDoesNotExist).$metadata.httpStatusCode).toBe(400);
  });

  it('round-trips a ValidationException from the protocol layer', async () => {
    // Act
    const failure = await sfn
      .send(new ListStateMachinesCommand({ maxResults: 5000 }))
      .catch((error: unknown) => error);

    // Assess
    expect(failure).toBeInstanceOf(SFNServiceException);
    expect((failure as SFNServiceException).name).toBe('ValidationException');
    expect(api.listStateMachines).not.toHaveBeenCalled();
  });

  it('answers 413 to a body over the limit announced by Content-Length', async () => {
    // Act
    const response = await fetch(`${endpoint.url}/`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'AWSStepFunctions.StartExecution' },
      body: JSON.stringify({ stateMachineArn: ARN, input: 'x'.repeat(5000) }),
    });

    // Assess
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({
      __type: 'com.amazonaws.states#RequestEntityTooLargeException',
      message: expect.stringContaining('4096-byte request limit'),
    });
    expect(api.startExecution).not.toHaveBeenCalled();
  });

  it('answers 413 to a chunked body once it grows over the limit', async () => {
    // Act
    const response = await postChunked(endpoint.url, ['{"stateMachineArn":"', 'x'.repeat(3000), 'x'.repeat(3000), '"}']);

    // Assess
    expect(response.status).toBe(413);
    expect(api.startExecution).not.toHaveBeenCalled();
  });

  it('refuses a port already taken with EndpointListenError', async () => {
    // Act
    const failure = await startStepFunctionsEndpoint(api, { port: endpoint.port }).catch((error: unknown) => error);

    // Assess
    expect(failure).toBeInstanceOf(EndpointListenError);
    expect((failure as EndpointListenError).port).toBe(endpoint.port);
    expect((failure as EndpointListenError).message).toContain('EADDRINUSE');
  });

  it('frees its port on close', async () => {
    // Prepare
    const { port } = endpoint;
    await endpoint.close();

    // Act
    const probe = createServer();
    await new Promise<void>((resolve, reject) => probe.once('error', reject).listen(port, '127.0.0.1', resolve));

    // Assess
    expect(probe.listening).toBe(true);
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    endpoint = await startStepFunctionsEndpoint(api, { port: 0 });
  });
});
