/**
 * Errors of the local service emulators themselves (start-up, ports, data directories, table templates).
 *
 * Errors that travel over the wire to an SDK client (S3 `NoSuchKey`, EventBridge `ResourceNotFoundException`,
 * …) are protocol errors and live with their emulator; these are the ones the orchestrator sees.
 */

/** Base class of every emulator start-up or configuration error. */
class EmulatorError extends Error {
  public constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'EmulatorError';
  }
}

/**
 * The requested port is already taken by another process (or another emulator).
 *
 * @example
 * throw new PortInUseError({ port: 4568, host: '127.0.0.1' });
 */
class PortInUseError extends EmulatorError {
  public readonly port: number;
  public readonly host: string;

  public constructor(context: { port: number; host: string }, options?: ErrorOptions) {
    super(
      `Port ${context.port} on ${context.host} is already in use; stop the process holding it or choose another port`,
      options,
    );
    this.name = 'PortInUseError';
    this.port = context.port;
    this.host = context.host;
  }
}

/** An emulator was asked to listen on a non-loopback address: they accept any credentials, so they stay on loopback. */
class NotLoopbackError extends EmulatorError {
  public readonly host: string;

  public constructor(context: { host: string }, options?: ErrorOptions) {
    super(
      `Refusing to listen on '${context.host}': local emulators accept any credentials and listen on loopback only (127.0.0.1, ::1 or localhost)`,
      options,
    );
    this.name = 'NotLoopbackError';
    this.host = context.host;
  }
}

/** `fresh: true` was asked for a data directory that is too dangerous to wipe (filesystem root, home, working directory). */
class UnsafeDataDirError extends EmulatorError {
  public readonly dataDir: string;

  public constructor(context: { dataDir: string; reason: string }, options?: ErrorOptions) {
    super(`Refusing to wipe data directory '${context.dataDir}': ${context.reason}`, options);
    this.name = 'UnsafeDataDirError';
    this.dataDir = context.dataDir;
  }
}

/** Another running emulator (in this process or another, named by `pid`) owns the data directory. */
class DataDirInUseError extends EmulatorError {
  public readonly dataDir: string;
  public readonly pid: number | undefined;

  public constructor(context: { dataDir: string; pid: number | undefined }, options?: ErrorOptions) {
    super(
      `Data directory '${context.dataDir}' is in use by another running emulator${context.pid === undefined ? '' : ` (process ${context.pid})`}; stop it or use another directory`,
      options,
    );
    this.name = 'DataDirInUseError';
    this.dataDir = context.dataDir;
    this.pid = context.pid;
  }
}

/** A CloudFormation `AWS::DynamoDB::Table` definition cannot be turned into a CreateTable call. */
class InvalidTableDefinitionError extends EmulatorError {
  public readonly tableName: string;
  public readonly field: string;

  public constructor(context: { tableName: string; field: string; problem: string }, options?: ErrorOptions) {
    super(`Table '${context.tableName}', property ${context.field}: ${context.problem}`, options);
    this.name = 'InvalidTableDefinitionError';
    this.tableName = context.tableName;
    this.field = context.field;
  }
}

/** A table already exists locally with a key schema other than the template's (left over from an older template). */
class TableSchemaMismatchError extends EmulatorError {
  public readonly tableName: string;
  public readonly expected: string;
  public readonly actual: string;

  public constructor(context: { tableName: string; expected: string; actual: string }, options?: ErrorOptions) {
    super(
      `Table '${context.tableName}' exists with key schema ${context.actual} but the template declares ${context.expected}; start with fresh to recreate it`,
      options,
    );
    this.name = 'TableSchemaMismatchError';
    this.tableName = context.tableName;
    this.expected = context.expected;
    this.actual = context.actual;
  }
}

/**
 * The emulator host thread (host/worker.ts) ended without being asked to: the services it ran (STS, DynamoDB, S3)
 * no longer answer.
 *
 * @example
 * throw new EmulatorHostExitedError({ exitCode: 1 });
 */
class EmulatorHostExitedError extends EmulatorError {
  public readonly exitCode?: number;

  public constructor(context: { exitCode?: number; reason?: string }, options?: ErrorOptions) {
    super(
      `The local emulator host (STS, DynamoDB, S3) stopped unexpectedly${context.reason ? `: ${context.reason}` : ` with exit code ${context.exitCode}`}; restart the local runtime`,
      options,
    );
    this.name = 'EmulatorHostExitedError';
    this.exitCode = context.exitCode;
  }
}

export {
  DataDirInUseError,
  EmulatorHostExitedError,
  EmulatorError,
  InvalidTableDefinitionError,
  NotLoopbackError,
  PortInUseError,
  TableSchemaMismatchError,
  UnsafeDataDirError,
};
