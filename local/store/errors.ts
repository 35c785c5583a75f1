/**
 * Errors of the file-backed engine store.
 */

/** Base class of the store's errors; `path` is the file or directory involved. */
class FileStoreError extends Error {
  public readonly path: string;

  public constructor(message: string, path: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'FileStoreError';
    this.path = path;
  }
}

/** Another live process holds the state directory (two engines writing one directory would corrupt it). */
class StateDirectoryLockedError extends FileStoreError {
  /** The process id written in the lock file. */
  public readonly ownerPid: number;

  public constructor(path: string, ownerPid: number, options?: { cause?: unknown }) {
    super(
      `State directory is in use by process ${ownerPid} (lock file ${path}); stop that process or use another --state-dir`,
      path,
      options
    );
    this.name = 'StateDirectoryLockedError';
    this.ownerPid = ownerPid;
  }
}

/** A record file holds something that is not a record this store wrote. */
class CorruptRecordError extends FileStoreError {
  public constructor(path: string, reason: string, options?: { cause?: unknown }) {
    super(`Corrupt store record ${path}: ${reason}`, path, options);
    this.name = 'CorruptRecordError';
  }
}

/** The store was used after {@link FileEngineStore.close}. */
class StoreClosedError extends FileStoreError {
  /** The store operation that was refused. */
  public readonly operation: string;

  public constructor(path: string, operation: string, options?: { cause?: unknown }) {
    super(`File engine store at ${path} is closed; ${operation} refused`, path, options);
    this.name = 'StoreClosedError';
    this.operation = operation;
  }
}

export { CorruptRecordError, FileStoreError, StateDirectoryLockedError, StoreClosedError };
