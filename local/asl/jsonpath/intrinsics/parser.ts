/**
 * Parses an intrinsic function call expression (States Language, "Intrinsic Functions") into a small tree, cached by
 * expression text: `States.Format('Hello, {}', States.ArrayGetItem($.names, 0))`.
 *
 * Arguments are strings in apostrophes (with the escapes `\'`, `\{`, `\}`, `\\`), numbers, `true`, `false`,
 * `null`, Paths (`$.a`, `$$.Execution.Id`, `$var`) and nested calls. A syntax problem is a definition error that
 * Step Functions would reject on create; found at run time it is reported as `States.Runtime`, naming the position.
 */
import { JsonPathSyntaxError, runtimeError } from '../errors';

/** One argument of a call. */
type IntrinsicArgument =
  /** A string, number, boolean or null written in the expression. `raw` keeps a string's escapes (States.Format needs them). */
  | { kind: 'literal'; value: string | number | boolean | null; raw?: string }
  | { kind: 'path'; path: string }
  | { kind: 'call'; call: IntrinsicCall };

/** A parsed call: the function name and its arguments. */
type IntrinsicCall = { name: string; args: IntrinsicArgument[] };

/**
 * The AWS developer guide allows "up to 10 intrinsic functions within a field" and shows a field with nine nested
 * calls counted across the whole expression, so this counts every call in the expression.
 */
const MAX_CALLS = 10;
const CACHE_LIMIT = 2000;
const cache = new Map<string, IntrinsicCall>();

/** Characters a backslash may escape inside a string literal (spec: ' { } \). */
const ESCAPABLE = new Set(["'", '{', '}', '\\']);
const NAME = /^[A-Za-z0-9._]+/;
const NUMBER = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/;

class Parser {
  private position = 0;
  private calls = 0;

  public constructor(private readonly text: string) {}

  public parse(): IntrinsicCall {
    const call = this.call();
    this.skipSpaces();
    if (this.position < this.text.length) this.fail(`unexpected "${this.text[this.position]}" after the closing ")"`);
    return call;
  }

  private fail(problem: string, at = this.position): never {
    throw new JsonPathSyntaxError(at, problem);
  }

  private skipSpaces(): void {
    while (this.position < this.text.length && /\s/.test(this.text[this.position])) this.position += 1;
  }

  private call(): IntrinsicCall {
    this.skipSpaces();
    const start = this.position;
    const name = NAME.exec(this.text.slice(start))?.[0];
    if (!name) this.fail('expected an intrinsic function name such as States.Format');
    this.calls += 1;
    if (this.calls > MAX_CALLS) this.fail(`more than ${MAX_CALLS} intrinsic functions in one field`, start);
    this.position += name.length;
    this.skipSpaces();
    if (this.text[this.position] !== '(') this.fail(`expected "(" after ${name}`);
    this.position += 1;
    const args: IntrinsicArgument[] = [];
    this.skipSpaces();
    if (this.text[this.position] === ')') {
      this.position += 1;
      return { name, args };
    }
    for (;;) {
      args.push(this.argument());
      this.skipSpaces();
      const separator = this.text[this.position];
      if (separator === ')') {
        this.position += 1;
        return { name, args };
      }
      if (separator !== ',') {
        this.fail(separator === undefined ? `missing ")" to close ${name}(` : `expected "," or ")" in the arguments of ${name}`);
      }
      this.position += 1;
    }
  }

  private argument(): IntrinsicArgument {
    this.skipSpaces();
    const rest = this.text.slice(this.position);
    const first = rest[0];
    if (first === undefined) this.fail('expected an argument');
    if (first === "'") return this.stringLiteral();
    if (first === '$') return { kind: 'path', path: this.path() };
    const number = NUMBER.exec(rest);
    if (number && !/^[A-Za-z_.]/.test(rest.slice(number[0].length))) {
      this.position += number[0].length;
      return { kind: 'literal', value: Number(number[0]) };
    }
    for (const [word, value] of [['true', true], ['false', false], ['null', null]] as const) {
      if (rest.startsWith(word) && !/^[A-Za-z0-9._]/.test(rest.slice(word.length))) {
        this.position += word.length;
        return { kind: 'literal', value };
      }
    }
    if (NAME.test(rest)) return { kind: 'call', call: this.call() };
    return this.fail(`unexpected "${first}": an argument must be a 'string', a number, true, false, null, a path or a function call`);
  }

  private stringLiteral(): IntrinsicArgument {
    const start = this.position;
    let value = '';
    let i = start + 1;
    while (i < this.text.length) {
      const char = this.text[i];
      if (char === '\\') {
        const escaped = this.text[i + 1];
        // Spec: "If an open escape backslash \ is found in the Intrinsic Function, the interpreter will throw a runtime error."
        if (escaped === undefined || !ESCAPABLE.has(escaped)) {
          this.fail(`open escape "\\${escaped ?? ''}" in a string argument: only \\', \\{, \\} and \\\\ are escapes`, i);
        }
        value += escaped;
        i += 2;
        continue;
      }
      if (char === "'") {
        this.position = i + 1;
        return { kind: 'literal', value, raw: this.text.slice(start + 1, i) };
      }
      value += char;
      i += 1;
    }
    return this.fail('unterminated string argument (missing closing apostrophe)', start);
  }

  /** A path runs to the next "," or ")" that is not inside brackets or quotes (filters may hold both). */
  private path(): string {
    const start = this.position;
    let depth = 0;
    let quote: string | undefined;
    let i = start;
    for (; i < this.text.length; i += 1) {
      const char = this.text[i];
      if (quote) {
        if (char === '\\') i += 1;
        else if (char === quote) quote = undefined;
        continue;
      }
      if (char === '\\') {
        i += 1;
        continue;
      }
      if (char === "'" || char === '"') quote = char;
      else if (char === '[' || char === '(') depth += 1;
      else if ((char === ']' || char === ')') && depth > 0) depth -= 1;
      else if ((char === ',' || char === ')') && depth === 0) break;
    }
    this.position = i;
    return this.text.slice(start, i).trimEnd();
  }
}

/**
 * Parses (or takes from the cache) one intrinsic function call expression.
 *
 * @example
 * parseIntrinsic("States.Array($.id, 'x')"); // { name: 'States.Array', args: [{kind:'path',path:'$.id'}, {kind:'literal',value:'x',raw:'x'}] }
 */
const parseIntrinsic = (expression: string, field?: string): IntrinsicCall => {
  const cached = cache.get(expression);
  if (cached) return cached;
  let call: IntrinsicCall;
  try {
    call = new Parser(expression).parse();
  } catch (thrown) {
    if (!(thrown instanceof JsonPathSyntaxError)) throw thrown;
    const where = field === undefined ? '' : ` in the field '${field}'`;
    throw runtimeError(`Invalid intrinsic function call${where}: ${thrown.problem} (at position ${thrown.position} of "${expression}")`);
  }
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(expression, call);
  return call;
};

export { parseIntrinsic };
export type { IntrinsicArgument, IntrinsicCall };
