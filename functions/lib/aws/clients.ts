/**
 * AWS SDK clients, one per process, captured by the Tracer.
 *
 * Every client's failures name the service, operation and object (failures.ts), so a failed run says what failed.
 *
 * Endpoints come from the SDK's standard settings (AWS_ENDPOINT_URL_S3, AWS_ENDPOINT_URL_DYNAMODB, …), so the
 * local runtime points the same code at its local services. The one local difference is S3 addressing: a local
 * endpoint has no per-bucket DNS names, so path-style addressing is used whenever an S3 endpoint is configured.
 */
import type { CodeDeployClient } from '@aws-sdk/client-codedeploy';
import type { KMS, KMSClient } from '@aws-sdk/client-kms';
import type { LambdaClient } from '@aws-sdk/client-lambda';
import type { S3Client } from '@aws-sdk/client-s3';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { tracer } from '../powertools';
import { nameFailedCalls } from './failures';
import { lazy } from '../lazy';
import { sdk } from './sdk';

const s3Client = lazy(() =>
  tracer.captureAWSv3Client(
    nameFailedCalls(new (sdk.s3().S3Client)({ forcePathStyle: Boolean(process.env.AWS_ENDPOINT_URL_S3 ?? process.env.AWS_ENDPOINT_URL) })),
  ),
);

/**
 * The client that presigns upload URLs. With the SDK's default flexible checksums, a presigned PutObject carries
 * the CRC32 of an empty body in its query string, and S3 then refuses the real upload (BadDigest): checksums are
 * computed only where an operation requires them.
 */
const presigningS3Client = lazy(
  () =>
    new (sdk.s3().S3Client)({
      forcePathStyle: Boolean(process.env.AWS_ENDPOINT_URL_S3 ?? process.env.AWS_ENDPOINT_URL),
      requestChecksumCalculation: 'WHEN_REQUIRED',
    }),
);

/** DocumentClient: plain JS values in and out, empty strings kept, undefined fields dropped. */
const documentClient = lazy(() =>
  sdk.documents().DynamoDBDocumentClient.from(tracer.captureAWSv3Client(nameFailedCalls(new (sdk.dynamodb().DynamoDBClient)({}))), {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  }),
);

const kmsClient = lazy(() => tracer.captureAWSv3Client(nameFailedCalls(new (sdk.kms().KMSClient)({}))));
/**
 * KMS clients for the Encryption SDK's KMS keyring, which calls the aggregated client (`generateDataKey`,
 * `decrypt`), one per region (a key ARN names its region), captured by the Tracer.
 */
const keyringKmsClients = new Map<string, KMS>();
const kmsClientForKeyring = (region: string): KMS => {
  let client = keyringKmsClients.get(region);
  if (!client) {
    client = tracer.captureAWSv3Client(nameFailedCalls(new (sdk.kms().KMS)({ region })));
    keyringKmsClients.set(region, client);
  }
  return client;
};
const lambdaClient = lazy(() => tracer.captureAWSv3Client(new (sdk.lambda().LambdaClient)({})));
const codeDeployClient = lazy(() => tracer.captureAWSv3Client(new (sdk.codeDeploy().CodeDeployClient)({})));

export { codeDeployClient, documentClient, kmsClient, kmsClientForKeyring, lambdaClient, presigningS3Client, s3Client };
