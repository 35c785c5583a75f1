/**
 * Applies a Path to the data in a {@link PathScope}: InputPath, OutputPath, ItemsPath, `.$` values, intrinsic
 * arguments, Choice `Variable`s.
 */
import { JSONPath } from 'jsonpath-plus';
import { jsonText } from '../jsonText';
import { runtimeError } from './errors';
import { compilePath } from './pathParser';
import type { CompiledPath, PathSegment } from './pathParser';
import type { PathScope } from './types';

/**
 * What a lookup found: `found` false when a Reference Path selects nothing, with where it stopped (`missing`, and
 * `at`: the index of the segment that selected nothing).
 */
type Lookup = { found: true; value: unknown } | { found: false; missing: string; at?: number };

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The Reference Path up to and including `segments[last]`, written plainly, to say where a lookup stopped. */
const prefixText = (segments: readonly PathSegment[], last: number): string =>
  `$${segments
    .slice(0, last + 1)
    .map((segment) => (segment.kind === 'index' ? `[${segment.index}]` : `.${segment.name}`))
    .join('')}`;

/** Walks a Reference Path; own properties only, so `$.constructor` or `$.__proto__` never reach the prototype. */
const walk = (start: unknown, segments: readonly PathSegment[]): Lookup => {
  let current = start;
  for (const [position, segment] of segments.entries()) {
    if (segment.kind === 'property') {
      if (!isPlainObject(current) || !Object.hasOwn(current, segment.name)) {
        return { found: false, missing: prefixText(segments, position), at: position };
      }
      current = current[segment.name];
    } else {
      if (!Array.isArray(current)) return { found: false, missing: prefixText(segments, position), at: position };
      // A negative index counts from the end, as in Jayway JsonPath.
      const index = segment.index < 0 ? current.length + segment.index : segment.index;
      if (index < 0 || index >= current.length) return { found: false, missing: prefixText(segments, position), at: position };
      current = current[index];
    }
  }
  return { found: true, value: current };
};

/** The `$states` variable of JSONPath Assign/Output: only the members that are present. */
const statesVariable = (states: NonNullable<PathScope['states']>): Record<string, unknown> => {
  const value: Record<string, unknown> = {};
  for (const [key, member] of Object.entries(states)) if (member !== undefined) value[key] = member;
  return value;
};

const rootValue = (compiled: CompiledPath, scope: PathScope, field?: string): unknown => {
  const { root } = compiled;
  if (root.kind === 'input') return scope.input;
  if (root.kind === 'context') return scope.context;
  if (root.name === 'states' && scope.states !== undefined) return statesVariable(scope.states);
  if (!Object.hasOwn(scope.variables, root.name)) {
    const where = field === undefined ? '' : ` specified for the field '${field}'`;
    throw runtimeError(`The JSONPath '${compiled.source}'${where} references the variable '${root.name}', which is not defined`);
  }
  return scope.variables[root.name];
};

const queryMany = (compiled: CompiledPath, base: unknown, field?: string): unknown[] => {
  // Wildcards, deep scans and filters select nothing inside a scalar (jsonpath-plus answers undefined for a falsy one).
  if (typeof base !== 'object' || base === null) return [];
  try {
    // ignoreEvalErrors: a filter reaching into a missing field is a non-match in Jayway JsonPath, not an error.
    const matches: unknown = JSONPath({ path: compiled.query, json: base, wrap: true, eval: 'safe', ignoreEvalErrors: true });
    return Array.isArray(matches) ? matches : [];
  } catch (thrown) {
    const where = field === undefined ? '' : ` in the field '${field}'`;
    const reason = thrown instanceof Error ? thrown.message : String(thrown);
    throw runtimeError(`Invalid JSONPath '${compiled.source}'${where}: ${reason}`);
  }
};

/** Fields whose path Step Functions reports with the input it searched: payload template fields, ErrorPath, CausePath. */
const reportsInput = (field: string | undefined): boolean => field !== undefined && (field.endsWith('.$') || field === 'ErrorPath' || field === 'CausePath');

/** The path up to segment `last` in Jayway's normalized form, as AWS prints it: `$['a']['b'][0]`. */
const normalizedPath = (compiled: CompiledPath, last: number): string => {
  const root = compiled.root.kind === 'input' ? '$' : compiled.root.kind === 'context' ? '$$' : `$${compiled.root.name}`;
  return `${root}${compiled.segments
    .slice(0, last + 1)
    .map((segment) => (segment.kind === 'index' ? `[${segment.index}]` : `['${segment.name}']`))
    .join('')}`;
};

/**
 * The error for a Reference Path that selects nothing, in Step Functions' words: for a payload template field,
 * ErrorPath or CausePath `The JSONPath '$.x' specified for the field 'x.$' could not be found in the input '{…}'`
 * (the input it searched, as AWS quotes it); for a path field (InputPath, OutputPath, ItemsPath, …) Jayway
 * JsonPath's message `Invalid path '$.a.b' : No results for path: $['a']['b']`, or `… : Missing property in path
 * $['a']` when a step before the last is missing.
 */
const pathNotFound = (compiled: CompiledPath, scope: PathScope, lookup: Extract<Lookup, { found: false }>, field?: string): Error => {
  if (reportsInput(field)) {
    return runtimeError(`The JSONPath '${compiled.source}' specified for the field '${field}' could not be found in the input '${jsonText(scope.input)}'`);
  }
  const at = lookup.at ?? compiled.segments.length - 1;
  const last = at >= compiled.segments.length - 1;
  return runtimeError(`Invalid path '${compiled.source}' : ${last ? 'No results for path: ' : 'Missing property in path '}${normalizedPath(compiled, last ? compiled.segments.length - 1 : at)}`);
};

/**
 * Applies a Path. A Reference Path returns the single value it selects, `$` the whole input; a path that can select
 * several nodes (wildcard, `..`, filter, slice, union) returns the array of its matches, possibly empty.
 *
 * Throws `States.Runtime` when a Reference Path selects nothing (worded as AWS words it, see {@link pathNotFound})
 * or the path is invalid.
 *
 * @example
 * readPath('$.order.id', { input: { order: { id: 7 } }, context: {}, variables: {} }); // 7
 * readPath('$$.Execution.Id', scope, 'InputPath');
 * readPath('$.items[?(@.qty > 1)].sku', scope); // ['a', 'c']
 */
const readPath = (path: string, scope: PathScope, field?: string): unknown => {
  const compiled = compilePath(path, field);
  const base = rootValue(compiled, scope, field);
  if (!compiled.definite) return queryMany(compiled, base, field);
  const lookup = walk(base, compiled.segments);
  if (lookup.found) return lookup.value;
  throw pathNotFound(compiled, scope, lookup, field);
};

/**
 * Like {@link readPath} but reports a Reference Path that selects nothing instead of throwing: Choice rules need to
 * tell "absent" (IsPresent false) from a value.
 *
 * @example
 * tryReadPath('$.maybe', scope); // { found: false, missing: '$.maybe' }
 */
const tryReadPath = (path: string, scope: PathScope, field?: string): Lookup => {
  const compiled = compilePath(path, field);
  if (compiled.root.kind === 'variable' && compiled.root.name !== 'states' && !Object.hasOwn(scope.variables, compiled.root.name)) {
    return { found: false, missing: `variable '${compiled.root.name}'` };
  }
  const base = rootValue(compiled, scope, field);
  if (!compiled.definite) return { found: true, value: queryMany(compiled, base, field) };
  return walk(base, compiled.segments);
};

export { readPath, tryReadPath };
export type { Lookup };
