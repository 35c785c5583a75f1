import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LocalIntegrationRegistry } from '../../../../local/asl/integrations';
import { EXECUTION_ARN, STATE_MACHINE_ARN, statesErrorOf, taskRequest, TEST_CREDENTIALS, registryOverHttp } from './helpers';

type PutEventsEntry = { Source?: string; DetailType?: string; Detail?: string; EventBusName?: string; Resources?: string[] };

/**
 * A minimal EventBridge PutEvents endpoint (AWS JSON 1.1, `X-Amz-Target: AWSEvents.PutEvents`): records the entries,
 * fails those whose Source is `fail.me`, and answers a bus named `missing` with ResourceNotFoundException.
 */
const received: { target: string | undefined; entries: PutEventsEntry[] }[] = [];
const handle = (request: IncomingMessage, response: ServerResponse): void => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { Entries: PutEventsEntry[] };
    received.push({ target: request.headers['x-amz-target'] as string | undefined, entries: body.Entries });
    response.setHeader('content-type', 'application/x-amz-json-1.1');
    response.setHeader('x-amzn-requestid', `req-${received.length}`);
    if (body.Entries.some((entry) => entry.EventBusName === 'missing')) {
      response.statusCode = 400;
      response.end(JSON.stringify({ __type: 'ResourceNotFoundException', message: 'Event bus missing does not exist.' }));
      return;
    }
    const results = body.Entries.map((entry, index) =>
      entry.Source === 'fail.me'
        ? { ErrorCode: 'InternalFailure', ErrorMessage: 'could not store the event' }
        : { EventId: `event-${received.length}-${index}` },
    );
    response.end(JSON.stringify({ Entries: results, FailedEntryCount: results.filter((result) => 'ErrorCode' in result).length }));
  });
};

let endpoint: Awaited<ReturnType<typeof registryOverHttp>>;
let registry: LocalIntegrationRegistry;

beforeAll(async () => {
  endpoint = await registryOverHttp(handle);
  registry = endpoint.registry;
});

afterAll(() => endpoint.close());

beforeEach(() => {
  received.length = 0;
});

const putEvents = (args: unknown, resourceArn = 'arn:aws:states:::events:putEvents'): Promise<unknown> => {
  const request = taskRequest(resourceArn, args);
  return registry.resolve(request.resource, 'Publish rollout', EXECUTION_ARN)!.invoke(request);
};

describe('Optimized integration: events:putEvents', () => {
  it('sends Detail objects as JSON text, appends the state machine and execution ARNs, and returns the response', async () => {
    // Prepare
    const entry = {
      Source: 'upgrade-impact.analysis',
      DetailType: 'Analysis Report Published',
      EventBusName: 'app-bus',
      Detail: { customerId: 'c-1', runId: 'r-1', counts: { high: 2 } },
      Resources: ['arn:aws:s3:::reports/c-1/r-1.report.enc'],
    };

    // Act
    const result = await putEvents({ Entries: [entry, { Source: 's', DetailType: 't', Detail: '{"already":"text"}' }] });

    // Assess
    expect(received).toHaveLength(1);
    expect(received[0].target).toBe('AWSEvents.PutEvents');
    expect(received[0].entries[0]).toEqual({
      Source: 'upgrade-impact.analysis',
      DetailType: 'Analysis Report Published',
      EventBusName: 'app-bus',
      Detail: '{"customerId":"c-1","runId":"r-1","counts":{"high":2}}',
      Resources: ['arn:aws:s3:::reports/c-1/r-1.report.enc', STATE_MACHINE_ARN, EXECUTION_ARN],
    });
    expect(received[0].entries[1]).toMatchObject({ Detail: '{"already":"text"}', Resources: [STATE_MACHINE_ARN, EXECUTION_ARN] });
    expect(result).toEqual({ Entries: [{ EventId: 'event-1-0' }, { EventId: 'event-1-1' }], FailedEntryCount: 0 });
  });

  it('fails with EventBridge.FailedEntry when FailedEntryCount is above zero, the response as cause', async () => {
    // Act
    const error = await statesErrorOf(
      putEvents({ Entries: [{ Source: 'ok', DetailType: 't', Detail: {} }, { Source: 'fail.me', DetailType: 't', Detail: {} }] }),
    );

    // Assess
    expect(error.error).toBe('EventBridge.FailedEntry');
    expect(JSON.parse(error.cause)).toEqual({
      Entries: [{ EventId: 'event-1-0' }, { ErrorCode: 'InternalFailure', ErrorMessage: 'could not store the event' }],
      FailedEntryCount: 1,
    });
  });

  it('reports a service error as EventBridge.<ErrorCode>', async () => {
    // Act
    const error = await statesErrorOf(putEvents({ Entries: [{ Source: 's', DetailType: 't', Detail: {}, EventBusName: 'missing' }] }));

    // Assess
    expect(error.error).toBe('EventBridge.ResourceNotFoundException');
    expect(error.cause).toBe(
      'Event bus missing does not exist. (Service: AmazonEventBridge; Status Code: 400; Error Code: ResourceNotFoundException; Request ID: req-1; Proxy: null)',
    );
  });

  it('works with .waitForTaskToken', async () => {
    // Act
    const result = await putEvents(
      { Entries: [{ Source: 's', DetailType: 't', Detail: { token: 'tok' } }] },
      'arn:aws:states:::events:putEvents.waitForTaskToken',
    );

    // Assess
    expect(result).toEqual({ Entries: [{ EventId: 'event-1-0' }], FailedEntryCount: 0 });
  });

  it.each([
    [{ Entries: [] }, "The field 'Entries' of events:putEvents must be a non-empty array"],
    [{ Entries: ['x'] }, 'Entries[0] of events:putEvents must be a JSON object'],
    [{ Entries: [{ Resources: 'arn' }] }, 'Entries[0].Resources of events:putEvents must be an array'],
    [{ Entries: [{ Source: 's' }], EndpointId: 'e' }, "The field 'EndpointId' is not supported by Step Functions for events:putEvents"],
  ])('rejects %j with States.Runtime', async (args, message) => {
    // Act
    const error = await statesErrorOf(putEvents(args));

    // Assess
    expect(error.error).toBe('States.Runtime');
    expect(error.cause).toContain(message);
    expect(received).toHaveLength(0);
  });
});
