/**
 * The local AWS service emulators (S3, DynamoDB, EventBridge) and their shared helpers; the local runtime runs STS,
 * DynamoDB and S3 on a thread of their own (`startEmulatorHost`). Each binds loopback on a
 * fixed default port, keeps its state under a data directory that survives restarts, and is reached through
 * the SDK's standard endpoint settings (`AWS_ENDPOINT_URL_S3`, `AWS_ENDPOINT_URL_DYNAMODB`,
 * `AWS_ENDPOINT_URL_EVENTBRIDGE`), the same code path as in AWS.
 */
import { createTablesFromTemplate, DEFAULT_DYNAMODB_PORT, startDynamoDb } from './dynamodb';
import type { CreateTablesOptions, CreateTablesResult, DynamoDbOptions, IgnoredProperty, TableProperties } from './dynamodb';
import {
  DataDirInUseError,
  EmulatorError,
  EmulatorHostExitedError,
  InvalidTableDefinitionError,
  NotLoopbackError,
  PortInUseError,
  TableSchemaMismatchError,
  UnsafeDataDirError,
} from './errors';
import { DEFAULT_EVENTBRIDGE_PORT, readEventLog, startEventBridge } from './eventbridge';
import { startEmulatorHost } from './host';
import type { EmulatorHost, EmulatorHostConfig, EmulatorHostOptions } from './host';
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
  EmulatorHostExitedError,
  findFreePort,
  InvalidTableDefinitionError,
  NotLoopbackError,
  PortInUseError,
  readEventLog,
  startDynamoDb,
  startEmulatorHost,
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
  EmulatorHost,
  EmulatorHostConfig,
  EmulatorHostOptions,
  EmulatorOptions,
  EventBridgeEvent,
  EventBridgeOptions,
  IgnoredProperty,
  LoggedEvent,
  S3RequestLogEntry,
  S3ServerOptions,
  TableProperties,
};
