/**
 * Finds, at call time, the AWS SDK for JavaScript v3 client of a service and the command of an API action, so that
 * `aws-sdk:<service>:<action>` works for any service whose `@aws-sdk/client-<service>` package is installed, with no
 * list of services to maintain. One client per service, built with the configuration the application supplies.
 */
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { StatesError, StatesErrorNames } from '../../errors';
import { defaultClientPackage, packageServes } from './serviceNames';
import { operationSchemas } from './shape';
import type { Schema } from './shape';

/** The parts of a v3 command the integrations use. */
type SdkCommand = {
  readonly input: unknown;
  /** The static operation schema `[9, namespace, name, traits, input, output]` of schema-based clients. */
  readonly schema?: unknown;
  readonly middlewareStack: {
    add(middleware: unknown, options: { step: 'initialize'; name?: string; priority?: 'high' | 'normal' | 'low' }): void;
  };
};

/** The parts of a v3 client the integrations use. */
type SdkClient = {
  send(command: SdkCommand, options?: { abortSignal?: AbortSignal }): Promise<Record<string, unknown>>;
  destroy(): void;
  readonly config: { readonly serviceId?: string };
};

/** What `@smithy/core/schema` offers, typed only as far as it is used (see ./shape.ts). */
type SchemaModule = { NormalizedSchema: { of(schema: unknown): unknown } };

/** An API action ready to call. */
type SdkOperation = {
  /** The service as written in the resource, for example `dynamodb`. */
  service: string;
  /** The service id of the SDK (`DynamoDB`, `ACM PCA`, `S3`), from which error names are built. */
  serviceId: string;
  /** The package the client came from, for messages. */
  packageName: string;
  /** The command class name, for example `GetItemCommand`. */
  commandName: string;
  client: SdkClient;
  /** Builds the command for an SDK input. */
  createCommand(input: unknown): SdkCommand;
  /** The operation's input and output schemas, when the client is schema-based. */
  schemas?: { input: Schema; output: Schema };
};

/** Loads operations; `destroy` closes every client it built. */
type SdkClientLoader = {
  operation(service: string, action: string, resourceArn: string): SdkOperation;
  destroy(): void;
};

type LoaderOptions = {
  /** Client configuration per service (region, endpoint, credentials, forcePathStyle…); default: the SDK's own. */
  clientConfig?: (service: string) => Record<string, unknown>;
  /** How packages are resolved; tests point it elsewhere. @default require from this file's location */
  requireFrom?: NodeJS.Require;
};

type LoadedPackage = {
  packageName: string;
  exports: Record<string, unknown>;
  schemaModule?: SchemaModule;
};

const isConstructor = (value: unknown): value is new (...args: unknown[]) => unknown => typeof value === 'function';

const findInstalledPackage = (localRequire: NodeJS.Require, service: string): string | undefined => {
  for (const directory of localRequire.resolve.paths('@aws-sdk/client-') ?? []) {
    let names: string[];
    try {
      names = readdirSync(join(directory, '@aws-sdk'));
    } catch {
      continue;
    }
    const name = names.find((candidate) => packageServes(candidate, service));
    if (name !== undefined) return `@aws-sdk/${name}`;
  }
  return undefined;
};

const loadSchemaModule = (packagePath: string): SchemaModule | undefined => {
  try {
    const schemaModule = createRequire(packagePath)('@smithy/core/schema') as Partial<SchemaModule>;
    return typeof schemaModule.NormalizedSchema?.of === 'function' ? (schemaModule as SchemaModule) : undefined;
  } catch {
    return undefined;
  }
};

const notInstalled = (service: string, resourceArn: string): StatesError => {
  const packageName = defaultClientPackage(service);
  return new StatesError(
    StatesErrorNames.Runtime,
    `The resource '${resourceArn}' needs the AWS SDK for JavaScript v3 client of '${service}', which is not installed: ` +
      `install it with 'npm install ${packageName}' (or the @aws-sdk/client-* package of that service)`,
  );
};

