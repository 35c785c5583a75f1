/**
 * Clients that act for one customer: the one place that turns "this invocation serves customer X" into credentials
 * that can reach only X's data (AWS SaaS Factory's attribute-based tenant isolation). The function's own role may
 * only assume TENANT_ROLE_ARN, always with the session tag `customerId=X`; that role's policy lets the session reach
 * X's S3 prefixes, the DynamoDB items whose keys lead with `CUSTOMER#X`, and X's key under X's encryption context.
 *
 * Sessions are cached per customer (a warm Lambda serves the same customer again) and renewed 15 minutes before they
 * expire, so a URL presigned with one (valid 15 minutes) never outlives it. Without TENANT_ROLE_ARN (unit tests
 * running handlers against local services), the process's own clients serve.
 */
import type { KMS } from '@aws-sdk/client-kms';
import type { S3Client } from '@aws-sdk/client-s3';
import type { STSClient } from '@aws-sdk/client-sts';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AwsCredentialIdentity } from '@smithy/types';
import { requireCustomerId } from '../ids';
import { tracer } from '../powertools';
import { documentClient, kmsClientForKeyring, presigningS3Client, s3Client } from './clients';
import { nameFailedCalls } from './failures';
import { lazy } from '../lazy';
import { sdk } from './sdk';

/** The clients a handler uses for one customer's data. */
type TenantClients = {
  s3: S3Client;
  /** Presigns upload URLs (checksums only where required; see clients.ts). */
  presigningS3: S3Client;
  documents: DynamoDBDocumentClient;
  /** Region → KMS client for the Encryption SDK's KMS keyring. */
  kmsForKeyring: (region: string) => KMS;
};

/** Names the role a function assumes for one customer (template Globals). */
const TENANT_ROLE_ENV = 'TENANT_ROLE_ARN';
/** A session lasts the longest role chaining allows; renewed when less than this is left. */
const SESSION_SECONDS = 3600;
const RENEW_BEFORE_MS = 15 * 60 * 1000;
/** Customers whose clients a warm environment keeps. */
const MAX_CACHED_TENANTS = 8;

const sts = lazy((): STSClient => tracer.captureAWSv3Client(nameFailedCalls(new (sdk.sts().STSClient)({}))));

/** A credential provider for one customer's session, refreshed before it expires. */
const sessionCredentials = (roleArn: string, customerId: string): (() => Promise<AwsCredentialIdentity>) => {
  let current: AwsCredentialIdentity | undefined;
  return async () => {
    if (current?.expiration && current.expiration.getTime() - Date.now() > RENEW_BEFORE_MS) return current;
    const { Credentials } = await sts().send(
      new (sdk.sts().AssumeRoleCommand)({
        RoleArn: roleArn,
        RoleSessionName: customerId,
        DurationSeconds: SESSION_SECONDS,
        Tags: [{ Key: 'customerId', Value: customerId }],
      }),
    );
    current = {
      accessKeyId: Credentials!.AccessKeyId!,
      secretAccessKey: Credentials!.SecretAccessKey!,
      sessionToken: Credentials!.SessionToken,
      expiration: Credentials!.Expiration,
    };
    return current;
  };
};

const forcePathStyle = (): boolean => Boolean(process.env.AWS_ENDPOINT_URL_S3 ?? process.env.AWS_ENDPOINT_URL);

const tenants = new Map<string, TenantClients>();

const build = (roleArn: string, customerId: string): TenantClients => {
  const credentials = sessionCredentials(roleArn, customerId);
  const keyringClients = new Map<string, KMS>();
  return {
    s3: tracer.captureAWSv3Client(nameFailedCalls(new (sdk.s3().S3Client)({ credentials, forcePathStyle: forcePathStyle() }))),
    presigningS3: new (sdk.s3().S3Client)({ credentials, forcePathStyle: forcePathStyle(), requestChecksumCalculation: 'WHEN_REQUIRED' }),
    documents: sdk.documents().DynamoDBDocumentClient.from(tracer.captureAWSv3Client(nameFailedCalls(new (sdk.dynamodb().DynamoDBClient)({ credentials }))), {
      marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
    }),
    kmsForKeyring: (region) => {
      let client = keyringClients.get(region);
      if (!client) {
        client = tracer.captureAWSv3Client(nameFailedCalls(new (sdk.kms().KMS)({ region, credentials })));
        keyringClients.set(region, client);
      }
      return client;
    },
  };
};

/**
 * The clients to serve `customerId` with.
 *
 * @example
 * const { s3, documents } = forCustomer(event.customerId);
 */
const forCustomer = (customerId: unknown, field = 'customerId'): TenantClients => {
  const id = requireCustomerId(customerId, field);
  const roleArn = process.env[TENANT_ROLE_ENV];
  if (!roleArn) return { s3: s3Client(), presigningS3: presigningS3Client(), documents: documentClient(), kmsForKeyring: kmsClientForKeyring };
  let clients = tenants.get(id);
  if (!clients) {
    if (tenants.size >= MAX_CACHED_TENANTS) {
      const [oldest, evicted] = tenants.entries().next().value as [string, TenantClients];
      tenants.delete(oldest);
      evicted.s3.destroy();
      evicted.presigningS3.destroy();
      evicted.documents.destroy();
    }
    clients = build(roleArn, id);
    tenants.set(id, clients);
  }
  return clients;
};

export { TENANT_ROLE_ENV, forCustomer };
export type { TenantClients };
