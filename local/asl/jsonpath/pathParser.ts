/**
 * Parses a Path string once into what evaluation needs, and caches the result (paths run on every state transition).
 *
 * A Path starts with `$` (the input), `$$` (the context object, States Language "Paths") or `$name` (a workflow
 * variable). A Reference Path, one that can only select a single node, is parsed here into property and index
 * segments, including the escapes the spec allows (`$.store\.book`, `$.foo\@bar`, `$['store']['book']`). A path with
 * the operators a Reference Path forbids (wildcards, `..`, filters, slices, unions) is *indefinite*: it is handed to
 * jsonpath-plus and always yields an array of matches, as Jayway JsonPath (the syntax the spec names) does.
 */
import { JsonPathSyntaxError, runtimeError } from './errors';

/** Where a path starts. */
type PathRoot = { kind: 'input' } | { kind: 'context' } | { kind: 'variable'; name: string };

/** One step of a Reference Path. */
type PathSegment = { kind: 'property'; name: string } | { kind: 'index'; index: number };

/** A parsed path. */
type CompiledPath = {
  /** The path as written. */
  source: string;
  root: PathRoot;
  /** True for a Reference Path (selects at most one node); false when the path may select many. */
  definite: boolean;
  /** The steps after the root, for a definite path. */
  segments: readonly PathSegment[];
  /** The path rewritten to start at `$` of its root value, for jsonpath-plus (indefinite paths). */
  query: string;
};

/** Bounded so that a definition generating paths dynamically cannot grow memory without limit. */
const CACHE_LIMIT = 5000;
const cache = new Map<string, CompiledPath>();

/** jsonpath-plus silently selects nothing for `['a','b']`; an explicit error is better than a wrong empty answer. */
const UNSUPPORTED_NAME_UNION = "unions of quoted names such as ['a','b'] are not supported";
const NAME_UNION = /\[\s*(?:'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")\s*,/;

/** A variable name as Step Functions accepts it: a letter or underscore, then letters, digits and underscores. */
const VARIABLE_NAME = /^[\p{L}_][\p{L}\p{N}_]*/u;
/** Characters that turn a dot-notation name into something a Reference Path forbids (spec: "@", ",", ":", "?"). */
const NON_REFERENCE_CHARS = new Set(['@', ',', ':', '?', '*']);

const parseRoot = (path: string): { root: PathRoot; rest: string } => {
  if (!path.startsWith('$')) throw new JsonPathSyntaxError(0, 'a path must start with "$"');
  if (path.startsWith('$$')) return { root: { kind: 'context' }, rest: `$${path.slice(2)}` };
  const afterDollar = path.slice(1);
  const variable = VARIABLE_NAME.exec(afterDollar);
  if (variable) {
    const name = variable[0];
    return { root: { kind: 'variable', name }, rest: `$${afterDollar.slice(name.length)}` };
  }
  return { root: { kind: 'input' }, rest: path };
};

/**
 * Reads a quoted name inside brackets starting at the opening quote; returns the name and the index after the
 * closing quote. Inside brackets a backslash is a character of the name, not an escape: `$['a\\b']` names the key
 * `a\b`, and the name ends at the first matching quote (as Step Functions reads it: `$['Test\"\"Name\"']` selects
 * the key `Test\""Name"`).
 */
const readQuoted = (text: string, start: number, offset: number): { name: string; end: number } => {
  const quote = text[start];
  const close = text.indexOf(quote, start + 1);
  if (close < 0) throw new JsonPathSyntaxError(start + offset, `unterminated quoted name starting with ${quote}`);
  return { name: text.slice(start + 1, close), end: close + 1 };
};

/**
 * Parses the part after the root (`$.a['b'][0]`) into segments; returns null as soon as it meets an operator that
 * makes the path indefinite.
 */
const parseSegments = (rest: string, offset: number): PathSegment[] | null => {
  const segments: PathSegment[] = [];
  let i = 1;
  while (i < rest.length) {
    const char = rest[i];
    if (char === '.') {
      const next = rest[i + 1];
      if (next === '.' || next === '*') return null;
      let name = '';
      let j = i + 1;
      while (j < rest.length && rest[j] !== '.' && rest[j] !== '[') {
        if (rest[j] === '\\') {
          if (j + 1 >= rest.length) throw new JsonPathSyntaxError(j + offset, 'a path must not end with an open escape "\\"');
          name += rest[j + 1];
          j += 2;
          continue;
        }
        if (NON_REFERENCE_CHARS.has(rest[j])) return null;
        name += rest[j];
        j += 1;
      }
      if (name === '') throw new JsonPathSyntaxError(i + offset, 'a "." must be followed by a field name');
      if (name.endsWith('()')) {
        throw new JsonPathSyntaxError(i + 1 + offset, `JSONPath functions such as "${name}" are not supported`);
      }
      segments.push({ kind: 'property', name });
      i = j;
      continue;
    }
    if (char === '[') {
      const next = rest[i + 1];
      if (next === "'" || next === '"') {
        const { name, end } = readQuoted(rest, i + 1, offset);
        let k = end;
        while (rest[k] === ' ') k += 1;
        if (rest[k] === ',') throw new JsonPathSyntaxError(i + offset, UNSUPPORTED_NAME_UNION);
        if (rest[k] !== ']') throw new JsonPathSyntaxError(k + offset, 'expected "]" after a quoted name');
        segments.push({ kind: 'property', name });
        i = k + 1;
        continue;
      }
      if (next === '*' || next === '?' || next === '(' || next === ':') return null;
      const number = /^\s*(-?\d+)\s*([\],:])/.exec(rest.slice(i + 1));
      if (!number) throw new JsonPathSyntaxError(i + offset, 'expected an index, a quoted name, "*" or a filter after "["');
      if (number[2] !== ']') return null;
      segments.push({ kind: 'index', index: Number(number[1]) });
      i += 1 + number[0].length;
      continue;
    }
    throw new JsonPathSyntaxError(i + offset, `unexpected character "${char}"`);
  }
  return segments;
};

/**
 * Parses (or takes from the cache) a path. Throws `States.Runtime` naming the path, the position and, when given,
 * the field it was found in.
 *
 * @example
 * compilePath('$.orders[0].id').segments; // [{kind:'property',name:'orders'},{kind:'index',index:0},{kind:'property',name:'id'}]
 */
const compilePath = (path: string, field?: string): CompiledPath => {
  const cached = cache.get(path);
  if (cached) return cached;
  let compiled: CompiledPath;
  try {
    const { root, rest } = parseRoot(path);
    const offset = path.length - rest.length;
    const segments = parseSegments(rest, offset);
    const union = segments === null ? NAME_UNION.exec(rest) : null;
    if (union) throw new JsonPathSyntaxError(union.index + offset, UNSUPPORTED_NAME_UNION);
    compiled = { source: path, root, definite: segments !== null, segments: segments ?? [], query: rest };
  } catch (thrown) {
    if (!(thrown instanceof JsonPathSyntaxError)) throw thrown;
    const where = field === undefined ? '' : ` in the field '${field}'`;
    throw runtimeError(`Invalid JSONPath '${path}'${where}: ${thrown.problem} (at position ${thrown.position})`);
  }
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(path, compiled);
  return compiled;
};

/**
 * Whether a string is meant as a Path (starts with `$`), as opposed to a literal or an intrinsic function call.
 *
 * @example
 * isPath('$.a'); // true
 * isPath("States.Format('{}', $.a)"); // false
 */
const isPath = (value: string): boolean => value.startsWith('$');

export { compilePath, isPath };
export type { CompiledPath, PathRoot, PathSegment };
