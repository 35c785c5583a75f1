/**
 * Functions act for one customer at a time: the functions' adapter (functions/lib/aws/tenant.ts) assumes
 * TenantDataAccessRole through the local STS with the customer's tag, and the local S3 and DynamoDB hold the session
 * to the role's policy from template.yaml, as IAM does: the customer's own prefixes and leading keys, nothing else.
 */
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { BatchWriteCommand, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { forCustomer, TENANT_ROLE_ENV } from '../../functions/lib/aws/tenant';
import { startTestApp, type TestApp } from './helpers/app';

describe('Feature: a function’s session reaches one customer’s data', () => {
  let t: TestApp;
  const saved = { ...process.env };

  beforeAll(async () => {
    t = await startTestApp();
    await t.onboard('acme');
    await t.onboard('bravo');
    await t.app.clients.s3.send(new PutObjectCommand({ Bucket: t.bucket, Key: 'units/bravo/b1', Body: 'bravo code' }));
    await t.app.clients.s3.send(new PutObjectCommand({ Bucket: t.bucket, Key: 'units/acme/a1', Body: 'acme code' }));
    // The functions' environment, as the pool gives it (TENANT_ROLE_ARN from the template's Globals).
    Object.assign(process.env, t.app.environment, { [TENANT_ROLE_ENV]: t.app.manifest.functions[0].environment[TENANT_ROLE_ENV] });
  }, 120_000);

  afterAll(async () => {
    process.env = saved;
    await t?.close();
  });

  const denied = (promise: Promise<unknown>): Promise<string> => promise.then(() => 'allowed', (error: Error) => error.name);

  it('runs with the template’s tenant role in every function’s environment', () => {
    expect(t.app.manifest.functions.filter((fn) => !fn.environment[TENANT_ROLE_ENV]).map((fn) => fn.logicalId)).toEqual([]);
  });

  it('reads and writes the customer’s own objects, and no other customer’s', async () => {
    // Prepare
    const { s3 } = forCustomer('acme');

    // Act
    const own = await s3.send(new GetObjectCommand({ Bucket: t.bucket, Key: 'units/acme/a1' }));
    const write = await denied(s3.send(new PutObjectCommand({ Bucket: t.bucket, Key: 'runs/acme/r1/findings/x.json', Body: '{}' })));
    const other = await denied(s3.send(new GetObjectCommand({ Bucket: t.bucket, Key: 'units/bravo/b1' })));
    const outside = await denied(s3.send(new PutObjectCommand({ Bucket: t.bucket, Key: 'reports/bravo/r1.report.enc', Body: 'x' })));
    const listOther = await denied(s3.send(new ListObjectsV2Command({ Bucket: t.bucket, Prefix: 'units/bravo/' })));
    const listOwn = await s3.send(new ListObjectsV2Command({ Bucket: t.bucket, Prefix: 'units/acme/' }));

    // Assess
    expect(await own.Body!.transformToString()).toBe('acme code');
    expect([write, other, outside, listOther]).toEqual(['allowed', 'AccessDenied', 'AccessDenied', 'AccessDenied']);
    expect(listOwn.Contents?.map((object) => object.Key)).toEqual(['units/acme/a1']);
  });

  it('reads and writes items whose keys lead with the customer, and no other customer’s', async () => {
    // Prepare
    const { documents } = forCustomer('acme');

    // Act
    const profile = await documents.send(new GetCommand({ TableName: t.table, Key: { PK: 'CUSTOMER#acme', SK: 'PROFILE' } }));
    const otherProfile = await denied(documents.send(new GetCommand({ TableName: t.table, Key: { PK: 'CUSTOMER#bravo', SK: 'PROFILE' } })));
    const lookalike = await denied(documents.send(new GetCommand({ TableName: t.table, Key: { PK: 'CUSTOMER#acmex', SK: 'PROFILE' } })));
    const ownRows = await denied(
      documents.send(new BatchWriteCommand({ RequestItems: { [t.table]: [{ PutRequest: { Item: { PK: 'CUSTOMER#acme#RUN#r1#0', SK: 'UNIT#u1' } } }] } })),
    );
    const mixedRows = await denied(
      documents.send(
        new BatchWriteCommand({
          RequestItems: {
            [t.table]: [
              { PutRequest: { Item: { PK: 'CUSTOMER#acme#RUN#r1#0', SK: 'UNIT#u2' } } },
              { PutRequest: { Item: { PK: 'CUSTOMER#bravo#RUN#r1#0', SK: 'UNIT#u2' } } },
            ],
          },
        }),
      ),
    );
    const queryOther = await denied(documents.send(new QueryCommand({ TableName: t.table, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': 'CUSTOMER#bravo' } })));

    // Assess
    expect(profile.Item).toMatchObject({ customerId: 'acme' });
    expect([otherProfile, lookalike, ownRows, mixedRows, queryOther]).toEqual(['AccessDeniedException', 'AccessDeniedException', 'allowed', 'AccessDeniedException', 'AccessDeniedException']);
  });

  it('refuses a session without a customer, as the role’s trust policy requires the tag', async () => {
    // Prepare: what a function would do if it assumed the role without naming the customer
    const sts = new STSClient({ region: t.app.manifest.region, endpoint: t.app.endpoints.sts, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });

    // Act
    const untagged = await denied(sts.send(new AssumeRoleCommand({ RoleArn: process.env[TENANT_ROLE_ENV], RoleSessionName: 'nobody' })));
    sts.destroy();

    // Assess
    expect(untagged).toBe('AccessDenied');
  });

  it('refuses to serve an id that is not a customer id before any session is asked for', () => {
    expect(() => forCustomer('../bravo')).toThrow(/customerId: must be 3-40/);
  });
});
