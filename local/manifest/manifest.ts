/**
 * template.yaml, read once into a typed AppManifest: functions (entry file, handler, timeout, memory, environment),
 * state machines (definition with substitutions applied), tables, buckets, event buses, the API and schedules,
 * all with the local names and ARNs the local runtime gives them. Every other part of local/ takes this manifest;
 * nothing else parses the template.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseCfnYaml } from './cfn-yaml';
import { ManifestError } from './errors';
import { resolveValue, type ResolveContext } from './intrinsics';

type FunctionManifest = {
  logicalId: string;
  functionName: string;
  arn: string;
  /** ARN of the AutoPublishAlias (`…:live`), when the function has one. */
  aliasArn?: string;
  aliasName?: string;
  /** The TypeScript entry point (Metadata.BuildProperties.EntryPoints[0]), absolute. */
  entry: string;
  /** The exported handler function's name (the part of Handler after the last dot). */
  handlerExport: string;
  runtime: string;
  architectures: string[];
  timeoutSeconds: number;
  memoryMb: number;
  environment: Record<string, string>;
  layers: string[];
  /** esbuild settings from Metadata.BuildProperties. */
  build: { external: string[]; minify: boolean; sourcemap: boolean; sourcesContent: boolean; target: string; format: 'cjs' | 'esm' };
};

type StateMachineManifest = {
  logicalId: string;
  name: string;
  arn: string;
  aliasArn?: string;
  type: 'STANDARD' | 'EXPRESS';
  definitionPath: string;
  /** The definition with DefinitionSubstitutions applied, as CloudFormation would create it. */
  definition: string;
  substitutions: Record<string, string>;
};

type TableManifest = { logicalId: string; name: string; arn: string; properties: Record<string, unknown> };
type BucketManifest = { logicalId: string; name: string; arn: string };
type EventBusManifest = { logicalId: string; name: string; arn: string };
type LayerManifest = { logicalId: string; arn: string; contentUri: string };
type ApiManifest = { logicalId: string; stageName: string; openapiPath?: string };
type ScheduleManifest = { logicalId: string; expression: string; targetArn: string; input?: string };
/** An EventBridge rule: SAM `EventBridgeRule` events of state machines and functions, and AWS::Events::Rule. */
type RuleManifest = {
  logicalId: string;
  eventBusName: string;
  pattern: Record<string, unknown>;
  targets: { arn: string; input?: string }[];
};

type AppManifest = {
  root: string;
  templatePath: string;
  stackName: string;
  region: string;
  accountId: string;
  parameters: Record<string, unknown>;
  functions: FunctionManifest[];
  stateMachines: StateMachineManifest[];
  tables: TableManifest[];
  buckets: BucketManifest[];
  eventBuses: EventBusManifest[];
  layers: LayerManifest[];
  apis: ApiManifest[];
  schedules: ScheduleManifest[];
  rules: RuleManifest[];
  /** Outputs, resolved. */
  outputs: Record<string, unknown>;
  /** Resolves intrinsics (Fn::Sub, Ref, …) in any value against this manifest, e.g. in api/openapi.yaml. */
  resolve(value: unknown, where?: string): unknown;
  /** A resource's Properties with their intrinsics resolved (e.g. the template's policies, for local IAM); undefined for an unknown logical id. */
  resourceProperties(logicalId: string): Record<string, any> | undefined;
  /** Logical ids of the template's resources of one type (e.g. `AWS::IAM::Role`). */
  logicalIdsOfType(type: string): string[];
};

type ManifestOptions = {
  /** @default 'upgrade-impact-local' */
  stackName?: string;
  /** @default 'us-east-1' */
  region?: string;
  /** @default '000000000000' */
  accountId?: string;
  /** Parameter overrides (as `sam deploy --parameter-overrides` would give). */
  parameters?: Record<string, string>;
};

const DEFAULTS = { stackName: 'upgrade-impact-local', region: 'us-east-1', accountId: '000000000000' } as const;

type Resource = { Type: string; Properties?: Record<string, any>; Metadata?: Record<string, any>; Condition?: string };

const lower = (value: string): string => value.toLowerCase().replace(/[^a-z0-9-]/g, '-');

