/**
 * What a state machine's role must be allowed to do, derived from its definition (every Task resource, the
 * Distributed Map's child executions, ItemReader and ResultWriter) and from its template properties (logging,
 * tracing), following the Step Functions developer guide's IAM pages for each integration. Split into what is
 * required and what AWS documents as optional for a feature in use (allowed, never demanded).
 */
import type { AppManifest, StateMachineManifest } from '../../../local/manifest';
import type { PermissionRequest } from './iam';
import { isExpression } from './jsonata';
import type { CfnTemplate } from './project';
import type { ReplayStep } from './replay';

type State = Record<string, any> & { Type: string };

type DerivedPermissions = { required: PermissionRequest[]; permitted: PermissionRequest[] };

/** A Task (or Map) state with its path, e.g. `Analyze units/Analyze batch`. */
type LocatedState = { path: string; state: State };

/** Every state, item processor and branch states included. */
const allStates = (machine: { States: Record<string, State> }, prefix = ''): LocatedState[] =>
  Object.entries(machine.States).flatMap(([name, state]) => {
    const path = `${prefix}${name}`;
    const nested = [
      ...(state.ItemProcessor ? allStates(state.ItemProcessor, `${path}/`) : []),
      ...(state.Iterator ? allStates(state.Iterator, `${path}/`) : []),
      ...((state.Branches as { States: Record<string, State> }[] | undefined) ?? []).flatMap((branch, index) => allStates(branch, `${path}[${index}]/`)),
    ];
    return [{ path, state }, ...nested];
  });

/** `lambda:invoke` → `{ service: 'lambda', api: 'invoke' }`; `aws-sdk:dynamodb:query` → `{ sdk: true, … }`. */
const parseTaskResource = (resource: string): { service: string; api: string; sdk: boolean; pattern?: string } | undefined => {
  const match = /^arn:aws:states:::(aws-sdk:)?([a-z0-9-]+):([A-Za-z0-9]+)(\.sync(?::2)?|\.waitForTaskToken)?$/.exec(resource);
  if (match === null) return undefined;
  return { sdk: match[1] !== undefined, service: match[2], api: match[3], pattern: match[4] };
};

const pascal = (api: string): string => api.charAt(0).toUpperCase() + api.slice(1);

const LOG_DELIVERY_ACTIONS = [
  'logs:CreateLogDelivery',
  'logs:GetLogDelivery',
  'logs:UpdateLogDelivery',
  'logs:DeleteLogDelivery',
  'logs:ListLogDeliveries',
  'logs:PutResourcePolicy',
  'logs:DescribeResourcePolicies',
  'logs:DescribeLogGroups',
] as const;
const XRAY_ACTIONS = ['xray:PutTraceSegments', 'xray:PutTelemetryRecords', 'xray:GetSamplingRules', 'xray:GetSamplingTargets'] as const;

/**
 * Derives the permissions a state machine needs. `steps` are the replayed Tasks of its happy path, where
 * arguments built by JSONata (the ItemReader's and ResultWriter's bucket and key) have their sample values.
 *
 * @example
 * const { required, permitted } = derivePermissions(machine, template, manifest, replay.steps);
 */
