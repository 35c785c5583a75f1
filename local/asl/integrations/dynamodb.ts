/**
 * The optimized DynamoDB integration: `arn:aws:states:::dynamodb:getItem|putItem|updateItem|deleteItem`, the only
 * four actions Step Functions optimizes (every other DynamoDB action, `query` included, is reached through
 * `aws-sdk:dynamodb:<action>`). Request and result are the low-level DynamoDB JSON of the API
 * (`Key: {PK: {S: "…"}}`), the result carrying `SdkHttpMetadata` and `SdkResponseMetadata` as the AWS SDK for
 * Java 1.x behind this integration puts them there. Errors are `DynamoDB.<ErrorCode>`, for example
 * `DynamoDB.ConditionalCheckFailedException`.
 */
import { randomUUID } from 'node:crypto';
import type { SdkClientLoader } from './sdk/clientLoader';
import { throwIfAborted, toSdkStatesError } from './sdk/failures';
import { sdkResponseMetadata, sendOperation } from './sdk/send';
import { fromSdkOutput, toSdkInput } from './sdk/shape';
import { objectArguments, resourceLabel, serviceResource } from './taskArguments';
import type { ServiceIntegration, TaskRequest } from './types';

const COMMON_WRITE_FIELDS = [
  'TableName',
  'ConditionalOperator',
  'ConditionExpression',
  'Expected',
  'ExpressionAttributeNames',
  'ExpressionAttributeValues',
  'ReturnConsumedCapacity',
  'ReturnItemCollectionMetrics',
  'ReturnValues',
] as const;

/** The request fields the developer guide lists as supported, per optimized DynamoDB action. */
const DynamoDbSupportedFields = {
  getItem: [
    'Key',
    'TableName',
    'AttributesToGet',
    'ConsistentRead',
    'ExpressionAttributeNames',
    'ProjectionExpression',
    'ReturnConsumedCapacity',
  ],
  putItem: ['Item', ...COMMON_WRITE_FIELDS],
  deleteItem: ['Key', ...COMMON_WRITE_FIELDS],
  updateItem: ['Key', 'AttributeUpdates', 'UpdateExpression', ...COMMON_WRITE_FIELDS],
} as const;

type DynamoDbAction = keyof typeof DynamoDbSupportedFields;

const ERROR_STYLE = { prefix: 'DynamoDB', family: 'v1', v1ServiceName: 'AmazonDynamoDBv2' } as const;

const createAction = (loader: SdkClientLoader, action: DynamoDbAction): ServiceIntegration => ({
  async invoke(request: TaskRequest): Promise<unknown> {
    const resource = serviceResource(request, ['requestResponse']);
    const label = resourceLabel(resource);
    const args = objectArguments(request, DynamoDbSupportedFields[action]);
    const operation = loader.operation('dynamodb', action, resource.arn);
    const input = toSdkInput(args, operation.schemas?.input, label);
    try {
      const { output, http } = await sendOperation(operation, input, request.signal);
      const metadata = output.$metadata as { httpStatusCode?: number; requestId?: string } | undefined;
      const requestId = metadata?.requestId ?? http?.headers['x-amzn-requestid'] ?? randomUUID();
      const result = (await fromSdkOutput(output, operation.schemas?.output, 'optimized')) as Record<string, unknown>;
      return {
        ...result,
        ...sdkResponseMetadata(http ?? { statusCode: metadata?.httpStatusCode ?? 200, headers: {} }, requestId),
      };
    } catch (error) {
      throwIfAborted(request.signal, error);
      throw toSdkStatesError(error, ERROR_STYLE);
    }
  },
});

/**
 * The four optimized DynamoDB integrations, keyed `dynamodb:<action>` for the registry.
 *
 * @example
 * const integrations = createDynamoDbIntegrations(loader);
 * await integrations['dynamodb:putItem'].invoke(request);
 */
const createDynamoDbIntegrations = (loader: SdkClientLoader): Record<`dynamodb:${DynamoDbAction}`, ServiceIntegration> => ({
  'dynamodb:getItem': createAction(loader, 'getItem'),
  'dynamodb:putItem': createAction(loader, 'putItem'),
  'dynamodb:updateItem': createAction(loader, 'updateItem'),
  'dynamodb:deleteItem': createAction(loader, 'deleteItem'),
});

export { createDynamoDbIntegrations, DynamoDbSupportedFields };
export type { DynamoDbAction };
