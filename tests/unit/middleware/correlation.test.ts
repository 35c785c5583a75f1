/**
 * correlationKeys(): the run's ids on every log line of the invocation, from wherever the event carries them.
 * Log lines are read from what the Logger writes to stdout.
 */
import middy from '@middy/core';
import { correlationKeys } from '../../../functions/lib/middleware/correlation';
import { lambdaHandler } from '../../../functions/lib/middleware';
import { logger } from '../../../functions/lib/powertools';
import { lambdaContext } from '../functions/support/lambda';
import { logLines } from './support';

const logging = async (): Promise<void> => {
  logger.info('working');
};

describe('Function: correlationKeys()', () => {
  afterEach(() => {
    logger.resetKeys();
  });

  it.each([
    [
      'the top level of the event',
      { customerId: 'acme', runId: 'r1', executionArn: 'arn:aws:states:us-east-1:000000000000:execution:analysis:acme-r1', source: { key: 'uploads/acme/src.zip' } },
      { customerId: 'acme', runId: 'r1', executionArn: 'arn:aws:states:us-east-1:000000000000:execution:analysis:acme-r1' },
    ],
    [
      'a Distributed Map batch’s BatchInput',
      { BatchInput: { customerId: 'acme', runId: 'r1', bucket: 'data' }, Items: [{ unitId: 'u1' }] },
      { customerId: 'acme', runId: 'r1' },
    ],
    ['an API Gateway proxy event’s path parameters', { httpMethod: 'POST', pathParameters: { customerId: 'acme' }, body: '{"runId":"r9"}' }, { customerId: 'acme' }],
  ])('adds the ids found in %s to log lines, and nothing else of the event', async (_case, event, keys) => {
    // Act
    const [line] = await logLines(() => middy(logging).use(correlationKeys())(event, lambdaContext()));

    // Assess
    expect(line).toMatchObject({ message: 'working', ...keys });
    for (const absent of ['source', 'bucket', 'Items', 'body', ...['customerId', 'runId', 'executionArn'].filter((key) => !(key in keys))]) {
      expect(line).not.toHaveProperty(absent);
    }
  });

  it('prefers the top level over BatchInput over path parameters', async () => {
    // Prepare
    const event = { runId: 'top', BatchInput: { runId: 'batch', customerId: 'batch-customer' }, pathParameters: { customerId: 'path', executionArn: 'path-arn' } };

    // Act
    const [line] = await logLines(() => middy(logging).use(correlationKeys())(event, lambdaContext()));

    // Assess
    expect(line).toMatchObject({ runId: 'top', customerId: 'batch-customer', executionArn: 'path-arn' });
  });

  it.each([
    ['ids that are not strings', { customerId: 7, runId: { id: 'r1' } }],
    ['an event that is not an object', 'just a string'],
    ['no event', undefined],
  ])('adds nothing for %s', async (_case, event) => {
    // Act
    const [line] = await logLines(() => middy(logging).use(correlationKeys())(event, lambdaContext()));

    // Assess
    expect(line).not.toHaveProperty('customerId');
    expect(line).not.toHaveProperty('runId');
  });

  it('does not carry one invocation’s ids into the next (the handler stack resets keys)', async () => {
    // Prepare
    const handler = lambdaHandler(async () => logging());

    // Act
    const lines = await logLines(async () => {
      await handler({ customerId: 'acme', runId: 'r1' }, lambdaContext('AggregateFindingsFunction'));
      await handler({ other: true }, lambdaContext('AggregateFindingsFunction'));
    });

    // Assess
    const working = lines.filter((line) => line.message === 'working');
    expect(working).toHaveLength(2);
    expect(working[0]).toMatchObject({ customerId: 'acme', runId: 'r1', function_name: 'AggregateFindingsFunction' });
    expect(working[1]).not.toHaveProperty('customerId');
    expect(working[1]).toMatchObject({ function_name: 'AggregateFindingsFunction' });
  });
});
