/**
 * The local Step Functions endpoint: an AWS JSON 1.0 server over any {@link StepFunctionsApi}.
 */
export { AuthorizationModes } from './authorization';
export type { AuthorizationMode } from './authorization';
export { stepFunctionsClientConfig } from './client-config';
export type { LocalStepFunctionsClientConfig } from './client-config';
export {
  EndpointListenError,
  ProtocolErrorTypes,
  RequestAuthorizationError,
  RequestSerializationError,
  RequestTooLargeError,
  RequestValidationError,
  StepFunctionsProtocolError,
  UnknownOperationError,
} from './errors';
export type { ProtocolErrorType } from './errors';
export { handleStepFunctionsRequest } from './handler';
export type { RequestHandlerOptions, WireRequest } from './handler';
export { DEFAULT_MAX_REQUEST_BYTES, DEFAULT_PORT, startStepFunctionsEndpoint } from './server';
export type { StepFunctionsEndpoint, StepFunctionsEndpointOptions } from './server';
export type { WireResponse } from './wire';
