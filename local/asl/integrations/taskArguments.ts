/**
 * Checks shared by the integrations: which integration patterns a resource supports, that the arguments are a JSON
 * object, and that they use only the fields Step Functions accepts for an optimized integration. Each failure is a
 * `States.Runtime` error whose cause names the resource and the offending field, since Step Functions rejects these
 * definitions before they run.
 */
import { StatesError, StatesErrorNames } from '../errors';
import type { ParsedResource, TaskPattern, TaskRequest } from './types';

type JsonObject = Record<string, unknown>;

const PATTERN_SUFFIX: Record<TaskPattern, string> = {
  requestResponse: '',
  sync: '.sync',
  'sync:2': '.sync:2',
  waitForTaskToken: '.waitForTaskToken',
};

/**
 * A short name of the resource for messages: `lambda:invoke.waitForTaskToken`, `aws-sdk:s3:getObject`, or the
 * function ARN.
 */
const resourceLabel = (resource: ParsedResource): string =>
  resource.kind === 'service' ? `${resource.service}:${resource.action}${PATTERN_SUFFIX[resource.pattern]}` : resource.arn;

const isJsonObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The service resource of a request, after checking that its integration pattern is one the integration supports.
 *
 * @example
 * const resource = serviceResource(request, ['requestResponse', 'waitForTaskToken']);
 */
const serviceResource = (
  request: TaskRequest,
  supported: readonly TaskPattern[],
): Extract<ParsedResource, { kind: 'service' }> => {
  const { resource } = request;
  if (resource.kind !== 'service') {
    throw new StatesError(StatesErrorNames.Runtime, `The resource '${resource.arn}' is not a service integration`);
  }
  if (!supported.includes(resource.pattern)) {
    const names = supported.map((pattern) => (pattern === 'requestResponse' ? 'request-response' : PATTERN_SUFFIX[pattern]));
    throw new StatesError(
      StatesErrorNames.Runtime,
      `The resource '${resource.arn}' uses the ${PATTERN_SUFFIX[resource.pattern]} pattern, which ` +
        `${resource.service}:${resource.action} does not support (it supports: ${names.join(', ')})`,
    );
  }
  return resource;
};

/**
 * The task arguments as a JSON object, with only `supported` fields (when given).
 *
 * @example
 * const args = objectArguments(request, ['FunctionName', 'Payload', 'Qualifier']);
 */
const objectArguments = (request: TaskRequest, supported?: readonly string[]): JsonObject => {
  const label = resourceLabel(request.resource);
  const args = request.arguments ?? {};
  if (!isJsonObject(args)) {
    throw new StatesError(
      StatesErrorNames.Runtime,
      `The arguments of ${label} must be a JSON object, got ${Array.isArray(args) ? 'an array' : typeof args}`,
    );
  }
  if (supported !== undefined) {
    const unsupported = Object.keys(args).filter((key) => !supported.includes(key));
    if (unsupported.length > 0) {
      throw new StatesError(
        StatesErrorNames.Runtime,
        `The field${unsupported.length === 1 ? '' : 's'} ${unsupported.map((key) => `'${key}'`).join(', ')} ` +
          `${unsupported.length === 1 ? 'is' : 'are'} not supported by Step Functions for ${label} ` +
          `(supported: ${supported.join(', ')})`,
      );
    }
  }
  return args;
};

/** A required string field of the arguments. */
const requiredString = (args: JsonObject, field: string, label: string): string => {
  const value = args[field];
  if (typeof value !== 'string' || value === '') {
    throw new StatesError(
      StatesErrorNames.Runtime,
      `The field '${field}' of ${label} is required and must be a non-empty string, got ${JSON.stringify(value) ?? 'nothing'}`,
    );
  }
  return value;
};

export { isJsonObject, objectArguments, requiredString, resourceLabel, serviceResource };
export type { JsonObject };
