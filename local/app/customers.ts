/**
 * Onboarding a customer locally: a 256-bit AES key in the local keystore (in place of a KMS key and alias) and an
 * ACTIVE profile that records the key id, the plan and the rule packs. In the cloud the same command creates the
 * KMS key and alias `alias/<app>/customer/<id>` and records the key ARN.
 */
import { createHash } from 'node:crypto';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { AttachRolePolicyCommand, CreateRoleCommand, GetRoleCommand, TagRoleCommand, UpdateAssumeRolePolicyCommand, type IAMClient } from '@aws-sdk/client-iam';
import { CreateAliasCommand, CreateKeyCommand, DescribeKeyCommand, EnableKeyRotationCommand, PutKeyPolicyCommand, type KMSClient } from '@aws-sdk/client-kms';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { FileKeystore } from '../../functions/lib/crypto';
import { requireCustomerId } from '../../functions/lib/ids';
import { LocalCredentialStore } from './credentials';
import { CustomerStatus, CustomerStore, DEFAULT_PLAN, type CustomerProfile, type PlanLimits } from '../../functions/lib/store';

type OnboardOptions = {
  tableName: string;
  keystoreDir: string;
  plan?: Partial<PlanLimits>;
  rulePacks?: string[];
  status?: CustomerProfile['status'];
  now?: () => Date;
};

/**
 * Onboards a customer: its key, its API credentials (kept in the keystore; `npm run customer -- credentials <id>`
 * prints them) and its profile; an existing profile is returned untouched (`created: false`), its credentials issued
 * if it had none.
 */
const ensureCustomer = async (
  dynamodb: DynamoDBClient,
  customerId: string,
  options: OnboardOptions,
): Promise<{ profile: CustomerProfile; created: boolean }> => {
  // Only a customer the API can serve is onboarded (its id is every key and prefix of its data).
  requireCustomerId(customerId, 'customerId');
  const customers = new CustomerStore(DynamoDBDocumentClient.from(dynamodb), options.tableName);
  await new LocalCredentialStore(options.keystoreDir).ensure({ kind: 'customer', customerId });
  const existing = await customers.get(customerId);
  if (existing) return { profile: existing, created: false };
  const keystore = new FileKeystore(options.keystoreDir);
  const key = (await keystore.hasKey(customerId)) ? await keystore.getKey(customerId) : await keystore.createKey(customerId);
  const profile: CustomerProfile = {
    customerId,
    status: options.status ?? CustomerStatus.Active,
    keyId: key.keyId,
    plan: { ...DEFAULT_PLAN, ...options.plan },
    rulePacks: options.rulePacks ?? ['abap-s4hana'],
    createdAt: (options.now ?? (() => new Date()))().toISOString(),
  };
  await customers.create(profile);
  return { profile, created: true };
};

const setCustomerStatus = async (dynamodb: DynamoDBClient, tableName: string, customerId: string, status: CustomerProfile['status']): Promise<void> => {
  await new CustomerStore(DynamoDBDocumentClient.from(dynamodb), tableName).setStatus(customerId, status);
};


/** What onboarding in the cloud needs: the stack's table and the customer-key alias prefix (stack outputs). */
type CloudOnboardOptions = {
  tableName: string;
  /** `alias/<AppName>/customer/` (Outputs.CustomerKeyAliasPrefix). */
  aliasPrefix: string;
  plan?: Partial<PlanLimits>;
  rulePacks?: string[];
  now?: () => Date;
  /**
   * The customer's own principal: a role tagged customerId=<id> carrying this policy (Outputs.CustomerAccessPolicyArn),
   * so it reaches the customer's own API routes, reports and key only. No role is made without it.
   */
  customerAccessPolicyArn?: string;
  /** Who may assume the customer's role (the customer's account or role). @default the stack's account */
  trustedPrincipal?: string;
  /** Names the role apart from other stacks' in the account. @default 'upgrade-impact' */
  stackName?: string;
};

/** The account and partition an ARN names. */
const accountOf = (arn: string): { partition: string; accountId: string } => {
  const [, partition, , , accountId] = arn.split(':');
  return { partition, accountId };
};

/**
 * The key policy of a customer's key: the account administers it (and its IAM policies say who uses it), and no one
 * uses it for anything but this customer's data: every use must carry the encryption context customerId=<id>, the
 * condition the functions' tenant sessions and the customer's role are granted on (docs/security.md).
 */
const customerKeyPolicy = (customerId: string, account: { partition: string; accountId: string }) => ({
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'AccountAdministersAndGrantsByIam',
      Effect: 'Allow',
      Principal: { AWS: `arn:${account.partition}:iam::${account.accountId}:root` },
      Action: 'kms:*',
      Resource: '*',
    },
    {
      Sid: 'OnlyThisCustomersData',
      Effect: 'Deny',
      Principal: '*',
      Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*'],
      Resource: '*',
      Condition: { StringNotEquals: { 'kms:EncryptionContext:customerId': customerId } },
    },
  ],
});

/** The customer's role name: within IAM's 64 characters for every valid id, apart per stack. */
const customerRoleName = (customerId: string, stackName: string): string => `c-${customerId}-${createHash('sha256').update(stackName).digest('hex').slice(0, 12)}`;

