/**
 * startRestApi() end to end over loopback: SigV4, request validation, and each integration — the Lambda proxy with
 * a fake invoker, StartExecution with a fake SFN client, GetItem against dynalite.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExecutionAlreadyExists, InvalidName, StartExecutionCommand, type SFNClient } from '@aws-sdk/client-sfn';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { startRestApi, type RestApi } from '../../../local/endpoints/rest-api';
import type { LambdaProxyInvoker } from '../../../local/endpoints/rest-api/integrations';
import { loadManifest } from '../../../local/manifest';
import { startLocalTable, type LocalTable } from '../functions/support/local-services';
import { apiCallersOf } from '../../../local/app/api-callers';
import { LocalCredentialStore, type AccessKeyPair } from '../../../local/app/credentials';
import { signedFetch } from './support';

const SOURCE = { bucket: 'upgrade-impact-local-databucket', key: 'uploads/acme/20240501-x/src.zip' };

describe('Function: startRestApi()', () => {
  const manifest = loadManifest('template.yaml');
  const analysisAlias = manifest.stateMachines.find((machine) => machine.logicalId === 'AnalysisStateMachine')!.aliasArn!;
  const uploadAlias = manifest.functions.find((fn) => fn.logicalId === 'CreateUploadFunction')!.aliasArn!;
  let ddb: LocalTable;
  let api: RestApi;
  let invoked: Array<{ arn: string; event: any }>;
  let lambdaAnswer: Awaited<ReturnType<LambdaProxyInvoker>>;
  let started: StartExecutionCommand[];
  let sfnAnswer: (command: StartExecutionCommand) => Promise<unknown>;
  let requests: Array<{ method: string; path: string; status: number; operationId?: string }>;
  const keystore = mkdtempSync(join(tmpdir(), 'rest-api-keys-'));
  const store = new LocalCredentialStore(keystore);
  let operator: AccessKeyPair;
  let acme: AccessKeyPair;

  /** A signed call, as the operator unless other credentials are given. */
  const call = (method: string, path: string, body?: unknown, options?: Parameters<typeof signedFetch>[4]) =>
    signedFetch(api.url, method, path, body, { credentials: operator, ...options });

  beforeAll(async () => {
    operator = await store.ensure({ kind: 'operator' });
    acme = await store.ensure({ kind: 'customer', customerId: 'acme' });
    await store.ensure({ kind: 'customer', customerId: 'bravo' });
    ddb = await startLocalTable();
    const sfn = { send: async (command: StartExecutionCommand) => (started.push(command), sfnAnswer(command)) } as unknown as SFNClient;
    api = await startRestApi({
      manifest,
      invokeLambda: async (arn, payload) => {
        invoked.push({ arn, event: JSON.parse(payload) });
        return lambdaAnswer;
      },
      sfn,
      dynamodb: ddb.client,
      callers: apiCallersOf(manifest, store),
      port: 0,
      onRequest: (entry) => requests.push(entry),
    });
  });

  afterAll(async () => {
    await api?.close();
    await ddb?.stop();
    rmSync(keystore, { recursive: true, force: true });
  });

  beforeEach(() => {
    invoked = [];
    started = [];
    requests = [];
    lambdaAnswer = { payload: JSON.stringify({ statusCode: 201, headers: { 'content-type': 'application/json', 'x-upload': 'yes' }, body: '{"uploadUrl":"http://s3/put"}' }) };
    sfnAnswer = async (command) => ({ executionArn: `${command.input.stateMachineArn!.replace(':stateMachine:', ':execution:').replace(/:live$/, '')}:${command.input.name}`, startDate: new Date() });
  });

  it('serves under the stage path on loopback', () => {
    expect(api.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${api.port}/${manifest.apis[0].stageName}$`));
    expect(api.routes).toHaveLength(3);
  });

  describe('the Lambda proxy integration (createUpload)', () => {
    it('invokes the function’s live alias with the API Gateway proxy event and answers what it returns', async () => {
      // Act
      const answer = await call('POST', '/customers/acme/uploads?trace=1', { fileName: 'src.zip', contentLength: 10 });

      // Assess
      expect(answer.status).toBe(201);
      expect(answer.headers.get('x-upload')).toBe('yes');
      expect(answer.json).toEqual({ uploadUrl: 'http://s3/put' });
      expect(invoked).toHaveLength(1);
      expect(invoked[0].arn).toBe(uploadAlias);
      expect(invoked[0].event).toMatchObject({
        resource: '/customers/{customerId}/uploads',
        path: '/customers/acme/uploads',
        httpMethod: 'POST',
        pathParameters: { customerId: 'acme' },
        queryStringParameters: { trace: '1' },
        body: '{"fileName":"src.zip","contentLength":10}',
        isBase64Encoded: false,
        requestContext: { stage: manifest.apis[0].stageName, resourcePath: '/customers/{customerId}/uploads', httpMethod: 'POST', requestId: expect.any(String) },
      });
      expect(invoked[0].event.headers['content-type']).toBe('application/json');
      expect(requests).toEqual([{ method: 'POST', path: `/${manifest.apis[0].stageName}/customers/acme/uploads?trace=1`, status: 201, operationId: 'createUpload' }]);
    });

    it.each([
      ['a function error', { functionError: 'Unhandled', payload: '{"errorType":"Error"}' }],
      ['an answer without statusCode', { payload: '{"body":"x"}' }],
      ['an answer that is not JSON', { payload: 'oops' }],
    ])('answers 502 for %s, as API Gateway does', async (_case, answer) => {
      // Prepare
      lambdaAnswer = answer;

      // Act
      const response = await call('POST', '/customers/acme/uploads', { fileName: 'src.zip', contentLength: 10 });

      // Assess
      expect(response.status).toBe(502);
      expect(response.json).toEqual({ message: 'Internal server error' });
    });
  });

  describe('the StartExecution integration (startAnalysis)', () => {
    it('starts the run on the state machine alias, named <customerId>_<runId>, and answers 202', async () => {
      // Act
      const answer = await call('POST', '/customers/acme/analyses', { source: SOURCE, runId: 'r1', options: { maxItemsPerBatch: 5 } });

      // Assess
      expect(answer.status).toBe(202);
      expect(started).toHaveLength(1);
      expect(started[0].input).toEqual({
        stateMachineArn: analysisAlias,
        name: 'acme_r1',
        input: JSON.stringify({ customerId: 'acme', runId: 'r1', source: SOURCE, options: { maxItemsPerBatch: 5 } }),
      });
      expect(answer.json).toEqual({ customerId: 'acme', runId: 'r1', executionArn: expect.stringMatching(/:execution:.*:acme_r1$/), status: 'RUNNING' });
    });

    it('takes the request id as the run id when none is given, and empty options', async () => {
      // Act
      const answer = await call('POST', '/customers/acme/analyses', { source: SOURCE });

      // Assess
      expect(answer.status).toBe(202);
      expect(answer.json.runId).toMatch(/^[0-9a-f-]{36}$/);
      expect(started[0].input.name).toBe(`acme_${answer.json.runId}`);
      expect(JSON.parse(started[0].input.input!)).toEqual({ customerId: 'acme', runId: answer.json.runId, source: SOURCE, options: {} });
    });

    it('answers 409 RunAlreadyExists when the execution name was used', async () => {
      // Prepare
      sfnAnswer = async () => {
        throw new ExecutionAlreadyExists({ message: 'Execution Already Exists: acme-r1', $metadata: { httpStatusCode: 400 } });
      };

      // Act
      const answer = await call('POST', '/customers/acme/analyses', { source: SOURCE, runId: 'r1' });

      // Assess
      expect(answer.status).toBe(409);
      expect(answer.json).toEqual({ error: 'RunAlreadyExists', message: 'A run with this id was already started for this customer' });
    });

    it('answers 400 with the service’s message for another client error', async () => {
      // Prepare
      sfnAnswer = async () => {
        throw new InvalidName({ message: 'Invalid Name: acme-r1', $metadata: { httpStatusCode: 400 } });
      };

      // Act
      const answer = await call('POST', '/customers/acme/analyses', { source: SOURCE, runId: 'r1' });

      // Assess
      expect(answer.status).toBe(400);
      expect(answer.json).toEqual({ error: 'BadRequest', message: 'Invalid Name: acme-r1' });
    });

    it('answers 500 without details when the service fails', async () => {
      // Prepare
      sfnAnswer = async () => {
        throw new Error('socket hang up');
      };

      // Act
      const answer = await call('POST', '/customers/acme/analyses', { source: SOURCE, runId: 'r1' });

      // Assess
      expect(answer.status).toBe(500);
      expect(answer.json).toEqual({ message: 'Internal server error' });
    });
  });

  describe('the GetItem integration (getAnalysis)', () => {
    it('answers the run item projected as the response template does', async () => {
      // Prepare
      const summary = { units: 3, findings: 5, bySeverity: { major: 1 } };
      await ddb.documents.send(
        new PutCommand({
          TableName: ddb.table,
          Item: {
            PK: 'CUSTOMER#acme',
            SK: 'RUN#done',
            customerId: 'acme',
            runId: 'done',
            status: 'PUBLISHED',
            startedAt: '2024-05-01T10:00:00.000Z',
            publishedAt: '2024-05-01T10:05:00.000Z',
            executionArn: 'arn:aws:states:us-east-1:000000000000:execution:analysis:acme-done',
            summary: JSON.stringify(summary),
            reportBucket: 'data',
            reportKey: 'reports/acme/done.report.enc',
            units: 3,
          },
        }),
      );

      // Act
      const answer = await call('GET', '/customers/acme/analyses/done');

      // Assess
      expect(answer.status).toBe(200);
      expect(answer.json).toEqual({
        customerId: 'acme',
        runId: 'done',
        status: 'PUBLISHED',
        startedAt: '2024-05-01T10:00:00.000Z',
        publishedAt: '2024-05-01T10:05:00.000Z',
        failedAt: '',
        error: '',
        cause: '',
        executionArn: 'arn:aws:states:us-east-1:000000000000:execution:analysis:acme-done',
        summary,
        report: { bucket: 'data', key: 'reports/acme/done.report.enc' },
      });
    });

    it('answers a run without summary or report with nulls', async () => {
      // Prepare
      await ddb.documents.send(
        new PutCommand({ TableName: ddb.table, Item: { PK: 'CUSTOMER#acme', SK: 'RUN#failed', customerId: 'acme', runId: 'failed', status: 'FAILED', error: 'NotAnArchiveError', cause: 'The upload "x" is not a zip' } }),
      );

      // Act
      const answer = await call('GET', '/customers/acme/analyses/failed');

      // Assess
      expect(answer.json).toMatchObject({ status: 'FAILED', error: 'NotAnArchiveError', cause: 'The upload "x" is not a zip', summary: null, report: null });
    });

    it('answers 404 RunNotFound for a run that does not exist, and for another customer’s run', async () => {
      // Act
      const missing = await call('GET', '/customers/acme/analyses/nothing');
      const theirs = await call('GET', '/customers/globex/analyses/done');

      // Assess
      expect(missing.status).toBe(404);
      expect(missing.json).toEqual({ error: 'RunNotFound', message: 'No run nothing for customer acme' });
      expect(theirs.status).toBe(404);
    });
  });

  describe('request validation', () => {
    it.each([
      ['a customer id outside the pattern', 'POST', '/customers/ACME/uploads', { fileName: 'src.zip', contentLength: 10 }, /^path parameter customerId must match pattern/],
      ['a run id outside the pattern', 'GET', `/customers/acme/analyses/${'r'.repeat(41)}`, undefined, /^path parameter runId must match pattern/],
      ['a missing body', 'POST', '/customers/acme/uploads', undefined, /a JSON body is required/],
      ['a body that is not JSON', 'POST', '/customers/acme/uploads', '{"fileName":', /not JSON/],
      ['a missing required property', 'POST', '/customers/acme/uploads', { contentLength: 5 }, /body must have required property 'fileName'/],
      ['a property of the wrong type', 'POST', '/customers/acme/uploads', { fileName: 'src.zip', contentLength: 'big' }, /body\/contentLength must be integer/],
      ['a property not in the schema', 'POST', '/customers/acme/uploads', { fileName: 'src.zip', bucket: 'x' }, /body must NOT have additional properties: bucket/],
      ['a nested property outside its pattern', 'POST', '/customers/acme/analyses', { source: { bucket: 'data-bucket', key: 'units/acme/x' } }, /body\/source\/key must match pattern/],
      ['an option out of range', 'POST', '/customers/acme/analyses', { source: SOURCE, options: { maxConcurrency: 0 } }, /body\/options\/maxConcurrency must be >= 1/],
    ])('answers 400 for %s, saying what and where', async (_case, method, path, body, message) => {
      // Act
      const answer = await call(method, path, body);

      // Assess
      expect(answer.status).toBe(400);
      expect(answer.json).toEqual({ error: 'BadRequest', message: expect.stringMatching(message) });
      expect(invoked).toEqual([]);
      expect(started).toEqual([]);
    });

    it('answers 400 naming the parameter for a path that does not decode', async () => {
      // Act
      const answer = await call('GET', '/customers/acme/analyses/r%E0%A4%A');

      // Assess
      expect(answer.status).toBe(400);
      expect(answer.json.message).toMatch(/^path parameter runId /);
    });
  });

  describe('authentication', () => {
    it('refuses an unsigned request with 403 Missing Authentication Token', async () => {
      // Act
      const response = await fetch(`${api.url}/customers/acme/uploads`, { method: 'POST', body: '{"fileName":"src.zip"}', headers: { 'content-type': 'application/json' } });

      // Assess
      expect(response.status).toBe(403);
      expect(await response.json()).toEqual({ message: 'Missing Authentication Token' });
      expect(invoked).toEqual([]);
    });

    it('refuses a request signed with another secret', async () => {
      // Act
      const answer = await call('POST', '/customers/acme/uploads', { fileName: 'src.zip', contentLength: 10 }, { credentials: { accessKeyId: operator.accessKeyId, secretAccessKey: 'guess' } });

      // Assess
      expect(answer.status).toBe(403);
      expect(answer.json.message).toMatch(/signature we calculated does not match/);
      expect(invoked).toEqual([]);
    });

    it('refuses a body changed after signing', async () => {
      // Act
      const answer = await call('POST', '/customers/acme/analyses', { source: SOURCE, runId: 'r1' }, {
        tamper: (request) => ({ ...request, body: Buffer.from(request.body.toString().replace('"r1"', '"r2"')) }),
      });

      // Assess
      expect(answer.status).toBe(403);
      expect(started).toEqual([]);
    });

    it('refuses the well-known local emulator credentials: only issued keys call the API', async () => {
      // Act
      const answer = await call('GET', '/customers/acme/analyses/r1', undefined, { credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });

      // Assess
      expect(answer).toMatchObject({ status: 403, json: { message: 'The security token included in the request is invalid.' } });
    });

    it.each([
      ['an unknown route', '/customers/acme/secrets'],
      ['a path outside the stage', '/../other/customers/acme/uploads'],
    ])('answers 403 Missing Authentication Token for %s', async (_case, path) => {
      // Act
      const response = await call('POST', path, { fileName: 'src.zip', contentLength: 10 });

      // Assess
      expect(response.status).toBe(403);
      expect(response.json).toEqual({ message: 'Missing Authentication Token' });
    });
  });

  it('gives every proxied request its own request id', async () => {
    // Act
    await call('POST', '/customers/acme/uploads', { fileName: 'a.zip', contentLength: 10 });
    await call('POST', '/customers/acme/uploads', { fileName: 'b.zip', contentLength: 10 });

    // Assess
    const [first, second] = invoked.map((entry) => entry.event.requestContext.requestId);
    expect(first).toMatch(/^[0-9a-f-]{36}$/);
    expect(first).not.toBe(second);
  });

  describe('authorisation: a caller is one customer', () => {
    it.each([
      ['reads a run of', 'GET', '/customers/bravo/analyses/r1', undefined],
      ['gets an upload URL for', 'POST', '/customers/bravo/uploads', { fileName: 'src.zip', contentLength: 10 }],
      ['starts a run for', 'POST', '/customers/bravo/analyses', { source: { ...SOURCE, key: 'uploads/bravo/x/src.zip' } }],
    ])('refuses with 403 a customer that %s another customer, before validation and before any integration', async (_what, method, path, body) => {
      // Act
      const answer = await call(method, path, body, { credentials: acme });

      // Assess
      expect(answer.status).toBe(403);
      expect(answer.json.Message).toMatch(
        new RegExp(`^User: arn:aws:sts::000000000000:assumed-role/upgrade-impact-local-customer-acme/local is not authorized to perform: execute-api:Invoke on resource: arn:aws:execute-api:us-east-1:000000000000:local/dev/${method}${path.replace(/\//g, '\\/')}`),
      );
      expect([invoked, started]).toEqual([[], []]);
    });

    it('refuses a customer on another customer’s route even with an invalid body (authorisation comes first)', async () => {
      // Act
      const answer = await call('POST', '/customers/bravo/analyses', { nonsense: true }, { credentials: acme });

      // Assess
      expect(answer.status).toBe(403);
    });

    it('lets a customer call its own routes, and answers 404 for an unknown run of its own', async () => {
      // Act
      const upload = await call('POST', '/customers/acme/uploads', { fileName: 'src.zip', contentLength: 10 }, { credentials: acme });
      const missing = await call('GET', '/customers/acme/analyses/never', undefined, { credentials: acme });

      // Assess
      expect(upload.status).toBe(201);
      expect(missing).toMatchObject({ status: 404, json: { error: 'RunNotFound' } });
    });

    it('refuses a customer id smuggled into one path segment', async () => {
      // Act
      const answer = await call('GET', '/customers/acme%2F..%2Fbravo/analyses/r1', undefined, { credentials: acme });

      // Assess
      expect(answer.status).toBe(403);
    });

    it('lets the operator call every customer’s routes', async () => {
      // Act
      const answer = await call('GET', '/customers/bravo/analyses/never');

      // Assess
      expect(answer.status).toBe(404);
    });
  });
});
