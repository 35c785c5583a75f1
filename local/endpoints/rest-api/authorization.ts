/**
 * The IAM decision API Gateway makes for an IAM-authorised route: the caller's identity policies (the template's, for
 * a customer or the operator) and the API's resource policy (`x-amazon-apigateway-policy` of api/openapi.yaml),
 * evaluated together on `execute-api:Invoke` of the route's ARN, with the caller's tags as condition keys. An explicit
 * deny anywhere, or no allow, is a 403 naming the principal and the resource, as API Gateway answers.
 */
import { evaluatePolicies, type PolicyDocument } from '../../iam';

/** Who calls, as IAM sees a principal: its ARN, its tags and the policies attached to it. */
type Caller = { principalArn: string; tags: Readonly<Record<string, string>>; policies: readonly PolicyDocument[] };

/** The callers the local API knows, by access key (the local credential store behind it). */
type CallerDirectory = { lookup(accessKeyId: string): { secretAccessKey: string; caller: Caller } | undefined };

type Decision = { allowed: true } | { allowed: false; message: string };

/** `arn:aws:execute-api:<region>:<account>:<api id>/<stage>/<METHOD>/<path>` of a request. */
const invokeArn = (parts: { region: string; accountId: string; apiId: string; stage: string; method: string; path: string }): string =>
  `arn:aws:execute-api:${parts.region}:${parts.accountId}:${parts.apiId}/${parts.stage}/${parts.method}/${parts.path.replace(/^\//, '')}`;

/**
 * @example
 * authorizeInvoke(caller, resourcePolicy, invokeArn({ region, accountId, apiId: 'local', stage: 'dev', method: 'GET', path }));
 */
const authorizeInvoke = (caller: Caller, resourcePolicy: PolicyDocument | undefined, resourceArn: string): Decision => {
  const keys: Record<string, string> = { 'aws:PrincipalArn': caller.principalArn };
  for (const [tag, value] of Object.entries(caller.tags)) keys[`aws:PrincipalTag/${tag}`] = value;
  const decision = evaluatePolicies([...caller.policies, ...(resourcePolicy ? [resourcePolicy] : [])], { action: 'execute-api:Invoke', resource: resourceArn, keys });
  if (decision === 'Allow') return { allowed: true };
  const explicit = decision === 'ExplicitDeny' ? ' with an explicit deny' : '';
  return { allowed: false, message: `User: ${caller.principalArn} is not authorized to perform: execute-api:Invoke on resource: ${resourceArn}${explicit}` };
};

export { authorizeInvoke, invokeArn };
export type { Caller, CallerDirectory, Decision };
