/**
 * The Lambda integrations: the optimized `arn:aws:states:::lambda:invoke[.waitForTaskToken]` and a plain function
 * ARN as Resource (the legacy form), both through a {@link LambdaInvoker}.
 *
 * What Step Functions does, and this does:
 * - `lambda:invoke` results are `{ExecutedVersion, Payload, SdkHttpMetadata, SdkResponseMetadata, StatusCode}`
 *   (plus `LogResult` with `LogType: Tail`), the Payload parsed from JSON (left as text when it is not JSON);
 * - a plain function ARN passes the whole task input as the event and its result is the payload alone;
 * - a function error fails the task with the function's `errorType` as Error and the error payload
 *   (`{"errorType":…,"errorMessage":…,"trace":[…]}`, as the runtime wrote it) as Cause; a function that fails
 *   without an error type (a crash, a timeout) is `Lambda.Unknown`;
 * - a service failure is `Lambda.<ExceptionName>` (`Lambda.TooManyRequestsException`, `Lambda.ServiceException`,
 *   `Lambda.ResourceNotFoundException`…), anything else `Lambda.SdkClientException`.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { StatesError, StatesErrorNames } from '../errors';
import { invalidParameter, parseFunctionName } from './lambdaFunctionName';
import type { LambdaInvokeRequest, LambdaInvokeResponse, LambdaInvoker } from './lambdaInvoker';
import { throwIfAborted, toSdkStatesError } from './sdk/failures';
import { sdkResponseMetadata } from './sdk/send';
import { objectArguments, requiredString, resourceLabel, serviceResource } from './taskArguments';
import type { ServiceIntegration, TaskRequest } from './types';

/** The fields Step Functions accepts for lambda:invoke (LogType is outside the documented list but accepted). */
const LAMBDA_INVOKE_FIELDS = ['FunctionName', 'Payload', 'InvocationType', 'Qualifier', 'ClientContext', 'LogType'] as const;

const ERROR_STYLE = { prefix: 'Lambda', family: 'v1', v1ServiceName: 'AWSLambda' } as const;

/**
 * The event text for a Payload value: JSON text is sent as it is, anything else as its JSON serialisation; no
 * Payload is an empty object.
 */
const payloadText = (payload: unknown): string => {
  if (payload === undefined || payload === null) return '{}';
  if (typeof payload === 'string') {
    try {
      JSON.parse(payload);
      return payload;
    } catch {
      return JSON.stringify(payload);
    }
  }
  return JSON.stringify(payload);
};

/** The Payload of a result: parsed JSON, or the text itself when it is not JSON (an Event invocation's ''). */
const parsePayload = (text: string): unknown => {
  if (text === '') return '';
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
};

/** The StatesError of a function error, named by the error type the runtime reported. */
const functionErrorToStatesError = (response: LambdaInvokeResponse): StatesError => {
  let errorType: unknown;
  try {
    errorType = (JSON.parse(response.payload) as { errorType?: unknown } | null)?.errorType;
  } catch {
    errorType = undefined;
  }
  if (typeof errorType === 'string' && errorType !== '') return new StatesError(errorType, response.payload);
  return new StatesError(
    'Lambda.Unknown',
    `The cause could not be determined because Lambda did not return an error type. Returned payload: ${response.payload}`,
  );
};

const invokeFunction = async (invoker: LambdaInvoker, request: LambdaInvokeRequest): Promise<LambdaInvokeResponse> => {
  let response: LambdaInvokeResponse;
  try {
    response = await invoker(request);
  } catch (error) {
    throwIfAborted(request.signal, error);
    throw toSdkStatesError(error, ERROR_STYLE);
  }
  if (response.functionError !== undefined) throw functionErrorToStatesError(response);
  return response;
};

/** An X-Ray trace header value: epoch seconds in hex, then 96 random bits (X-Ray trace id format). */
const traceId = (): string =>
  `root=1-${Math.floor(Date.now() / 1000).toString(16)}-${randomBytes(12).toString('hex')};sampled=0`;

