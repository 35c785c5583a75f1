/**
 * What a failed invocation tells the workflow, and the customer: transient or permanent, the true cause, no stack.
 *
 * The SDK already retries a throttle or a 5xx a few times; what is still failing when it gives up reaches here.
 * Whether it is transient is decided by the SDK's own classification (`@smithy/core/retry`: throttling codes,
 * transient codes and statuses, timeouts, dropped connections), so the handlers and the SDK agree. The definitions
 * retry `TransientServiceError` with backoff and jitter and fail at once on anything else.
 *
 * Each client is annotated ({@link nameFailedCalls}) so a failure says which service, operation and object it was.
 */
import type { SdkError } from '@smithy/types';
import { failedUnitOf, PermanentServiceError, TransientServiceError, UpgradeImpactError, type FailedCall } from '../errors';
import { sdk } from './sdk';

/** Longest message a customer-facing failure carries (Step Functions keeps 32,768 characters of a cause). */
const MAX_MESSAGE_LENGTH = 2000;

/** What the annotation adds to an SDK error. */
type AnnotatedError = SdkError & { $service?: string; $operation?: string; $target?: string };

/** Node's codes for a connection that failed midway (the SDK's classification knows timeouts, not these). */
const NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNABORTED']);

const isSdkError = (error: unknown): error is AnnotatedError =>
  typeof error === 'object' && error !== null && ('$metadata' in error || '$fault' in error || '$operation' in error);

const isNetworkError = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && NETWORK_CODES.has(String((error as { code?: unknown }).code));

/** Whether a retry can fix this failure. */
const isTransient = (error: unknown): boolean => {
  if (isNetworkError(error)) return true;
  if (!isSdkError(error)) return false;
  const { isServerError, isThrottlingError, isTransientError } = sdk.retryClassification();
  return isThrottlingError(error) || isTransientError(error) || isServerError(error);
};

/** The object an operation addressed, from its input. */
const targetOf = (input: unknown): string | undefined => {
  const fields = (input ?? {}) as Record<string, unknown>;
  if (typeof fields.Bucket === 'string') return typeof fields.Key === 'string' ? `s3://${fields.Bucket}/${fields.Key}` : `s3://${fields.Bucket}`;
  if (typeof fields.TableName === 'string') return `table ${fields.TableName}`;
  if (typeof fields.KeyId === 'string') return `key ${fields.KeyId}`;
  if (typeof fields.RequestItems === 'object' && fields.RequestItems !== null) return `table ${Object.keys(fields.RequestItems).join(', ')}`;
  return undefined;
};

type MiddlewareClient = {
  middlewareStack: {
    add(
      middleware: (next: (args: { input: unknown }) => Promise<unknown>, context: { clientName?: string; commandName?: string }) => (args: { input: unknown }) => Promise<unknown>,
      options: { step: 'initialize'; name: string; override: boolean },
    ): void;
  };
};

/**
 * Makes every failure of the client's calls say which service, operation and object it was.
 *
 * @example
 * const s3 = nameFailedCalls(new S3Client({}));
 */
const nameFailedCalls = <T>(client: T): T => {
  (client as unknown as MiddlewareClient).middlewareStack.add(
    (next, context) => async (args) => {
      try {
        return await next(args);
      } catch (error) {
        if (typeof error === 'object' && error !== null) {
          Object.assign(error, {
            $service: context.clientName?.replace(/Client$/, '') ?? 'AWS',
            $operation: context.commandName?.replace(/Command$/, '') ?? 'request',
            $target: targetOf(args.input),
          });
        }
        throw error;
      }
    },
    { step: 'initialize', name: 'nameFailedCalls', override: true },
  );
  return client;
};

/** The errors an error was caused by, outermost first. */
const causeChain = (error: unknown): unknown[] => {
  const chain: unknown[] = [];
  for (let current = error; current !== undefined && current !== null && chain.length < 10; current = (current as { cause?: unknown }).cause) {
    chain.push(current);
    if (typeof current !== 'object') break;
  }
  return chain;
};

const callOf = (error: AnnotatedError | Error): FailedCall => {
  const sdk = error as AnnotatedError & { code?: string };
  return {
    service: sdk.$service ?? 'AWS',
    operation: sdk.$operation ?? 'request',
    ...(sdk.$target ? { target: sdk.$target } : {}),
    code: sdk.name && sdk.name !== 'Error' ? sdk.name : (sdk.code ?? 'Error'),
    ...(sdk.$metadata?.httpStatusCode ? { status: sdk.$metadata.httpStatusCode } : {}),
  };
};

const describeCall = (call: FailedCall, message: string): string =>
  `${call.service} ${call.operation}${call.target ? ` of ${call.target}` : ''} failed: ${call.code}${call.status ? ` (HTTP ${call.status})` : ''}${message && message !== call.code ? `: ${message}` : ''}`;

const bounded = (message: string): string => (message.length > MAX_MESSAGE_LENGTH ? `${message.slice(0, MAX_MESSAGE_LENGTH - 1)}…` : message);

/** A customer-facing error: its name and message, and a "stack" that is only those (no frames, no paths). */
const customerFacing = <E extends Error>(error: E): E => {
  error.message = bounded(error.message);
  error.stack = `${error.name}: ${error.message}`;
  return error;
};

/**
 * The error a failed invocation reports, named for the workflow: `TransientServiceError` when an AWS call can succeed
 * on a later attempt (whatever wrapped it), the application's own named error when there is one, otherwise
 * `PermanentServiceError` for a refused AWS call, or the error as it is. The unit it failed on, when known, leads the
 * message; the stack is left out (it goes to the logs, not to the customer).
 *
 * @example
 * throw nameFailure(error); // TransientServiceError: unit src/zfoo.prog.abap (ab12…): S3 GetObject of s3://…/units/acme/ab12… failed: SlowDown (HTTP 503): Please reduce your request rate.
 */
const nameFailure = (error: unknown): Error => {
  const inner = causeChain(error);
  const unit = inner.map(failedUnitOf).find((candidate) => candidate !== undefined);
  const prefix = unit ? `unit ${unit.path} (${unit.unitId}): ` : '';
  const service = inner.find((link) => isSdkError(link) || isNetworkError(link)) as (AnnotatedError & Error) | undefined;
  const named = inner.find((link): link is UpgradeImpactError => link instanceof UpgradeImpactError);
  if (service && isTransient(service)) {
    const call = callOf(service);
    return customerFacing(new TransientServiceError(`${prefix}${describeCall(call, service.message)}`, call, { cause: error }));
  }
  if (named) {
    const result = new UpgradeImpactError(`${prefix}${named.message}`, { cause: error });
    result.name = named.name;
    return customerFacing(Object.assign(result, named));
  }
  if (service) {
    const call = callOf(service);
    return customerFacing(new PermanentServiceError(`${prefix}${describeCall(call, service.message)}`, call, { cause: error }));
  }
  const plain = inner[0] instanceof Error ? (inner[0] as Error) : new Error(String(inner[0]));
  const result = new Error(`${prefix}${plain.message}`, { cause: error });
  result.name = plain.name;
  return customerFacing(result);
};

export { isTransient, nameFailedCalls, nameFailure, targetOf };
