/** loadRoutes() and matchRoute(): the routes of api/openapi.yaml with the integrations the local endpoint serves. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadRoutes, matchRoute, type Route } from '../../../local/endpoints/rest-api/routes';
import { loadManifest } from '../../../local/manifest';

describe('Function: loadRoutes()', () => {
  const manifest = loadManifest('template.yaml');
  const routes = loadRoutes(manifest.apis[0].openapiPath!, manifest);
  let dir: string;

  const routesOf = async (paths: string): Promise<Route[]> => {
    const file = join(dir, `openapi-${Math.random().toString(36).slice(2)}.yaml`);
    await writeFile(file, `openapi: 3.0.1\ninfo: { title: t, version: '1' }\npaths:\n${paths}`);
    return loadRoutes(file, manifest);
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'routes-'));
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads the three routes with their integrations resolved against the template', () => {
    // Prepare
    const analysis = manifest.stateMachines.find((machine) => machine.logicalId === 'AnalysisStateMachine')!;
    const createUpload = manifest.functions.find((fn) => fn.logicalId === 'CreateUploadFunction')!;

    // Act
    const table = routes.map((route) => ({ operationId: route.operationId, method: route.method, path: route.pathTemplate, integration: route.integration }));

    // Assess
    expect(table).toEqual([
      { operationId: 'createUpload', method: 'POST', path: '/customers/{customerId}/uploads', integration: { kind: 'lambda-proxy', functionArn: createUpload.aliasArn } },
      { operationId: 'startAnalysis', method: 'POST', path: '/customers/{customerId}/analyses', integration: { kind: 'start-execution', stateMachineArn: analysis.aliasArn } },
      { operationId: 'getAnalysis', method: 'GET', path: '/customers/{customerId}/analyses/{runId}', integration: { kind: 'get-item', tableName: manifest.tables[0].name } },
    ]);
  });

  it('validates path parameters and bodies with the contract’s schemas', () => {
    // Prepare
    const [uploads, analyses, analysis] = routes;

    // Act + Assess
    expect(Object.keys(analysis.validateParameters)).toEqual(['customerId', 'runId']);
    expect(uploads.validateParameters.customerId('acme')).toBe(true);
    expect(uploads.validateParameters.customerId('Acme!')).toBe(false);
    expect(uploads.bodyRequired).toBe(true);
    expect(uploads.validateBody!({ fileName: 'src.zip', contentLength: 10 })).toBe(true);
    expect(uploads.validateBody!({ fileName: 'src.zip', extra: 1 })).toBe(false);
    // Nested $ref (StartAnalysisRequest → SourceLocation) resolves too.
    expect(analyses.validateBody!({ source: { bucket: 'data-bucket', key: 'uploads/acme/x/src.zip' } })).toBe(true);
    expect(analyses.validateBody!({ source: { bucket: 'data-bucket', key: 'units/acme/x' } })).toBe(false);
    expect(analysis.validateBody).toBeUndefined();
  });

  it('refuses an integration the local endpoint cannot serve, naming the route', async () => {
    // Act + Assess
    await expect(
      routesOf(`  /things:\n    get:\n      x-amazon-apigateway-integration:\n        type: http_proxy\n        uri: https://example.com/things\n`),
    ).rejects.toMatchObject({ name: 'RestApiConfigError', message: expect.stringMatching(/GET \/things: integration http_proxy https:\/\/example\.com\/things is not one/) });
  });

  it('refuses a route without an integration, naming it', async () => {
    // Act + Assess
    await expect(routesOf(`  /things:\n    post:\n      operationId: postThing\n`)).rejects.toMatchObject({
      name: 'RestApiConfigError',
      message: expect.stringMatching(/POST \/things: no x-amazon-apigateway-integration/),
    });
  });

  it.each([
    ['StartExecution', 'states:action/StartExecution', 'stateMachineArn'],
    ['GetItem', 'dynamodb:action/GetItem', 'TableName'],
  ])('refuses a %s template that does not name its target', async (operation, action, field) => {
    // Prepare
    const paths = `  /things:\n    post:\n      x-amazon-apigateway-integration:\n        type: aws\n        uri: arn:aws:apigateway:us-east-1:${action}\n        requestTemplates:\n          application/json: '{}'\n`;

    // Act + Assess
    await expect(routesOf(paths)).rejects.toMatchObject({ name: 'RestApiConfigError', message: expect.stringContaining(`the ${operation} request template names no ${field}`) });
  });
});

describe('Function: matchRoute()', () => {
  const manifest = loadManifest('template.yaml');
  const routes = loadRoutes(manifest.apis[0].openapiPath!, manifest);

  it.each([
    ['POST', '/customers/acme/uploads', 'createUpload', { customerId: 'acme' }],
    ['POST', '/customers/acme/analyses', 'startAnalysis', { customerId: 'acme' }],
    ['GET', '/customers/acme/analyses/r-1', 'getAnalysis', { customerId: 'acme', runId: 'r-1' }],
    ['GET', '/customers/a%20b/analyses/r1', 'getAnalysis', { customerId: 'a b', runId: 'r1' }],
  ])('matches %s %s to %s with its path parameters', (method, path, operationId, parameters) => {
    // Act
    const matched = matchRoute(routes, method, path);

    // Assess
    expect(matched?.route.operationId).toBe(operationId);
    expect(matched?.parameters).toEqual(parameters);
  });

  it.each([
    ['GET', '/customers/acme/uploads'],
    ['POST', '/customers/acme/analyses/r1'],
    ['POST', '/customers/acme/uploads/extra'],
    ['GET', '/customers//analyses/r1'],
    ['DELETE', '/customers/acme/analyses/r1'],
  ])('matches nothing for %s %s', (method, path) => {
    expect(matchRoute(routes, method, path)).toBeUndefined();
  });
});
