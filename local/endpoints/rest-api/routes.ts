/**
 * The REST routes of api/openapi.yaml, read into a table the local endpoint serves: path pattern, parameters and
 * body schemas (validated as API Gateway's request validator would), and the integration each route has in the
 * cloud. Three integration kinds exist in the contract and the local endpoint implements each the way its API
 * Gateway mapping templates do: a Lambda proxy, Step Functions StartExecution, and DynamoDB GetItem. Any other
 * integration is refused at start, naming the route, rather than served wrongly.
 */
import { readFileSync } from 'node:fs';
import Ajv, { type ValidateFunction } from 'ajv';
import { parseCfnYaml, type AppManifest } from '../../manifest';
import type { PolicyDocument } from '../../iam';
import { RestApiConfigError } from './errors';

type Integration =
  | { kind: 'lambda-proxy'; functionArn: string }
  | { kind: 'start-execution'; stateMachineArn: string }
  | { kind: 'get-item'; tableName: string };

type Route = {
  operationId: string;
  method: string;
  pathTemplate: string;
  pattern: RegExp;
  parameterNames: string[];
  validateParameters: Record<string, ValidateFunction>;
  validateBody?: ValidateFunction;
  bodyRequired: boolean;
  integration: Integration;
};

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

const integrationOf = (raw: Record<string, any>, manifest: AppManifest, where: string): Integration => {
  const resolved = manifest.resolve(raw, where) as Record<string, any>;
  const uri = String(resolved.uri ?? '');
  const lambda = /:lambda:path\/2015-03-31\/functions\/(.+)\/invocations$/.exec(uri);
  if (resolved.type === 'aws_proxy' && lambda) return { kind: 'lambda-proxy', functionArn: lambda[1] };
  const template = String(Object.values((resolved.requestTemplates ?? {}) as Record<string, string>)[0] ?? '');
  if (resolved.type === 'aws' && uri.endsWith(':states:action/StartExecution')) {
    const arn = /"stateMachineArn":\s*"([^"]+)"/.exec(template)?.[1];
    if (!arn) throw new RestApiConfigError(`${where}: the StartExecution request template names no stateMachineArn`);
    return { kind: 'start-execution', stateMachineArn: arn };
  }
  if (resolved.type === 'aws' && uri.endsWith(':dynamodb:action/GetItem')) {
    const table = /"TableName":\s*"([^"]+)"/.exec(template)?.[1];
    if (!table) throw new RestApiConfigError(`${where}: the GetItem request template names no TableName`);
    return { kind: 'get-item', tableName: table };
  }
  throw new RestApiConfigError(`${where}: integration ${resolved.type} ${uri} is not one the local endpoint serves`);
};

/**
 * @example
 * const routes = loadRoutes(manifest.apis[0].openapiPath!, manifest);
 */
const loadRoutes = (openapiPath: string, manifest: AppManifest): Route[] => {
  const doc = parseCfnYaml(readFileSync(openapiPath, 'utf8'));
  // OpenAPI 3.0 keywords ajv does not know (nullable, example…) are ignored, not errors.
  const ajv = new Ajv({ allErrors: true, strict: false });
  ajv.addSchema({ $id: 'openapi', components: doc.components ?? {} });
  const deref = <T>(value: any): T => {
    const ref = value?.$ref as string | undefined;
    if (!ref) return value as T;
    return ref
      .replace(/^#\//, '')
      .split('/')
      .reduce((node: any, key) => node?.[key], doc) as T;
  };
  const routes: Route[] = [];
  for (const [pathTemplate, item] of Object.entries((doc.paths ?? {}) as Record<string, Record<string, any>>)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const where = `${openapiPath}: ${method.toUpperCase()} ${pathTemplate}`;
      const parameterNames: string[] = [];
      const pattern = new RegExp(
        `^${pathTemplate.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{([^}]+)\}/g, (whole, name: string) => {
          parameterNames.push(name);
          return '([^/]+)';
        })}$`,
      );
      const validateParameters: Record<string, ValidateFunction> = {};
      for (const raw of (operation.parameters ?? []) as unknown[]) {
        const parameter = deref<{ name: string; in: string; schema: unknown }>(raw);
        if (parameter.in === 'path') validateParameters[parameter.name] = ajv.compile(parameter.schema as object);
      }
      const bodySchema = operation.requestBody?.content?.['application/json']?.schema;
      const integration = operation['x-amazon-apigateway-integration'];
      if (!integration) throw new RestApiConfigError(`${where}: no x-amazon-apigateway-integration`);
      routes.push({
        operationId: String(operation.operationId ?? `${method} ${pathTemplate}`),
        method: method.toUpperCase(),
        pathTemplate,
        pattern,
        parameterNames,
        validateParameters,
        validateBody: bodySchema ? ajv.compile(bodySchema.$ref ? { $ref: `openapi${bodySchema.$ref}` } : bodySchema) : undefined,
        bodyRequired: Boolean(operation.requestBody?.required),
        integration: integrationOf(integration, manifest, where),
      });
    }
  }
  return routes;
};

/** A malformed escape (`%E0%A4%A`) stays as sent, so parameter validation refuses it by name instead of a 500. */
const decodeSegment = (segment: string): string => {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
};

/** The route and path parameters of a request, if any route matches. */
const matchRoute = (routes: readonly Route[], method: string, path: string): { route: Route; parameters: Record<string, string> } | undefined => {
  for (const route of routes) {
    if (route.method !== method) continue;
    const match = route.pattern.exec(path);
    if (!match) continue;
    const parameters = Object.fromEntries(route.parameterNames.map((name, index) => [name, decodeSegment(match[index + 1])]));
    return { route, parameters };
  }
  return undefined;
};

/**
 * The API's resource policy (`x-amazon-apigateway-policy`), resolved as CloudFormation would deploy it; undefined
 * when the contract declares none.
 */
const loadResourcePolicy = (openapiPath: string, manifest: AppManifest): PolicyDocument | undefined => {
  const policy = parseCfnYaml(readFileSync(openapiPath, 'utf8'))['x-amazon-apigateway-policy'];
  return policy === undefined ? undefined : (manifest.resolve(policy, `${openapiPath}: x-amazon-apigateway-policy`) as PolicyDocument);
};

export { loadResourcePolicy, loadRoutes, matchRoute };
export type { Integration, Route };
