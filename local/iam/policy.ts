/**
 * IAM policy evaluation, for what the local runtime and the contract tests need of it: the template's own policy
 * documents decide, locally, what a principal may do (a customer's API calls, a tenant session's data access), and
 * tests ask them the questions AWS would ask.
 *
 * The logic is IAM's for one account: an explicit Deny in any policy wins; otherwise an Allow in any policy allows;
 * otherwise the request is implicitly denied. Supported: Action/NotAction, Resource/NotResource with `*` and `?`
 * wildcards, policy variables (`${aws:PrincipalTag/customerId}`, any request key), and the condition operators the
 * template uses: StringEquals, StringNotEquals, StringLike, StringNotLike (with the ForAllValues:/ForAnyValue: set
 * qualifiers), Null and Bool. A condition on a key the request lacks fails, as IAM's does, except where the
 * condition requires the key not to match (StringNot…), Null, and the ForAllValues: qualifier. Anything else in a policy is refused, naming it, rather than read wrongly.
 */
import { PolicyEvaluationError } from './errors';

type Strings = string | string[];

/** One statement of a policy document. */
type PolicyStatement = {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Principal?: unknown;
  Action?: Strings;
  NotAction?: Strings;
  Resource?: Strings;
  NotResource?: Strings;
  Condition?: Record<string, Record<string, Strings | boolean>>;
};

type PolicyDocument = { Version?: string; Statement: PolicyStatement | PolicyStatement[] };

/** What is asked: an action on a resource, with the request's condition keys (multi-valued ones as arrays). */
type PolicyRequest = { action: string; resource: string; keys: Readonly<Record<string, string | readonly string[] | undefined>> };

type Decision = 'Allow' | 'ExplicitDeny' | 'ImplicitDeny';

const list = (value: Strings | undefined): string[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/** An IAM wildcard pattern (`*` any run of characters, `?` one) as a regular expression. */
const wildcard = (pattern: string, caseInsensitive = false): RegExp =>
  new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, caseInsensitive ? 'i' : '');

/** Replaces `${key}` policy variables with the request's values; a variable the request lacks matches nothing. */
const substitute = (text: string, request: PolicyRequest): string | undefined => {
  let missing = false;
  const result = text.replace(/\$\{([^}]+)\}/g, (_whole, key: string) => {
    if (key === '*' || key === '?' || key === '$') return key;
    const value = request.keys[key];
    if (typeof value !== 'string') {
      missing = true;
      return '';
    }
    return value;
  });
  return missing ? undefined : result;
};

const matchesAny = (patterns: string[], value: string, request: PolicyRequest, caseInsensitive = false): boolean =>
  patterns.some((pattern) => {
    const concrete = substitute(pattern, request);
    return concrete !== undefined && wildcard(concrete, caseInsensitive).test(value);
  });

const STRING_TESTS: Record<string, (pattern: string, value: string) => boolean> = {
  StringEquals: (pattern, value) => pattern === value,
  StringNotEquals: (pattern, value) => pattern !== value,
  StringLike: (pattern, value) => wildcard(pattern).test(value),
  StringNotLike: (pattern, value) => !wildcard(pattern).test(value),
};

const conditionHolds = (operator: string, key: string, expected: Strings | boolean, request: PolicyRequest): boolean => {
  const actual = request.keys[key];
  if (operator === 'Null') return (actual === undefined) === (String(expected) === 'true');
  if (operator === 'Bool') return actual !== undefined && String(actual) === String(expected);
  const [qualifier, base] = operator.includes(':') ? operator.split(':') : [undefined, operator];
  const test = STRING_TESTS[base];
  if (!test) throw new PolicyEvaluationError(`condition operator ${operator} is not one the local evaluator reads`);
  const patterns = list(expected as Strings).map((pattern) => substitute(pattern, request));
  const values = actual === undefined ? [] : Array.isArray(actual) ? [...actual] : [actual as string];
  const negated = base.includes('Not');
  // A value satisfies the operator against the list: any pattern for the positive ones, all for the negated ones.
  const satisfies = (value: string): boolean =>
    negated ? patterns.every((pattern) => pattern === undefined || test(pattern, value)) : patterns.some((pattern) => pattern !== undefined && test(pattern, value));
  if (qualifier === 'ForAllValues') return values.every(satisfies);
  if (qualifier === 'ForAnyValue') return values.some(satisfies);
  if (qualifier !== undefined) throw new PolicyEvaluationError(`condition qualifier ${qualifier} is not one the local evaluator reads`);
  // IAM: a key missing from the request fails a condition, except one that requires the key not to match.
  if (values.length === 0) return negated;
  if (values.length !== 1) return false;
  return satisfies(values[0]);
};

const statementApplies = (statement: PolicyStatement, request: PolicyRequest): boolean => {
  const actionMatches =
    statement.Action !== undefined
      ? matchesAny(list(statement.Action), request.action, request, true)
      : statement.NotAction !== undefined && !matchesAny(list(statement.NotAction), request.action, request, true);
  if (!actionMatches) return false;
  // A statement without Resource (a role's trust policy) is about the resource it is attached to.
  const resourceMatches =
    statement.Resource !== undefined
      ? matchesAny(list(statement.Resource), request.resource, request)
      : statement.NotResource === undefined || !matchesAny(list(statement.NotResource), request.resource, request);
  if (!resourceMatches) return false;
  return Object.entries(statement.Condition ?? {}).every(([operator, keys]) =>
    Object.entries(keys).every(([key, expected]) => conditionHolds(operator, key, expected, request)),
  );
};

/**
 * The decision of a set of policies (identity and resource policies alike) on one request.
 *
 * @example
 * evaluatePolicies([customerApiPolicy], { action: 'execute-api:Invoke', resource: arn, keys: { 'aws:PrincipalTag/customerId': 'acme' } }); // 'Allow'
 */
const evaluatePolicies = (policies: readonly PolicyDocument[], request: PolicyRequest): Decision => {
  let allowed = false;
  for (const policy of policies) {
    for (const statement of Array.isArray(policy.Statement) ? policy.Statement : [policy.Statement]) {
      if (!statementApplies(statement, request)) continue;
      if (statement.Effect === 'Deny') return 'ExplicitDeny';
      if (statement.Effect === 'Allow') allowed = true;
    }
  }
  return allowed ? 'Allow' : 'ImplicitDeny';
};

export { evaluatePolicies, wildcard };
export type { Decision, PolicyDocument, PolicyRequest, PolicyStatement };
