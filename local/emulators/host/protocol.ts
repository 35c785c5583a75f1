/** Messages between the runtime's main thread and the emulator host thread (worker.ts). */
import type { InjectedFault, FaultRequest } from '../../faults';
import type { RoleDefinition } from '../../iam';

/** The services the host runs. */
type HostedService = 'sts' | 'dynamodb' | 's3';

/** What a hosted service with a data directory takes (EmulatorOptions, as plain data). */
type HostedStoreConfig = {
  port: number;
  host?: string;
  dataDir: string;
  fresh?: boolean;
  shutdownGraceMs?: number;
  /** Ask the main thread's fault switch before each request. */
  faults: boolean;
};

/** What the host starts, as plain data (it crosses to the worker by structured clone). */
type EmulatorHostConfig = {
  accountId: string;
  region: string;
  /** The template's roles: STS issues their sessions, S3 and DynamoDB hold session requests to their policies. */
  roles: RoleDefinition[];
  sts: { port: number; host?: string };
  dynamodb: HostedStoreConfig & {
    /** Verify role sessions' requests against their role's policies, with each table's partition key. */
    verifySessions?: { hashKeys: [table: string, hashKey: string][] };
  };
  s3: HostedStoreConfig & {
    /** Access key id → secret of the keys that are not sessions (the runtime's own clients). */
    keys: Record<string, string>;
  };
};

/** An error as it crosses threads: its class name, message, and own fields (a port, a data directory…). */
type SerializedError = { name: string; message: string; stack?: string; fields: Record<string, unknown> };

type HostEndpoints = Record<HostedService, { endpoint: string; port: number }>;

/** Host → main. */
type HostMessage =
  | { type: 'started'; endpoints: HostEndpoints }
  | { type: 'start-failed'; error: SerializedError }
  | { type: 'fault'; id: number; service: 'dynamodb' | 's3'; request: FaultRequest }
  | { type: 'stopped'; errors: SerializedError[] };

/** Main → host. */
type MainMessage = { type: 'fault-answer'; id: number; fault?: InjectedFault } | { type: 'stop' };

export type { EmulatorHostConfig, HostedService, HostEndpoints, HostMessage, MainMessage, SerializedError };
