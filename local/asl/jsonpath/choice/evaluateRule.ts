/**
 * Evaluates a JSONPath-mode Choice rule (States Language, "JSONPath Choice Rules").
 */
import { runtimeError } from '../errors';
import { readPath, tryReadPath } from '../readPath';
import type { PathScope } from '../types';
import { COMPARISONS, OPERATOR_NAMES, TYPE_TESTS, isOfType, order } from './operators';
import { compileStringMatches } from './stringMatches';

type Rule = Record<string, unknown>;

const isRule = (value: unknown): value is Rule => typeof value === 'object' && value !== null && !Array.isArray(value);

const TYPE_NAMES = { string: 'a string', numeric: 'a number', boolean: 'a boolean', timestamp: 'an RFC 3339 timestamp string' } as const;

const at = (location: string, key: string): string => (location === '' ? key : `${location}.${key}`);

const evaluateBoolean = (rule: Rule, key: 'And' | 'Or', scope: PathScope, location: string): boolean => {
  const rules = rule[key];
  if (!Array.isArray(rules) || rules.length === 0) {
    throw runtimeError(`Invalid Choice rule at ${at(location, key)}: "${key}" must be a non-empty array of Choice rules`);
  }
  // Spec: processing stops "when the boolean value has been unambiguously determined".
  if (key === 'And') return rules.every((nested, index) => evaluate(nested, scope, `${at(location, key)}[${index}]`));
  return rules.some((nested, index) => evaluate(nested, scope, `${at(location, key)}[${index}]`));
};

const evaluateDataTest = (rule: Rule, scope: PathScope, location: string): boolean => {
  const operators = Object.keys(rule).filter((key) => OPERATOR_NAMES.has(key));
  if (operators.length !== 1) {
    const found = operators.length === 0 ? 'none' : operators.join(', ');
    throw runtimeError(`Invalid Choice rule${location === '' ? '' : ` at ${location}`}: a data-test expression must hold exactly one comparison operator (found ${found})`);
  }
  const [operator] = operators;
  const operand = rule[operator];
  const where = at(location, operator);
  const variable = rule.Variable;
  if (typeof variable !== 'string') {
    throw runtimeError(`Invalid Choice rule at ${at(location, 'Variable')}: "Variable" must be a path string`);
  }

  const lookup = tryReadPath(variable, scope, at(location, 'Variable'));
  if (operator === 'IsPresent') {
    if (typeof operand !== 'boolean') throw runtimeError(`Invalid Choice rule at ${where}: the operand must be true or false`);
    // Spec: for IsPresent, a Variable that matches nothing is no error; the rule is just false (or true for IsPresent: false).
    return lookup.found === operand;
  }
  if (!lookup.found) {
    // The developer guide: if the input lacks the Variable's field "the execution fails"; guard with IsPresent first.
    throw runtimeError(`Invalid path '${variable}': The choice state's condition path references an invalid value (nothing at ${lookup.missing}, in ${at(location, 'Variable')})`);
  }
  const value = lookup.value;

  const typeTest = TYPE_TESTS.get(operator);
  if (typeTest) {
    if (typeof operand !== 'boolean') throw runtimeError(`Invalid Choice rule at ${where}: the operand must be true or false`);
    return typeTest(value) === operand;
  }

  if (operator === 'StringMatches') {
    if (typeof operand !== 'string') throw runtimeError(`Invalid Choice rule at ${where}: the pattern must be a string`);
    const pattern = compileStringMatches(operand, where);
    return typeof value === 'string' && pattern.test(value);
  }

  const comparison = COMPARISONS.get(operator)!;
  let expected: unknown;
  if (comparison.viaPath) {
    if (typeof operand !== 'string') throw runtimeError(`Invalid Choice rule at ${where}: the operand must be a path string`);
    expected = readPath(operand, scope, where);
  } else {
    if (!isOfType(comparison.type, operand)) {
      throw runtimeError(`Invalid Choice rule at ${where}: the operand must be ${TYPE_NAMES[comparison.type]}`);
    }
    expected = operand;
  }
  // Spec: "if the values are not both of the appropriate type ... the comparison will return false".
  if (!isOfType(comparison.type, value) || !isOfType(comparison.type, expected)) return false;
  return comparison.test(order(comparison.type, value, expected));
};

const evaluate = (rule: unknown, scope: PathScope, location: string): boolean => {
  if (!isRule(rule)) throw runtimeError(`Invalid Choice rule${location === '' ? '' : ` at ${location}`}: a Choice rule must be a JSON object`);
  if ('And' in rule) return evaluateBoolean(rule, 'And', scope, location);
  if ('Or' in rule) return evaluateBoolean(rule, 'Or', scope, location);
  if ('Not' in rule) return !evaluate(rule.Not, scope, at(location, 'Not'));
  return evaluateDataTest(rule, scope, location);
};

/**
 * Evaluates a JSONPath-mode Choice rule, top-level or nested in And/Or/Not, against the state's effective input (and
 * the context object and variables): all comparison operators and their `…Path` forms, StringMatches, IsNull,
 * IsPresent, IsNumeric, IsString, IsBoolean, IsTimestamp. `Next`, `Assign` and `Comment` are ignored.
 *
 * A Variable (or `…Path` operand) that matches nothing fails with `States.Runtime`, as Step Functions fails the
 * execution; only IsPresent treats it as a plain `false`. A value of the wrong type makes a comparison false.
 *
 * @example
 * evaluateChoiceRule({ Variable: '$.value', NumericGreaterThanEquals: 20, Next: 'X' }, { input: { value: 22 }, context: {}, variables: {} }); // true
 */
const evaluateChoiceRule = (rule: Record<string, unknown>, scope: PathScope): boolean => evaluate(rule, scope, '');

export { evaluateChoiceRule };
