/**
 * Intrinsics for strings: States.Format (generic) and States.StringSplit (string operation).
 */
import { Arguments } from './arguments';
import type { IntrinsicFunction } from './arguments';

/** A template split at its `{}` placeholders, escapes resolved. */
type Template = { parts: string[]; placeholders: number };

/**
 * Splits a States.Format template. In a string literal `raw` still holds the escapes, so `\{` and `\}` are literal
 * braces and only an unescaped `{}` is a placeholder (spec: reserved characters). A template read through a Path is
 * treated the same way for `\{`, `\}`, `\'` and `\\`; any other backslash in data is kept as it is.
 */
const splitTemplate = (text: string): Template => {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    const next = text[i + 1];
    if (char === '\\' && next !== undefined && "{}'\\".includes(next)) {
      current += next;
      i += 1;
    } else if (char === '{' && next === '}') {
      parts.push(current);
      current = '';
      i += 1;
    } else {
      current += char;
    }
  }
  parts.push(current);
  return { parts, placeholders: parts.length - 1 };
};

/**
 * The text a value takes in States.Format. Strings are inserted without quotes; numbers, booleans and null as JSON.
 * Step Functions also accepts arrays and objects (the spec forbids them) and renders them as a Java collection's
 * `toString`: `[1, a]`, `{key=value}`.
 */
const formatValue = (value: unknown): string => {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return `[${value.map(formatValue).join(', ')}]`;
  if (typeof value === 'object' && value !== null) {
    return `{${Object.entries(value).map(([key, item]) => `${key}=${formatValue(item)}`).join(', ')}}`;
  }
  return JSON.stringify(value) ?? 'null';
};

const format: IntrinsicFunction = {
  minArgs: 1,
  maxArgs: Infinity,
  run: (args) => {
    const read = new Arguments('States.Format', args);
    const templateText = read.string(0, 'template');
    const node = read.node(0);
    const template = splitTemplate(node.kind === 'literal' && node.raw !== undefined ? node.raw : templateText);
    const values = args.length - 1;
    if (template.placeholders !== values) {
      read.fail(`the template has ${template.placeholders} {} placeholder(s) but ${values} value argument(s) follow it; they must match`);
    }
    let text = template.parts[0];
    for (let index = 1; index < template.parts.length; index += 1) {
      text += formatValue(args[index].value) + template.parts[index];
    }
    return text;
  },
};

const stringSplit: IntrinsicFunction = {
  minArgs: 2,
  maxArgs: 2,
  run: (args) => {
    const read = new Arguments('States.StringSplit', args);
    const text = read.string(0, 'string');
    const delimiters = read.string(1, 'delimiter');
    if (delimiters === '') read.fail('the second argument (delimiter) must not be empty');
    // Every character of the second argument is a delimiter, and empty pieces are dropped, as Step Functions does.
    const set = new Set(Array.from(delimiters));
    const pieces: string[] = [];
    let current = '';
    for (const char of text) {
      if (set.has(char)) {
        if (current !== '') pieces.push(current);
        current = '';
      } else {
        current += char;
      }
    }
    if (current !== '') pieces.push(current);
    return pieces;
  },
};

/** This family's intrinsic functions, keyed by the name used in a definition; evaluate.ts gathers all families. */
const stringFunctions: Readonly<Record<string, IntrinsicFunction>> = {
  'States.Format': format,
  'States.StringSplit': stringSplit,
};

export { stringFunctions };
