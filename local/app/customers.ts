/**
 * Onboarding a customer locally: a 256-bit AES key in the local keystore (in place of a KMS key and alias) and an
 * ACTIVE profile that records the key id, the plan and the rule packs. In the cloud the same command creates the
 * KMS key and alias `alias/<app>/customer/<id>` and records the key ARN.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { FileKeystore } from '../../functions/lib/crypto';
import { CustomerStatus, CustomerStore, DEFAULT_PLAN, type CustomerProfile, type PlanLimits } from '../../functions/lib/store';

type OnboardOptions = {
  tableName: string;
  keystoreDir: string;
  plan?: Partial<PlanLimits>;
  rulePacks?: string[];
  status?: CustomerProfile['status'];
  now?: () => Date;
};

/** Onboards a customer, or returns the existing profile untouched (`created: false`). */
const ensureCustomer = async (
  dynamodb: DynamoDBClient,
  customerId: string,
  options: OnboardOptions,
): Promise<{ profile: CustomerProfile; created: boolean }> => {
  const customers = new CustomerStore(DynamoDBDocumentClient.from(dynamodb), options.tableName);
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

export { ensureCustomer, setCustomerStatus };
export type { OnboardOptions };
