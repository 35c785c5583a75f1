/**
 * Converts between the JSON a Task state hands over or receives and the values an AWS SDK v3 command takes or
 * returns, guided by the operation's schema (`@smithy/core/schema`), the way Step Functions does for its AWS SDK
 * integrations:
 * - request members may be written in PascalCase even where the API model uses camelCase ("Parameters in Step
 *   Functions are expressed in PascalCase, even if the native service API is in camelCase", developer guide);
 * - a JSON object or array given for a string member is sent as its JSON text (SQS MessageBody, StartExecution
 *   Input, PutEvents Detail);
 * - a streaming blob (an S3 object body) is sent as the JSON text of the value given, a string included (AWS stores
 *   `"text"`, quotes and all, for `"Body": "text"`), and comes back as UTF-8 text; other blobs come back from the
 *   AWS SDK integrations as UTF-8 text when they are valid UTF-8 (the developer guide: the AWS SDK integration's
 *   Lambda `Payload` is "escaped JSON"), as base64 otherwise and from the optimized integrations (DynamoDB `B`);
 *   a blob given as strict base64 text is decoded, other text is taken as UTF-8 (an inference: the guide is silent);
 * - struct members come back in alphabetical order, the streaming payload last, as Step Functions writes them;
 * - timestamps come back as ISO-8601 text for the AWS SDK integrations and as epoch milliseconds for the older
 *   optimized integrations; response members come back in PascalCase; SDK metadata (`$metadata`) is dropped.
 * A member the operation does not have is an error naming its path, as Step Functions rejects unknown fields.
 */
import { StatesError, StatesErrorNames } from '../../errors';
import type { SchemaModule } from './clientLoader';

/** The slice of `NormalizedSchema` used here. */
type Schema = {
  isStructSchema(): boolean;
  isListSchema(): boolean;
  isMapSchema(): boolean;
  isBlobSchema(): boolean;
  isStreaming(): boolean;
  isTimestampSchema(): boolean;
  isStringSchema(): boolean;
  isUnitSchema(): boolean;
  structIterator(): Iterable<[string, Schema]>;
  getValueSchema(): Schema;
};

/**
 * How results are written: `awsSdk` (the AWS SDK integrations, on the AWS SDK for Java 2.x) writes timestamps as
 * ISO-8601 text and blobs as UTF-8 text where they are valid UTF-8; `optimized` (the optimized integrations, on the
 * AWS SDK for Java 1.x) writes timestamps as epoch milliseconds and blobs as base64.
 */
type OutputStyle = 'awsSdk' | 'optimized';

type JsonObject = Record<string, unknown>;

const isPlainObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array) && !(value instanceof Date);

const STRICT_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

const jsonKind = (value: unknown): string => (value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value);

const badInput = (label: string, path: string, message: string): StatesError =>
  new StatesError(StatesErrorNames.Runtime, `Invalid arguments for ${label} at ${path}: ${message}`);

/**
 * The operation's input and output schemas, when the client is schema-based (`command.schema` is the static
 * `[9, namespace, name, traits, input, output]` tuple that the SDK's own serde middleware destructures).
 */
const operationSchemas = (
  schemaModule: SchemaModule | undefined,
  commandSchema: unknown,
): { input: Schema; output: Schema } | undefined => {
  if (schemaModule === undefined || !Array.isArray(commandSchema) || commandSchema[0] !== 9) return undefined;
  const [, , , , input, output] = commandSchema as unknown[];
  return {
    input: schemaModule.NormalizedSchema.of(input) as Schema,
    output: schemaModule.NormalizedSchema.of(output) as Schema,
  };
};

const toBlob = (value: unknown, streaming: boolean): unknown => {
  if (value instanceof Uint8Array) return value;
  if (streaming) return JSON.stringify(value);
  if (typeof value === 'string') {
    return STRICT_BASE64.test(value) ? Buffer.from(value, 'base64') : Buffer.from(value, 'utf8');
  }
  return Buffer.from(JSON.stringify(value), 'utf8');
};

/** UTF-8 text when the bytes are valid UTF-8 (they survive the round trip), base64 otherwise. */
const fromBlob = (bytes: Uint8Array): string => {
  const buffer = Buffer.from(bytes);
  const text = buffer.toString('utf8');
  return Buffer.from(text, 'utf8').equals(buffer) ? text : buffer.toString('base64');
};

const toTimestamp = (label: string, path: string, value: unknown): Date => {
  // A JSON number is epoch seconds, as in the AWS JSON protocols.
  const date = typeof value === 'number' ? new Date(value * 1000) : typeof value === 'string' ? new Date(value) : undefined;
  if (date === undefined || Number.isNaN(date.getTime())) {
    throw badInput(label, path, `expected a timestamp (ISO-8601 text or epoch seconds), got ${JSON.stringify(value)}`);
  }
  return date;
};

/**
 * Turns Task arguments into the input of an SDK command, following the input schema.
 *
 * @param label - The resource, for messages (`aws-sdk:dynamodb:getItem`).
 * @throws StatesError `States.Runtime` naming the path of a field the operation does not have or of a value of the
 * wrong kind.
 * @example
 * toSdkInput({ TableName: 't', Key: { PK: { S: 'a' } } }, schemas.input, 'aws-sdk:dynamodb:getItem');
 */