/** Synthesises the Invoke API's response headers, which a LambdaInvoker does not report. */
const invokeHeaders = (response: LambdaInvokeResponse, requestId: string): Record<string, string> => ({
  Connection: 'keep-alive',
  'Content-Length': String(Buffer.byteLength(response.payload)),
  'Content-Type': 'application/json',
  Date: new Date().toUTCString(),
  'X-Amz-Executed-Version': response.executedVersion,
  'x-amzn-Remapped-Content-Length': '0',
  'x-amzn-RequestId': requestId,
  'X-Amzn-Trace-Id': traceId(),
});

const optionalString = (args: Record<string, unknown>, field: string, label: string): string | undefined => {
  const value = args[field];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') {
    throw invalidParameter(`${field} of ${label} must be a string, got ${JSON.stringify(value)}`);
  }
  return value;
};

/**
 * Creates the `lambda:invoke` integration (request-response and `.waitForTaskToken`).
 *
 * @example
 * const invoke = createLambdaInvokeIntegration(invoker);
 * const result = await invoke.invoke(request); // { ExecutedVersion, Payload, SdkHttpMetadata, … }
 */
const createLambdaInvokeIntegration = (invoker: LambdaInvoker): ServiceIntegration => ({
  async invoke(request: TaskRequest): Promise<unknown> {
    const resource = serviceResource(request, ['requestResponse', 'waitForTaskToken']);
    const label = resourceLabel(resource);
    const args = objectArguments(request, LAMBDA_INVOKE_FIELDS);
    const reference = parseFunctionName(
      requiredString(args, 'FunctionName', label),
      optionalString(args, 'Qualifier', label),
    );
    const invocationType = optionalString(args, 'InvocationType', label) ?? 'RequestResponse';
    const logType = optionalString(args, 'LogType', label);
    if (logType !== undefined && logType !== 'None' && logType !== 'Tail') {
      throw invalidParameter(`LogType must be None or Tail, got '${logType}'`);
    }
    if (invocationType === 'DryRun') {
      // DryRun only checks permissions and parameters; the Invoke API answers 204 with an empty payload.
      const requestId = randomUUID();
      const dryRun: LambdaInvokeResponse = { statusCode: 204, payload: '', executedVersion: '$LATEST' };
      return { Payload: '', ...sdkResponseMetadata({ statusCode: 204, headers: invokeHeaders(dryRun, requestId) }, requestId), StatusCode: 204 };
    }
    if (invocationType !== 'RequestResponse' && invocationType !== 'Event') {
      throw invalidParameter(`InvocationType must be RequestResponse, Event or DryRun, got '${invocationType}'`);
    }
    const clientContext = optionalString(args, 'ClientContext', label);
    const response = await invokeFunction(invoker, {
      ...reference,
      payload: payloadText(args.Payload),
      invocationType,
      ...(clientContext === undefined ? {} : { clientContext }),
      ...(logType === undefined ? {} : { logType }),
      signal: request.signal,
    });
    const requestId = response.requestId ?? randomUUID();
    return {
      ExecutedVersion: response.executedVersion,
      ...(response.logResult === undefined ? {} : { LogResult: response.logResult }),
      Payload: parsePayload(response.payload),
      ...sdkResponseMetadata({ statusCode: response.statusCode, headers: invokeHeaders(response, requestId) }, requestId),
      StatusCode: response.statusCode,
    };
  },
});

/**
 * Creates the integration for a plain Lambda function ARN as Resource: the task input is the event, the function's
 * payload is the result.
 *
 * @example
 * const legacy = createLambdaFunctionIntegration(invoker);
 * await legacy.invoke(request); // request.resource = parseResource('arn:aws:lambda:…:function:split-source:live')
 */
const createLambdaFunctionIntegration = (invoker: LambdaInvoker): ServiceIntegration => ({
  async invoke(request: TaskRequest): Promise<unknown> {
    const { resource } = request;
    if (resource.kind !== 'lambda-function') {
      throw new StatesError(StatesErrorNames.Runtime, `The resource '${resource.arn}' is not a Lambda function ARN`);
    }
    const response = await invokeFunction(invoker, {
      functionName: resource.functionName,
      ...(resource.qualifier === undefined ? {} : { qualifier: resource.qualifier }),
      payload: JSON.stringify(request.arguments ?? null),
      invocationType: 'RequestResponse',
      signal: request.signal,
    });
    return parsePayload(response.payload);
  },
});

export { createLambdaFunctionIntegration, createLambdaInvokeIntegration, LAMBDA_INVOKE_FIELDS };
