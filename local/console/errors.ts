/** Errors the console's API answers with: each carries its HTTP status and a message a person can act on. */

/** Base of the console's errors. */
class ConsoleError extends Error {
  public readonly status: number;

  public constructor(status: number, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ConsoleError';
    this.status = status;
  }
}

/** What the request names does not exist (an execution, a run, a function, a page of the API). */
class ConsoleNotFoundError extends ConsoleError {
  public constructor(message: string, options?: ErrorOptions) {
    super(404, message, options);
    this.name = 'ConsoleNotFoundError';
  }
}

/** A request the console cannot answer as asked (a malformed parameter). */
class ConsoleBadRequestError extends ConsoleError {
  public constructor(message: string, options?: ErrorOptions) {
    super(400, message, options);
    this.name = 'ConsoleBadRequestError';
  }
}

/** A request from off the machine, or for a host name that is not loopback (DNS rebinding). */
class ConsoleForbiddenError extends ConsoleError {
  public constructor(message: string) {
    super(403, message);
    this.name = 'ConsoleForbiddenError';
  }
}

export { ConsoleBadRequestError, ConsoleError, ConsoleForbiddenError, ConsoleNotFoundError };
