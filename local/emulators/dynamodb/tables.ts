/**
 * Creating local tables from the `Properties` of CloudFormation `AWS::DynamoDB::Table` resources, so the table
 * schema is written once, in template.yaml. Idempotent: an existing table with the same keys is left alone.
 */
import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceInUseException,
  ResourceNotFoundException,
  type CreateTableCommandInput,
  type DynamoDBClient,
  type GlobalSecondaryIndex,
  type KeySchemaElement,
  type LocalSecondaryIndex,
  type Projection,
  type ProvisionedThroughput,
  type TableDescription,
} from '@aws-sdk/client-dynamodb';
import { EmulatorError, InvalidTableDefinitionError, TableSchemaMismatchError } from '../errors';

/** The `Properties` of an `AWS::DynamoDB::Table`, as parsed from the template (intrinsics already resolved). */
type TableProperties = {
  TableName?: string;
  KeySchema: ReadonlyArray<{ AttributeName: string; KeyType: string }>;
  AttributeDefinitions: ReadonlyArray<{ AttributeName: string; AttributeType: string }>;
  BillingMode?: string;
  ProvisionedThroughput?: { ReadCapacityUnits: number | string; WriteCapacityUnits: number | string };
  GlobalSecondaryIndexes?: ReadonlyArray<{
    IndexName: string;
    KeySchema: ReadonlyArray<{ AttributeName: string; KeyType: string }>;
    Projection: { ProjectionType?: string; NonKeyAttributes?: readonly string[] };
    ProvisionedThroughput?: { ReadCapacityUnits: number | string; WriteCapacityUnits: number | string };
    [other: string]: unknown;
  }>;
  LocalSecondaryIndexes?: ReadonlyArray<{
    IndexName: string;
    KeySchema: ReadonlyArray<{ AttributeName: string; KeyType: string }>;
    Projection: { ProjectionType?: string; NonKeyAttributes?: readonly string[] };
  }>;
  TimeToLiveSpecification?: { AttributeName?: string; Enabled: boolean };
  [other: string]: unknown;
};

/** A template property that has no local effect, and why. */
type IgnoredProperty = { tableName: string; property: string; reason: string };

/** Outcome of {@link createTablesFromTemplate}. */
type CreateTablesResult = {
  created: string[];
  /** Tables that already existed with the template's keys and indexes: left as they were. */
  existing: string[];
  /** Properties that were accepted but have no local effect; worth a warning line. */
  ignored: IgnoredProperty[];
};

/** Options of {@link createTablesFromTemplate}. */
type CreateTablesOptions = {
  /**
   * How often to poll DescribeTable while a new table is CREATING.
   * @default 20
   */
  pollIntervalMs?: number;
  /**
   * How long to wait for a new table to become ACTIVE.
   * @default 10000
   */
  activeTimeoutMs?: number;
};

/** Properties with no local counterpart, and why they are skipped rather than rejected. */
const IGNORED_PROPERTIES: Readonly<Record<string, string>> = {
  PointInTimeRecoverySpecification: 'backups do not exist locally; PITR matters only in AWS',
  SSESpecification: 'local data is not encrypted at rest; encryption settings matter only in AWS',
  StreamSpecification: 'dynalite has no DynamoDB Streams',
  KinesisStreamSpecification: 'there is no Kinesis locally',
  ContributorInsightsSpecification: 'CloudWatch Contributor Insights does not exist locally',
  DeletionProtectionEnabled: 'local tables are dropped only by a fresh start',
  TableClass: 'storage classes only change pricing',
  Tags: 'tags have no local effect',
  ResourcePolicy: 'IAM is not enforced locally',
  OnDemandThroughput: 'there is no throttling locally',
  WarmThroughput: 'there is no throttling locally',
  // dynalite answers UpdateTimeToLive with UnknownOperationException: items are never expired locally.
  TimeToLiveSpecification: 'dynalite does not implement TTL; items never expire locally',
};

const HANDLED_PROPERTIES: ReadonlySet<string> = new Set([
  'TableName',
  'KeySchema',
  'AttributeDefinitions',
  'BillingMode',
  'ProvisionedThroughput',
  'GlobalSecondaryIndexes',
  'LocalSecondaryIndexes',
]);

