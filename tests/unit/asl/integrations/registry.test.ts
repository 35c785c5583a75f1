import { createIntegrationRegistry, LAMBDA_FUNCTION_KEY, parseResource } from '../../../../local/asl/integrations';
import type { LambdaInvoker, ServiceIntegration } from '../../../../local/asl/integrations';
import { taskRequest } from './helpers';

const invoker: LambdaInvoker = async (request) => ({
  statusCode: 200,
  payload: JSON.stringify({ invoked: request.functionName }),
  executedVersion: '$LATEST',
});

const resolve = (registry: ReturnType<typeof createIntegrationRegistry>, arn: string): ServiceIntegration | undefined =>
  registry.resolve(parseResource(arn), 'Task', 'arn:aws:states:us-east-1:123456789012:execution:m:e');

describe('Function: createIntegrationRegistry()', () => {
  const registry = createIntegrationRegistry({ lambda: invoker });
  afterAll(() => registry.destroy());

  it.each([
    'arn:aws:states:::lambda:invoke',
    'arn:aws:states:::lambda:invoke.waitForTaskToken',
    'arn:aws:states:::dynamodb:getItem',
    'arn:aws:states:::dynamodb:putItem',
    'arn:aws:states:::dynamodb:updateItem',
    'arn:aws:states:::dynamodb:deleteItem',
    'arn:aws:states:::events:putEvents',
    'arn:aws:states:::states:startExecution.sync:2',
    'arn:aws:states:::aws-sdk:s3:getObject',
    'arn:aws:states:::aws-sdk:anything:whatever',
    'arn:aws:lambda:us-east-1:123456789012:function:split-source:live',
  ])('resolves %s', (arn) => {
    // Act & Assess
    expect(resolve(registry, arn)).toEqual(expect.objectContaining({ invoke: expect.any(Function) }));
  });

  it.each([
    'arn:aws:states:::s3:getObject',
    'arn:aws:states:::s3:listObjectsV2',
    'arn:aws:states:::dynamodb:query',
    'arn:aws:states:::sqs:sendMessage',
    'arn:aws:states:us-east-1:123456789012:activity:review',
  ])('resolves %s to undefined', (arn) => {
    // Act & Assess
    expect(resolve(registry, arn)).toBeUndefined();
  });

  it('runs plain function ARNs through the given LambdaInvoker', async () => {
    // Prepare
    const request = taskRequest('arn:aws:lambda:us-east-1:123456789012:function:split-source', { a: 1 });

    // Act
    const result = await resolve(registry, request.resource.arn)!.invoke(request);

    // Assess
    expect(result).toEqual({ invoked: 'split-source' });
  });

  it('adds and replaces integrations by service:action key', async () => {
    // Prepare
    const replaced: ServiceIntegration = { invoke: async () => 'replaced putItem' };
    const added: ServiceIntegration = { invoke: async () => 'added sqs' };
    const legacy: ServiceIntegration = { invoke: async () => 'replaced function ARNs' };
    const custom = createIntegrationRegistry({
      lambda: invoker,
      integrations: { 'dynamodb:putItem': replaced, 'sqs:sendMessage': added, [LAMBDA_FUNCTION_KEY]: legacy },
    });

    // Act
    const resolved = [
      resolve(custom, 'arn:aws:states:::dynamodb:putItem'),
      resolve(custom, 'arn:aws:states:::sqs:sendMessage.waitForTaskToken'),
      resolve(custom, 'arn:aws:lambda:us-east-1:123456789012:function:fn'),
    ];
    custom.destroy();

    // Assess
    expect(resolved).toEqual([replaced, added, legacy]);
  });
});
