/** A Lambda Context as the runtime passes it, and the environment a handler reads its clients' endpoints from. */
import type { Context } from 'aws-lambda';
import { LOCAL_CREDENTIALS, REGION } from './local-services';

/**
 * @example
 * await handler(event, lambdaContext('CreateUploadFunction'));
 */
const lambdaContext = (functionName = 'test-function', functionVersion = '7'): Context => ({
  callbackWaitsForEmptyEventLoop: true,
  functionName,
  functionVersion,
  invokedFunctionArn: `arn:aws:lambda:${REGION}:000000000000:function:${functionName}:live`,
  memoryLimitInMB: '512',
  awsRequestId: 'c6af9ac6-7b61-11e6-9a41-93e812345678',
  logGroupName: `/aws/lambda/${functionName}`,
  logStreamName: '2024/05/01/[7]abcdef',
  getRemainingTimeInMillis: () => 30_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
});

/** Points the handlers' SDK clients at local endpoints (the SDK's standard AWS_ENDPOINT_URL_* settings). */
const useLocalEndpoints = (endpoints: { s3?: string; dynamodb?: string }, settings: Record<string, string> = {}): void => {
  Object.assign(process.env, {
    AWS_REGION: REGION,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    ...(endpoints.s3 ? { AWS_ENDPOINT_URL_S3: endpoints.s3 } : {}),
    ...(endpoints.dynamodb ? { AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamodb } : {}),
    ...settings,
  });
};

export { lambdaContext, useLocalEndpoints };
