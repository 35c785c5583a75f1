/**
 * createUpload() and its handler: customer profiles in dynalite, presigned URLs that really upload to the local S3
 * server, and the handler's mapping of refusals to HTTP statuses.
 */
import './support/quiet-powertools';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { createUpload, UPLOAD_URL_TTL_SECONDS, type CreateUploadDeps, type PresignRequest } from '../../../functions/create-upload/create-upload';
import { handler } from '../../../functions/create-upload/handler';
import { CustomerStore, DEFAULT_PLAN, type CustomerProfile } from '../../../functions/lib/store';
import { lambdaContext, useLocalEndpoints } from './support/lambda';
import { startLocalS3, startLocalTable, type LocalS3, type LocalTable } from './support/local-services';

const KMS_KEY = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const NOW = new Date('2024-05-01T12:00:00.000Z');

const profile = (customerId: string, overrides: Partial<CustomerProfile> = {}): CustomerProfile => ({
  customerId,
  status: 'ACTIVE',
  keyId: `local:${customerId}:1`,
  plan: { ...DEFAULT_PLAN, maxArchiveBytes: 1000 },
  rulePacks: ['abap-s4hana'],
  createdAt: '2024-01-01T00:00:00.000Z',
  ...overrides,
});

describe('Function: createUpload()', () => {
  let ddb: LocalTable;
  let customers: CustomerStore;
  let presigned: PresignRequest[];

  const deps = (): CreateUploadDeps => ({
    getCustomer: (id) => customers.get(id),
    presignPut: async (request) => {
      presigned.push(request);
      return { url: `https://example.test/${request.key}`, headers: { 'x-test': 'yes' } };
    },
    bucket: 'data-bucket',
    now: () => NOW,
  });

  beforeAll(async () => {
    ddb = await startLocalTable();
    customers = new CustomerStore(ddb.documents, ddb.table);
    await customers.create(profile('acme', { keyId: KMS_KEY }));
    await customers.create(profile('local'));
    await customers.create(profile('frozen', { status: 'SUSPENDED' }));
  });

  afterAll(async () => {
    await ddb?.stop();
  });

  beforeEach(() => {
    presigned = [];
  });

  it('issues an upload under the customer’s prefix, dated, encrypted under the customer’s KMS key', async () => {
    // Act
    const upload = await createUpload({ customerId: 'acme', fileName: 'src.zip', contentLength: 1000 }, deps());

    // Assess
    expect(upload.source.bucket).toBe('data-bucket');
    expect(upload.source.key).toMatch(/^uploads\/acme\/20240501-[0-9a-f-]{36}\/src\.zip$/);
    expect(upload).toMatchObject({ uploadUrl: `https://example.test/${upload.source.key}`, method: 'PUT', headers: { 'x-test': 'yes' } });
    expect(upload.expiresAt).toBe(new Date(NOW.getTime() + UPLOAD_URL_TTL_SECONDS * 1000).toISOString());
    expect(presigned).toEqual([{ customerId: 'acme', bucket: 'data-bucket', key: upload.source.key, kmsKeyId: KMS_KEY, contentLength: 1000, expiresInSeconds: UPLOAD_URL_TTL_SECONDS }]);
  });

  it('gives every upload its own key', async () => {
    // Act
    const [first, second] = await Promise.all([
      createUpload({ customerId: 'acme', fileName: 'src.zip', contentLength: 10 }, deps()),
      createUpload({ customerId: 'acme', fileName: 'src.zip', contentLength: 10 }, deps()),
    ]);

    // Assess
    expect(first.source.key).not.toBe(second.source.key);
  });

  it('asks for no SSE-KMS key when the customer’s key is a local one', async () => {
    // Act
    await createUpload({ customerId: 'local', fileName: 'code.tar.gz', contentLength: 5 }, deps());

    // Assess
    expect(presigned[0]).toMatchObject({ kmsKeyId: undefined, contentLength: 5 });
  });

  it.each([
    ['an unknown customer', 'nobody', 'CustomerNotFoundError'],
    ['a suspended customer', 'frozen', 'CustomerNotEntitledError'],
  ])('refuses %s', async (_case, customerId, name) => {
    // Act + Assess
    await expect(createUpload({ customerId, fileName: 'src.zip', contentLength: 10 }, deps())).rejects.toMatchObject({ name, customerId, message: expect.stringContaining(customerId) });
    expect(presigned).toEqual([]);
  });

  it('refuses a declared size over the plan', async () => {
    // Act + Assess
    await expect(createUpload({ customerId: 'acme', fileName: 'src.zip', contentLength: 1001 }, deps())).rejects.toMatchObject({
      name: 'PlanLimitExceededError',
      limit: 'archive bytes',
      allowed: 1000,
      actual: 1001,
    });
  });

  it.each([
    ['fileName', { fileName: 'src.rar' }],
    ['fileName', { fileName: '../src.zip' }],
    ['fileName', { fileName: undefined }],
    ['contentLength', { contentLength: 0 }],
    ['contentLength', { contentLength: 1.5 }],
    ['contentLength', { contentLength: undefined }],
    ['customerId', { customerId: '' }],
    ['customerId', { customerId: 'acme/../other' }],
  ])('refuses a request without a valid %s, naming it', async (field, change) => {
    // Act + Assess
    await expect(createUpload({ customerId: 'acme', fileName: 'src.zip', contentLength: 10, ...change } as never, deps())).rejects.toMatchObject({
      name: 'InvalidEventError',
      field,
      message: expect.stringContaining(field),
    });
    expect(presigned).toEqual([]);
  });
});

