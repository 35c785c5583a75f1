/**
 * Errors of the local Step Functions endpoint.
 *
 * A request the endpoint refuses before it reaches the engine becomes a {@link StepFunctionsProtocolError}: its
 * `errorType` is the name AWS puts in `__type` for the same refusal (`SerializationException`,
 * `ValidationException`, `UnknownOperationException`, …) and `statusCode` is the HTTP status sent with it.
 */

/** Wire names of the refusals the protocol layer itself produces. */
const ProtocolErrorTypes = {
  Serialization: 'SerializationException',
  Validation: 'ValidationException',
  UnknownOperation: 'UnknownOperationException',
  RequestTooLarge: 'RequestEntityTooLargeException',
  MissingAuthenticationToken: 'MissingAuthenticationTokenException',
  IncompleteSignature: 'IncompleteSignatureException',
  InvalidSignature: 'InvalidSignatureException',
  InternalFailure: 'InternalFailure',
} as const;

type ProtocolErrorType = (typeof ProtocolErrorTypes)[keyof typeof ProtocolErrorTypes];

/** Base class: a request refused by the endpoint, with the AWS error name and HTTP status to answer with. */
class StepFunctionsProtocolError extends Error {
  /** The AWS error name sent as `__type` (after the `com.amazonaws.states#` namespace). */
  public readonly errorType: ProtocolErrorType;
  /** The HTTP status code of the answer. */
  public readonly statusCode: number;

  public constructor(errorType: ProtocolErrorType, statusCode: number, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StepFunctionsProtocolError';
    this.errorType = errorType;
    this.statusCode = statusCode;
  }
}

/** The body is not JSON, not a JSON object, or a member has the wrong JSON type (AWS: `SerializationException`). */
class RequestSerializationError extends StepFunctionsProtocolError {
  /** Where in the request the problem is, as a member path such as `tags[0].key`, or `body` / `Content-Type`. */
  public readonly location: string;

  public constructor(location: string, message: string, options?: { cause?: unknown }) {
    super(ProtocolErrorTypes.Serialization, 400, message, options);
    this.name = 'RequestSerializationError';
    this.location = location;
  }
}

/** Members break the operation's constraints: missing, out of range, not in an enum (AWS: `ValidationException`). */
class RequestValidationError extends StepFunctionsProtocolError {
  /** One entry per violated constraint, each naming its member path. */
  public readonly violations: readonly string[];

  public constructor(violations: readonly string[], options?: { cause?: unknown }) {
    const count = violations.length;
    super(
      ProtocolErrorTypes.Validation,
      400,
      `${count} validation error${count === 1 ? '' : 's'} detected: ${violations.join('; ')}`,
      options
    );
    this.name = 'RequestValidationError';
    this.violations = violations;
  }
}

/** The `X-Amz-Target` header is missing, has another service's prefix, or names an operation not served here. */
class UnknownOperationError extends StepFunctionsProtocolError {
  /** The `X-Amz-Target` value as received, or undefined when the header was absent. */
  public readonly target: string | undefined;

  public constructor(target: string | undefined, message: string, options?: { cause?: unknown }) {
    super(ProtocolErrorTypes.UnknownOperation, 400, message, options);
    this.name = 'UnknownOperationError';
    this.target = target;
  }
}

/** The request body is larger than the endpoint accepts. */
class RequestTooLargeError extends StepFunctionsProtocolError {
  /** The configured limit in bytes. */
  public readonly limitBytes: number;
  /** The size announced by Content-Length or read so far, in bytes. */
  public readonly sizeBytes: number;

  public constructor(limitBytes: number, sizeBytes: number, options?: { cause?: unknown }) {
    super(
      ProtocolErrorTypes.RequestTooLarge,
      413,
      `Request body of ${sizeBytes} bytes or more exceeds the ${limitBytes}-byte request limit`,
      options
    );
    this.name = 'RequestTooLargeError';
    this.limitBytes = limitBytes;
    this.sizeBytes = sizeBytes;
  }
}

/** The Authorization header is missing (when required) or is not shaped like an AWS Signature Version 4 header. */
class RequestAuthorizationError extends StepFunctionsProtocolError {
  public constructor(
    errorType:
      | typeof ProtocolErrorTypes.MissingAuthenticationToken
      | typeof ProtocolErrorTypes.IncompleteSignature
      | typeof ProtocolErrorTypes.InvalidSignature,
    message: string,
    options?: { cause?: unknown }
  ) {
    // Coral-based JSON services (DynamoDB, Step Functions) answer these refusals with HTTP 400, not 403.
    super(errorType, 400, message, options);
    this.name = 'RequestAuthorizationError';
  }
}

/** The endpoint could not listen on the requested address (port taken, address not local). */
class EndpointListenError extends Error {
  public readonly host: string;
  public readonly port: number;

  public constructor(host: string, port: number, options?: { cause?: unknown }) {
    // Duck-typed: a socket error may come from another realm (jest's vm), where `instanceof Error` is false.
    const cause = options?.cause as { message?: unknown } | undefined;
    const reason = typeof cause?.message === 'string' ? `: ${cause.message}` : '';
    super(`Step Functions endpoint cannot listen on ${host}:${port}${reason}`, options);
    this.name = 'EndpointListenError';
    this.host = host;
    this.port = port;
  }
}

export {
  EndpointListenError,
  ProtocolErrorTypes,
  RequestAuthorizationError,
  RequestSerializationError,
  RequestTooLargeError,
  RequestValidationError,
  StepFunctionsProtocolError,
  UnknownOperationError,
};
export type { ProtocolErrorType };