/** GSI properties that only shape throughput or monitoring in AWS. */
const IGNORED_INDEX_PROPERTIES: ReadonlySet<string> = new Set(['ContributorInsightsSpecification', 'OnDemandThroughput', 'WarmThroughput']);

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Finds the first unresolved intrinsic (`Ref`, `Fn::*`) below `value`, returning its path. */
const findIntrinsic = (value: unknown, path: string): string | undefined => {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) {
      const found = findIntrinsic(value[i], `${path}[${i}]`);
      if (found) return found;
    }
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const keys = Object.keys(value);
  if (keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::'))) return `${path} (${keys[0]})`;
  for (const key of keys) {
    const found = findIntrinsic((value as Record<string, unknown>)[key], `${path}.${key}`);
    if (found) return found;
  }
  return undefined;
};

const describeKeys = (keys: readonly KeySchemaElement[] | undefined): string =>
  (keys ?? []).map((key) => `${key.AttributeName}:${key.KeyType}`).join(',');

const throughput = (
  tableName: string,
  field: string,
  value: { ReadCapacityUnits: number | string; WriteCapacityUnits: number | string } | undefined,
): ProvisionedThroughput | undefined => {
  if (value === undefined) return undefined;
  const read = Number(value.ReadCapacityUnits);
  const write = Number(value.WriteCapacityUnits);
  if (!Number.isInteger(read) || !Number.isInteger(write) || read < 1 || write < 1) {
    throw new InvalidTableDefinitionError({ tableName, field, problem: 'ReadCapacityUnits and WriteCapacityUnits must be integers of at least 1' });
  }
  return { ReadCapacityUnits: read, WriteCapacityUnits: write };
};

const projection = (value: { ProjectionType?: string; NonKeyAttributes?: readonly string[] }): Projection => ({
  ProjectionType: value.ProjectionType as Projection['ProjectionType'],
  NonKeyAttributes: value.NonKeyAttributes ? [...value.NonKeyAttributes] : undefined,
});

const keySchema = (value: ReadonlyArray<{ AttributeName: string; KeyType: string }>): KeySchemaElement[] =>
  value.map((key) => ({ AttributeName: key.AttributeName, KeyType: key.KeyType as KeySchemaElement['KeyType'] }));

/**
 * Turns template properties into a CreateTable input, collecting the properties that have no local effect.
 * Throws InvalidTableDefinitionError for what CloudFormation would also reject or cannot have resolved.
 */
