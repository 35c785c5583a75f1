/**
 * preTrafficCheck() with fakes of CodeDeploy and Lambda (neither has a local service), and its handler against a
 * small loopback fake of both APIs' wire protocols, reached through the real SDK clients.
 */
import './support/quiet-powertools';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { preTrafficCheck, targetsOf, type PreTrafficDeps } from '../../../functions/pre-traffic-check/pre-traffic-check';
import { handler } from '../../../functions/pre-traffic-check/handler';
import { lambdaContext, useLocalEndpoints } from './support/lambda';

const EVENT = { DeploymentId: 'd-ABCDEF123', LifecycleEventHookExecutionId: 'hook-1' };

const YAML_APPSPEC = `version: 0.0
Resources:
  - SplitSourceFunction:
      Type: AWS::Lambda::Function
      Properties:
        Name: upgrade-impact-SplitSourceFunction
        Alias: live
        CurrentVersion: 3
        TargetVersion: 4
`;

/** As SAM generates it for a function with two aliases shifting in one deployment. */
const JSON_APPSPEC = JSON.stringify({
  version: 0.0,
  Resources: [
    { AnalyzeUnitsFunction: { Type: 'AWS::Lambda::Function', Properties: { Name: 'upgrade-impact-AnalyzeUnitsFunction', Alias: 'live', CurrentVersion: '7', TargetVersion: '8' } } },
    { Other: { Type: 'AWS::ECS::Service', Properties: { TaskDefinition: 'x' } } },
    { EncryptReportFunction: { Type: 'AWS::Lambda::Function', Properties: { Name: 'upgrade-impact-EncryptReportFunction', Alias: 'live', CurrentVersion: '1', TargetVersion: '2' } } },
  ],
});

describe('Function: targetsOf()', () => {
  it.each([
    ['a YAML AppSpec', YAML_APPSPEC, [{ functionName: 'upgrade-impact-SplitSourceFunction', version: '4' }]],
    [
      'a JSON AppSpec as SAM writes it',
      JSON_APPSPEC,
      [
        { functionName: 'upgrade-impact-AnalyzeUnitsFunction', version: '8' },
        { functionName: 'upgrade-impact-EncryptReportFunction', version: '2' },
      ],
    ],
    ['an empty AppSpec', '', []],
    ['an AppSpec without target versions', 'Resources:\n  - F:\n      Type: AWS::Lambda::Function\n      Properties: { Name: f }\n', []],
  ])('reads the Lambda targets of %s', (_case, appSpec, targets) => {
    expect(targetsOf(appSpec)).toEqual(targets);
  });
});

describe('Function: preTrafficCheck()', () => {
  let reports: Array<[string, string, string]>;
  let invocations: Array<[string, string, string]>;

  const deps = (answer: PreTrafficDeps['invoke'], appSpec: string | (() => Promise<string>) = JSON_APPSPEC): PreTrafficDeps => ({
    getAppSpec: typeof appSpec === 'string' ? async () => appSpec : appSpec,
    invoke: async (...args) => {
      invocations.push(args);
      return answer(...args);
    },
    report: async (...args) => {
      reports.push(args);
    },
  });

  beforeEach(() => {
    reports = [];
    invocations = [];
  });

  it('reports Succeeded when every target version answers the smoke event with ok', async () => {
    // Act
    const result = await preTrafficCheck(EVENT, deps(async () => ({ payload: JSON.stringify({ ok: true, checks: {} }) })));

    // Assess
    expect(result.status).toBe('Succeeded');
    expect(result.checks.map((check) => check.ok)).toEqual([true, true]);
    expect(invocations).toEqual([
      ['upgrade-impact-AnalyzeUnitsFunction', '8', '{"smokeTest":true}'],
      ['upgrade-impact-EncryptReportFunction', '2', '{"smokeTest":true}'],
    ]);
    expect(reports).toEqual([['d-ABCDEF123', 'hook-1', 'Succeeded']]);
  });

  it.each([
    ['a function error', async () => ({ functionError: 'Unhandled', payload: '{"errorType":"ConfigurationError"}' }), /^function error: .*ConfigurationError/],
    ['an answer that is not ok', async () => ({ payload: '{"statusCode":200}' }), /not \{ok: true\}/],
    ['an answer that is not JSON', async () => ({ payload: '' }), /^invoke failed: /],
    [
      'an invoke that throws',
      async () => {
        throw new Error('AccessDeniedException: not allowed');
      },
      /^invoke failed: AccessDeniedException/,
    ],
  ])('reports Failed on %s, and still reports', async (_case, answer, detail) => {
    // Act
    const result = await preTrafficCheck(EVENT, deps(answer, YAML_APPSPEC));

    // Assess
    expect(result.status).toBe('Failed');
    expect(result.checks).toEqual([{ target: { functionName: 'upgrade-impact-SplitSourceFunction', version: '4' }, ok: false, detail: expect.stringMatching(detail) }]);
    expect(reports).toEqual([['d-ABCDEF123', 'hook-1', 'Failed']]);
  });

  it('reports Failed when one of several targets fails', async () => {
    // Act
    const result = await preTrafficCheck(
      EVENT,
      deps(async (name) => ({ payload: JSON.stringify({ ok: !name.includes('Encrypt') }) })),
    );

    // Assess
    expect(result.status).toBe('Failed');
    expect(result.checks.map((check) => check.ok)).toEqual([true, false]);
    expect(reports).toEqual([['d-ABCDEF123', 'hook-1', 'Failed']]);
  });

  it('reports Failed for an AppSpec that names no function version', async () => {
    // Act
    const result = await preTrafficCheck(EVENT, deps(async () => ({ payload: '{"ok":true}' }), 'version: 0.0\nResources: []\n'));

    // Assess
    expect(result).toEqual({ status: 'Failed', checks: [] });
    expect(reports).toEqual([['d-ABCDEF123', 'hook-1', 'Failed']]);
  });

  it.each([
    ['the AppSpec cannot be read', async () => Promise.reject(new Error('DeploymentDoesNotExistException'))],
    ['the AppSpec is not YAML', async () => 'Resources: [unclosed'],
  ])('reports Failed, then fails, when %s', async (_case, getAppSpec) => {
    // Act
    const check = preTrafficCheck(EVENT, deps(async () => ({ payload: '{"ok":true}' }), getAppSpec));

    // Assess
    await expect(check).rejects.toThrow();
    expect(reports).toEqual([['d-ABCDEF123', 'hook-1', 'Failed']]);
    expect(invocations).toEqual([]);
  });
});

