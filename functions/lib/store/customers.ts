/**
 * Customer profiles: status, key id, plan limits, rule packs, and the recurring re-analysis schedule.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { sdk } from '../aws/sdk';
import { profileKey } from './keys';
import { CustomerAlreadyExistsError, CustomerNotFoundError } from './errors';

const CustomerStatus = { Active: 'ACTIVE', Suspended: 'SUSPENDED' } as const;
type CustomerStatus = (typeof CustomerStatus)[keyof typeof CustomerStatus];

/** What a customer's plan allows for one run. */
type PlanLimits = {
  /** @default 524288000 (500 MiB) */
  maxArchiveBytes: number;
  /** @default 200000 */
  maxUnits: number;
  /** @default 20000000 */
  maxLoc: number;
};

type RecurringAnalysis = { bucket: string; key: string; intervalDays: number };

type CustomerProfile = {
  customerId: string;
  status: CustomerStatus;
  /** KMS key ARN in the cloud; `local:<customerId>:<version>` for the local keystore. */
  keyId: string;
  plan: PlanLimits;
  rulePacks: string[];
  createdAt: string;
  recurring?: RecurringAnalysis;
};

const DEFAULT_PLAN: PlanLimits = { maxArchiveBytes: 500 * 1024 * 1024, maxUnits: 200_000, maxLoc: 20_000_000 };

/**
 * Reads and writes customer profiles.
 *
 * @example
 * const customers = new CustomerStore(documentClient(), tableName());
 * const profile = await customers.get('acme');
 */
class CustomerStore {
  public constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  /** The profile, or undefined when the customer was never onboarded. */
  public async get(customerId: string): Promise<CustomerProfile | undefined> {
    const { Item } = await this.client.send(
      new (sdk.documents().GetCommand)({ TableName: this.table, Key: profileKey(customerId), ConsistentRead: true }),
    );
    if (!Item) return undefined;
    const { PK: _pk, SK: _sk, GSI1PK: _g1, GSI1SK: _g2, ...profile } = Item;
    return profile as CustomerProfile;
  }

  /** Creates the profile; an existing customer is refused (onboarding never overwrites a key id). */
  public async create(profile: CustomerProfile, nextRecurringAt?: string): Promise<void> {
    const recurringIndex =
      profile.recurring && nextRecurringAt ? { GSI1PK: 'RECURRING', GSI1SK: nextRecurringAt } : {};
    try {
      await this.client.send(
        new (sdk.documents().PutCommand)({
          TableName: this.table,
          Item: { ...profileKey(profile.customerId), ...recurringIndex, ...profile },
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
    } catch (error) {
      if (error instanceof sdk.dynamodb().ConditionalCheckFailedException) throw new CustomerAlreadyExistsError(profile.customerId, { cause: error });
      throw error;
    }
  }

  /** Suspends or reactivates a customer. */
  public async setStatus(customerId: string, status: CustomerStatus): Promise<void> {
    try {
      await this.client.send(
        new (sdk.documents().UpdateCommand)({
          TableName: this.table,
          Key: profileKey(customerId),
          UpdateExpression: 'SET #status = :status',
          ConditionExpression: 'attribute_exists(PK)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':status': status },
        }),
      );
    } catch (error) {
      if (error instanceof sdk.dynamodb().ConditionalCheckFailedException) throw new CustomerNotFoundError(customerId, { cause: error });
      throw error;
    }
  }
}

export { CustomerStatus, CustomerStore, DEFAULT_PLAN };
export type { CustomerProfile, PlanLimits, RecurringAnalysis };
