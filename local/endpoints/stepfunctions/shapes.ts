/**
 * Request shapes of the operations the endpoint serves, and the check that turns a parsed JSON body into an
 * operation input the way the AWS front end does:
 *
 * - a member of the wrong JSON type is a `SerializationException` (the service cannot even deserialize it);
 * - a missing required member, an out-of-range number, a too-long string or a value outside an enum is a
 *   `ValidationException`, all violations listed in one message (`2 validation errors detected: …; …`);
 * - `null` counts as absent, and members the operation does not know are dropped (AWS ignores them too, so
 *   newer clients keep working).
 *
 * Messages name the member path but never echo a string value that may carry customer data (input, output,
 * definition, error, cause); only enum values, which are short and ours, are quoted.
 */
import { RequestSerializationError, RequestValidationError } from './errors';

type StringShape = {
  kind: 'string';
  min?: number;
  max?: number;
  enum?: readonly string[];
};
type IntegerShape = { kind: 'integer'; min?: number; max?: number };
type BooleanShape = { kind: 'boolean' };
type ListShape = { kind: 'list'; member: Shape };
type StructureShape = { kind: 'structure'; members: Record<string, Shape>; required?: readonly string[] };
type Shape = StringShape | IntegerShape | BooleanShape | ListShape | StructureShape;

const string = (constraints: Omit<StringShape, 'kind'> = {}): StringShape => ({ kind: 'string', ...constraints });
const integer = (constraints: Omit<IntegerShape, 'kind'> = {}): IntegerShape => ({ kind: 'integer', ...constraints });
const boolean: BooleanShape = { kind: 'boolean' };
const list = (member: Shape): ListShape => ({ kind: 'list', member });
const structure = (members: Record<string, Shape>, required: readonly string[] = []): StructureShape => ({
  kind: 'structure',
  members,
  required,
});

// Limits from the Step Functions API reference (each operation's "Request Parameters" section).
const arn = string({ min: 1, max: 2048 });
const name = string({ min: 1, max: 80 });
const errorName = string({ max: 256 });
const errorCause = string({ max: 32768 });
const payload = string({ max: 262144 });
const taskToken = string({ min: 1, max: 2048 });
const pageToken = string({ min: 1, max: 1024 });
const maxResults = integer({ min: 0, max: 1000 });
const includedData = string({ enum: ['ALL_DATA', 'METADATA_ONLY'] });

/** The member paths of each served operation's input, keyed by the operation name of `X-Amz-Target`. */
const operationInputShapes = {
  CreateStateMachine: structure(
    {
      name,
      definition: string({ min: 1, max: 1048576 }),
      roleArn: arn,
      type: string({ enum: ['STANDARD', 'EXPRESS'] }),
      loggingConfiguration: structure({
        level: string({ enum: ['ALL', 'ERROR', 'FATAL', 'OFF'] }),
        includeExecutionData: boolean,
        destinations: list(structure({ cloudWatchLogsLogGroup: structure({ logGroupArn: arn }) })),
      }),
      tags: list(structure({ key: string({ min: 1, max: 128 }), value: string({ max: 256 }) })),
      tracingConfiguration: structure({ enabled: boolean }),
      publish: boolean,
      versionDescription: string({ max: 256 }),
      encryptionConfiguration: structure(
        {
          kmsKeyId: string({ min: 1, max: 2048 }),
          kmsDataKeyReusePeriodSeconds: integer({ min: 60, max: 900 }),
          type: string({ enum: ['AWS_OWNED_KEY', 'CUSTOMER_MANAGED_KMS_KEY'] }),
        },
        ['type']
      ),
    },
    ['name', 'definition', 'roleArn']
  ),
  DescribeStateMachine: structure({ stateMachineArn: arn, includedData }, ['stateMachineArn']),
  ListStateMachines: structure({ maxResults, nextToken: pageToken }),
  DeleteStateMachine: structure({ stateMachineArn: arn }, ['stateMachineArn']),
  StartExecution: structure({ stateMachineArn: arn, name, input: payload, traceHeader: string({ max: 256 }) }, [
    'stateMachineArn',
  ]),
  StartSyncExecution: structure(
    { stateMachineArn: arn, name, input: payload, traceHeader: string({ max: 256 }), includedData },
    ['stateMachineArn']
  ),
  DescribeExecution: structure({ executionArn: arn, includedData }, ['executionArn']),
  ListExecutions: structure({
    stateMachineArn: arn,
    statusFilter: string({ enum: ['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED', 'PENDING_REDRIVE'] }),
    maxResults,
    nextToken: string({ min: 1, max: 3096 }),
    mapRunArn: arn,
    redriveFilter: string({ enum: ['REDRIVEN', 'NOT_REDRIVEN'] }),
  }),
  StopExecution: structure({ executionArn: arn, error: errorName, cause: errorCause }, ['executionArn']),
  GetExecutionHistory: structure(
    { executionArn: arn, maxResults, reverseOrder: boolean, nextToken: pageToken, includeExecutionData: boolean },
    ['executionArn']
  ),
  DescribeMapRun: structure({ mapRunArn: arn }, ['mapRunArn']),
  ListMapRuns: structure({ executionArn: arn, maxResults, nextToken: pageToken }, ['executionArn']),
  SendTaskSuccess: structure({ taskToken, output: payload }, ['taskToken', 'output']),
  SendTaskFailure: structure({ taskToken, error: errorName, cause: errorCause }, ['taskToken']),
  SendTaskHeartbeat: structure({ taskToken }, ['taskToken']),
} as const satisfies Record<string, StructureShape>;

