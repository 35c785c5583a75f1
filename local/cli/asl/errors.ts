/**
 * Errors of the `asl` command. Both mean "nothing ran, fix the command or its files" and end with exit code 1.
 */

/** The command line itself is wrong: unknown command or option, missing or malformed value. */
class UsageError extends Error {
  public constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'UsageError';
  }
}

/** A file the command was given cannot be used: missing, not JSON, not a definition, a bad case line. */
class SetupError extends Error {
  /** The file involved. */
  public readonly path: string;
  /** The 1-based line, for JSON Lines files. */
  public readonly line: number | undefined;

  public constructor(path: string, message: string, options?: { cause?: unknown; line?: number }) {
    super(`${path}${options?.line === undefined ? '' : `:${options.line}`}: ${message}`, options);
    this.name = 'SetupError';
    this.path = path;
    this.line = options?.line;
  }
}

export { SetupError, UsageError };
