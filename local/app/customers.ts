/**
 * Onboarding a customer locally: a 256-bit AES key in the local keystore (in place of a KMS key and alias) and an
 * ACTIVE profile that records the key id, the plan and the rule packs. In the cloud the same command creates the
 * KMS key and alias `alias/<app>/customer/<id>` and records the key ARN.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CreateAliasCommand, CreateKeyCommand, DescribeKeyCommand, EnableKeyRotationCommand, type KMSClient } from '@aws-sdk/client-kms';
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
};

/**
 * Onboards a customer in the cloud: a symmetric KMS key with rotation, the alias `alias/<app>/customer/<id>` (the
 * functions' roles may use customer keys only through that alias prefix), and an ACTIVE profile recording the key
 * ARN. Idempotent: an existing profile is returned untouched, and an alias left by an interrupted onboarding is
 * reused rather than a second key created.
 *
 * @example
 * await onboardCustomerWithKms({ kms, dynamodb }, 'acme', { tableName, aliasPrefix: 'alias/upgrade-impact/customer/' });
 */
const onboardCustomerWithKms = async (
  clients: { kms: KMSClient; dynamodb: DynamoDBClient },
  customerId: string,
  options: CloudOnboardOptions,
): Promise<{ profile: CustomerProfile; created: boolean }> => {
  requireCustomerId(customerId, 'customerId');
  const customers = new CustomerStore(DynamoDBDocumentClient.from(clients.dynamodb), options.tableName);
  const existing = await customers.get(customerId);
  if (existing) return { profile: existing, created: false };
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
  return { profile, created: true };
};

export { ensureCustomer, onboardCustomerWithKms, setCustomerStatus };
export type { CloudOnboardOptions, OnboardOptions };