/** What the fake CodeDeploy and Lambda endpoints saw. */
type Seen = { target?: string; body: any; path: string; query: URLSearchParams };

describe('Function: handler() of pre-traffic-check', () => {
  let server: Server;
  let seen: Seen[];
  let functionAnswer: { status: number; body: string; functionError?: string };

  const readBody = async (request: IncomingMessage): Promise<string> => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  };

  beforeAll(async () => {
    // CodeDeploy speaks awsJson1_1 (X-Amz-Target); Lambda Invoke is REST-JSON with the payload as the body.
    server = createServer(async (request, response) => {
      const url = new URL(request.url ?? '/', 'http://local');
      const text = await readBody(request);
      const target = request.headers['x-amz-target'] as string | undefined;
      seen.push({ target, body: text === '' ? undefined : JSON.parse(text), path: url.pathname, query: url.searchParams });
      if (target === 'CodeDeploy_20141006.GetDeployment') {
        response.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
        response.end(JSON.stringify({ deploymentInfo: { deploymentId: EVENT.DeploymentId, revision: { revisionType: 'AppSpecContent', appSpecContent: { content: YAML_APPSPEC } } } }));
      } else if (target === 'CodeDeploy_20141006.PutLifecycleEventHookExecutionStatus') {
        response.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
        response.end(JSON.stringify({ lifecycleEventHookExecutionId: EVENT.LifecycleEventHookExecutionId }));
      } else if (url.pathname.startsWith('/2015-03-31/functions/')) {
        response.writeHead(functionAnswer.status, {
          'content-type': 'application/json',
          ...(functionAnswer.functionError ? { 'x-amz-function-error': functionAnswer.functionError } : {}),
        });
        response.end(functionAnswer.body);
      } else {
        response.writeHead(400, { 'content-type': 'application/x-amz-json-1.1' });
        response.end(JSON.stringify({ __type: 'UnknownOperationException' }));
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    useLocalEndpoints({}, { AWS_ENDPOINT_URL_CODEDEPLOY: endpoint, AWS_ENDPOINT_URL_LAMBDA: endpoint, AWS_MAX_ATTEMPTS: '1' });
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  beforeEach(() => {
    seen = [];
  });

  it('reads the AppSpec, invokes the target version with the smoke event and reports Succeeded', async () => {
    // Prepare
    functionAnswer = { status: 200, body: JSON.stringify({ ok: true, functionName: 'f', functionVersion: '4', checks: {} }) };

    // Act
    const result = await handler(EVENT, lambdaContext('PreTrafficCheckFunction'));

    // Assess
    expect(result.status).toBe('Succeeded');
    expect(seen.map((request) => request.target ?? request.path)).toEqual([
      'CodeDeploy_20141006.GetDeployment',
      '/2015-03-31/functions/upgrade-impact-SplitSourceFunction/invocations',
      'CodeDeploy_20141006.PutLifecycleEventHookExecutionStatus',
    ]);
    expect(seen[0].body).toEqual({ deploymentId: 'd-ABCDEF123' });
    expect(seen[1].query.get('Qualifier')).toBe('4');
    expect(seen[1].body).toEqual({ smokeTest: true });
    expect(seen[2].body).toEqual({ deploymentId: 'd-ABCDEF123', lifecycleEventHookExecutionId: 'hook-1', status: 'Succeeded' });
  });

  it('reports Failed when the new version answers with a function error', async () => {
    // Prepare
    functionAnswer = { status: 200, functionError: 'Unhandled', body: JSON.stringify({ errorType: 'ConfigurationError', errorMessage: 'TABLE_NAME is not set' }) };

    // Act
    const result = await handler(EVENT, lambdaContext('PreTrafficCheckFunction'));

    // Assess
    expect(result.status).toBe('Failed');
    expect(result.checks[0].detail).toMatch(/TABLE_NAME is not set/);
    expect(seen.at(-1)!.body).toMatchObject({ status: 'Failed' });
  });

  it('reports Failed when the invoke itself is refused', async () => {
    // Prepare
    functionAnswer = { status: 404, body: JSON.stringify({ Type: 'User', message: 'Function not found' }) };

    // Act
    const result = await handler(EVENT, lambdaContext('PreTrafficCheckFunction'));

    // Assess
    expect(result.status).toBe('Failed');
    expect(result.checks[0].detail).toMatch(/^invoke failed: /);
    expect(seen.at(-1)!.body).toMatchObject({ status: 'Failed' });
  });
});