const deepMerge = (base: Record<string, any>, override: Record<string, any>): Record<string, any> => {
  const result: Record<string, any> = { ...base };
  for (const [key, value] of Object.entries(override)) {
    const current = result[key];
    result[key] =
      current && typeof current === 'object' && !Array.isArray(current) && value && typeof value === 'object' && !Array.isArray(value)
        ? deepMerge(current, value)
        : value;
  }
  return result;
};

/**
 * Reads template.yaml into the manifest.
 *
 * @example
 * const manifest = loadManifest('template.yaml', { parameters: { Stage: 'dev' } });
 * manifest.functions.find((f) => f.logicalId === 'SplitSourceFunction')?.entry;
 */
const loadManifest = (templatePath: string, options: ManifestOptions = {}): AppManifest => {
  const absoluteTemplate = resolve(templatePath);
  const root = dirname(absoluteTemplate);
  const template = parseCfnYaml(readFileSync(absoluteTemplate, 'utf8'));
  const stackName = options.stackName ?? DEFAULTS.stackName;
  const region = options.region ?? DEFAULTS.region;
  const accountId = options.accountId ?? DEFAULTS.accountId;
  const resources = (template.Resources ?? {}) as Record<string, Resource>;

  const parameters: Record<string, unknown> = {};
  for (const [name, definition] of Object.entries((template.Parameters ?? {}) as Record<string, any>)) {
    const value = options.parameters?.[name] ?? definition.Default;
    if (value === undefined) throw new ManifestError(`Parameter ${name} has no Default and no override`);
    if (definition.AllowedValues && !definition.AllowedValues.map(String).includes(String(value))) {
      throw new ManifestError(`Parameter ${name}: ${value} is not one of ${definition.AllowedValues.join(', ')}`);
    }
    parameters[name] = definition.Type === 'Number' ? Number(value) : value;
  }
  for (const name of Object.keys(options.parameters ?? {})) {
    if (!(name in parameters)) throw new ManifestError(`Parameter override ${name} is not a template parameter`);
  }

  const arn = (service: string, rest: string, withRegion = true): string =>
    `arn:aws:${service}:${withRegion ? region : ''}:${withRegion ? accountId : ''}:${rest}`;

  // Physical names first (they may depend on parameters through Name properties), then everything else.
  const names = new Map<string, string>();
  const attributes = new Map<string, Record<string, string>>();
  const refs = new Map<string, string>();
  const context: ResolveContext = {
    parameters,
    pseudo: {
      'AWS::Region': region,
      'AWS::AccountId': accountId,
      'AWS::StackName': stackName,
      'AWS::Partition': 'aws',
      'AWS::URLSuffix': 'amazonaws.com',
      'AWS::StackId': arn('cloudformation', `stack/${stackName}/local`),
    },
    ref: (logicalId) => refs.get(logicalId),
    getAtt: (logicalId, attribute) => attributes.get(logicalId)?.[attribute],
    conditions: (template.Conditions ?? {}) as Record<string, unknown>,
  };
  const nameOf = (logicalId: string, property: string | undefined, fallback: string): string => {
    const declared = property ? resources[logicalId].Properties?.[property] : undefined;
    return declared === undefined ? fallback : String(resolveValue(declared, context, `Resources.${logicalId}.Properties.${property}`));
  };

  for (const [logicalId, resource] of Object.entries(resources)) {
    const local = `${stackName}-${logicalId}`;
    switch (resource.Type) {
      case 'AWS::DynamoDB::Table': {
        const name = nameOf(logicalId, 'TableName', local);
        names.set(logicalId, name);
        refs.set(logicalId, name);
        attributes.set(logicalId, { Arn: arn('dynamodb', `table/${name}`), StreamArn: arn('dynamodb', `table/${name}/stream/local`) });
        break;
      }
      case 'AWS::S3::Bucket': {
        const name = lower(nameOf(logicalId, 'BucketName', local));
        names.set(logicalId, name);
        refs.set(logicalId, name);
        attributes.set(logicalId, { Arn: `arn:aws:s3:::${name}`, DomainName: `${name}.s3.amazonaws.com`, RegionalDomainName: `${name}.s3.${region}.amazonaws.com` });
        break;
      }
      case 'AWS::Events::EventBus': {
        const name = nameOf(logicalId, 'Name', local);
        names.set(logicalId, name);
        refs.set(logicalId, name);
        attributes.set(logicalId, { Arn: arn('events', `event-bus/${name}`), Name: name });
        break;
      }
      case 'AWS::KMS::Key': {
        const keyId = `local-${lower(logicalId)}`;
        refs.set(logicalId, keyId);
        attributes.set(logicalId, { Arn: arn('kms', `key/${keyId}`), KeyId: keyId });
        break;
      }
      case 'AWS::Serverless::Function': {
        const name = nameOf(logicalId, 'FunctionName', local);
        names.set(logicalId, name);
        refs.set(logicalId, name);
        attributes.set(logicalId, { Arn: arn('lambda', `function:${name}`) });
        const alias = resource.Properties?.AutoPublishAlias ?? template.Globals?.Function?.AutoPublishAlias;
        if (alias) {
          refs.set(`${logicalId}.Alias`, arn('lambda', `function:${name}:${alias}`));
          refs.set(`${logicalId}.Version`, arn('lambda', `function:${name}:1`));
        }
        break;
      }
      case 'AWS::Serverless::StateMachine': {
        const name = nameOf(logicalId, 'Name', local);
        const machineArn = arn('states', `stateMachine:${name}`);
        names.set(logicalId, name);
        refs.set(logicalId, machineArn);
        attributes.set(logicalId, { Arn: machineArn, Name: name });
        const alias = resource.Properties?.AutoPublishAlias;
        if (alias) {
          // SAM generates <LogicalId>Alias<alias> and <LogicalId>Version.
          refs.set(`${logicalId}Alias${alias}`, `${machineArn}:${alias}`);
          refs.set(`${logicalId}Version`, `${machineArn}:1`);
        }
        break;
      }
      case 'AWS::Serverless::LayerVersion':
        refs.set(logicalId, arn('lambda', `layer:${nameOf(logicalId, 'LayerName', local)}:1`));
        break;
      case 'AWS::Logs::LogGroup': {
        const name = nameOf(logicalId, 'LogGroupName', `/local/${local}`);
        refs.set(logicalId, name);
        attributes.set(logicalId, { Arn: arn('logs', `log-group:${name}:*`) });
        break;
      }
      case 'AWS::IAM::Role':
        refs.set(logicalId, local);
        attributes.set(logicalId, { Arn: `arn:aws:iam::${accountId}:role/${local}`, RoleId: local });
        break;
      case 'AWS::Serverless::Api':
        refs.set(logicalId, 'local');
        attributes.set(logicalId, { RootResourceId: 'local' });
        break;
      default:
        refs.set(logicalId, local);
        attributes.set(logicalId, { Arn: arn('local', local) });
    }
  }

  const globalsFunction = (template.Globals?.Function ?? {}) as Record<string, any>;
  const functions: FunctionManifest[] = [];
  const stateMachines: StateMachineManifest[] = [];
  const tables: TableManifest[] = [];
  const buckets: BucketManifest[] = [];
  const eventBuses: EventBusManifest[] = [];
  const layers: LayerManifest[] = [];
  const apis: ApiManifest[] = [];
  const schedules: ScheduleManifest[] = [];
  const rules: RuleManifest[] = [];

  /** SAM `Events` of type EventBridgeRule on a function or state machine: a rule whose target is the resource. */
  const samRules = (logicalId: string, resource: Resource, targetArn: string): void => {
    for (const [eventId, event] of Object.entries((resource.Properties?.Events ?? {}) as Record<string, any>)) {
      if (event?.Type !== 'EventBridgeRule') continue;
      const properties = resolveValue(event.Properties ?? {}, context, `Resources.${logicalId}.Properties.Events.${eventId}`) as Record<string, any>;
      rules.push({
        logicalId: `${logicalId}${eventId}`,
        eventBusName: String(properties.EventBusName ?? 'default'),
        pattern: properties.Pattern as Record<string, unknown>,
        targets: [{ arn: targetArn, input: properties.Input as string | undefined }],
      });
    }
  };

  for (const [logicalId, resource] of Object.entries(resources)) {
    const where = `Resources.${logicalId}`;
    switch (resource.Type) {
      case 'AWS::Serverless::Function': {
        const merged = deepMerge(globalsFunction, resource.Properties ?? {});
        const properties = resolveValue(
          // Events and DeploymentPreference matter only to a deployment.
          { ...merged, Events: undefined, DeploymentPreference: undefined },
          context,
          `${where}.Properties`,
        ) as Record<string, any>;
        const build = (resource.Metadata?.BuildProperties ?? {}) as Record<string, any>;
        const handler = String(properties.Handler ?? '');
        const dot = handler.lastIndexOf('.');
        if (dot < 0) throw new ManifestError(`${where}.Properties.Handler: '${handler}' is not <file>.<export>`);
        const entryPoint = build.EntryPoints?.[0] ?? `${handler.slice(0, dot)}.ts`;
        const entry = join(root, String(properties.CodeUri ?? '.'), String(entryPoint));
        const name = names.get(logicalId)!;
        const alias = properties.AutoPublishAlias as string | undefined;
        functions.push({
          logicalId,
          functionName: name,
          arn: attributes.get(logicalId)!.Arn,
          aliasArn: alias ? refs.get(`${logicalId}.Alias`) : undefined,
          aliasName: alias,
          entry,
          handlerExport: handler.slice(dot + 1),
          runtime: String(properties.Runtime ?? ''),
          architectures: (properties.Architectures as string[]) ?? ['x86_64'],
          timeoutSeconds: Number(properties.Timeout ?? 3),
          memoryMb: Number(properties.MemorySize ?? 128),
          environment: Object.fromEntries(
            Object.entries((properties.Environment?.Variables ?? {}) as Record<string, unknown>).map(([k, v]) => [k, String(v)]),
          ),
          layers: ((resource.Properties?.Layers ?? globalsFunction.Layers ?? []) as unknown[]).map((layer) =>
            typeof layer === 'object' && layer && 'Ref' in layer ? String((layer as { Ref: string }).Ref) : String(layer),
          ),
          build: {
            external: (build.External as string[]) ?? [],
            minify: build.Minify ?? true,
            sourcemap: Boolean(build.Sourcemap),
            // sam build's default, as esbuild's: the original sources are embedded in the map unless told not to.
            sourcesContent: build.SourcesContent ?? true,
            target: String(build.Target ?? 'es2022'),
            format: build.Format === 'esm' ? 'esm' : 'cjs',
          },
        });
        break;
      }
      case 'AWS::Serverless::StateMachine': {
        const properties = resource.Properties ?? {};
        if (typeof properties.DefinitionUri !== 'string') {
          throw new ManifestError(`${where}.Properties.DefinitionUri: the local runtime reads definitions from a file path`);
        }
        const definitionPath = join(root, properties.DefinitionUri);
        const substitutions = Object.fromEntries(
          Object.entries(
            resolveValue(properties.DefinitionSubstitutions ?? {}, context, `${where}.Properties.DefinitionSubstitutions`) as Record<string, unknown>,
          ).map(([k, v]) => [k, String(v)]),
        );
        const raw = readFileSync(definitionPath, 'utf8');
        const definition = raw.replace(/\$\{([A-Za-z0-9_]+)\}/g, (whole, key: string) => {
          if (!(key in substitutions)) throw new ManifestError(`${properties.DefinitionUri}: \${${key}} has no DefinitionSubstitutions entry in ${where}`);
          return substitutions[key];
        });
        const alias = properties.AutoPublishAlias as string | undefined;
        samRules(logicalId, resource, alias && properties.UseAliasAsEventTarget ? refs.get(`${logicalId}Alias${alias}`)! : refs.get(logicalId)!);
        stateMachines.push({
          logicalId,
          name: names.get(logicalId)!,
          arn: refs.get(logicalId)!,
          aliasArn: alias ? refs.get(`${logicalId}Alias${alias}`) : undefined,
          type: properties.Type === 'EXPRESS' ? 'EXPRESS' : 'STANDARD',
          definitionPath,
          definition,
          substitutions,
        });
        break;
      }
      case 'AWS::DynamoDB::Table':
        tables.push({
          logicalId,
          name: names.get(logicalId)!,
          arn: attributes.get(logicalId)!.Arn,
          properties: resolveValue(resource.Properties ?? {}, context, `${where}.Properties`) as Record<string, unknown>,
        });
        break;
      case 'AWS::S3::Bucket':
        buckets.push({ logicalId, name: names.get(logicalId)!, arn: attributes.get(logicalId)!.Arn });
        break;
      case 'AWS::Events::EventBus':
        eventBuses.push({ logicalId, name: names.get(logicalId)!, arn: attributes.get(logicalId)!.Arn });
        break;
      case 'AWS::Serverless::LayerVersion':
        layers.push({ logicalId, arn: refs.get(logicalId)!, contentUri: join(root, String(resource.Properties?.ContentUri ?? '.')) });
        break;
      case 'AWS::Serverless::Api': {
        const body = resource.Properties?.DefinitionBody as Record<string, any> | undefined;
        const location = body?.['Fn::Transform']?.Parameters?.Location as string | undefined;
        apis.push({
          logicalId,
          stageName: String(resolveValue(resource.Properties?.StageName ?? 'local', context, `${where}.Properties.StageName`)),
          openapiPath: location ? join(root, location) : undefined,
        });
        break;
      }
      case 'AWS::Events::Rule': {
        const properties = resolveValue(resource.Properties ?? {}, context, `${where}.Properties`) as Record<string, any>;
        if (properties.EventPattern) {
          rules.push({
            logicalId,
            eventBusName: String(properties.EventBusName ?? 'default'),
            pattern: properties.EventPattern as Record<string, unknown>,
            targets: ((properties.Targets ?? []) as Record<string, any>[]).map((target) => ({ arn: String(target.Arn), input: target.Input as string | undefined })),
          });
        }
        break;
      }
      case 'AWS::Scheduler::Schedule': {
        const properties = resolveValue(resource.Properties ?? {}, context, `${where}.Properties`) as Record<string, any>;
        schedules.push({
          logicalId,
          expression: String(properties.ScheduleExpression),
          targetArn: String(properties.Target?.Arn),
          input: properties.Target?.Input as string | undefined,
        });
        break;
      }
      default:
    }
  }

  const outputs = Object.fromEntries(
    Object.entries((template.Outputs ?? {}) as Record<string, { Value: unknown }>).map(([name, output]) => [
      name,
      resolveValue(output.Value, context, `Outputs.${name}`),
    ]),
  );

  return {
    root,
    templatePath: absoluteTemplate,
    stackName,
    region,
    accountId,
    parameters,
    functions,
    stateMachines,
    tables,
    buckets,
    eventBuses,
    layers,
    apis,
    schedules,
    rules,
    outputs,
    resolve: (value, where = '(value)') => resolveValue(value, context, where),
    logicalIdsOfType: (type) => Object.entries(resources).filter(([, resource]) => resource.Type === type).map(([logicalId]) => logicalId),
    resourceProperties: (logicalId) =>
      resources[logicalId] === undefined
        ? undefined
        : (resolveValue(resources[logicalId].Properties ?? {}, context, `Resources.${logicalId}.Properties`) as Record<string, any>),
  };
};

/** The function a Lambda name or ARN (with or without qualifier) refers to. */
const findFunction = (manifest: AppManifest, nameOrArn: string): FunctionManifest | undefined => {
  const match = /^arn:[^:]+:lambda:[^:]*:[^:]*:function:([^:]+)(?::[^:]+)?$/.exec(nameOrArn);
  const partial = /^([^:]+)(?::[^:]+)?$/.exec(nameOrArn);
  const name = match?.[1] ?? partial?.[1] ?? nameOrArn;
  return manifest.functions.find((fn) => fn.functionName === name || fn.logicalId === name);
};

export { findFunction, loadManifest };
export type {
  ApiManifest,
  AppManifest,
  BucketManifest,
  EventBusManifest,
  FunctionManifest,
  LayerManifest,
  ManifestOptions,
  RuleManifest,
  ScheduleManifest,
  StateMachineManifest,
  TableManifest,
};