const jsonTypeOf = (value: unknown): string => {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
};

const expectedName: Record<Shape['kind'], string> = {
  string: 'a string',
  integer: 'an integer',
  boolean: 'a boolean',
  list: 'an array',
  structure: 'an object',
};

const wrongType = (path: string, shape: Shape, value: unknown): RequestSerializationError =>
  new RequestSerializationError(path, `Expected ${expectedName[shape.kind]} at '${path}' but found ${jsonTypeOf(value)}`);

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Checks one value against its shape; returns the value with unknown members dropped, collects constraint
 * violations into `violations`, and throws at the first JSON type mismatch.
 */
const conform = (shape: Shape, value: unknown, path: string, violations: string[]): unknown => {
  switch (shape.kind) {
    case 'string': {
      if (typeof value !== 'string') throw wrongType(path, shape, value);
      if (shape.enum !== undefined && !shape.enum.includes(value)) {
        const shown = value.length > 64 ? `${value.slice(0, 64)}…` : value;
        violations.push(
          `Value '${shown}' at '${path}' failed to satisfy constraint: Member must satisfy enum value set: [${shape.enum.join(', ')}]`
        );
      }
      if (shape.min !== undefined && value.length < shape.min)
        violations.push(
          `Value at '${path}' failed to satisfy constraint: Member must have length greater than or equal to ${shape.min}`
        );
      if (shape.max !== undefined && value.length > shape.max)
        violations.push(
          `Value at '${path}' failed to satisfy constraint: Member must have length less than or equal to ${shape.max}`
        );
      return value;
    }
    case 'integer': {
      if (typeof value !== 'number' || !Number.isInteger(value)) throw wrongType(path, shape, value);
      if (shape.min !== undefined && value < shape.min)
        violations.push(
          `Value '${value}' at '${path}' failed to satisfy constraint: Member must have value greater than or equal to ${shape.min}`
        );
      if (shape.max !== undefined && value > shape.max)
        violations.push(
          `Value '${value}' at '${path}' failed to satisfy constraint: Member must have value less than or equal to ${shape.max}`
        );
      return value;
    }
    case 'boolean':
      if (typeof value !== 'boolean') throw wrongType(path, shape, value);
      return value;
    case 'list':
      if (!Array.isArray(value)) throw wrongType(path, shape, value);
      return value.map((item, index) => {
        const itemPath = `${path}[${index}]`;
        if (item === null) throw wrongType(itemPath, shape.member, item);
        return conform(shape.member, item, itemPath, violations);
      });
    case 'structure': {
      if (!isPlainObject(value)) throw wrongType(path, shape, value);
      const out: Record<string, unknown> = {};
      for (const [member, memberShape] of Object.entries(shape.members)) {
        const memberValue = value[member];
        const memberPath = path === '' ? member : `${path}.${member}`;
        if (memberValue === undefined || memberValue === null) {
          if (shape.required?.includes(member))
            violations.push(`Value null at '${memberPath}' failed to satisfy constraint: Member must not be null`);
          continue;
        }
        out[member] = conform(memberShape, memberValue, memberPath, violations);
      }
      return out;
    }
  }
};

/**
 * Turns a parsed request body into the operation's input: throws RequestSerializationError for a JSON type
 * mismatch and RequestValidationError (every violation in one message) for broken constraints.
 *
 * @example
 * conformInput(operationInputShapes.StopExecution, { executionArn: 'arn:…', extra: 1 }); // → { executionArn: 'arn:…' }
 */
const conformInput = (shape: StructureShape, body: unknown): Record<string, unknown> => {
  if (!isPlainObject(body)) {
    throw new RequestSerializationError('body', `Expected the request body to be a JSON object but found ${jsonTypeOf(body)}`);
  }
  const violations: string[] = [];
  const input = conform(shape, body, '', violations) as Record<string, unknown>;
  if (violations.length > 0) throw new RequestValidationError(violations);
  return input;
};

export { conformInput, operationInputShapes };
export type { Shape, StructureShape };
