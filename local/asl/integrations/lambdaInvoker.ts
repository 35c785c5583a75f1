/**
 * The seam between the Lambda integrations and whatever runs the functions: the AWS Lambda Invoke API by default,
 * or the application's local worker pool that runs the handlers named in template.yaml.
 */
import type { SdkClientLoader } from './sdk/clientLoader';
import { sendOperation } from './sdk/send';

/** One Invoke call, in the terms of the Lambda Invoke API. */
type LambdaInvokeRequest = {
  /** The function's name, without qualifier (ARNs and partial ARNs are reduced to it). */
  functionName: string;
  /** A version or alias, for example `live` or `$LATEST`. */
  qualifier?: string;
  /** The event, as JSON text. */
  payload: string;
  invocationType: 'RequestResponse' | 'Event';
  /** Base64 of a JSON object, passed to the function as `context.clientContext`. */
  clientContext?: string;
  /** `Tail` asks for the last 4 KB of the log, base64, in `logResult`. */
  logType?: 'None' | 'Tail';
  /** Aborted when the task times out or the execution stops. */
  signal: AbortSignal;
};

/** The Invoke API's answer. */
type LambdaInvokeResponse = {
  /** 200 for RequestResponse, 202 for Event. */
  statusCode: number;
  /** The function's result or, with `functionError`, its error object (`{errorType, errorMessage, trace}`), as text. */
  payload: string;
  /** Set when the function failed. */
  functionError?: 'Unhandled' | 'Handled';
  /** The version that ran, for example `$LATEST` or `3` for an alias pointing at version 3. */
  executedVersion: string;
  logResult?: string;
  /** The request id (x-amzn-RequestId); generated when absent. */
  requestId?: string;
};

/**
 * Invokes a Lambda function. A failure of the service (not of the function) is thrown as an error whose `name` is
 * the Invoke API's exception name (`ResourceNotFoundException`, `TooManyRequestsException`, `ServiceException`…),
 * as the AWS SDK throws it; the integration reports it as `Lambda.<name>`. Anything else thrown is reported as
 * `Lambda.SdkClientException`. A function error is not thrown: it is a response with `functionError` set.
 *
 * @example
 * const invoker: LambdaInvoker = async (request) => pool.invoke(request.functionName, request.payload, request.signal);
 */
type LambdaInvoker = (request: LambdaInvokeRequest) => Promise<LambdaInvokeResponse>;

/**
 * A LambdaInvoker on the AWS Lambda Invoke API through `@aws-sdk/client-lambda`, with the loader's client
 * configuration.
 *
 * @example
 * const invoker = createSdkLambdaInvoker(createSdkClientLoader({ clientConfig }));
 */
const createSdkLambdaInvoker =
  (loader: SdkClientLoader): LambdaInvoker =>
  async (request) => {
    const operation = loader.operation('lambda', 'invoke', 'arn:aws:states:::lambda:invoke');
    const { output } = await sendOperation(
      operation,
      {
        FunctionName: request.functionName,
        ...(request.qualifier === undefined ? {} : { Qualifier: request.qualifier }),
        InvocationType: request.invocationType,
        Payload: Buffer.from(request.payload, 'utf8'),
        ...(request.clientContext === undefined ? {} : { ClientContext: request.clientContext }),
        ...(request.logType === undefined ? {} : { LogType: request.logType }),
      },
      request.signal,
    );
    const payload = output.Payload instanceof Uint8Array ? Buffer.from(output.Payload).toString('utf8') : '';
    const metadata = output.$metadata as { requestId?: string } | undefined;
    return {
      statusCode: typeof output.StatusCode === 'number' ? output.StatusCode : 200,
      payload,
      ...(typeof output.FunctionError === 'string' && output.FunctionError !== ''
        ? { functionError: output.FunctionError === 'Handled' ? 'Handled' : 'Unhandled' }
        : {}),
      executedVersion: typeof output.ExecutedVersion === 'string' ? output.ExecutedVersion : '$LATEST',
      ...(typeof output.LogResult === 'string' ? { logResult: output.LogResult } : {}),
      ...(metadata?.requestId === undefined ? {} : { requestId: metadata.requestId }),
    };
  };

export { createSdkLambdaInvoker };
export type { LambdaInvokeRequest, LambdaInvokeResponse, LambdaInvoker };
