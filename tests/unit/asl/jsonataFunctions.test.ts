import { evaluateExpression, evaluateTemplate, isJsonataExpression } from '../../../local/asl/jsonata/evaluate';
import type { JsonataScope } from '../../../local/asl/jsonata/evaluate';

const scope: JsonataScope = { states: { input: { list: [1, 2, 3, 4, 5], text: '{"a":1}' }, context: { State: { Name: 'S' } } }, variables: { limit: 2 } };
const evaluate = (expression: string): Promise<unknown> => evaluateExpression(`{% ${expression} %}`, 'Output', scope);

describe('Function: evaluateExpression()', () => {
  it.each([
    ['$partition($states.input.list, 2)', [[1, 2], [3, 4], [5]]],
    ['$range(1, 5, 2)', [1, 3, 5]],
    ['$range(3, 1, -1)', [3, 2, 1]],
    ['$range(1, 3)', [1, 2, 3]],
    ['$range(1, 9, 9)', 1],
    ['$range(5, 1)', []],
    ['{"one": $range(2, 2), "list": [$range(2, 2)]}', { one: 2, list: [2] }],
    ["$hash('abc', 'SHA-1')", 'a9993e364706816aba3e25717850c26c9cd0d89d'],
    ["$hash('abc', 'SHA-512') = $hash('abc', 'SHA-512')", true],
    ['$parse($states.input.text).a', 1],
    ['$random(42) = $random(42)', true],
    ['$random(1) = $random(2)', false],
    ['$contains($uuid(), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)', true],
    ['$states.input.list[$ > $limit]', [3, 4, 5]],
    ['$states.context.State.Name', 'S'],
  ])('evaluates %s', async (expression, expected) => {
    // Act & Assess
    expect(await evaluate(expression)).toEqual(expected);
  });

  it.each([
    ['$partition($states.input.list, 0)', '$partition'],
    ['$range(1, 2, 0)', 'step must not be 0'],
    ['$range(0, 5000)', 'more than 1000 items'],
    ["$hash('abc', 'SHA-3')", 'the algorithm must be one of'],
    ["$parse('{')", 'not valid JSON'],
    ['$random(1.5)', 'seed must be an integer'],
    ["$eval('1')", 'use $parse'],
    ['$states.input.nothing', 'returned nothing (undefined)'],
    ['function($x) { $x }', 'returned an unsupported result type'],
    ['(', 'could not be parsed'],
  ])('fails %s with States.QueryEvaluationError', async (expression, causePart) => {
    // Act
    const result = evaluate(expression);

    // Assess
    await expect(result).rejects.toMatchObject({ error: 'States.QueryEvaluationError' });
    await expect(result).rejects.toHaveProperty('cause', expect.stringContaining(causePart));
  });

  it('returns plain JSON arrays, not JSONata sequences', async () => {
    // Act
    const result = await evaluate('$states.input.list[$ > 3]');

    // Assess
    expect(Object.keys(result as object)).toEqual(['0', '1']);
    expect(JSON.stringify(result)).toBe('[4,5]');
  });
});

describe('Function: evaluateTemplate()', () => {
  it('evaluates {% %} strings at any depth and keeps every other value', async () => {
    // Act
    const result = await evaluateTemplate({ a: ['{% $limit %}', 'plain', 3, null], b: { c: '{% $limit * 2 %}' }, d: ' {% not an expression %}' }, 'Arguments', scope);

    // Assess
    expect(result).toEqual({ a: [2, 'plain', 3, null], b: { c: 4 }, d: ' {% not an expression %}' });
  });
});

describe('Function: isJsonataExpression()', () => {
  it.each([
    ['{% 1 %}', true],
    ['{%1%}', true],
    [' {% 1 %}', false],
    ['{% 1 %} ', false],
    ['$.a', false],
    [1, false],
  ])('tells whether %j is an expression', (value, expected) => {
    // Act & Assess
    expect(isJsonataExpression(value)).toBe(expected);
  });
});
