/** verifySigV4(): requests signed by @smithy/signature-v4, as the SDKs sign them, checked against local credentials. */
import { verifySigV4 } from '../../../local/endpoints/rest-api/sigv4';
import { CREDENTIALS, signRequest } from './support';

const HOST = '127.0.0.1:3000';
const PATH = '/dev/customers/acme/analyses';
const BODY = JSON.stringify({ source: { bucket: 'data', key: 'uploads/acme/src.zip' } });

describe('Function: verifySigV4()', () => {
  it('accepts a request signed with the local credentials', async () => {
    // Prepare
    const request = await signRequest('POST', HOST, PATH, BODY);

    // Act
    const verdict = await verifySigV4(request, CREDENTIALS);

    // Assess
    expect(verdict).toEqual({ ok: true });
  });

  it('accepts a signed GET with a query string and no body', async () => {
    // Prepare
    const request = await signRequest('GET', HOST, '/dev/customers/acme/analyses/r1', '', { verbose: 'true', a: 'b c' });

    // Act + Assess
    expect(await verifySigV4(request, CREDENTIALS)).toEqual({ ok: true });
  });

  it('accepts a signature of another region, as the client chose it', async () => {
    // Prepare
    const request = await signRequest('POST', HOST, PATH, BODY, {}, { region: 'eu-central-1' });

    // Act + Assess
    expect(await verifySigV4(request, CREDENTIALS)).toEqual({ ok: true });
  });

  it('refuses a signature made with another secret', async () => {
    // Prepare
    const request = await signRequest('POST', HOST, PATH, BODY, {}, { credentials: { accessKeyId: 'local', secretAccessKey: 'wrong' } });

    // Act
    const verdict = await verifySigV4(request, CREDENTIALS);

    // Assess
    expect(verdict).toEqual({ ok: false, message: expect.stringMatching(/signature we calculated does not match/) });
  });

  it('refuses another access key', async () => {
    // Prepare
    const request = await signRequest('POST', HOST, PATH, BODY, {}, { credentials: { accessKeyId: 'AKIAOTHER', secretAccessKey: 'local' } });

    // Act + Assess
    expect(await verifySigV4(request, CREDENTIALS)).toEqual({ ok: false, message: 'The security token included in the request is invalid.' });
  });

  it('refuses a body changed after signing, against the declared payload hash', async () => {
    // Prepare
    const request = await signRequest('POST', HOST, PATH, BODY);
    const tampered = { ...request, body: Buffer.from(BODY.replace('acme', 'evil')) };

    // Act + Assess
    expect(await verifySigV4(tampered, CREDENTIALS)).toEqual({ ok: false, message: expect.stringMatching(/x-amz-content-sha256 header does not match/) });
  });

  it('checks the body through the signature when no payload hash header was sent', async () => {
    // Prepare
    const request = await signRequest('POST', HOST, PATH, BODY, {}, { applyChecksum: false });
    const tampered = { ...request, body: Buffer.from(BODY.replace('acme', 'evil')) };

    // Act
    const verdicts = [await verifySigV4(request, CREDENTIALS), await verifySigV4(tampered, CREDENTIALS)];

    // Assess
    expect(request.headers).not.toHaveProperty('x-amz-content-sha256');
    expect(verdicts).toEqual([{ ok: true }, { ok: false, message: expect.stringMatching(/signature we calculated does not match/) }]);
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
    expect(await verifySigV4(request, CREDENTIALS)).toEqual({ ok: false, message: expect.stringMatching(/does not match/) });
  });

  it('refuses a request without an Authorization header', async () => {
    // Prepare
    const { authorization: _authorization, ...headers } = (await signRequest('POST', HOST, PATH, BODY)).headers;

    // Act + Assess
    expect(await verifySigV4({ method: 'POST', host: HOST, path: PATH, query: {}, headers, body: Buffer.from(BODY) }, CREDENTIALS)).toEqual({
      ok: false,
      message: 'Missing Authentication Token',
    });
  });

  it.each([
    ['not SigV4', 'Basic bG9jYWw6bG9jYWw=', /requires SigV4/],
    ['SigV4 without a signature', 'AWS4-HMAC-SHA256 Credential=local/20240501/us-east-1/execute-api/aws4_request, SignedHeaders=host', /requires SigV4/],
  ])('refuses an Authorization header that is %s', async (_case, authorization, message) => {
    // Prepare
    const request = await signRequest('POST', HOST, PATH, BODY);

    // Act + Assess
    expect(await verifySigV4({ ...request, headers: { ...request.headers, authorization } }, CREDENTIALS)).toEqual({ ok: false, message: expect.stringMatching(message) });
  });

  it('refuses a request without X-Amz-Date', async () => {
    // Prepare
    const { 'x-amz-date': _date, ...headers } = (await signRequest('POST', HOST, PATH, BODY)).headers;

    // Act + Assess
    expect(await verifySigV4({ method: 'POST', host: HOST, path: PATH, query: {}, headers, body: Buffer.from(BODY) }, CREDENTIALS)).toEqual({
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
    const verdict = await verifySigV4(request, CREDENTIALS, now);

    // Assess
    expect(verdict).toEqual(ok ? { ok: true } : { ok: false, message: 'Signature expired' });
  });
});
