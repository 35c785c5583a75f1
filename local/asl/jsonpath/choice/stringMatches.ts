/**
 * The StringMatches pattern of a JSONPath Choice rule: `*` matches zero or more characters, `\*` is a literal star,
 * `\\` a literal backslash; no other character is special.
 */
import { runtimeError } from '../errors';

const CACHE_LIMIT = 1000;
const cache = new Map<string, RegExp>();

const escapeRegExp = (char: string): string => char.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/**
 * Compiles (or takes from the cache) a StringMatches pattern into an anchored regular expression.
 *
 * Throws `States.Runtime` for an open escape: a backslash followed by anything but `*` or `\` (spec: "If an open
 * escape backslash \ is found in the StringMatches string, the interpreter will throw a runtime error").
 *
 * @example
 * compileStringMatches('log-*.txt').test('log-2024.txt'); // true
 */
const compileStringMatches = (pattern: string, location: string): RegExp => {
  const cached = cache.get(pattern);
  if (cached) return cached;
  let source = '';
  for (let i = 0; i < pattern.length; i += 1) {
    const char = pattern[i];
    if (char === '\\') {
      const next = pattern[i + 1];
      if (next !== '*' && next !== '\\') {
        throw runtimeError(
          `Invalid StringMatches pattern in ${location}: open escape "\\${next ?? ''}" at position ${i}; only \\* and \\\\ are escapes`,
        );
      }
      source += escapeRegExp(next);
      i += 1;
    } else if (char === '*') {
      source += '[\\s\\S]*';
    } else {
      source += escapeRegExp(char);
    }
  }
  const compiled = new RegExp(`^${source}$`);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(pattern, compiled);
  return compiled;
};

export { compileStringMatches };