/** The customer's own principal, made or brought up to date; returns its ARN. */
const ensureCustomerRole = async (iam: IAMClient, customerId: string, options: Required<Pick<CloudOnboardOptions, 'customerAccessPolicyArn'>> & CloudOnboardOptions): Promise<string> => {
  const account = accountOf(options.customerAccessPolicyArn);
  const roleName = customerRoleName(customerId, options.stackName ?? 'upgrade-impact');
  const trust = JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { AWS: options.trustedPrincipal ?? `arn:${account.partition}:iam::${account.accountId}:root` }, Action: 'sts:AssumeRole' }],
  });
  const tags = [{ Key: 'customerId', Value: customerId }];
  const found = await iam.send(new GetRoleCommand({ RoleName: roleName })).catch((error: Error) => {
    if (error.name === 'NoSuchEntityException' || error.name === 'NoSuchEntity') return undefined;
    throw error;
  });
  let roleArn = found?.Role?.Arn;
  if (!roleArn) {
    const created = await iam.send(
      new CreateRoleCommand({
        RoleName: roleName,
        Path: `/${options.stackName ?? 'upgrade-impact'}/`,
        Description: `Customer ${customerId}: its own API routes, reports and key only`,
        AssumeRolePolicyDocument: trust,
        Tags: tags,
      }),
    );
    roleArn = created.Role!.Arn!;
  } else {
    await iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: roleName, PolicyDocument: trust }));
    await iam.send(new TagRoleCommand({ RoleName: roleName, Tags: tags }));
  }
  await iam.send(new AttachRolePolicyCommand({ RoleName: roleName, PolicyArn: options.customerAccessPolicyArn }));
  return roleArn;
};

/**
 * Onboards a customer in the cloud: a symmetric KMS key with rotation and a key policy that allows no use without the
 * customer's encryption context, the alias `alias/<app>/customer/<id>` (the functions' roles may use customer keys
 * only through that alias prefix), the customer's own role (tagged customerId, with CustomerAccessPolicy) when the
 * policy is given, and an ACTIVE profile recording the key ARN. Idempotent: an existing profile is returned untouched
 * (its key policy and role brought up to date), and an alias left by an interrupted onboarding is reused rather than
 * a second key created.
 *
 * @example
 * await onboardCustomerWithKms({ kms, dynamodb, iam }, 'acme', { tableName, aliasPrefix: 'alias/upgrade-impact/customer/', customerAccessPolicyArn });
 */
const onboardCustomerWithKms = async (
  clients: { kms: KMSClient; dynamodb: DynamoDBClient; iam?: IAMClient },
  customerId: string,
  options: CloudOnboardOptions,
): Promise<{ profile: CustomerProfile; created: boolean; roleArn?: string }> => {
  requireCustomerId(customerId, 'customerId');
  const customers = new CustomerStore(DynamoDBDocumentClient.from(clients.dynamodb), options.tableName);
  const roleArn =
    clients.iam && options.customerAccessPolicyArn
      ? await ensureCustomerRole(clients.iam, customerId, { ...options, customerAccessPolicyArn: options.customerAccessPolicyArn })
      : undefined;
  const existing = await customers.get(customerId);
  if (existing) {
    if (existing.keyId.startsWith('arn:')) {
      await clients.kms.send(new PutKeyPolicyCommand({ KeyId: existing.keyId, PolicyName: 'default', Policy: JSON.stringify(customerKeyPolicy(customerId, accountOf(existing.keyId))) }));
    }
    return { profile: existing, created: false, ...(roleArn ? { roleArn } : {}) };
  }
  const aliasName = `${options.aliasPrefix}${customerId}`;
  const described = await clients.kms.send(new DescribeKeyCommand({ KeyId: aliasName })).catch((error: Error) => {
    if (error.name === 'NotFoundException') return undefined;
    throw error;
  });
  let keyArn = described?.KeyMetadata?.Arn;
  if (!keyArn) {
    const { KeyMetadata } = await clients.kms.send(
      new CreateKeyCommand({
        Description: `Upgrade-impact reports and sources of customer ${customerId}`,
        KeyUsage: 'ENCRYPT_DECRYPT',
        KeySpec: 'SYMMETRIC_DEFAULT',
        Tags: [{ TagKey: 'customerId', TagValue: customerId }],
      }),
    );
    keyArn = KeyMetadata!.Arn!;
    await clients.kms.send(new CreateAliasCommand({ AliasName: aliasName, TargetKeyId: KeyMetadata!.KeyId }));
  }
  // Set after the alias (a half-made onboarding resumes here too): no use of the key without this customer's context.
  await clients.kms.send(new PutKeyPolicyCommand({ KeyId: keyArn, PolicyName: 'default', Policy: JSON.stringify(customerKeyPolicy(customerId, accountOf(keyArn))) }));
  await clients.kms.send(new EnableKeyRotationCommand({ KeyId: keyArn }));
  const profile: CustomerProfile = {
    customerId,
    status: CustomerStatus.Active,
    keyId: keyArn,
    plan: { ...DEFAULT_PLAN, ...options.plan },
    rulePacks: options.rulePacks ?? ['abap-s4hana'],
    createdAt: (options.now ?? (() => new Date()))().toISOString(),
  };
  await customers.create(profile);
  return { profile, created: true, ...(roleArn ? { roleArn } : {}) };
};

export { customerKeyPolicy, customerRoleName, ensureCustomer, onboardCustomerWithKms, setCustomerStatus };
export type { CloudOnboardOptions, OnboardOptions };
