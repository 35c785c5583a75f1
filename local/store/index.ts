/**
 * The file-backed engine store of the local runtime.
 */
export { CorruptRecordError, FileStoreError, StateDirectoryLockedError, StoreClosedError } from './errors';
export { FileEngineStore } from './file-store';
export type { FileEngineStoreOptions, RecoveryReport } from './file-store';
export { INTERRUPTED_ERROR } from './recovery';