describe('Function: handler() of create-upload', () => {
  let s3: LocalS3;
  let ddb: LocalTable;

  const invoke = async (customerId: string | undefined, body: string | null): Promise<APIGatewayProxyResult & { json: any }> => {
    const event = {
      resource: '/customers/{customerId}/uploads',
      path: `/customers/${customerId}/uploads`,
      httpMethod: 'POST',
      headers: { 'content-type': 'application/json' },
      pathParameters: customerId === undefined ? null : { customerId },
      queryStringParameters: null,
      body,
      isBase64Encoded: false,
    } as unknown as APIGatewayProxyEvent;
    const result = (await handler(event, lambdaContext('CreateUploadFunction'))) as APIGatewayProxyResult;
    return { ...result, json: JSON.parse(result.body) };
  };

  beforeAll(async () => {
    [s3, ddb] = await Promise.all([startLocalS3(), startLocalTable()]);
    useLocalEndpoints({ s3: s3.endpoint, dynamodb: ddb.endpoint }, { TABLE_NAME: ddb.table, DATA_BUCKET: s3.bucket });
    const customers = new CustomerStore(ddb.documents, ddb.table);
    await customers.create(profile('acme', { keyId: KMS_KEY }));
    await customers.create(profile('local'));
    await customers.create(profile('frozen', { status: 'SUSPENDED' }));
  });

  afterAll(async () => {
    await Promise.all([s3?.stop(), ddb?.stop()]);
  });

  it('answers 201 with a presigned URL that uploads to S3 with the returned headers', async () => {
    // Prepare
    const archive = Buffer.from('PK\u0003\u0004 not really a zip, but bytes');

    // Act
    const answer = await invoke('acme', JSON.stringify({ fileName: 'src.zip', contentLength: archive.length }));
    const put = await fetch(answer.json.uploadUrl, { method: 'PUT', headers: answer.json.headers, body: archive });

    // Assess
    expect(answer.statusCode).toBe(201);
    expect(answer.headers).toEqual({ 'content-type': 'application/json' });
    expect(answer.json.headers).toEqual({
      'x-amz-server-side-encryption': 'aws:kms',
      'x-amz-server-side-encryption-aws-kms-key-id': KMS_KEY,
      'x-amz-server-side-encryption-context': Buffer.from(JSON.stringify({ customerId: 'acme' })).toString('base64'),
      'x-amz-server-side-encryption-bucket-key-enabled': 'false',
      'content-length': String(archive.length),
    });
    expect(put.status).toBe(200);
    expect(await s3.get(answer.json.source.key)).toEqual(archive);
    expect((await s3.head(answer.json.source.key))!.kmsKeyId).toBe(KMS_KEY);
  });

  it('signs the size and the encryption headers into the URL, so S3 refuses other ones', async () => {
    // Act
    const answer = await invoke('acme', JSON.stringify({ fileName: 'src.zip', contentLength: 10 }));

    // Assess
    const url = new URL(answer.json.uploadUrl);
    expect(url.searchParams.get('X-Amz-SignedHeaders')!.split(';')).toEqual(
      expect.arrayContaining(['content-length', 'host', 'x-amz-server-side-encryption', 'x-amz-server-side-encryption-aws-kms-key-id', 'x-amz-server-side-encryption-context']),
    );
    expect(url.searchParams.get('X-Amz-Expires')).toBe(String(UPLOAD_URL_TTL_SECONDS));
    // No checksum of an empty body in the query (S3 would then refuse the real upload with BadDigest).
    expect([...url.searchParams.keys()].filter((name) => /checksum/i.test(name))).toEqual([]);
  });

  it('uploads without encryption headers for a customer with a local key', async () => {
    // Act
    const answer = await invoke('local', JSON.stringify({ fileName: 'code.tgz', contentLength: 5 }));
    const put = await fetch(answer.json.uploadUrl, { method: 'PUT', headers: answer.json.headers, body: 'bytes' });

    // Assess
    expect(answer.statusCode).toBe(201);
    expect(answer.json.headers).toEqual({ 'content-length': '5' });
    expect(put.status).toBe(200);
    expect((await s3.get(answer.json.source.key))!.toString()).toBe('bytes');
  });

  it.each([
    [404, 'CustomerNotFound', 'nobody', { fileName: 'src.zip', contentLength: 10 }, /nobody is not onboarded/],
    [403, 'CustomerNotEntitled', 'frozen', { fileName: 'src.zip', contentLength: 10 }, /frozen is SUSPENDED/],
    [400, 'InvalidEvent', 'acme', { fileName: 'src.zip' }, /^contentLength: must be the archive size in bytes/],
    [413, 'PlanLimitExceeded', 'acme', { fileName: 'src.zip', contentLength: 5000 }, /at most 1000; this run has 5000/],
    [400, 'InvalidEvent', 'acme', { fileName: 'src.exe' }, /^fileName: /],
    [400, 'InvalidEvent', 'acme', { fileName: 'src.zip', contentLength: -1 }, /^contentLength: /],
    [400, 'InvalidEvent', 'acme', {}, /^fileName: /],
  ])('answers %d %s with what was wrong', async (status, error, customerId, body, message) => {
    // Act
    const answer = await invoke(customerId, JSON.stringify(body));

    // Assess
    expect(answer.statusCode).toBe(status);
    expect(answer.json).toEqual({ error, message: expect.stringMatching(message) });
  });

  it.each([
    ['not JSON', '{"fileName":'],
    ['JSON null', 'null'],
    ['a JSON array', '["src.zip"]'],
  ])('answers 400 for a body that is %s', async (_case, body) => {
    // Act
    const answer = await invoke('acme', body);

    // Assess
    expect(answer.statusCode).toBe(400);
    expect(answer.json).toEqual({ error: 'BadRequest', message: expect.stringMatching(/body/) });
  });

  it('answers 400 naming customerId when the path has none', async () => {
    // Act
    const answer = await invoke(undefined, JSON.stringify({ fileName: 'src.zip' }));

    // Assess
    expect(answer.statusCode).toBe(400);
    expect(answer.json.message).toMatch(/^customerId: /);
  });

  it('answers the smoke event without touching the customer table', async () => {
    // Act
    const answer = await handler({ smokeTest: true } as never, lambdaContext('CreateUploadFunction', '12'));

    // Assess
    expect(answer).toEqual({ ok: true, functionName: 'CreateUploadFunction', functionVersion: '12', checks: { table: ddb.table, bucket: s3.bucket } });
  });
});
