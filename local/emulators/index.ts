/**
 * The local AWS service emulators (S3, DynamoDB, EventBridge) and their shared helpers. Each binds loopback on a
 * fixed default port, keeps its state under a data directory that survives restarts, and is reached through
 * the SDK's standard endpoint settings (`AWS_ENDPOINT_URL_S3`, `AWS_ENDPOINT_URL_DYNAMODB`,
 * `AWS_ENDPOINT_URL_EVENTBRIDGE`), the same code path as in AWS.
 */
import { createTablesFromTemplate, DEFAULT_DYNAMODB_PORT, startDynamoDb } from './dynamodb';
import type { CreateTablesOptions, CreateTablesResult, DynamoDbOptions, IgnoredProperty, TableProperties } from './dynamodb';
import {
  DataDirInUseError,
  EmulatorError,
  InvalidTableDefinitionError,
  NotLoopbackError,
  PortInUseError,
  TableSchemaMismatchError,
  UnsafeDataDirError,
} from './errors';
import { DEFAULT_EVENTBRIDGE_PORT, readEventLog, startEventBridge } from './eventbridge';
import type { EventBridgeEvent, EventBridgeOptions, LoggedEvent } from './eventbridge';
import { assertPortFree, findFreePort } from './net/ports';
import { DEFAULT_S3_PORT, startS3Server } from './s3';
import type { S3RequestLogEntry, S3ServerOptions } from './s3';
import type { EmulatorHandle, EmulatorOptions } from './types';

export {
  assertPortFree,
  createTablesFromTemplate,
  DataDirInUseError,
  DEFAULT_DYNAMODB_PORT,
  DEFAULT_EVENTBRIDGE_PORT,
  DEFAULT_S3_PORT,
  EmulatorError,
  findFreePort,
  InvalidTableDefinitionError,
  NotLoopbackError,
  PortInUseError,
  readEventLog,
  startDynamoDb,
  startEventBridge,
  startS3Server,
  TableSchemaMismatchError,
  UnsafeDataDirError,
};
export type {
  CreateTablesOptions,
  CreateTablesResult,
  DynamoDbOptions,
  EmulatorHandle,
  EmulatorOptions,
  EventBridgeEvent,
  EventBridgeOptions,
  IgnoredProperty,
  LoggedEvent,
  S3RequestLogEntry,
  S3ServerOptions,
  TableProperties,
};
