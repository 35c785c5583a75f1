/**
 * Evaluates CloudFormation intrinsic functions against local values: the same template that deploys to AWS
 * configures the local runtime (nothing is configured twice). Refs and attributes of resources resolve to the
 * local names and ARNs that the manifest assigns them.
 */
import { ManifestError } from './errors';

/** Marks a property removed by `!Ref AWS::NoValue`. */
const NO_VALUE = Symbol('AWS::NoValue');

type ResolveContext = {
  /** Parameter values, after defaults and overrides. */
  parameters: Record<string, unknown>;
  /** AWS::Region, AWS::AccountId, AWS::StackName, AWS::Partition, AWS::URLSuffix. */
  pseudo: Record<string, string>;
  /** Ref of a resource (including SAM's `Function.Alias` and generated logical ids). */
  ref(logicalId: string): string | undefined;
  /** Fn::GetAtt of a resource. */
  getAtt(logicalId: string, attribute: string): string | undefined;
  conditions: Record<string, unknown>;
};

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The single key of an intrinsic call object, if it is one. */
const intrinsicName = (value: Record<string, unknown>): string | undefined => {
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0] === 'Condition' || keys[0].startsWith('Fn::')) ? keys[0] : undefined;
};

/** The list an Fn::Join or Fn::Select works on; anything else is a template error at `where`. */
const listOf = (value: unknown, where: string): unknown[] => {
  if (!Array.isArray(value)) throw new ManifestError(`${where}: expects a list, got ${typeof value}`);
  return value;
};

const resolveRef = (name: string, context: ResolveContext, where: string): unknown => {
  if (name === 'AWS::NoValue') return NO_VALUE;
  if (name in context.pseudo) return context.pseudo[name];
  if (name in context.parameters) return context.parameters[name];
  const resource = context.ref(name);
  if (resource !== undefined) return resource;
  throw new ManifestError(`${where}: !Ref ${name} names no parameter or resource`);
};

const substitute = (template: string, variables: Record<string, unknown>, context: ResolveContext, where: string): string =>
  template.replace(/\$\{(!?)([^}]+)\}/g, (whole, literal: string, name: string) => {
    // ${!Literal} writes ${Literal} (CloudFormation's escape).
    if (literal) return `\${${name}}`;
    if (name in variables) return String(variables[name]);
    // SAM's generated references (`Function.Alias`, `Function.Version`) are Refs even though they contain a dot.
    const generated = context.ref(name);
    if (generated !== undefined) return generated;
    const dot = name.indexOf('.');
    if (dot > 0 && !name.startsWith('AWS::')) {
      const value = context.getAtt(name.slice(0, dot), name.slice(dot + 1));
      if (value === undefined) throw new ManifestError(`${where}: \${${name}} names no resource attribute`);
      return value;
    }
    return String(resolveRef(name, context, where));
  });

/**
 * Resolves every intrinsic in a value; `where` names the property for error messages.
 *
 * @example
 * resolveValue({ 'Fn::Sub': '${AWS::StackName}-analysis' }, context, 'Resources.X.Properties.Name');
 */
const resolveValue = (value: unknown, context: ResolveContext, where: string): unknown => {
  if (Array.isArray(value)) {
    return value.map((item, index) => resolveValue(item, context, `${where}[${index}]`)).filter((item) => item !== NO_VALUE);
  }
  if (!isObject(value)) return value;
  const name = intrinsicName(value);
  if (name === undefined) {
    const result: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      const resolved = resolveValue(item, context, `${where}.${key}`);
      if (resolved !== NO_VALUE) result[key] = resolved;
    }
    return result;
  }
  const args = value[name];
  const at = `${where} (${name})`;
  switch (name) {
    case 'Ref':
      return resolveRef(String(args), context, at);
    case 'Condition':
      return evaluateCondition(String(args), context, at);
    case 'Fn::GetAtt': {
      const [logicalId, attribute] = Array.isArray(args) ? args.map(String) : String(args).split(/\.(.*)/s);
      const resolved = context.getAtt(logicalId, attribute);
      if (resolved === undefined) throw new ManifestError(`${at}: ${logicalId}.${attribute} is not a known attribute`);
      return resolved;
    }
    case 'Fn::Sub': {
      if (typeof args === 'string') return substitute(args, {}, context, at);
      const [template, variables] = args as [string, Record<string, unknown>];
      // Each variable on its own: the map itself is not an intrinsic even when its one key is `Ref` or `Condition`.
      const resolvedVariables = Object.fromEntries(
        Object.entries(variables ?? {}).map(([name, item]) => [name, resolveValue(item, context, `${at}.${name}`)]),
      );
      return substitute(template, resolvedVariables, context, at);
    }
    case 'Fn::Join': {
      const [separator, items] = args as [string, unknown];
      return listOf(resolveValue(items, context, at), at).join(separator);
    }
    case 'Fn::Select': {
      const [index, items] = args as [unknown, unknown];
      const list = listOf(resolveValue(items, context, at), at);
      const position = Number(resolveValue(index, context, at));
      // CloudFormation fails the stack on a nonexistent index rather than yielding nothing.
      if (!Number.isInteger(position) || position < 0 || position >= list.length) {
        throw new ManifestError(`${at}: index ${String(resolveValue(index, context, at))} is out of range for a list of ${list.length}`);
      }
      return list[position];
    }
    case 'Fn::Split': {
      const [separator, source] = args as [string, unknown];
      const text = resolveValue(source, context, at);
      if (typeof text !== 'string') throw new ManifestError(`${at}: expects a string to split, got ${Array.isArray(text) ? 'a list' : typeof text}`);
      return text.split(separator);
    }
    case 'Fn::If': {
      const [condition, whenTrue, whenFalse] = args as [string, unknown, unknown];
      return evaluateCondition(condition, context, at)
        ? resolveValue(whenTrue, context, at)
        : resolveValue(whenFalse, context, at);
    }
    case 'Fn::Equals': {
      const [left, right] = (args as unknown[]).map((item) => resolveValue(item, context, at));
      return String(left) === String(right);
    }
    case 'Fn::Not':
      return !resolveValue((args as unknown[])[0], context, at);
    case 'Fn::And':
      return (args as unknown[]).every((item) => resolveValue(item, context, at) === true);
    case 'Fn::Or':
      return (args as unknown[]).some((item) => resolveValue(item, context, at) === true);
    case 'Fn::Base64':
      return Buffer.from(String(resolveValue(args, context, at))).toString('base64');
    case 'Fn::ToJsonString':
      return JSON.stringify(resolveValue(args, context, at));
    case 'Fn::Length':
      return (resolveValue(args, context, at) as unknown[]).length;
    default:
      throw new ManifestError(`${at}: ${name} is not supported by the local runtime`);
  }
};

/** A named condition of the template's Conditions section. */
const evaluateCondition = (name: string, context: ResolveContext, where: string): boolean => {
  if (!(name in context.conditions)) throw new ManifestError(`${where}: condition ${name} is not defined`);
  return resolveValue(context.conditions[name], context, `Conditions.${name}`) === true;
};

export { NO_VALUE, evaluateCondition, resolveValue };
export type { ResolveContext };
