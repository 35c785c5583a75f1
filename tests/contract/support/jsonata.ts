/**
 * Evaluates the `{% … %}` expressions of a JSONata-mode state field the way Step Functions binds them: `$states`
 * (input, result, errorOutput, context) plus the workflow variables. Independent of the local engine on purpose: the
 * contract is checked with jsonata itself, not with the code under test.
 */
import jsonata from 'jsonata';

/** What one evaluation sees. */
type JsonataScope = {
  input: unknown;
  result?: unknown;
  context: unknown;
  variables: Record<string, unknown>;
};

const EXPRESSION = /^\{%([\s\S]*)%\}$/;

/** JSONata returns sequences with extra properties; the state machine sees plain JSON. */
const toJson = (value: unknown): unknown => (value === undefined ? undefined : JSON.parse(JSON.stringify(value)));

/**
 * Evaluates a field: each `{% … %}` string inside it is replaced by its value; `where` names the field in errors.
 *
 * @example
 * await evaluateField({ id: '{% $states.input.id %}' }, scope, 'Load customer.Arguments'); // { id: 1 }
 */
const evaluateField = async (template: unknown, scope: JsonataScope, where: string): Promise<unknown> => {
  if (typeof template === 'string') {
    const match = EXPRESSION.exec(template);
    if (match === null) return template;
    const states = { input: scope.input, result: scope.result, context: scope.context };
    let value: unknown;
    try {
      value = await jsonata(match[1]).evaluate(undefined, { ...scope.variables, states });
    } catch (error) {
      throw new Error(`${where}: ${template} fails: ${(error as Error).message}`, { cause: error });
    }
    // Step Functions fails the state (States.QueryEvaluationError) when an expression yields nothing.
    if (value === undefined) throw new Error(`${where}: ${template} yields nothing`);
    return toJson(value);
  }
  if (Array.isArray(template)) {
    return Promise.all(template.map((item, index) => evaluateField(item, scope, `${where}[${index}]`)));
  }
  if (typeof template === 'object' && template !== null) {
    const entries = await Promise.all(
      Object.entries(template).map(async ([key, value]) => [key, await evaluateField(value, scope, `${where}.${key}`)] as const),
    );
    return Object.fromEntries(entries);
  }
  return template;
};

/** Whether a value is a `{% … %}` expression string. */
const isExpression = (value: unknown): value is string => typeof value === 'string' && EXPRESSION.test(value);

export { evaluateField, isExpression };
export type { JsonataScope };