const toCreateTableInput = (tableName: string, properties: TableProperties, ignored: IgnoredProperty[]): CreateTableCommandInput => {
  const intrinsic = findIntrinsic(properties, 'Properties');
  if (intrinsic) {
    throw new InvalidTableDefinitionError({ tableName, field: intrinsic, problem: 'holds an unresolved intrinsic function; resolve the template before creating tables' });
  }
  for (const property of Object.keys(properties)) {
    if (HANDLED_PROPERTIES.has(property)) continue;
    const reason = IGNORED_PROPERTIES[property];
    if (reason === undefined) {
      throw new InvalidTableDefinitionError({ tableName, field: property, problem: 'is not a property of AWS::DynamoDB::Table that the local emulator knows' });
    }
    ignored.push({ tableName, property, reason });
  }
  if (!Array.isArray(properties.KeySchema) || properties.KeySchema.length === 0) {
    throw new InvalidTableDefinitionError({ tableName, field: 'KeySchema', problem: 'is required and must list the partition key (and optional sort key)' });
  }
  if (!Array.isArray(properties.AttributeDefinitions) || properties.AttributeDefinitions.length === 0) {
    throw new InvalidTableDefinitionError({ tableName, field: 'AttributeDefinitions', problem: 'is required and must define every key attribute' });
  }
  const billingMode = properties.BillingMode ?? 'PROVISIONED';
  if (billingMode !== 'PROVISIONED' && billingMode !== 'PAY_PER_REQUEST') {
    throw new InvalidTableDefinitionError({ tableName, field: 'BillingMode', problem: `must be PROVISIONED or PAY_PER_REQUEST, not '${billingMode}'` });
  }
  const provisioned = billingMode === 'PROVISIONED';
  if (provisioned && properties.ProvisionedThroughput === undefined) {
    throw new InvalidTableDefinitionError({ tableName, field: 'ProvisionedThroughput', problem: 'is required when BillingMode is PROVISIONED (the CloudFormation default)' });
  }
  const globalIndexes: GlobalSecondaryIndex[] | undefined = properties.GlobalSecondaryIndexes?.map((index, position) => {
    for (const property of Object.keys(index)) {
      if (IGNORED_INDEX_PROPERTIES.has(property)) ignored.push({ tableName, property: `GlobalSecondaryIndexes[${position}].${property}`, reason: 'throughput and monitoring settings have no local effect' });
    }
    const indexThroughput = throughput(tableName, `GlobalSecondaryIndexes[${position}].ProvisionedThroughput`, index.ProvisionedThroughput);
    if (provisioned && indexThroughput === undefined) {
      throw new InvalidTableDefinitionError({ tableName, field: `GlobalSecondaryIndexes[${position}].ProvisionedThroughput`, problem: 'is required when BillingMode is PROVISIONED' });
    }
    return {
      IndexName: index.IndexName,
      KeySchema: keySchema(index.KeySchema),
      Projection: projection(index.Projection),
      ProvisionedThroughput: provisioned ? indexThroughput : undefined,
    };
  });
  const localIndexes: LocalSecondaryIndex[] | undefined = properties.LocalSecondaryIndexes?.map((index) => ({
    IndexName: index.IndexName,
    KeySchema: keySchema(index.KeySchema),
    Projection: projection(index.Projection),
  }));
  return {
    TableName: tableName,
    KeySchema: keySchema(properties.KeySchema),
    AttributeDefinitions: properties.AttributeDefinitions.map((definition) => ({
      AttributeName: definition.AttributeName,
      AttributeType: definition.AttributeType as 'S' | 'N' | 'B',
    })),
    BillingMode: billingMode,
    ProvisionedThroughput: provisioned ? throughput(tableName, 'ProvisionedThroughput', properties.ProvisionedThroughput) : undefined,
    GlobalSecondaryIndexes: globalIndexes?.length ? globalIndexes : undefined,
    LocalSecondaryIndexes: localIndexes?.length ? localIndexes : undefined,
  };
};

const describeTable = async (client: DynamoDBClient, tableName: string): Promise<TableDescription | undefined> => {
  try {
    return (await client.send(new DescribeTableCommand({ TableName: tableName }))).Table;
  } catch (error) {
    if (error instanceof ResourceNotFoundException || (error as Error).name === 'ResourceNotFoundException') return undefined;
    throw error;
  }
};

/** An existing table must have the template's keys and index names; otherwise later queries fail obscurely. */
const assertSameSchema = (input: CreateTableCommandInput, table: TableDescription): void => {
  const tableName = input.TableName as string;
  const expected = describeKeys(input.KeySchema);
  const actual = describeKeys(table.KeySchema);
  if (expected !== actual) throw new TableSchemaMismatchError({ tableName, expected, actual });
  const names = (list: Array<{ IndexName?: string }> | undefined): string =>
    (list ?? []).map((index) => index.IndexName).sort().join(',');
  const expectedIndexes = `GSI[${names(input.GlobalSecondaryIndexes)}] LSI[${names(input.LocalSecondaryIndexes)}]`;
  const actualIndexes = `GSI[${names(table.GlobalSecondaryIndexes)}] LSI[${names(table.LocalSecondaryIndexes)}]`;
  if (expectedIndexes !== actualIndexes) throw new TableSchemaMismatchError({ tableName, expected: expectedIndexes, actual: actualIndexes });
};