const derivePermissions = (
  machine: StateMachineManifest,
  template: CfnTemplate,
  manifest: AppManifest,
  steps: ReplayStep[] = [],
): DerivedPermissions => {
  const { region, accountId } = manifest;
  const required: PermissionRequest[] = [];
  const permitted: PermissionRequest[] = [];
  const definition = JSON.parse(machine.definition) as { States: Record<string, State> };
  const properties = template.Resources[machine.logicalId]?.Properties ?? {};

  const staticArgument = (located: LocatedState, field: string, value: unknown): string => {
    if (typeof value !== 'string' || isExpression(value)) {
      throw new Error(`${machine.logicalId} ${located.path}: ${field} is computed at run time; the contract tests need it static (a DefinitionSubstitutions value)`);
    }
    return value;
  };
  const stepOf = (path: string): ReplayStep => {
    const step = steps.find((candidate) => candidate.state === path);
    if (step === undefined) throw new Error(`${machine.logicalId} ${path}: not on the replayed happy path, so its S3 locations are unknown`);
    return step;
  };
  const tableArn = (name: string): string => (name.startsWith('arn:') ? name : `arn:aws:dynamodb:${region}:${accountId}:table/${name}`);
  const bucketKeyArn = (bucket: string): string | undefined => {
    const logicalId = manifest.buckets.find((candidate) => candidate.name === bucket)?.logicalId;
    const encryption = logicalId === undefined ? undefined : template.Resources[logicalId].Properties?.BucketEncryption;
    const byDefault = encryption?.ServerSideEncryptionConfiguration?.[0]?.ServerSideEncryptionByDefault;
    return byDefault?.SSEAlgorithm === 'aws:kms' && byDefault.KMSMasterKeyID !== undefined
      ? String(manifest.resolve(byDefault.KMSMasterKeyID, `${logicalId}.BucketEncryption`))
      : undefined;
  };

  for (const located of allStates(definition)) {
    const { path, state } = located;
    const reason = `${machine.logicalId} ${path}`;
    if (state.Type === 'Task') {
      const task = parseTaskResource(String(state.Resource));
      if (task === undefined) throw new Error(`${reason}: Resource ${state.Resource} is not a service integration the contract tests know`);
      const args = (state.Arguments ?? state.Parameters ?? {}) as Record<string, unknown>;
      const key = `${task.sdk ? 'aws-sdk:' : ''}${task.service}:${task.api}${task.pattern ?? ''}`;
      switch (key) {
        case 'lambda:invoke': {
          const name = staticArgument(located, 'FunctionName', args.FunctionName);
          const arn = name.startsWith('arn:') ? name : `arn:aws:lambda:${region}:${accountId}:function:${name}`;
          required.push({ action: 'lambda:InvokeFunction', resource: arn, reason });
          break;
        }
        case 'dynamodb:getItem':
        case 'dynamodb:putItem':
        case 'dynamodb:updateItem':
        case 'dynamodb:deleteItem':
          required.push({ action: `dynamodb:${pascal(task.api)}`, resource: tableArn(staticArgument(located, 'TableName', args.TableName)), reason });
          break;
        case 'aws-sdk:dynamodb:query':
        case 'aws-sdk:dynamodb:scan': {
          const table = tableArn(staticArgument(located, 'TableName', args.TableName));
          const index = args.IndexName === undefined ? undefined : staticArgument(located, 'IndexName', args.IndexName);
          required.push({ action: `dynamodb:${pascal(task.api)}`, resource: index === undefined ? table : `${table}/index/${index}`, reason });
          break;
        }
        case 'events:putEvents': {
          const entries = Array.isArray(args.Entries) ? (args.Entries as Record<string, unknown>[]) : [];
          if (entries.length === 0) throw new Error(`${reason}: Entries must be a static list for the contract tests`);
          for (const [index, entry] of entries.entries()) {
            const bus = entry.EventBusName === undefined ? 'default' : staticArgument(located, `Entries[${index}].EventBusName`, entry.EventBusName);
            required.push({ action: 'events:PutEvents', resource: bus.startsWith('arn:') ? bus : `arn:aws:events:${region}:${accountId}:event-bus/${bus}`, reason });
          }
          break;
        }
        case 'states:startExecution': {
          const target = staticArgument(located, 'StateMachineArn', args.StateMachineArn);
          const match = /^(arn:aws:states:[^:]*:[^:]*:stateMachine:[^:]+)(?::([^:]+))?$/.exec(target);
          if (match === null) throw new Error(`${reason}: StateMachineArn ${target} is not a state machine ARN`);
          // Step Functions authorizes a version or alias against the unqualified state machine ARN; the qualifier is the
          // states:StateMachineQualifier condition key (developer guide, "Authorization for versions and aliases").
          required.push({ action: 'states:StartExecution', resource: match[1], context: match[2] ? { 'states:StateMachineQualifier': match[2] } : undefined, reason });
          break;
        }
        default:
          throw new Error(`${reason}: ${key} has no IAM mapping in the contract tests yet`);
      }
    }
    if (state.Type === 'Map' && state.ItemProcessor?.ProcessorConfig?.Mode === 'DISTRIBUTED') {
      const label = state.Label ?? path;
      // Developer guide, "IAM policies for using Distributed Map states".
      required.push({ action: 'states:StartExecution', resource: machine.arn, reason: `${reason} child executions` });
      for (const action of ['states:DescribeExecution', 'states:StopExecution']) {
        for (const execution of [`${machine.name}/${label}:sample`, `${machine.name}:sample`]) {
          permitted.push({ action, resource: `arn:aws:states:${region}:${accountId}:execution:${execution}`, reason: `${reason} child executions` });
        }
      }
      if (state.ItemReader !== undefined) {
        const { itemReader } = stepOf(path);
        const api = parseTaskResource(String(state.ItemReader.Resource));
        if (api?.service !== 's3' || (api.api !== 'getObject' && api.api !== 'listObjectsV2')) throw new Error(`${reason}: ItemReader ${state.ItemReader.Resource} has no IAM mapping`);
        const bucket = String(itemReader?.Bucket);
        if (api.api === 'getObject') required.push({ action: 's3:GetObject', resource: `arn:aws:s3:::${bucket}/${itemReader?.Key}`, reason: `${reason} ItemReader` });
        else required.push({ action: 's3:ListBucket', resource: `arn:aws:s3:::${bucket}`, reason: `${reason} ItemReader` });
        const key = bucketKeyArn(bucket);
        if (key !== undefined) required.push({ action: 'kms:Decrypt', resource: key, reason: `${reason} ItemReader (SSE-KMS bucket)` });
      }
      if (state.ResultWriter !== undefined) {
        const { resultWriter } = stepOf(path);
        const bucket = String(resultWriter?.Bucket);
        const object = `arn:aws:s3:::${bucket}/${resultWriter?.Prefix}/sample-map-run/manifest.json`;
        for (const action of ['s3:PutObject', 's3:ListMultipartUploadParts', 's3:AbortMultipartUpload']) {
          required.push({ action, resource: object, reason: `${reason} ResultWriter` });
        }
        permitted.push({ action: 's3:GetObject', resource: object, reason: `${reason} ResultWriter` });
        const key = bucketKeyArn(bucket);
        if (key !== undefined) {
          // Multipart uploads under SSE-KMS: parts are encrypted with a data key and decrypted to complete the upload.
          required.push({ action: 'kms:GenerateDataKey', resource: key, reason: `${reason} ResultWriter (SSE-KMS bucket)` });
          required.push({ action: 'kms:Decrypt', resource: key, reason: `${reason} ResultWriter (SSE-KMS bucket)` });
          permitted.push({ action: 'kms:Encrypt', resource: key, reason: `${reason} ResultWriter (SSE-KMS bucket)` });
        }
      }
    }
  }
  const logging = properties.Logging as { Level?: string; Destinations?: unknown[] } | undefined;
  if (logging !== undefined && logging.Level !== 'OFF' && (logging.Destinations?.length ?? 0) > 0) {
    // CloudWatch Logs vended log delivery takes these on "*" (developer guide, "IAM Policies for logging to CloudWatch Logs").
    for (const action of LOG_DELIVERY_ACTIONS) required.push({ action, resource: '*', reason: `${machine.logicalId} Logging` });
  }
  if ((properties.Tracing as { Enabled?: boolean } | undefined)?.Enabled === true) {
    for (const action of XRAY_ACTIONS) required.push({ action, resource: '*', reason: `${machine.logicalId} Tracing` });
  }
  return { required, permitted };
};

export { allStates, derivePermissions, parseTaskResource };
export type { DerivedPermissions, LocatedState };
