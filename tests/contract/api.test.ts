/**
 * api/openapi.yaml ↔ template.yaml: each route's integration reaches the target the design gives it, every route is
 * IAM-authorised and validated, the API's service role can do exactly what the direct integrations do, and the
 * Lambda permission lets API Gateway invoke the upload function's alias on its route.
 */
import { missingPermissions, rolePolicyStatements, unusedGrants, wildcardActions, wildcardMatches, type PermissionRequest } from './support/iam';
import { loadOpenApi, loadProjectManifest, loadTemplate, resourcesOfType } from './support/project';
import { SAMPLE_CUSTOMER, SAMPLE_RUN, functionByLogicalId } from './support/sample-run';

const template = loadTemplate();
const manifest = loadProjectManifest();
const openapi = loadOpenApi(manifest);
const { region, accountId } = manifest;
const api = manifest.apis[0];
const analysis = manifest.stateMachines.find((machine) => machine.logicalId === 'AnalysisStateMachine')!;
const table = manifest.tables[0];
const uploadAlias = functionByLogicalId(manifest, 'CreateUploadFunction').aliasArn!;
const integrationRoleArn = String(manifest.resolve({ 'Fn::GetAtt': ['ApiIntegrationRole', 'Arn'] }));

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;
const routes = Object.entries(openapi.paths as Record<string, Record<string, any>>).flatMap(([path, item]) =>
  METHODS.filter((method) => item[method] !== undefined).map((method) => [`${method.toUpperCase()} ${path}`, item[method]] as [string, Record<string, any>]),
);
const operationOf = (route: string): Record<string, any> => routes.find(([name]) => name === route)![1];
const integrationOf = (route: string): Record<string, any> => manifest.resolve(operationOf(route)['x-amazon-apigateway-integration'], route) as Record<string, any>;

