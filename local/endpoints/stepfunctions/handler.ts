/**
 * One AWS JSON 1.0 request in, one answer out: the protocol layer of the endpoint, free of sockets so it can be
 * tested on its own. It checks method, target, content type, signature shape and body, calls the matching
 * {@link StepFunctionsApi} method, and encodes the result or the error as AWS does.
 */
import { ApiError } from '../../asl/api';
import type { StepFunctionsApi } from '../../asl/api';
import { AuthorizationModes, checkAuthorization } from './authorization';
import type { AuthorizationMode } from './authorization';
import { ProtocolErrorTypes, RequestSerializationError, StepFunctionsProtocolError, UnknownOperationError } from './errors';
import { findOperation } from './operations';
import { conformInput } from './shapes';
import { AMZ_JSON_1_0, errorResponse, successResponse } from './wire';
import type { WireResponse } from './wire';

/** The prefix of `X-Amz-Target` for this service (the Smithy service shape name). */
const TARGET_PREFIX = 'AWSStepFunctions.';

/** An HTTP request as the protocol layer sees it; header names in lower case, as node delivers them. */
type WireRequest = {
  method: string;
  headers: Readonly<Record<string, string | string[] | undefined>>;
  body: Buffer;
};

/** Options of the protocol layer. */
type RequestHandlerOptions = {
  /**
   * Whether unsigned requests are refused (see authorization.ts).
   * @default 'optional'
   */
  authorization?: AuthorizationMode;
  /**
   * Called with an error the API threw that is not an {@link ApiError} (an engine bug), before it is answered
   * as HTTP 500 `InternalFailure`. The error may carry execution data: write its name, not its content, to logs.
   */
  onInternalError?: (error: unknown, operation: string) => void;
};

const header = (request: WireRequest, name: string): string | undefined => {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

const utf8 = new TextDecoder('utf-8', { fatal: true });

const parseBody = (body: Buffer): unknown => {
  let text: string;
  try {
    text = utf8.decode(body);
  } catch (error) {
    throw new RequestSerializationError('body', 'The request body is not valid UTF-8', { cause: error });
  }
  // The SDK sends `{}` for an operation without members; an empty body means the same.
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? `: ${error.message}` : '';
    throw new RequestSerializationError('body', `The request body is not valid JSON${detail}`, { cause: error });
  }
};

const resolveOperation = (request: WireRequest) => {
  const target = header(request, 'x-amz-target');
  if (target === undefined || target === '')
    throw new UnknownOperationError(target, `Missing X-Amz-Target header: expected '${TARGET_PREFIX}<Operation>'`);
  if (!target.startsWith(TARGET_PREFIX))
    throw new UnknownOperationError(target, `X-Amz-Target '${target}' is not a Step Functions operation: expected '${TARGET_PREFIX}<Operation>'`);
  const name = target.slice(TARGET_PREFIX.length);
  const operation = findOperation(name);
  if (operation === undefined)
    throw new UnknownOperationError(target, `Operation '${name}' is not served by the local Step Functions endpoint`);
  return { name, operation };
};

const checkContentType = (request: WireRequest): void => {
  const contentType = header(request, 'content-type');
  const mediaType = contentType?.split(';')[0]?.trim().toLowerCase();
  if (mediaType !== AMZ_JSON_1_0)
    throw new RequestSerializationError(
      'Content-Type',
      `Content-Type must be '${AMZ_JSON_1_0}' (got ${contentType === undefined ? 'none' : `'${contentType}'`})`
    );
};

// ApiError names become a `__type`; keep them to what a Smithy shape name can be, whatever an engine throws.
const safeErrorName = (name: string): string => (/^[A-Za-z][A-Za-z0-9_.]*$/.test(name) ? name : 'InternalFailure');

/**
 * Serves one request against `api`. Never throws: every failure becomes an AWS-shaped error answer.
 *
 * @example
 * const answer = await handleStepFunctionsRequest(engine, {
 *   method: 'POST',
 *   headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'AWSStepFunctions.ListStateMachines' },
 *   body: Buffer.from('{}'),
 * });
 */
const handleStepFunctionsRequest = async (
  api: StepFunctionsApi,
  request: WireRequest,
  options: RequestHandlerOptions = {}
): Promise<WireResponse> => {
  if (request.method !== 'POST') {
    const answer = errorResponse(
      405,
      ProtocolErrorTypes.UnknownOperation,
      `Method ${request.method} is not served: AWS JSON 1.0 requests are POST /`
    );
    return { ...answer, headers: { ...answer.headers, allow: 'POST' } };
  }
  let operationName = 'unknown';
  try {
    const { name, operation } = resolveOperation(request);
    operationName = name;
    checkContentType(request);
    checkAuthorization(header(request, 'authorization'), options.authorization ?? AuthorizationModes.Optional);
    const input = conformInput(operation.input, parseBody(request.body));
    const call = api[operation.method] as (input: unknown) => Promise<unknown>;
    return successResponse(await call.call(api, input));
  } catch (error) {
    if (error instanceof StepFunctionsProtocolError) return errorResponse(error.statusCode, error.errorType, error.message);
    if (error instanceof ApiError) return errorResponse(400, safeErrorName(error.name), error.message);
    options.onInternalError?.(error, operationName);
    const name = error instanceof Error ? error.name : typeof error;
    return errorResponse(500, ProtocolErrorTypes.InternalFailure, `The local engine failed while serving ${operationName} (${name})`);
  }
};

export { handleStepFunctionsRequest, TARGET_PREFIX };
export type { RequestHandlerOptions, WireRequest };
