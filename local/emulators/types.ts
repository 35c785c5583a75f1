/** Types shared by the local service emulators (S3, DynamoDB, EventBridge). */

/** A running emulator: where to reach it and how to stop it. */
type EmulatorHandle = {
  /** Base URL for the SDK `endpoint` option or `AWS_ENDPOINT_URL_<SERVICE>`, e.g. `http://127.0.0.1:4568`. */
  readonly endpoint: string;
  /** The port actually bound (differs from the requested one when 0 was asked for). */
  readonly port: number;
  /** Stops accepting connections, lets in-flight requests finish (bounded), closes idle keep-alive sockets. */
  stop(): Promise<void>;
};

/** Options every emulator takes. */
type EmulatorOptions = {
  /**
   * Port to listen on; 0 picks a free ephemeral port (tests).
   * @default the emulator's fixed default port
   */
  port?: number;
  /**
   * Loopback address to bind: emulators accept any credentials, so anything else is refused.
   * @default '127.0.0.1'
   */
  host?: string;
  /** Directory that holds the emulator's state; it survives restarts. Created when missing. */
  dataDir: string;
  /**
   * Wipe `dataDir` before starting.
   * @default false
   */
  fresh?: boolean;
  /**
   * How long `stop()` waits for in-flight requests before cutting their sockets.
   * @default 2000
   */
  shutdownGraceMs?: number;
};

export type { EmulatorHandle, EmulatorOptions };
