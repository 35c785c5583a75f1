/**
 * The cloud path of customer onboarding and report encryption, against moto's KMS and DynamoDB (moto_server is on
 * the machine image; without it these tests say so and do not run): the KMS key, its alias and rotation, the
 * profile recording the key ARN, and a report encrypted and decrypted through the KMS keyring.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CreateAliasCommand, CreateKeyCommand, DescribeKeyCommand, GetKeyPolicyCommand, GetKeyRotationStatusCommand, KMS, KMSClient } from '@aws-sdk/client-kms';
import { CreatePolicyCommand, GetRoleCommand, IAMClient, ListAttachedRolePoliciesCommand, ListRoleTagsCommand } from '@aws-sdk/client-iam';
import { evaluatePolicies, type PolicyDocument } from '../../local/iam';
import { decryptReport, encryptReport, keyringFor } from '../../functions/lib/crypto';
import { onboardCustomerWithKms } from '../../local/app';
import { customerRoleName } from '../../local/app/customers';
import { createTablesFromTemplate, type TableProperties } from '../../local/emulators/dynamodb';
import { findFreePort } from '../../local/emulators/net/ports';
import { loadManifest } from '../../local/manifest';

const motoAvailable = spawnSync('sh', ['-c', 'command -v moto_server']).status === 0;
const describeWithMoto = motoAvailable ? describe : describe.skip;
if (!motoAvailable) process.stderr.write('customer-cloud.test: moto_server is not on PATH; the cloud-path tests do not run here\n');

describeWithMoto('Feature: onboarding and report keys in the cloud (moto)', () => {
  let moto: ChildProcess;
  let kms: KMSClient;
  /** The Encryption SDK's KMS keyring calls the aggregated client (generateDataKey, decrypt). */
  let kmsForKeyring: KMS;
  let dynamodb: DynamoDBClient;
  let iam: IAMClient;
  const manifest = loadManifest('template.yaml');
  const tableName = 'analysis-table';
  const aliasPrefix = 'alias/upgrade-impact/customer/';

  beforeAll(async () => {
    const port = await findFreePort();
    moto = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
    const endpoint = `http://127.0.0.1:${port}`;
    for (let i = 0; i < 200; i++) {
      if (await fetch(`${endpoint}/moto-api/`).then(() => true, () => false)) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const config = { endpoint, region: 'eu-central-1', credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } };
    kms = new KMSClient(config);
    kmsForKeyring = new KMS(config);
    dynamodb = new DynamoDBClient(config);
    iam = new IAMClient(config);
    await createTablesFromTemplate(dynamodb, [{ ...(manifest.tables[0].properties as TableProperties), TableName: tableName }]);
  }, 60_000);

  afterAll(() => {
    kms?.destroy();
    kmsForKeyring?.destroy();
    dynamodb?.destroy();
    iam?.destroy();
    moto?.kill();
  });

  it('creates a rotating KMS key with the customer alias and records its ARN on an ACTIVE profile', async () => {
    // Act
    const { profile, created } = await onboardCustomerWithKms({ kms, dynamodb }, 'acme', { tableName, aliasPrefix });

    // Assess
    expect(created).toBe(true);
    const { KeyMetadata } = await kms.send(new DescribeKeyCommand({ KeyId: `${aliasPrefix}acme` }));
    expect(profile).toMatchObject({ customerId: 'acme', status: 'ACTIVE', keyId: KeyMetadata!.Arn });
    expect((await kms.send(new GetKeyRotationStatusCommand({ KeyId: KeyMetadata!.KeyId }))).KeyRotationEnabled).toBe(true);
  });

  it('is idempotent, and reuses the key of an onboarding that stopped after creating the alias', async () => {
    const again = await onboardCustomerWithKms({ kms, dynamodb }, 'acme', { tableName, aliasPrefix });
    expect(again.created).toBe(false);

    const { KeyMetadata } = await kms.send(new CreateKeyCommand({}));
    await kms.send(new CreateAliasCommand({ AliasName: `${aliasPrefix}half`, TargetKeyId: KeyMetadata!.KeyId }));
    const resumed = await onboardCustomerWithKms({ kms, dynamodb }, 'half', { tableName, aliasPrefix });
    expect(resumed.profile.keyId).toBe(KeyMetadata!.Arn);
  });

  it('encrypts a report with the KMS keyring under the run as context, and only that context decrypts it', async () => {
    // Prepare
    const { profile } = await onboardCustomerWithKms({ kms, dynamodb }, 'globex', { tableName, aliasPrefix });
    const keyring = await keyringFor(profile.keyId, { customerId: 'globex', kmsClientProvider: () => kmsForKeyring });
    const plaintext = Buffer.from(JSON.stringify({ reportVersion: 1, findings: 3 }));

    // Act
    const ciphertext = await encryptReport(plaintext, keyring, { customerId: 'globex', runId: 'r1' });

    // Assess
    expect(Buffer.from(await decryptReport(ciphertext, keyring, { customerId: 'globex', runId: 'r1' }))).toEqual(plaintext);
    await expect(decryptReport(ciphertext, keyring, { customerId: 'globex', runId: 'r2' })).rejects.toThrow(/context/i);
    const acme = await keyringFor((await onboardCustomerWithKms({ kms, dynamodb }, 'acme', { tableName, aliasPrefix })).profile.keyId, { kmsClientProvider: () => kmsForKeyring });
    await expect(decryptReport(ciphertext, acme, { customerId: 'globex', runId: 'r1' })).rejects.toThrow();
  });

  it('gives the customer a key policy that allows no use without the customer’s own encryption context', async () => {
    // Prepare
    const { profile } = await onboardCustomerWithKms({ kms, dynamodb }, 'initech', { tableName, aliasPrefix });
    const { Policy } = await kms.send(new GetKeyPolicyCommand({ KeyId: profile.keyId, PolicyName: 'default' }));
    const policy = JSON.parse(Policy!) as PolicyDocument;
    const use = (action: string, context?: string) =>
      evaluatePolicies([policy], { action, resource: profile.keyId, keys: context ? { 'kms:EncryptionContext:customerId': context } : {} });

    // Assess
    expect(use('kms:Decrypt', 'initech')).toBe('Allow');
    expect(use('kms:GenerateDataKey', 'initech')).toBe('Allow');
    expect(use('kms:Decrypt', 'acme')).toBe('ExplicitDeny');
    expect(use('kms:GenerateDataKeyWithoutPlaintext', 'acme')).toBe('ExplicitDeny');
    expect(use('kms:Decrypt')).toBe('ExplicitDeny');
  });

  it('gives the customer its own role, tagged with its id and carrying the customer access policy', async () => {
    // Prepare
    const { Policy } = await iam.send(new CreatePolicyCommand({ PolicyName: 'CustomerAccessPolicy', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'execute-api:Invoke', Resource: '*' }] }) }));

    // Act
    const first = await onboardCustomerWithKms({ kms, dynamodb, iam }, 'umbrella', { tableName, aliasPrefix, customerAccessPolicyArn: Policy!.Arn!, stackName: 'upgrade-impact-dev' });
    const again = await onboardCustomerWithKms({ kms, dynamodb, iam }, 'umbrella', { tableName, aliasPrefix, customerAccessPolicyArn: Policy!.Arn!, stackName: 'upgrade-impact-dev' });

    // Assess
    const roleName = customerRoleName('umbrella', 'upgrade-impact-dev');
    expect(first.roleArn).toMatch(new RegExp(`:role/upgrade-impact-dev/${roleName}$`));
    expect(again.roleArn).toBe(first.roleArn);
    expect((await iam.send(new ListRoleTagsCommand({ RoleName: roleName }))).Tags).toEqual([{ Key: 'customerId', Value: 'umbrella' }]);
    expect((await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: roleName }))).AttachedPolicies?.map((policy) => policy.PolicyArn)).toEqual([Policy!.Arn]);
    const trust = JSON.parse(decodeURIComponent((await iam.send(new GetRoleCommand({ RoleName: roleName }))).Role!.AssumeRolePolicyDocument!));
    expect(trust.Statement[0]).toMatchObject({ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { AWS: expect.stringMatching(/^arn:aws:iam::\d{12}:root$/) } });
    expect(customerRoleName(`a${'b'.repeat(38)}c`, 'x'.repeat(128)).length).toBeLessThanOrEqual(64);
  });
});