const toSdkInput = (value: unknown, schema: Schema | undefined, label: string, path = '$'): unknown => {
  if (schema === undefined || value === null || value === undefined) return value ?? undefined;
  if (schema.isStructSchema()) {
    if (!isPlainObject(value)) throw badInput(label, path, `expected an object, got ${jsonKind(value)}`);
    const members = [...schema.structIterator()];
    const result: JsonObject = {};
    for (const [key, item] of Object.entries(value)) {
      const match =
        members.find(([name]) => name === key) ?? members.find(([name]) => name.toLowerCase() === key.toLowerCase());
      if (match === undefined) {
        throw badInput(
          label,
          path,
          `the field '${key}' is not supported by Step Functions (known fields: ${members.map(([name]) => name).join(', ')})`,
        );
      }
      if (item === null || item === undefined) continue;
      result[match[0]] = toSdkInput(item, match[1], label, `${path}.${key}`);
    }
    return result;
  }
  if (schema.isListSchema()) {
    if (!Array.isArray(value)) throw badInput(label, path, `expected an array, got ${jsonKind(value)}`);
    const itemSchema = schema.getValueSchema();
    return value.map((item, index) => toSdkInput(item, itemSchema, label, `${path}[${index}]`));
  }
  if (schema.isMapSchema()) {
    if (!isPlainObject(value)) throw badInput(label, path, `expected an object, got ${jsonKind(value)}`);
    const valueSchema = schema.getValueSchema();
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, toSdkInput(item, valueSchema, label, `${path}.${key}`)]),
    );
  }
  if (schema.isBlobSchema()) return toBlob(value, schema.isStreaming());
  if (schema.isTimestampSchema()) return toTimestamp(label, path, value);
  if (schema.isStringSchema() && typeof value !== 'string') return JSON.stringify(value);
  return value;
};

const formatTimestamp = (date: Date, style: OutputStyle): string | number =>
  // Java's Instant.toString(), which the AWS SDK integrations use, leaves out a zero fraction of a second.
  style === 'optimized' ? date.getTime() : date.toISOString().replace('.000Z', 'Z');

const formatBlob = (bytes: Uint8Array, style: OutputStyle): string =>
  style === 'optimized' ? Buffer.from(bytes).toString('base64') : fromBlob(bytes);

const readStream = async (value: unknown): Promise<string> => {
  const stream = value as { transformToString?: (encoding?: string) => Promise<string> };
  if (typeof stream.transformToString === 'function') return stream.transformToString('utf-8');
  if (value instanceof Uint8Array) return Buffer.from(value).toString('utf8');
  if (typeof value === 'string') return value;
  const chunks: Buffer[] = [];
  for await (const chunk of value as AsyncIterable<Uint8Array | string>) {
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk));
  }
  return Buffer.concat(chunks).toString('utf8');
};

const pascalCase = (name: string): string => name.charAt(0).toUpperCase() + name.slice(1);

const fromUntyped = async (value: unknown, style: OutputStyle): Promise<unknown> => {
  if (value instanceof Date) return formatTimestamp(value, style);
  if (value instanceof Uint8Array) return formatBlob(value, style);
  if (Array.isArray(value)) return Promise.all(value.map((item) => fromUntyped(item, style)));
  if (isPlainObject(value)) {
    if (typeof (value as { transformToString?: unknown }).transformToString === 'function') return readStream(value);
    const entries = await Promise.all(
      Object.entries(value)
        .filter(([key, item]) => key !== '$metadata' && item !== undefined)
        .map(async ([key, item]) => [key, await fromUntyped(item, style)] as const),
    );
    return Object.fromEntries(entries);
  }
  return value;
};

/**
 * Turns an SDK command's output into the result Step Functions gives the Task, following the output schema (or,
 * for clients without schemas, by the runtime type of each value).
 *
 * @example
 * await fromSdkOutput(await client.send(command), schemas.output, 'awsSdk'); // { Item: { PK: { S: 'a' } } }
 */
const fromSdkOutput = async (value: unknown, schema: Schema | undefined, style: OutputStyle): Promise<unknown> => {
  if (value === undefined || value === null) return value;
  if (schema === undefined) return fromUntyped(value, style);
  if (schema.isStructSchema() && isPlainObject(value)) {
    const members = new Map([...schema.structIterator()]);
    const entries: [string, unknown, boolean][] = [];
    for (const [key, item] of Object.entries(value)) {
      if (key === '$metadata' || key === '$unknown' || item === undefined) continue;
      const member = members.get(key);
      const streaming = member !== undefined && member.isBlobSchema() && member.isStreaming();
      entries.push([pascalCase(key), await fromSdkOutput(item, member, style), streaming]);
    }
    entries.sort(([a, , aStreams], [b, , bStreams]) =>
      aStreams !== bStreams ? (aStreams ? 1 : -1) : a < b ? -1 : a > b ? 1 : 0,
    );
    return Object.fromEntries(entries.map(([key, item]) => [key, item]));
  }
  if (schema.isListSchema() && Array.isArray(value)) {
    const itemSchema = schema.getValueSchema();
    return Promise.all(value.map((item) => fromSdkOutput(item, itemSchema, style)));
  }
  if (schema.isMapSchema() && isPlainObject(value)) {
    const valueSchema = schema.getValueSchema();
    const entries = await Promise.all(
      Object.entries(value).map(async ([key, item]) => [key, await fromSdkOutput(item, valueSchema, style)] as const),
    );
    return Object.fromEntries(entries);
  }
  if (schema.isBlobSchema()) {
    if (schema.isStreaming()) return readStream(value);
    if (value instanceof Uint8Array) return formatBlob(value, style);
  }
  if (value instanceof Date) return formatTimestamp(value, style);
  return fromUntyped(value, style);
};

export { fromSdkOutput, operationSchemas, toSdkInput };
export type { OutputStyle, Schema };