/**
 * Creates a loader that resolves `@aws-sdk/client-<service>` on first use and caches one client per service.
 *
 * @example
 * const loader = createSdkClientLoader({ clientConfig: () => ({ region: 'us-east-1', endpoint: 'http://127.0.0.1:4569' }) });
 * const getItem = loader.operation('dynamodb', 'getItem', resourceArn);
 * await getItem.client.send(getItem.createCommand({ TableName: 't', Key: { PK: { S: 'a' } } }));
 */
const createSdkClientLoader = (options: LoaderOptions = {}): SdkClientLoader => {
  const localRequire = options.requireFrom ?? require;
  const packages = new Map<string, LoadedPackage>();
  const clients = new Map<string, SdkClient>();
  const operations = new Map<string, SdkOperation>();

  const loadPackage = (service: string, resourceArn: string): LoadedPackage => {
    const cached = packages.get(service);
    if (cached !== undefined) return cached;
    let packageName = defaultClientPackage(service);
    let packagePath: string;
    try {
      packagePath = localRequire.resolve(packageName);
    } catch {
      const found = findInstalledPackage(localRequire, service);
      if (found === undefined) throw notInstalled(service, resourceArn);
      packageName = found;
      packagePath = localRequire.resolve(packageName);
    }
    const loaded: LoadedPackage = {
      packageName,
      exports: localRequire(packageName) as Record<string, unknown>,
      schemaModule: loadSchemaModule(packagePath),
    };
    packages.set(service, loaded);
    return loaded;
  };

  const clientFor = (service: string, loaded: LoadedPackage): SdkClient => {
    const cached = clients.get(service);
    if (cached !== undefined) return cached;
    // Every v3 package exports exactly one bare client class `<Name>Client` (and `__Client`, the smithy base).
    const entry = Object.entries(loaded.exports).find(
      ([name, value]) =>
        name.endsWith('Client') &&
        name !== '__Client' &&
        isConstructor(value) &&
        typeof (value.prototype as { send?: unknown }).send === 'function',
    );
    if (entry === undefined) {
      throw new StatesError(StatesErrorNames.Runtime, `The package ${loaded.packageName} exports no AWS SDK v3 client class`);
    }
    const ClientClass = entry[1] as new (config: Record<string, unknown>) => SdkClient;
    const client = new ClientClass(options.clientConfig?.(service) ?? {});
    clients.set(service, client);
    return client;
  };

  const operation = (service: string, action: string, resourceArn: string): SdkOperation => {
    const cached = operations.get(`${service}:${action}`);
    if (cached !== undefined) return cached;
    const loaded = loadPackage(service, resourceArn);
    const wanted = `${action.charAt(0).toUpperCase()}${action.slice(1)}Command`;
    const commandName =
      wanted in loaded.exports
        ? wanted
        : Object.keys(loaded.exports).find((name) => name.toLowerCase() === wanted.toLowerCase());
    const CommandClass = commandName === undefined ? undefined : loaded.exports[commandName];
    if (commandName === undefined || !isConstructor(CommandClass)) {
      throw new StatesError(
        StatesErrorNames.Runtime,
        `The resource '${resourceArn}' names the API action '${action}', which ${loaded.packageName} does not have ` +
          `(no ${wanted})`,
      );
    }
    const client = clientFor(service, loaded);
    const createCommand = (input: unknown): SdkCommand => new (CommandClass as new (input: unknown) => SdkCommand)(input);
    // The schema is an instance field of schema-based commands; an empty command is enough to read it.
    const schemas = operationSchemas(loaded.schemaModule, createCommand({}).schema);
    const result: SdkOperation = {
      service,
      serviceId: client.config.serviceId ?? service,
      packageName: loaded.packageName,
      commandName,
      client,
      createCommand,
      ...(schemas === undefined ? {} : { schemas }),
    };
    operations.set(`${service}:${action}`, result);
    return result;
  };

  const destroy = (): void => {
    for (const client of clients.values()) client.destroy();
    clients.clear();
    operations.clear();
  };

  return { operation, destroy };
};

export { createSdkClientLoader };
export type { LoaderOptions, SchemaModule, SdkClient, SdkClientLoader, SdkCommand, SdkOperation };
