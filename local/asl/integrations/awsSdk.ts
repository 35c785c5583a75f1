/**
 * The AWS SDK integrations, `arn:aws:states:::aws-sdk:<service>:<apiAction>[.waitForTaskToken]`: any API action of
 * any service whose AWS SDK for JavaScript v3 client is installed, called through that client with the
 * application's client configuration (so `AWS_ENDPOINT_URL_<SERVICE>` or an explicit endpoint reaches a local
 * emulator). Requests and results are shaped as Step Functions shapes them (see ./sdk/shape.ts); errors are
 * `<ServiceName>.<ErrorName>Exception` or `<ServiceName>.SdkClientException` (see ./sdk/failures.ts).
 */
import type { SdkClientLoader } from './sdk/clientLoader';
import { throwIfAborted, toSdkStatesError } from './sdk/failures';
import { sendOperation } from './sdk/send';
import { errorServiceName } from './sdk/serviceNames';
import { fromSdkOutput, toSdkInput } from './sdk/shape';
import { objectArguments, resourceLabel, serviceResource } from './taskArguments';
import type { ServiceIntegration, TaskRequest } from './types';

const AWS_SDK_PREFIX = 'aws-sdk:';

/**
 * Creates the integration that serves every `aws-sdk:*` resource.
 *
 * @example
 * const awsSdk = createAwsSdkIntegration(createSdkClientLoader({ clientConfig }));
 * await awsSdk.invoke(request); // request.resource = parseResource('arn:aws:states:::aws-sdk:s3:getObject')
 */
const createAwsSdkIntegration = (loader: SdkClientLoader): ServiceIntegration => ({
  async invoke(request: TaskRequest): Promise<unknown> {
    // Step Functions offers no .sync for the AWS SDK integrations (developer guide, service integration patterns).
    const resource = serviceResource(request, ['requestResponse', 'waitForTaskToken']);
    const label = resourceLabel(resource);
    const service = resource.service.startsWith(AWS_SDK_PREFIX)
      ? resource.service.slice(AWS_SDK_PREFIX.length)
      : resource.service;
    const operation = loader.operation(service, resource.action, resource.arn);
    const input = toSdkInput(objectArguments(request), operation.schemas?.input, label);
    const style = { prefix: errorServiceName(operation.serviceId), family: 'v2' } as const;
    try {
      const { output } = await sendOperation(operation, input, request.signal);
      return await fromSdkOutput(output, operation.schemas?.output, 'awsSdk');
    } catch (error) {
      throwIfAborted(request.signal, error);
      throw toSdkStatesError(error, style);
    }
  },
});

export { createAwsSdkIntegration };