/** `#/components/...` references resolved within the OpenAPI document. */
const deref = (value: Record<string, any>): Record<string, any> => {
  if (typeof value?.$ref !== 'string') return value;
  return value.$ref
    .replace(/^#\//, '')
    .split('/')
    .reduce((node: Record<string, any>, key: string) => node?.[key], openapi);
};

const UPLOADS = 'POST /customers/{customerId}/uploads';
const START = 'POST /customers/{customerId}/analyses';
const STATUS = 'GET /customers/{customerId}/analyses/{runId}';

describe('Contract: OpenAPI routes ↔ template', () => {
  it('routes exactly the documented operations', () => {
    expect(routes.map(([name]) => name).sort()).toEqual([START, STATUS, UPLOADS].sort());
  });

  it('proxies POST uploads to the create-upload function’s live alias', () => {
    expect(integrationOf(UPLOADS)).toEqual(
      expect.objectContaining({
        type: 'aws_proxy',
        httpMethod: 'POST',
        uri: `arn:aws:apigateway:${region}:lambda:path/2015-03-31/functions/${uploadAlias}/invocations`,
      }),
    );
  });

  it('starts POST analyses on the analysis state machine’s live alias with the integration role', () => {
    // Prepare
    const integration = integrationOf(START);
    const requestTemplate = String(integration.requestTemplates?.['application/json']);

    // Assess
    expect(integration).toEqual(
      expect.objectContaining({ type: 'aws', httpMethod: 'POST', uri: `arn:aws:apigateway:${region}:states:action/StartExecution`, credentials: integrationRoleArn }),
    );
    expect(requestTemplate).toContain(`"stateMachineArn": "${analysis.aliasArn}"`);
    // Execution name = <customerId>_<runId> (functions/lib/ids.ts), formal references, and the input the workflow reads.
    expect(requestTemplate).toContain('"name": "${customerId}_${runId}"');
    expect(requestTemplate).toMatch(/#set\(\$payload = .*customerId.*runId.*source.*options/);
  });

  it('reads GET analyses/{runId} with GetItem on the run item of the table', () => {
    // Prepare
    const integration = integrationOf(STATUS);
    const requestTemplate = String(integration.requestTemplates?.['application/json']);

    // Assess
    expect(integration).toEqual(
      expect.objectContaining({ type: 'aws', httpMethod: 'POST', uri: `arn:aws:apigateway:${region}:dynamodb:action/GetItem`, credentials: integrationRoleArn }),
    );
    expect(requestTemplate).toContain(`"TableName": "${table.name}"`);
    expect(requestTemplate).toContain(`"PK": {"S": "CUSTOMER#$input.params('customerId')"}`);
    expect(requestTemplate).toContain(`"SK": {"S": "RUN#$input.params('runId')"}`);
  });

  it.each(routes.map(([name]) => name))('%s: requires IAM (SigV4) authorisation', (route) => {
    // Prepare
    const security = operationOf(route).security ?? openapi.security;
    const scheme = openapi.components.securitySchemes.sigv4;

    // Assess
    expect(security).toEqual([{ sigv4: [] }]);
    expect(scheme).toEqual(expect.objectContaining({ type: 'apiKey', name: 'Authorization', in: 'header', 'x-amazon-apigateway-authtype': 'awsSigv4' }));
  });

  it.each(routes.map(([name]) => name))('%s: validates the request body and parameters', (route) => {
    // Prepare
    const validator = operationOf(route)['x-amazon-apigateway-request-validator'] ?? openapi['x-amazon-apigateway-request-validator'];

    // Assess
    expect(openapi['x-amazon-apigateway-request-validators']?.[validator]).toEqual({ validateRequestBody: true, validateRequestParameters: true });
  });

  it.each(routes.map(([name]) => name))('%s: declares every path parameter as required with an anchored pattern', (route) => {
    // Prepare
    const names = [...route.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]);
    const parameters = ((operationOf(route).parameters ?? []) as Record<string, any>[]).map(deref);

    // Assess
    for (const name of names) {
      const parameter = parameters.find((candidate) => candidate.name === name && candidate.in === 'path');
      expect({ name, required: parameter?.required, pattern: parameter?.schema?.pattern }).toEqual({ name, required: true, pattern: expect.stringMatching(/^\^.*\$$/) });
    }
  });

  it.each(routes.filter(([, operation]) => operation.requestBody !== undefined).map(([name]) => name))(
    '%s: requires a JSON body whose schema refuses unknown properties',
    (route) => {
      // Prepare
      const body = operationOf(route).requestBody;
      const schema = deref(body.content?.['application/json']?.schema);

      // Assess
      expect(body.required).toBe(true);
      expect(schema.additionalProperties).toBe(false);
    },
  );

  it('lets API Gateway assume the integration role, which grants exactly what the direct integrations call', () => {
    // Prepare
    const properties = template.Resources.ApiIntegrationRole.Properties ?? {};
    const statements = rolePolicyStatements(properties, 'ApiIntegrationRole', manifest);
    const [, unqualified, qualifier] = /^(.*:stateMachine:[^:]+):([^:]+)$/.exec(analysis.aliasArn!)!;
    const required: PermissionRequest[] = [
      // Step Functions authorizes an alias against the unqualified ARN, with the alias in states:StateMachineQualifier.
      { action: 'states:StartExecution', resource: unqualified, context: { 'states:StateMachineQualifier': qualifier }, reason: START },
      { action: 'dynamodb:GetItem', resource: table.arn, reason: STATUS },
    ];

    // Assess
    expect(properties.AssumeRolePolicyDocument?.Statement).toEqual([
      expect.objectContaining({ Effect: 'Allow', Principal: { Service: 'apigateway.amazonaws.com' }, Action: 'sts:AssumeRole' }),
    ]);
    expect(missingPermissions(statements, required)).toEqual([]);
    expect(unusedGrants(statements, required)).toEqual([]);
    expect(wildcardActions(statements)).toEqual([]);
  });

  it('lets API Gateway invoke the create-upload alias on the uploads route', () => {
    // Prepare
    const request = `arn:aws:execute-api:${region}:${accountId}:${manifest.resolve({ Ref: api.logicalId })}/${api.stageName}/POST/customers/${SAMPLE_CUSTOMER}/uploads`;

    // Act
    const permissions = resourcesOfType(template, 'AWS::Lambda::Permission')
      .map(([logicalId, resource]) => manifest.resolve(resource.Properties, logicalId) as Record<string, string>)
      .filter((properties) => properties.FunctionName === uploadAlias);

    // Assess
    expect(permissions).toHaveLength(1);
    expect(permissions[0]).toEqual(expect.objectContaining({ Action: 'lambda:InvokeFunction', Principal: 'apigateway.amazonaws.com' }));
    expect(wildcardMatches(permissions[0].SourceArn, request)).toBe(true);
    expect(wildcardMatches(permissions[0].SourceArn, request.replace('/uploads', `/analyses/${SAMPLE_RUN}`))).toBe(false);
  });
});
