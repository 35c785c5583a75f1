/**
 * The local S3 checks a presigned URL as S3 does when the runtime gives it an authority: the signature (over the
 * signed headers, a signed Content-Length included), the expiry, the key; and holds a role session to its policies.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { startS3Server } from '../../../../local/emulators/s3';
import { RoleSessions, type RoleDefinition } from '../../../../local/iam';
import type { EmulatorHandle } from '../../../../local/emulators/types';

const ADMIN = { accessKeyId: 'local', secretAccessKey: 'local' };
const ROLE: RoleDefinition = {
  arn: 'arn:aws:iam::000000000000:role/tenant',
  name: 'tenant',
  trust: { Statement: [{ Effect: 'Allow', Action: ['sts:AssumeRole', 'sts:TagSession'] }] },
  policies: [{ Statement: [{ Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: 'arn:aws:s3:::data/units/${aws:PrincipalTag/customerId}/*' }] }],
};

describe('Feature: presigned URLs and role sessions on the local S3', () => {
  let dir: string;
  let server: EmulatorHandle;
  let sessions: RoleSessions;
  const client = (credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }) =>
    new S3Client({ endpoint: server.endpoint, region: 'us-east-1', forcePathStyle: true, credentials, requestChecksumCalculation: 'WHEN_REQUIRED' });

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 's3-auth-'));
    sessions = new RoleSessions('000000000000');
    server = await startS3Server({ port: 0, dataDir: dir, authority: { secretOf: (key) => (key === ADMIN.accessKeyId ? ADMIN.secretAccessKey : undefined), sessions } });
    await client(ADMIN).send(new CreateBucketCommand({ Bucket: 'data' }));
  });

  afterAll(async () => {
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  });

  const presignPut = (credentials: Parameters<typeof client>[0], key: string, length: number, expiresIn = 900) =>
    getSignedUrl(client(credentials), new PutObjectCommand({ Bucket: 'data', Key: key, ContentLength: length }), { expiresIn });

  it('accepts a presigned PUT of exactly the signed size', async () => {
    // Prepare
    const url = await presignPut(ADMIN, 'uploads/acme/a.zip', 5);

    // Act
    const put = await fetch(url, { method: 'PUT', body: 'bytes', headers: { 'content-length': '5' } });

    // Assess
    expect(put.status).toBe(200);
  });

  it('refuses a presigned PUT of another size than the signed one, as S3 does', async () => {
    // Prepare
    const url = await presignPut(ADMIN, 'uploads/acme/b.zip', 5);

    // Act
    const put = await fetch(url, { method: 'PUT', body: 'many more bytes than signed', headers: { 'content-length': '27' } });

    // Assess
    expect(put.status).toBe(403);
    expect(await put.text()).toMatch(/SignatureDoesNotMatch/);
  });

  it.each([
    ['a tampered signature', (url: string) => url.replace(/X-Amz-Signature=[0-9a-f]{4}/, 'X-Amz-Signature=0000'), 'SignatureDoesNotMatch'],
    ['another key', (url: string) => url.replace(/uploads%2Facme|uploads\/acme/, 'uploads/bravo'), 'SignatureDoesNotMatch'],
  ])('refuses %s', async (_what, tamper, code) => {
    // Prepare
    const url = tamper(await presignPut(ADMIN, 'uploads/acme/c.zip', 5));

    // Act
    const put = await fetch(url, { method: 'PUT', body: 'bytes' });

    // Assess
    expect(put.status).toBe(403);
    expect(await put.text()).toMatch(code);
  });

  it('refuses a URL signed with a key it does not know, and one that has expired', async () => {
    // Prepare
    const unknown = await presignPut({ accessKeyId: 'AKIASTRANGER', secretAccessKey: 'x' }, 'uploads/acme/d.zip', 5);
    const expired = await presignPut(ADMIN, 'uploads/acme/e.zip', 5, 1);
    await new Promise((resolve) => setTimeout(resolve, 2100));

    // Act
    const answers = await Promise.all([unknown, expired].map(async (url) => (await fetch(url, { method: 'PUT', body: 'bytes' })).text()));

    // Assess
    expect(answers[0]).toMatch(/InvalidAccessKeyId/);
    expect(answers[1]).toMatch(/Request has expired/);
  });

  it('holds a role session to its policies: its own customer’s prefix only, presigned or not', async () => {
    // Prepare
    const session = sessions.issue(ROLE, 'acme', { customerId: 'acme' }, 900);
    const credentials = { accessKeyId: session.accessKeyId, secretAccessKey: session.secretAccessKey, sessionToken: session.sessionToken };
    const tenant = client(credentials);

    // Act
    await tenant.send(new PutObjectCommand({ Bucket: 'data', Key: 'units/acme/u1', Body: 'mine' }));
    const own = await tenant.send(new GetObjectCommand({ Bucket: 'data', Key: 'units/acme/u1' }));
    const other = await tenant.send(new PutObjectCommand({ Bucket: 'data', Key: 'units/bravo/u1', Body: 'theirs' })).catch((error: Error) => error);
    const presignedOther = await fetch(await presignPut(credentials, 'units/bravo/u2', 6), { method: 'PUT', body: 'theirs' });
    const forgedToken = await client({ ...credentials, sessionToken: 'forged' }).send(new GetObjectCommand({ Bucket: 'data', Key: 'units/acme/u1' })).catch((error: Error) => error);

    // Assess
    expect(await own.Body!.transformToString()).toBe('mine');
    expect((other as Error).name).toBe('AccessDenied');
    expect((other as Error).message).toMatch(/assumed-role\/tenant\/acme is not authorized to perform: s3:PutObject on resource: "arn:aws:s3:::data\/units\/bravo\/u1"/);
    expect(presignedOther.status).toBe(403);
    expect((forgedToken as Error).name).toBe('InvalidToken');
  });
});
