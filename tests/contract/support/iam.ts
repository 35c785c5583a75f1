/**
 * Just enough IAM to check a role against what it must do: SAM policy templates expanded as SAM expands them,
 * intrinsics resolved by the local manifest, and Allow/Deny evaluation with IAM's wildcards (`*` any run of
 * characters, `?` one; actions case-insensitive, resources case-sensitive) and the condition operators the template
 * uses. A policy form it does not know is an error, never a silent pass.
 */
import type { AppManifest } from '../../../local/manifest';

/** One statement with every intrinsic resolved. */
type PolicyStatement = {
  /** Where it came from, for messages: `<resource> <policy>[<index>]` plus the Sid when there is one. */
  origin: string;
  sid?: string;
  effect: 'Allow' | 'Deny';
  actions: string[];
  resources: string[];
  condition?: Record<string, Record<string, unknown>>;
};

/** Something the role must be able to do (or may do, for a permitted extra), and why. */
type PermissionRequest = {
  action: string;
  resource: string;
  /** Condition keys of the request, e.g. `states:StateMachineQualifier`. */
  context?: Record<string, string>;
  reason: string;
};

type RawStatement = Record<string, unknown>;

const SUB_ARN = (service: string, rest: string): string => `arn:\${AWS::Partition}:${service}:\${AWS::Region}:\${AWS::AccountId}:${rest}`;

/**
 * The SAM policy templates the template uses, as samtranslator/policy_templates_data/policy_templates.json defines
 * them. Add one here before using it in template.yaml; an unknown template fails the contract tests.
 */
const SAM_POLICY_TEMPLATES: Record<string, (parameters: Record<string, unknown>) => RawStatement[]> = {
  LambdaInvokePolicy: ({ FunctionName }) => [
    { Effect: 'Allow', Action: ['lambda:InvokeFunction'], Resource: { 'Fn::Sub': [SUB_ARN('lambda', 'function:${functionName}*'), { functionName: FunctionName }] } },
  ],
  EventBridgePutEventsPolicy: ({ EventBusName }) => [
    { Effect: 'Allow', Action: 'events:PutEvents', Resource: { 'Fn::Sub': [SUB_ARN('events', 'event-bus/${eventBusName}'), { eventBusName: EventBusName }] } },
  ],
  StepFunctionsExecutionPolicy: ({ StateMachineName }) => [
    { Effect: 'Allow', Action: ['states:StartExecution'], Resource: { 'Fn::Sub': [SUB_ARN('states', 'stateMachine:${stateMachineName}'), { stateMachineName: StateMachineName }] } },
  ],
};

