/**
 * The service integrations of the local ASL engine: the registry the interpreter asks for the integration that
 * carries out a Task's Resource, the resource parser, the Lambda invoker seam and Step Functions Local-style mocks.
 */
import { createAwsSdkIntegration } from './awsSdk';
import { createDynamoDbIntegrations } from './dynamodb';
import { createPutEventsIntegration } from './events';
import { createLambdaFunctionIntegration, createLambdaInvokeIntegration } from './lambda';
import { createSdkLambdaInvoker } from './lambdaInvoker';
import type { LambdaInvokeRequest, LambdaInvokeResponse, LambdaInvoker } from './lambdaInvoker';
import { loadMockConfig } from './mock/config';
import type { MockConfig, MockedResponse } from './mock/config';
import { withMockedResponses } from './mock/registry';
import { parseResource } from './resource';
import { createSdkClientLoader } from './sdk/clientLoader';
import { createStartExecutionIntegration } from './states';
import type { IntegrationRegistry, ParsedResource, ServiceIntegration } from './types';

/** The registry key of the integration for plain Lambda function ARNs (`arn:aws:lambda:…:function:<name>`). */
const LAMBDA_FUNCTION_KEY = 'lambda:function';

/** Options of {@link createIntegrationRegistry}. */
type IntegrationOptions = {
  /**
   * Runs Lambda functions for `lambda:invoke` and function ARNs.
   * @default the AWS Lambda Invoke API through `@aws-sdk/client-lambda`, configured by `clientConfig('lambda')`
   */
  lambda?: LambdaInvoker;
  /**
   * Configuration of every AWS SDK client the integrations create (region, endpoint, credentials,
   * forcePathStyle…), by lowercase service name as in `aws-sdk:<service>`: `dynamodb`, `eventbridge`, `lambda`,
   * `s3`, `sfn`…
   * @default the SDK's own resolution (environment, shared config, `AWS_ENDPOINT_URL_<SERVICE>`)
   */
  clientConfig?: (service: string) => Record<string, unknown>;
  /**
   * Integrations to add or replace, keyed `<service>:<action>` as in the resource (`lambda:invoke`,
   * `dynamodb:putItem`, `aws-sdk:s3:getObject`), or `lambda:function` for plain function ARNs.
   */
  integrations?: Record<string, ServiceIntegration>;
};

/** The registry, with `destroy` to close the SDK clients it opened. */
type LocalIntegrationRegistry = IntegrationRegistry & { destroy(): void };

/**
 * Creates the integration registry: `lambda:invoke`, plain function ARNs, `dynamodb:getItem|putItem|updateItem|
 * deleteItem`, `events:putEvents`, `states:startExecution` and every `aws-sdk:<service>:<action>`. A resource it has
 * no integration for (an activity, `s3:getObject` as an ItemReader, an unknown service) resolves to `undefined`.
 *
 * @example
 * const registry = createIntegrationRegistry({
 *   lambda: pool.invoke,
 *   clientConfig: () => ({ region: 'us-east-1', endpoint: 'http://127.0.0.1:4569', credentials }),
 * });
 * const integration = registry.resolve(parseResource(state.Resource), stateName, executionArn);
 */
const createIntegrationRegistry = (options: IntegrationOptions = {}): LocalIntegrationRegistry => {
  const loader = createSdkClientLoader(options.clientConfig === undefined ? {} : { clientConfig: options.clientConfig });
  const invoker = options.lambda ?? createSdkLambdaInvoker(loader);
  const table: Record<string, ServiceIntegration> = {
    'lambda:invoke': createLambdaInvokeIntegration(invoker),
    [LAMBDA_FUNCTION_KEY]: createLambdaFunctionIntegration(invoker),
    ...createDynamoDbIntegrations(loader),
    'events:putEvents': createPutEventsIntegration(loader),
    'states:startExecution': createStartExecutionIntegration(),
    ...options.integrations,
  };
  const awsSdk = createAwsSdkIntegration(loader);

  const resolve = (resource: ParsedResource): ServiceIntegration | undefined => {
    if (resource.kind === 'lambda-function') return table[LAMBDA_FUNCTION_KEY];
    if (resource.kind !== 'service') return undefined;
    const key = `${resource.service}:${resource.action}`;
    if (Object.hasOwn(table, key)) return table[key];
    return resource.service.startsWith('aws-sdk:') ? awsSdk : undefined;
  };

  return { resolve, destroy: loader.destroy };
};

export { createIntegrationRegistry, createSdkLambdaInvoker, LAMBDA_FUNCTION_KEY, loadMockConfig, parseResource, withMockedResponses };
export type {
  IntegrationOptions,
  LambdaInvokeRequest,
  LambdaInvokeResponse,
  LambdaInvoker,
  LocalIntegrationRegistry,
  MockConfig,
  MockedResponse,
};
export type { EngineServices, IntegrationRegistry, ParsedResource, ServiceIntegration, TaskPattern, TaskRequest } from './types';
export { MockConfigError, MockStateMachineNotFoundError, MockTestCaseNotFoundError } from './errors';
export type { MockConfigProblem } from './errors';
