/** verifySigV4(): requests signed by @smithy/signature-v4, as the SDKs sign them, checked against local credentials. */
import { verifySigV4 } from '../../../local/iam/sigv4';
import { CREDENTIALS, VERIFY, signRequest } from '../rest-api/support';

const HOST = '127.0.0.1:3000';
const PATH = '/dev/customers/acme/analyses';
const BODY = JSON.stringify({ source: { bucket: 'data', key: 'uploads/acme/src.zip' } });

describe('Function: verifySigV4()', () => {
  it('accepts a request signed with the local credentials', async () => {
    // Prepare
    const request = await signRequest('POST', HOST, PATH, BODY);

    // Act
    const verdict = await verifySigV4(request, VERIFY);

    // Assess
    expect(verdict).toEqual({ ok: true, accessKeyId: CREDENTIALS.accessKeyId });
  });

  it('accepts a signed GET with a query string and no body', async () => {
    // Prepare
    const request = await signRequest('GET', HOST, '/dev/customers/acme/analyses/r1', '', { verbose: 'true', a: 'b c' });

    // Act + Assess
    expect(await verifySigV4(request, VERIFY)).toEqual({ ok: true, accessKeyId: CREDENTIALS.accessKeyId });
  });

  it.each([
    ['another region', { region: 'eu-central-1' }, /Credential should be scoped to a valid region, not 'eu-central-1'/],
    ['another service', { service: 's3' }, /Credential should be scoped to correct service: 'execute-api'/],
  ])('refuses a credential scoped to %s, as API Gateway does', async (_case, options, message) => {
    // Prepare
    const request = await signRequest('POST', HOST, PATH, BODY, {}, options);

    // Act + Assess
    expect(await verifySigV4(request, VERIFY)).toEqual({ ok: false, message: expect.stringMatching(message) });
  });

  it('refuses a credential scope dated another day than X-Amz-Date', async () => {
    // Prepare
    const request = await signRequest('POST', HOST, PATH, BODY);
    const authorization = request.headers.authorization.replace(/Credential=([^/]+)\/\d{8}\//, 'Credential=$1/20200101/');

    // Act + Assess
    expect(await verifySigV4({ ...request, headers: { ...request.headers, authorization } }, VERIFY)).toEqual({
      ok: false,
      message: expect.stringMatching(/Date in Credential scope does not match YYYYMMDD/),
    });
  });

  it('refuses a changed body under UNSIGNED-PAYLOAD: API Gateway hashes the body itself', async () => {
    // Prepare
    const request = await signRequest('POST', HOST, PATH, BODY, {}, { headers: { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' } });
    const tampered = { ...request, body: Buffer.from(BODY.replace('acme', 'evil')) };

    // Act
    const verdicts = [await verifySigV4(request, VERIFY), await verifySigV4(tampered, VERIFY)];

    // Assess
    expect(request.headers['x-amz-content-sha256']).toBe('UNSIGNED-PAYLOAD');
    expect(verdicts).toEqual([
      { ok: false, message: expect.stringMatching(/signature we calculated does not match/) },
      { ok: false, message: expect.stringMatching(/signature we calculated does not match/) },
    ]);
  });

  it('refuses a signature that does not cover X-Amz-Date', async () => {
    // Prepare
    const request = await signRequest('POST', HOST, PATH, BODY);
    const authorization = request.headers.authorization.replace(/SignedHeaders=[^,]+/, 'SignedHeaders=host');

    // Act + Assess
    expect(await verifySigV4({ ...request, headers: { ...request.headers, authorization } }, VERIFY)).toEqual({
      ok: false,
      message: "'X-Amz-Date' must be a 'SignedHeader' in the AWS Authorization.",
    });
  });

  it('refuses a signature made with another secret', async () => {
    // Prepare
    const request = await signRequest('POST', HOST, PATH, BODY, {}, { credentials: { accessKeyId: CREDENTIALS.accessKeyId, secretAccessKey: 'wrong' } });

    // Act
    const verdict = await verifySigV4(request, VERIFY);

    // Assess
    expect(verdict).toEqual({ ok: false, message: expect.stringMatching(/signature we calculated does not match/) });
  });

  it('refuses another access key', async () => {
    // Prepare
    const request = await signRequest('POST', HOST, PATH, BODY, {}, { credentials: { accessKeyId: 'AKIAOTHER', secretAccessKey: CREDENTIALS.secretAccessKey } });

    // Act + Assess
    expect(await verifySigV4(request, VERIFY)).toEqual({ ok: false, message: 'The security token included in the request is invalid.' });
  });

  it('refuses a body changed after signing, against the declared payload hash', async () => {
    // Prepare
    const request = await signRequest('POST', HOST, PATH, BODY);
    const tampered = { ...request, body: Buffer.from(BODY.replace('acme', 'evil')) };

    // Act + Assess
    expect(await verifySigV4(tampered, VERIFY)).toEqual({ ok: false, message: expect.stringMatching(/signature we calculated does not match/) });
  });

  it('checks the body through the signature when no payload hash header was sent', async () => {
    // Prepare
    const request = await signRequest('POST', HOST, PATH, BODY, {}, { applyChecksum: false });
    const tampered = { ...request, body: Buffer.from(BODY.replace('acme', 'evil')) };

    // Act
    const verdicts = [await verifySigV4(request, VERIFY), await verifySigV4(tampered, VERIFY)];

    // Assess
    expect(request.headers).not.toHaveProperty('x-amz-content-sha256');
    expect(verdicts).toEqual([{ ok: true, accessKeyId: CREDENTIALS.accessKeyId }, { ok: false, message: expect.stringMatching(/signature we calculated does not match/) }]);
  });

  it.each([
    ['path', (request: any) => ({ ...request, path: '/dev/customers/globex/analyses' })],
    ['method', (request: any) => ({ ...request, method: 'PUT' })],
    ['query', (request: any) => ({ ...request, query: { extra: '1' } })],
    ['signed header', (request: any) => ({ ...request, headers: { ...request.headers, 'content-type': 'text/plain' } })],
  ])('refuses a request whose %s changed after signing', async (_part, tamper) => {
    // Prepare
    const request = tamper(await signRequest('POST', HOST, PATH, BODY));

    // Act + Assess
    expect(await verifySigV4(request, VERIFY)).toEqual({ ok: false, message: expect.stringMatching(/does not match/) });
  });

  it('refuses a request without an Authorization header', async () => {
    // Prepare
    const { authorization: _authorization, ...headers } = (await signRequest('POST', HOST, PATH, BODY)).headers;

    // Act + Assess
    expect(await verifySigV4({ method: 'POST', host: HOST, path: PATH, query: {}, headers, body: Buffer.from(BODY) }, VERIFY)).toEqual({
      ok: false,
      message: 'Missing Authentication Token',
    });
  });

  it.each([
    ['not SigV4', 'Basic bG9jYWw6bG9jYWw=', /requires SigV4/],
    ['SigV4 without a signature', 'AWS4-HMAC-SHA256 Credential=AKIATESTKEY000000001/20240501/us-east-1/execute-api/aws4_request, SignedHeaders=host', /requires SigV4/],
  ])('refuses an Authorization header that is %s', async (_case, authorization, message) => {
    // Prepare
    const request = await signRequest('POST', HOST, PATH, BODY);

    // Act + Assess
    expect(await verifySigV4({ ...request, headers: { ...request.headers, authorization } }, VERIFY)).toEqual({ ok: false, message: expect.stringMatching(message) });
  });

  it('refuses a request without X-Amz-Date', async () => {
    // Prepare
    const { 'x-amz-date': _date, ...headers } = (await signRequest('POST', HOST, PATH, BODY)).headers;

    // Act + Assess
    expect(await verifySigV4({ method: 'POST', host: HOST, path: PATH, query: {}, headers, body: Buffer.from(BODY) }, VERIFY)).toEqual({
      ok: false,
      message: expect.stringMatching(/X-Amz-Date/),
    });
  });

  it.each([
    ['16 minutes ago', -16 * 60_000, false],
    ['16 minutes ahead', 16 * 60_000, false],
    ['14 minutes ago', -14 * 60_000, true],
  ])('judges a request signed %s against the 15-minute skew', async (_case, offsetMs, ok) => {
    // Prepare
    const now = new Date('2024-05-01T12:00:00.000Z');
    const request = await signRequest('POST', HOST, PATH, BODY, {}, { signingDate: new Date(now.getTime() + offsetMs) });

    // Act
    const verdict = await verifySigV4(request, VERIFY, now);

    // Assess
    expect(verdict).toEqual(ok ? { ok: true, accessKeyId: CREDENTIALS.accessKeyId } : { ok: false, message: expect.stringMatching(/^Signature (expired|not yet current): \d{8}T\d{6}Z/) });
  });
});