const asList = (value: unknown): unknown[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

const toStatement = (raw: RawStatement, origin: string, manifest: AppManifest): PolicyStatement => {
  const resolved = manifest.resolve(raw, origin) as Record<string, unknown>;
  if (resolved.NotAction !== undefined || resolved.NotResource !== undefined) throw new Error(`${origin}: NotAction/NotResource are not evaluated`);
  const sid = typeof resolved.Sid === 'string' ? resolved.Sid : undefined;
  return {
    origin: sid === undefined ? origin : `${origin} (${sid})`,
    sid,
    effect: resolved.Effect === 'Deny' ? 'Deny' : 'Allow',
    actions: asList(resolved.Action).map(String),
    resources: asList(resolved.Resource).map(String),
    condition: resolved.Condition as PolicyStatement['condition'],
  };
};

/**
 * The statements of a SAM `Policies` list (function or state machine).
 *
 * @example
 * const statements = samPolicyStatements(template.Resources.AnalysisStateMachine.Properties.Policies, 'AnalysisStateMachine', manifest);
 */
const samPolicyStatements = (policies: unknown, owner: string, manifest: AppManifest): PolicyStatement[] =>
  asList(policies).flatMap((policy, index) => {
    const where = `${owner} Policies[${index}]`;
    if (typeof policy === 'string') throw new Error(`${where}: managed policy ${policy} cannot be checked by the contract tests`);
    const entries = Object.entries(policy as Record<string, unknown>);
    if (entries.length === 1 && entries[0][0] in SAM_POLICY_TEMPLATES) {
      const [name, parameters] = entries[0];
      return SAM_POLICY_TEMPLATES[name](parameters as Record<string, unknown>).map((raw) => toStatement(raw, `${where} ${name}`, manifest));
    }
    if ('Statement' in (policy as Record<string, unknown>)) {
      return asList((policy as { Statement: unknown }).Statement).map((raw, at) => toStatement(raw as RawStatement, `${where}.Statement[${at}]`, manifest));
    }
    throw new Error(`${where}: ${entries.map(([key]) => key).join(', ')} is neither a known SAM policy template nor an inline Statement`);
  });

/** The statements of an AWS::IAM::Role's inline Policies. */
const rolePolicyStatements = (properties: Record<string, any>, owner: string, manifest: AppManifest): PolicyStatement[] => {
  if (properties.ManagedPolicyArns !== undefined) throw new Error(`${owner}: ManagedPolicyArns cannot be checked by the contract tests`);
  return asList(properties.Policies).flatMap((policy, index) =>
    asList((policy as { PolicyDocument: { Statement: unknown } }).PolicyDocument.Statement).map((raw, at) =>
      toStatement(raw as RawStatement, `${owner} Policies[${index}] ${(policy as { PolicyName?: string }).PolicyName ?? ''}.Statement[${at}]`, manifest),
    ),
  );
};

const globCache = new Map<string, RegExp>();

/** IAM wildcard match: `*` any run of characters (including `:` and `/`), `?` exactly one. */
const wildcardMatches = (pattern: string, value: string, ignoreCase = false): boolean => {
  const cacheKey = `${ignoreCase ? 'i' : 's'}${pattern}`;
  let regExp = globCache.get(cacheKey);
  if (regExp === undefined) {
    const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
    regExp = new RegExp(`^${source}$`, ignoreCase ? 'is' : 's');
    globCache.set(cacheKey, regExp);
  }
  return regExp.test(value);
};

const conditionHolds = (condition: PolicyStatement['condition'], context: Record<string, string> = {}, origin = ''): boolean => {
  if (condition === undefined) return true;
  return Object.entries(condition).every(([operator, keys]) =>
    Object.entries(keys).every(([key, expected]) => {
      const actual = context[key];
      // IAM: a condition on a key the request does not carry does not match (no IfExists operators here).
      if (actual === undefined) return false;
      const values = asList(expected).map(String);
      switch (operator) {
        case 'StringEquals':
        case 'ArnEquals':
          return values.includes(actual);
        case 'StringLike':
        case 'ArnLike':
        case 'ForAnyValue:StringLike':
          return values.some((pattern) => wildcardMatches(pattern, actual));
        case 'Bool':
          return values.includes(actual);
        default:
          throw new Error(`${origin}: condition operator ${operator} is not evaluated by the contract tests`);
      }
    }),
  );
};

const statementMatches = (statement: PolicyStatement, request: PermissionRequest): boolean =>
  statement.actions.some((action) => wildcardMatches(action, request.action, true)) &&
  statement.resources.some((resource) => wildcardMatches(resource, request.resource)) &&
  conditionHolds(statement.condition, request.context, statement.origin);

/**
 * Whether the statements allow the request: an Allow matches and no Deny does.
 *
 * @example
 * isAllowed(statements, { action: 'dynamodb:GetItem', resource: tableArn, reason: 'Load customer' });
 */
const isAllowed = (statements: PolicyStatement[], request: PermissionRequest): boolean =>
  statements.some((statement) => statement.effect === 'Allow' && statementMatches(statement, request)) &&
  !statements.some((statement) => statement.effect === 'Deny' && statementMatches(statement, request));

/** The requests the statements do not allow, as `action on resource (reason)`. */
const missingPermissions = (statements: PolicyStatement[], requests: PermissionRequest[]): string[] =>
  requests
    .filter((request) => !isAllowed(statements, request))
    .map((request) => `${request.action} on ${request.resource}${request.context ? ` with ${JSON.stringify(request.context)}` : ''} (${request.reason})`);

/**
 * Least privilege: each action of each Allow statement must serve at least one request (required or permitted) on a
 * resource that statement names, under its condition. Returns `origin: action` for every action that serves none.
 */
const unusedGrants = (statements: PolicyStatement[], requests: PermissionRequest[]): string[] =>
  statements
    .filter((statement) => statement.effect === 'Allow')
    .flatMap((statement) =>
      statement.actions
        .filter(
          (action) =>
            !requests.some(
              (request) =>
                wildcardMatches(action, request.action, true) &&
                statement.resources.some((resource) => wildcardMatches(resource, request.resource)) &&
                conditionHolds(statement.condition, request.context, statement.origin),
            ),
        )
        .map((action) => `${statement.origin}: ${action}`),
    );

/** Allow statements whose Action has a wildcard (`*`, `s3:*`, `s3:Get*`). */
const wildcardActions = (statements: PolicyStatement[]): string[] =>
  statements
    .filter((statement) => statement.effect === 'Allow')
    .flatMap((statement) => statement.actions.filter((action) => /[*?]/.test(action)).map((action) => `${statement.origin}: ${action}`));

export { isAllowed, missingPermissions, rolePolicyStatements, samPolicyStatements, unusedGrants, wildcardActions, wildcardMatches };
export type { PermissionRequest, PolicyStatement };
