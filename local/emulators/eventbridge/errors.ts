/**
 * EventBridge protocol errors: answered as AWS JSON 1.1 error documents (`{"__type": …, "message": …}`), which
 * the SDK turns back into exceptions of the same name.
 */

/** Error types EventBridge uses for the operations emulated here, with their HTTP status. */
const EVENTBRIDGE_ERRORS = {
  AccessDeniedException: 400,
  InternalException: 500,
  NotImplemented: 501,
  ResourceAlreadyExistsException: 400,
  ResourceNotFoundException: 400,
  SerializationException: 400,
  ThrottlingException: 400,
  UnknownOperationException: 400,
  ValidationException: 400,
} as const;

type EventBridgeErrorType = keyof typeof EVENTBRIDGE_ERRORS;

/**
 * An error answered to the client as EventBridge would answer it.
 *
 * @example
 * throw new EventBridgeApiError('ResourceNotFoundException', 'Event bus app-bus does not exist.');
 */
class EventBridgeApiError extends Error {
  /** The `__type` the SDK maps to an exception class, e.g. `ResourceNotFoundException`. */
  public readonly type: EventBridgeErrorType;
  public readonly statusCode: number;

  public constructor(type: EventBridgeErrorType, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'EventBridgeApiError';
    this.type = type;
    this.statusCode = EVENTBRIDGE_ERRORS[type];
  }
}

export { EVENTBRIDGE_ERRORS, EventBridgeApiError };
export type { EventBridgeErrorType };
