/**
 * The AWS SDK packages the functions use, each loaded when a client of it is first built. What a function loads at
 * module scope is its cold start (Lambda's init phase, billed and waited for); a package that a function's code path
 * never reaches (CodeDeploy and Lambda outside the PreTraffic hook, KMS outside the KMS keyring) is never loaded.
 * Types come from `import type`, which costs nothing at run time.
 */

import { lazy } from '../lazy';

/* eslint-disable @typescript-eslint/no-require-imports */
const sdk = {
  s3: lazy(() => require('@aws-sdk/client-s3') as typeof import('@aws-sdk/client-s3')),
  s3Presigner: lazy(() => require('@aws-sdk/s3-request-presigner') as typeof import('@aws-sdk/s3-request-presigner')),
  dynamodb: lazy(() => require('@aws-sdk/client-dynamodb') as typeof import('@aws-sdk/client-dynamodb')),
  documents: lazy(() => require('@aws-sdk/lib-dynamodb') as typeof import('@aws-sdk/lib-dynamodb')),
  kms: lazy(() => require('@aws-sdk/client-kms') as typeof import('@aws-sdk/client-kms')),
  sts: lazy(() => require('@aws-sdk/client-sts') as typeof import('@aws-sdk/client-sts')),
  lambda: lazy(() => require('@aws-sdk/client-lambda') as typeof import('@aws-sdk/client-lambda')),
  codeDeploy: lazy(() => require('@aws-sdk/client-codedeploy') as typeof import('@aws-sdk/client-codedeploy')),
  /** The SDK's own error classification (throttling, transient, server), needed only once a call has failed. */
  retryClassification: lazy(() => require('@smithy/core/retry') as typeof import('@smithy/core/retry')),
};
/* eslint-enable @typescript-eslint/no-require-imports */

export { sdk };
