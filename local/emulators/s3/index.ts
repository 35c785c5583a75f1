/** The local S3-compatible emulator: `start()` (alias of `startS3Server`) and its option types. */
import { DEFAULT_S3_PORT, startS3Server, type S3RequestLogEntry, type S3ServerOptions } from './server';

/** Same as {@link startS3Server}: every emulator module exports `start(options)`. */
const start = startS3Server;

export { DEFAULT_S3_PORT, start, startS3Server };
export type { S3RequestLogEntry, S3ServerOptions };
