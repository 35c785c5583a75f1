import type { IncomingMessage, ServerResponse } from 'node:http';
import { createIntegrationRegistry, type LocalIntegrationRegistry } from '../../../../local/asl/integrations';
import { statesErrorOf, taskRequest, TEST_CREDENTIALS, registryOverHttp } from './helpers';

/**
 * A minimal path-style S3 endpoint: GET and PUT of objects kept in memory; a missing key answers NoSuchKey with the
 * request id and host id S3 sends.
 */
const objects = new Map<string, { body: Buffer; contentType: string }>();
const handle = (request: IncomingMessage, response: ServerResponse): void => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    const path = decodeURIComponent((request.url ?? '/').split('?')[0]);
    response.setHeader('x-amz-request-id', 'REQ123');
    response.setHeader('x-amz-id-2', 'HOST456');
    if (request.method === 'PUT') {
      objects.set(path, { body: Buffer.concat(chunks), contentType: request.headers['content-type'] ?? 'binary/octet-stream' });
      response.setHeader('ETag', '"etag-1"');
      response.end();
      return;
    }
    const object = objects.get(path);
    if (object === undefined) {
      response.statusCode = 404;
      response.setHeader('content-type', 'application/xml');
      response.end(
        '<?xml version="1.0" encoding="UTF-8"?><Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message>' +
          `<Key>${path}</Key><RequestId>REQ123</RequestId><HostId>HOST456</HostId></Error>`,
      );
      return;
    }
    response.setHeader('content-type', object.contentType);
    response.setHeader('content-length', String(object.body.length));
    response.setHeader('ETag', '"etag-1"');
    response.setHeader('Last-Modified', 'Tue, 02 Jan 2024 03:04:05 GMT');
    response.end(object.body);
  });
};

let endpoint: Awaited<ReturnType<typeof registryOverHttp>>;
let registry: LocalIntegrationRegistry;

beforeAll(async () => {
  endpoint = await registryOverHttp(handle, { forcePathStyle: true });
  registry = endpoint.registry;
});

afterAll(() => endpoint.close());

const run = (arn: string, args: unknown): Promise<unknown> => {
  const request = taskRequest(arn, args);
  const integration = registry.resolve(request.resource, 'Task', request.context.executionArn);
  if (integration === undefined) throw new Error(`no integration for ${arn}`);
  return integration.invoke(request);
};

describe('AWS SDK integration: aws-sdk:s3:*', () => {
  it.each([
    ['an object', { unit: 'ZCL_REPORT', lines: 120 }, '{"unit":"ZCL_REPORT","lines":120}'],
    ['a string', 'text data', '"text data"'],
    ['a number', 0, '0'],
  ])('stores %s given as Body as its JSON text, as Step Functions does', async (_name, body, stored) => {
    // Act
    const put = (await run('arn:aws:states:::aws-sdk:s3:putObject', { Bucket: 'data', Key: 'put-body', Body: body })) as Record<
      string,
      unknown
    >;

    // Assess
    expect(objects.get('/data/put-body')?.body.toString('utf8')).toBe(stored);
    expect(put).toEqual({ ETag: '"etag-1"' });
  });

  it('reads an object body back as text, with PascalCase members and ISO timestamps', async () => {
    // Prepare
    const text = '{"unit":"ZCL_REPORT","lines":120}\n';
    objects.set('/data/runs/c-1/r-1/manifest.jsonl', { body: Buffer.from(text), contentType: 'application/x-ndjson' });

    // Act
    const got = (await run('arn:aws:states:::aws-sdk:s3:getObject', { Bucket: 'data', Key: 'runs/c-1/r-1/manifest.jsonl' })) as Record<
      string,
      unknown
    >;

    // Assess
    expect(got.Body).toBe(text);
    expect(got.ContentType).toBe('application/x-ndjson');
    expect(got.LastModified).toBe('2024-01-02T03:04:05Z');
    expect(got.ContentLength).toBe(Buffer.byteLength(text));
    // Step Functions writes members alphabetically with the body last, and an empty Metadata map, as here.
    expect(Object.keys(got)).toEqual(['ContentLength', 'ContentType', 'ETag', 'LastModified', 'Metadata', 'Body']);
    expect(got.Metadata).toEqual({});
  });

  it('names a missing key S3.NoSuchKeyException, adding the Exception suffix as Step Functions does', async () => {
    // Act
    const error = await statesErrorOf(run('arn:aws:states:::aws-sdk:s3:getObject', { Bucket: 'data', Key: 'nope' }));

    // Assess
    expect(error.error).toBe('S3.NoSuchKeyException');
    expect(error.cause).toBe(
      'The specified key does not exist. (Service: S3, Status Code: 404, Request ID: REQ123, Extended Request ID: HOST456)',
    );
  });

  it('reports an unreachable endpoint as <ServiceName>.SdkClientException', async () => {
    // Prepare
    const closed = createIntegrationRegistry({
      clientConfig: () => ({ region: 'us-east-1', endpoint: 'http://127.0.0.1:1', credentials: TEST_CREDENTIALS, maxAttempts: 1 }),
    });
    const request = taskRequest('arn:aws:states:::aws-sdk:sfn:describeExecution', { ExecutionArn: 'arn:aws:states:us-east-1:123456789012:execution:a:b' });

    // Act
    const error = await statesErrorOf(closed.resolve(request.resource, 'Task', '')!.invoke(request));
    closed.destroy();

    // Assess
    expect(error.error).toBe('Sfn.SdkClientException');
  });

  it('names the package to install for a service whose client is not installed', async () => {
    // Act
    const error = await statesErrorOf(run('arn:aws:states:::aws-sdk:sqs:sendMessage', { QueueUrl: 'q', MessageBody: 'm' }));

    // Assess
    expect(error.error).toBe('States.Runtime');
    expect(error.cause).toContain("install it with 'npm install @aws-sdk/client-sqs'");
  });

  it('rejects .sync, which the AWS SDK integrations do not offer', async () => {
    // Act
    const error = await statesErrorOf(run('arn:aws:states:::aws-sdk:s3:getObject.sync', { Bucket: 'data', Key: 'k' }));

    // Assess
    expect(error.error).toBe('States.Runtime');
    expect(error.cause).toContain('uses the .sync pattern, which aws-sdk:s3:getObject does not support');
  });
});
