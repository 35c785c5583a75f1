/**
 * JSONata evaluation for JSONata states: `{% … %}` strings, alone or anywhere inside a template (Arguments, Output,
 * Assign, ItemSelector, …), evaluated with `$states` and the workflow variables bound, plus the Step Functions
 * functions. Every failure is `States.QueryEvaluationError`.
 */
import jsonata from 'jsonata';
import { StatesError } from '../errors';
import { queryEvaluationError } from './errors';
import { stepFunctionsFunctions } from './functions';

/** What `$states` holds in one evaluation (AWS: "Reserved variable: $states"). */
type StatesBinding = {
  input: unknown;
  context: unknown;
  result?: unknown;
  errorOutput?: unknown;
};

/** Everything an expression can see: `$states`, and the variables in scope as `$name`. */
type JsonataScope = {
  states: StatesBinding;
  variables: Readonly<Record<string, unknown>>;
};

/** Evaluation limits: a runaway expression must fail the state, not hang the engine. */
const EvaluationLimits = { timeoutMs: 10_000, maxDepth: 500 } as const;

const EXPRESSION_PATTERN = /^\{%([\s\S]*)%\}$/;

/** True when a value is a JSONata expression string: it starts with `{%` and ends with `%}` (no surrounding space). */
const isJsonataExpression = (value: unknown): value is string =>
  typeof value === 'string' && EXPRESSION_PATTERN.test(value);

/** The expression inside `{% … %}`. */
const expressionText = (value: string): string => (EXPRESSION_PATTERN.exec(value)?.[1] ?? '').trim();

/** An expression as parsed once: the text inside `{% %}`, and the compiled expression or the parser's error. */
type CompiledExpression = { text: string; expression?: jsonata.Expression; error?: unknown };

/**
 * Compiled expressions, keyed by the `{% … %}` string as the definition holds it: every evaluation of a state
 * looks up the same string, whose hash the engine then computes once. Bounded, as the path caches are.
 */
const CACHE_LIMIT = 5000;
const compiled = new Map<string, CompiledExpression>();

/**
 * Parses an expression once and keeps it (jsonata's parser is far slower than an evaluation): evaluation creates a
 * fresh environment per call, so one compiled expression serves every state and every concurrent iteration.
 */
const compile = (value: string): CompiledExpression => {
  let entry = compiled.get(value);
  if (entry === undefined) {
    const text = expressionText(value);
    try {
      entry = { text, expression: jsonata(text, { timeout: EvaluationLimits.timeoutMs, stack: EvaluationLimits.maxDepth }) };
    } catch (error) {
      entry = { text, error };
    }
    if (compiled.size >= CACHE_LIMIT) compiled.clear();
    compiled.set(value, entry);
  }
  return entry;
};

/**
 * Checks that an expression parses; returns the parser's message, or undefined when it is valid.
 *
 * @example
 * jsonataSyntaxError('{% $states.input. %}'); // 'Expected a name but found end of expression (position 14)'
 */
const jsonataSyntaxError = (value: string): string | undefined => {
  const { error } = compile(value);
  return error === undefined ? undefined : describeJsonataError(error);
};

const describeJsonataError = (error: unknown): string => {
  if (error instanceof Error) {
    const position = (error as { position?: unknown }).position;
    const code = (error as { code?: unknown }).code;
    const where = typeof position === 'number' ? ` (position ${position})` : '';
    return `${typeof code === 'string' ? `${code}: ` : ''}${error.message}${where}`;
  }
  if (error && typeof error === 'object' && 'message' in error) return String((error as { message: unknown }).message);
  return String(error);
};

/** A JSONata lambda or function value (an object flagged by jsonata, or a native function). */
const isFunctionValue = (value: unknown): boolean =>
  typeof value === 'function' ||
  (typeof value === 'object' && value !== null && ('_jsonata_lambda' in value || '_jsonata_function' in value));

/** A JSONata sequence of one item that JSONata itself would read as that item (not a `[…]` singleton array). */
const isSingletonSequence = (value: unknown[]): boolean =>
  value.length === 1 && (value as { sequence?: unknown }).sequence === true && (value as { keepSingleton?: unknown }).keepSingleton !== true;

