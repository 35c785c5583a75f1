import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GetObjectCommand, NoSuchKey, S3Client } from '@aws-sdk/client-s3';
import { nameFailedCalls, nameFailure } from '../../../functions/lib/aws/failures';
import { BlobNotFoundError } from '../../../functions/lib/blob';
import { failedOnUnit, InvalidEventError } from '../../../functions/lib/errors';
import { ArchiveReadError } from '../../../functions/lib/source/errors';

/** An SDK error as the clients throw it once annotated by nameFailedCalls. */
const sdkError = (name: string, status: number, extra: Record<string, unknown> = {}): Error =>
  Object.assign(new Error(`${name} happened`), {
    name,
    $fault: status >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode: status },
    $service: 'S3',
    $operation: 'GetObject',
    $target: 's3://data/units/acme/ab12',
    ...extra,
  });

describe('Function: nameFailure()', () => {
  it.each([
    ['a 503 SlowDown', sdkError('SlowDown', 503)],
    ['a 500 InternalError', sdkError('InternalError', 500)],
    ['a throttle', sdkError('ThrottlingException', 400)],
    ['a DynamoDB ProvisionedThroughputExceededException', sdkError('ProvisionedThroughputExceededException', 400)],
    ['a dropped connection', Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })],
  ])('names %s transient', (_what, error) => {
    // Act
    const named = nameFailure(error);

    // Assess
    expect(named.name).toBe('TransientServiceError');
  });

  it('says which service, operation and object failed, and how', () => {
    // Act
    const named = nameFailure(sdkError('SlowDown', 503));

    // Assess
    expect(named.message).toBe('S3 GetObject of s3://data/units/acme/ab12 failed: SlowDown (HTTP 503): SlowDown happened');
    expect(named).toMatchObject({ call: { service: 'S3', operation: 'GetObject', target: 's3://data/units/acme/ab12', code: 'SlowDown', status: 503 } });
  });

  it('names a refused call permanent', () => {
    // Act
    const named = nameFailure(sdkError('AccessDenied', 403));

    // Assess
    expect(named.name).toBe('PermanentServiceError');
    expect(named.message).toMatch(/^S3 GetObject of s3:\/\/data\/units\/acme\/ab12 failed: AccessDenied \(HTTP 403\)/);
  });

  it('names an application error caused by a transient failure transient: a retry fixes it', () => {
    // Prepare
    const error = new ArchiveReadError(0, 99, { cause: sdkError('SlowDown', 503) });

    // Act + Assess
    expect(nameFailure(error).name).toBe('TransientServiceError');
  });

  it('keeps the application’s own name, fields and message when the cause is permanent', () => {
    // Prepare
    const error = new BlobNotFoundError('data', 'units/acme/ab12', { cause: new NoSuchKey({ message: 'gone', $metadata: { httpStatusCode: 404 } }) });

    // Act
    const named = nameFailure(error);

    // Assess
    expect(named).toMatchObject({ name: 'BlobNotFoundError', bucket: 'data', key: 'units/acme/ab12', message: 's3://data/units/acme/ab12 does not exist' });
  });

  it('puts the unit the work failed on in front of the reason', () => {
    // Prepare
    const error = failedOnUnit(sdkError('AccessDenied', 403), { unitId: 'ab12', path: 'src/zfoo.prog.abap' });

    // Act
    const named = nameFailure(error);

    // Assess
    expect(named.name).toBe('PermanentServiceError');
    expect(named.message).toMatch(/^unit src\/zfoo\.prog\.abap \(ab12\): S3 GetObject of s3:\/\/data\/units\/acme\/ab12 failed: AccessDenied/);
  });

  it('leaves the stack out of what the workflow and the customer see', () => {
    // Prepare
    const error = new InvalidEventError('runId', 'must be a string');

    // Act
    const named = nameFailure(error);

    // Assess
    expect(named.stack).toBe('InvalidEventError: runId: must be a string');
    expect(named.stack).not.toMatch(/\bat \S+ \(/);
  });

  it('bounds a long message', () => {
    expect(nameFailure(new Error('x'.repeat(10_000))).message.length).toBeLessThanOrEqual(2000);
  });
});

describe('Function: nameFailedCalls()', () => {
  let server: Server;
  let endpoint: string;

  beforeAll(async () => {
    server = createServer((request, response) => {
      request.resume();
      response.writeHead(503, { 'content-type': 'application/xml' });
      response.end('<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('records on a real SDK failure which service, operation and object it was', async () => {
    // Prepare
    const client = nameFailedCalls(
      new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, maxAttempts: 1, credentials: { accessKeyId: 'k', secretAccessKey: 's' } }),
    );

    // Act
    const error = await client.send(new GetObjectCommand({ Bucket: 'data', Key: 'units/acme/ab12' })).catch((caught: unknown) => caught);
    const named = nameFailure(error);
    client.destroy();

    // Assess
    expect(named.name).toBe('TransientServiceError');
    expect(named.message).toBe('S3 GetObject of s3://data/units/acme/ab12 failed: SlowDown (HTTP 503): Please reduce your request rate.');
  });
});
