/**
 * Turns what an AWS SDK call throws into the StatesError Step Functions reports for it.
 *
 * Two families, as Step Functions has them:
 * - the optimized integrations (Lambda, DynamoDB, …), built on the AWS SDK for Java 1.x: `<Prefix>.<ErrorCode>`
 *   with a cause like `The conditional request failed (Service: AmazonDynamoDBv2; Status Code: 400; Error Code:
 *   ConditionalCheckFailedException; Request ID: …; Proxy: null)`;
 * - the AWS SDK integrations, built on the AWS SDK for Java 2.x: `<ServiceName>.<ErrorName>` where the error name
 *   always ends in `Exception` ("include the Exception suffix … even if the suffix is not already part of the error
 *   name", developer guide: S3 `NoSuchKey` → `S3.NoSuchKeyException`), with a cause like `… (Service: S3, Status
 *   Code: 404, Request ID: …)`.
 * A failure before any response (connection refused, credentials, DNS) is `<Prefix>.SdkClientException`.
 */
import { StatesError } from '../../errors';

/** A failure the service answered with. */
type ServiceFailure = {
  kind: 'service';
  /** The exception name, for example `ConditionalCheckFailedException` or `NoSuchKey`. */
  name: string;
  message: string;
  statusCode?: number;
  requestId?: string;
  extendedRequestId?: string;
};

/** A failure of the client itself: no service response. */
type ClientFailure = { kind: 'client'; name: string; message: string };

/** How one integration names errors. */
type ErrorStyle = {
  /** The error name prefix, for example `DynamoDB`, `Lambda` or (AWS SDK integrations) `DynamoDb`. */
  prefix: string;
  /** `v1` for the optimized integrations, `v2` for the AWS SDK integrations. */
  family: 'v1' | 'v2';
  /** The `Service:` part of a v1 cause, for example `AmazonDynamoDBv2` or `AWSLambda`. */
  v1ServiceName?: string;
};

type SdkErrorShape = {
  name?: unknown;
  message?: unknown;
  $fault?: unknown;
  $metadata?: { httpStatusCode?: unknown; requestId?: unknown; extendedRequestId?: unknown };
  statusCode?: unknown;
};

/**
 * Classifies a thrown value: an SDK service exception (it has `$fault` and an HTTP status), an error named like a
 * service exception by an in-process implementation (for example the local Lambda pool's
 * `TooManyRequestsException`), or a client-side failure.
 */
const classifySdkError = (thrown: unknown): ServiceFailure | ClientFailure => {
  const error = (typeof thrown === 'object' && thrown !== null ? thrown : {}) as SdkErrorShape;
  const name = typeof error.name === 'string' && error.name !== '' ? error.name : 'Error';
  const message = typeof error.message === 'string' ? error.message : String(thrown);
  const statusCode =
    typeof error.$metadata?.httpStatusCode === 'number'
      ? error.$metadata.httpStatusCode
      : typeof error.statusCode === 'number'
        ? error.statusCode
        : undefined;
  const isService =
    (typeof error.$fault === 'string' && statusCode !== undefined) || (name.endsWith('Exception') && name !== 'SdkClientException');
  if (!isService) return { kind: 'client', name, message };
  return {
    kind: 'service',
    name,
    message,
    ...(statusCode === undefined ? {} : { statusCode }),
    ...(typeof error.$metadata?.requestId === 'string' ? { requestId: error.$metadata.requestId } : {}),
    ...(typeof error.$metadata?.extendedRequestId === 'string'
      ? { extendedRequestId: error.$metadata.extendedRequestId }
      : {}),
  };
};

const v1Cause = (failure: ServiceFailure, serviceName: string): string =>
  `${failure.message} (Service: ${serviceName}; Status Code: ${failure.statusCode ?? 'unknown'}; Error Code: ` +
  `${failure.name}; Request ID: ${failure.requestId ?? 'null'}; Proxy: null)`;

const v2Cause = (failure: ServiceFailure, serviceName: string): string =>
  `${failure.message} (Service: ${serviceName}, Status Code: ${failure.statusCode ?? 'unknown'}, Request ID: ` +
  `${failure.requestId ?? 'null'}` +
  `${failure.extendedRequestId === undefined ? '' : `, Extended Request ID: ${failure.extendedRequestId}`})`;

/**
 * The StatesError for a failed SDK call, named in the integration's style.
 *
 * @example
 * toSdkStatesError(error, { prefix: 'DynamoDB', family: 'v1', v1ServiceName: 'AmazonDynamoDBv2' });
 * // StatesError DynamoDB.ConditionalCheckFailedException
 */
const toSdkStatesError = (thrown: unknown, style: ErrorStyle): StatesError => {
  if (thrown instanceof StatesError) return thrown;
  const failure = classifySdkError(thrown);
  if (failure.kind === 'client') {
    return new StatesError(`${style.prefix}.SdkClientException`, `Unable to execute HTTP request: ${failure.message}`, {
      origin: thrown,
    });
  }
  if (style.family === 'v1') {
    return new StatesError(`${style.prefix}.${failure.name}`, v1Cause(failure, style.v1ServiceName ?? style.prefix), {
      origin: thrown,
    });
  }
  const name = failure.name.endsWith('Exception') ? failure.name : `${failure.name}Exception`;
  return new StatesError(`${style.prefix}.${name}`, v2Cause(failure, style.prefix), { origin: thrown });
};

/**
 * Rethrows the abort reason when the task's signal is aborted: a timeout or a stopped execution is the
 * interpreter's to report (States.Timeout, ExecutionAborted), never a service error.
 */
const throwIfAborted = (signal: AbortSignal, thrown: unknown): void => {
  if (signal.aborted) throw signal.reason ?? thrown;
};

export { classifySdkError, throwIfAborted, toSdkStatesError };
export type { ClientFailure, ErrorStyle, ServiceFailure };