const waitUntilActive = async (client: DynamoDBClient, tableName: string, options: CreateTablesOptions): Promise<void> => {
  const deadline = Date.now() + (options.activeTimeoutMs ?? 10_000);
  for (;;) {
    const table = await describeTable(client, tableName);
    if (table?.TableStatus === 'ACTIVE') return;
    if (Date.now() > deadline) {
      throw new EmulatorError(`Table '${tableName}' did not become ACTIVE in ${options.activeTimeoutMs ?? 10_000} ms (status ${table?.TableStatus ?? 'missing'})`);
    }
    await sleep(options.pollIntervalMs ?? 20);
  }
};

/** Normalises the two accepted shapes to (name, properties) pairs; a record's keys are logical ids. */
const entriesOf = (tables: ReadonlyArray<TableProperties> | Readonly<Record<string, TableProperties>>): Array<[string, TableProperties]> => {
  if (Array.isArray(tables)) {
    return (tables as ReadonlyArray<TableProperties>).map((properties, position) => {
      if (typeof properties.TableName !== 'string' || properties.TableName === '') {
        throw new InvalidTableDefinitionError({ tableName: `#${position}`, field: 'TableName', problem: 'is required when tables are given as a list' });
      }
      return [properties.TableName, properties];
    });
  }
  // CloudFormation would generate `<stack>-<logicalId>-<suffix>` for a table without TableName; locally the
  // logical id is the name, which the manifest should hand to handlers as the resolved table name.
  return Object.entries(tables as Record<string, TableProperties>).map(([logicalId, properties]) => {
    const name = properties.TableName ?? logicalId;
    if (typeof name !== 'string' || name === '') {
      throw new InvalidTableDefinitionError({ tableName: logicalId, field: 'TableName', problem: 'must be a non-empty string' });
    }
    return [name, properties];
  });
};

/**
 * Creates every table that does not exist yet and waits until it is ACTIVE; leaves existing tables alone when
 * their key schema and index names match the template, and fails with TableSchemaMismatchError when not.
 * Tables are given as a list of `Properties` (each with TableName) or as a record keyed by logical id.
 *
 * @example
 * const result = await createTablesFromTemplate(new DynamoDBClient({ endpoint }), {
 *   DataTable: {
 *     TableName: 'uia-data',
 *     BillingMode: 'PAY_PER_REQUEST',
 *     KeySchema: [{ AttributeName: 'PK', KeyType: 'HASH' }, { AttributeName: 'SK', KeyType: 'RANGE' }],
 *     AttributeDefinitions: [{ AttributeName: 'PK', AttributeType: 'S' }, { AttributeName: 'SK', AttributeType: 'S' }],
 *     PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
 *   },
 * });
 * result.ignored; // [{ tableName: 'uia-data', property: 'PointInTimeRecoverySpecification', reason: '…' }]
 */
const createTablesFromTemplate = async (
  client: DynamoDBClient,
  tables: ReadonlyArray<TableProperties> | Readonly<Record<string, TableProperties>>,
  options: CreateTablesOptions = {},
): Promise<CreateTablesResult> => {
  const result: CreateTablesResult = { created: [], existing: [], ignored: [] };
  const inputs = entriesOf(tables).map(([name, properties]) => toCreateTableInput(name, properties, result.ignored));
  for (const input of inputs) {
    const tableName = input.TableName as string;
    const current = await describeTable(client, tableName);
    if (current) {
      assertSameSchema(input, current);
      result.existing.push(tableName);
      continue;
    }
    try {
      await client.send(new CreateTableCommand(input));
    } catch (error) {
      if (error instanceof ResourceInUseException || (error as Error).name === 'ResourceInUseException') {
        // Created concurrently by someone else since our DescribeTable: treat as existing.
        const raced = await describeTable(client, tableName);
        if (raced) assertSameSchema(input, raced);
        result.existing.push(tableName);
        continue;
      }
      if ((error as Error).name === 'ValidationException') {
        throw new InvalidTableDefinitionError({ tableName, field: 'Properties', problem: (error as Error).message }, { cause: error });
      }
      throw error;
    }
    await waitUntilActive(client, tableName, options);
    result.created.push(tableName);
  }
  return result;
};

export { createTablesFromTemplate, IGNORED_PROPERTIES };
export type { CreateTablesOptions, CreateTablesResult, IgnoredProperty, TableProperties };
