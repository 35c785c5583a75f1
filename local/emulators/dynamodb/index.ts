/** Local DynamoDB (dynalite) and table creation from template properties. */
import { DEFAULT_DYNAMODB_PORT, startDynamoDb, type DynamoDbOptions } from './server';
import {
  createTablesFromTemplate,
  type CreateTablesOptions,
  type CreateTablesResult,
  type IgnoredProperty,
  type TableProperties,
} from './tables';

/** Same as {@link startDynamoDb}: every emulator module exports `start(options)`. */
const start = startDynamoDb;

export { createTablesFromTemplate, DEFAULT_DYNAMODB_PORT, start, startDynamoDb };
export type { CreateTablesOptions, CreateTablesResult, DynamoDbOptions, IgnoredProperty, TableProperties };