/**
 * JSONata sequences are arrays with extra properties, and results may hold functions: keep only JSON. A sequence of
 * one item becomes the item, wherever it is in the value (JSONata: "a sequence containing a single value is that
 * value"), so no value leaves the engine as `[x]` where JSONata means `x`.
 */
const toJson = (value: unknown): unknown => {
  if (isFunctionValue(value)) return undefined;
  if (value === null || typeof value !== 'object') return value;
  // Arrays are always copied: JSONata marks its sequences with properties (`sequence`, `keepSingleton`, …) that
  // would change how a later expression reads them (a one-item sequence reads as its item).
  if (Array.isArray(value)) return isSingletonSequence(value) ? toJson(value[0]) : value.map((item) => toJson(item) ?? null);
  // An object is copied only when something in it changes: values are never changed in place, so one JSONata
  // hands back from its input (`$states.input.order`) can be shared as it is.
  const entries = Object.entries(value);
  let copy: Record<string, unknown> | undefined;
  for (const [index, [key, item]] of entries.entries()) {
    const json = toJson(item);
    if (copy === undefined) {
      if (json === item) continue;
      copy = {};
      for (const [earlierKey, earlier] of entries.slice(0, index)) copy[earlierKey] = earlier;
    }
    if (json !== undefined) copy[key] = json;
  }
  return copy ?? value;
};

const bindingsFor = (scope: JsonataScope): Record<string, unknown> => ({
  ...scope.variables,
  ...stepFunctionsFunctions,
  states: scope.states,
});

/**
 * Evaluates one `{% … %}` string. An expression that yields nothing (undefined) is an error: JSON has no undefined.
 *
 * @example
 * await evaluateExpression('{% $states.input.id %}', 'Output', { states: { input: { id: 1 }, context: {} }, variables: {} }); // 1
 */
const evaluateExpression = async (value: string, field: string, scope: JsonataScope): Promise<unknown> => {
  const { text, expression, error: parseError } = compile(value);
  if (expression === undefined) throw queryEvaluationError(field, text, `could not be parsed: ${describeJsonataError(parseError)}`);
  let result: unknown;
  try {
    result = await expression.evaluate(undefined, bindingsFor(scope));
  } catch (error) {
    if (error instanceof StatesError) throw error;
    throw queryEvaluationError(field, text, `threw an error: ${describeJsonataError(error)}`);
  }
  if (isFunctionValue(result)) throw queryEvaluationError(field, text, 'returned an unsupported result type');
  const json = toJson(result);
  if (json === undefined) throw queryEvaluationError(field, text, 'returned nothing (undefined)');
  return json;
};

/**
 * Evaluates a JSONata template: a `{% … %}` string is evaluated, an object or array is walked and each such string
 * inside it evaluated; every other value stays as written. Causes name the field as AWS does: `Output/v`,
 * `Arguments/Items[2]`.
 *
 * @example
 * await evaluateTemplate({ id: '{% $states.input.id %}', fixed: 'a' }, 'Arguments', scope); // { id: 1, fixed: 'a' }
 */
const evaluateTemplate = (template: unknown, field: string, scope: JsonataScope): Promise<unknown> => {
  // Most templates are one expression: its promise is handed back as it is, with no async frame around it.
  if (isJsonataExpression(template)) return evaluateExpression(template, field, scope);
  if (template !== null && typeof template === 'object') return evaluateComposite(template, field, scope);
  return Promise.resolve(template);
};

/** An object or array template: each member evaluated in turn (in order, as causes name the first failure). */
const evaluateComposite = async (template: object, field: string, scope: JsonataScope): Promise<unknown> => {
  if (Array.isArray(template)) {
    const items: unknown[] = [];
    for (const [index, item] of template.entries()) items.push(await evaluateTemplate(item, `${field}[${index}]`, scope));
    return items;
  }
  const result: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(template)) result[key] = await evaluateTemplate(item, `${field}/${key}`, scope);
  return result;
};

export { evaluateExpression, evaluateTemplate, expressionText, isJsonataExpression, jsonataSyntaxError };
export type { JsonataScope, StatesBinding };
