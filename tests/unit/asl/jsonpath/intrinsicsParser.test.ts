import { StatesErrorNames } from '../../../../local/asl/errors';
import { evaluateIntrinsic } from '../../../../local/asl/jsonpath';
import { expectStatesError, scopeOf } from './helpers';

describe('Function: evaluateIntrinsic() — syntax', () => {
  it.each([
    ["States.Array('a', 'b')", ['a', 'b']],
    ['States.Array(1, -2, 3.5, 1e3, -1.5E-1)', [1, -2, 3.5, 1000, -0.15]],
    ['States.Array(true, false, null)', [true, false, null]],
    ['States.Array()', []],
    ["  States.Array ( 'spaced' ,  1 )  ", ['spaced', 1]],
    ["States.Array('')", ['']],
    ["States.Array('a, b)')", ['a, b)']],
  ])('reads the literal arguments of %s', (expression, expected) => {
    expect(evaluateIntrinsic(expression, scopeOf({}))).toEqual(expected);
  });

  it.each([
    ["States.Array('it\\'s')", "it's"],
    ["States.Array('\\{\\}')", '{}'],
    ["States.Array('back\\\\slash')", 'back\\slash'],
    ["States.Array('{}')", '{}'],
  ])('resolves the reserved-character escapes in %s', (expression, expected) => {
    expect(evaluateIntrinsic(expression, scopeOf({}))).toEqual([expected]);
  });

  it('reads path arguments on the input, the context object and variables', () => {
    // Prepare
    const scope = scopeOf({ id: 7, list: [{ k: 'a,b' }] }, { context: { Execution: { Name: 'exec' } }, variables: { total: 3 } });

    // Act
    const value = evaluateIntrinsic("States.Array($.id, $$.Execution.Name, $total, $, $.list[?(@.k == 'a,b')].k)", scope);

    // Assess
    expect(value).toEqual([7, 'exec', 3, { id: 7, list: [{ k: 'a,b' }] }, ['a,b']]);
  });

  it('evaluates the nine nested calls of the developer guide example', () => {
    // Prepare: the guide's template has three {} for two values, which its own rule rejects; two are used here.
    const expression =
      "States.Format('{}.{}', States.ArrayGetItem(States.StringSplit(States.ArrayGetItem(States.StringSplit($.ImageRecipe.Arn, '/'), 2), '.'), 0), States.ArrayGetItem(States.StringSplit(States.ArrayGetItem(States.StringSplit($.ImageRecipe.Arn, '/'), 2), '.'), 1))";
    const scope = scopeOf({ ImageRecipe: { Arn: 'arn:aws:imagebuilder:us-east-1:123456789012:image-recipe/my-recipe/1.0.2' } });

    // Act & Assess
    expect(evaluateIntrinsic(expression, scope)).toBe('1.0');
  });

  it('throws States.Runtime for more than 10 intrinsic functions in one field', () => {
    // Prepare
    const eleven = `${'States.Array('.repeat(11)}${')'.repeat(11)}`;
    const ten = `${'States.Array('.repeat(10)}${')'.repeat(10)}`;

    // Act
    const error = expectStatesError(() => evaluateIntrinsic(eleven, scopeOf({})), StatesErrorNames.Runtime);

    // Assess
    expect(error.cause).toContain('more than 10 intrinsic functions');
    expect(evaluateIntrinsic(ten, scopeOf({}))).toEqual([[[[[[[[[[]]]]]]]]]]);
  });

  it.each([
    ['an open escape', "States.Array('\\n')", 'open escape "\\n"'],
    ['an unterminated string', "States.Array('abc)", 'unterminated string argument'],
    ['a missing closing parenthesis', "States.Array('a'", 'missing ")" to close States.Array('],
    ['text after the call', "States.Array('a') x", 'unexpected "x" after the closing ")"'],
    ['a missing opening parenthesis', 'States.UUID', 'expected "(" after States.UUID'],
    ['an argument of unknown form', 'States.Array(@)', 'unexpected "@"'],
    ['a missing separator', "States.Array('a' 'b')", 'expected "," or ")"'],
  ])('throws States.Runtime for %s', (_, expression, expected) => {
    // Act
    const error = expectStatesError(() => evaluateIntrinsic(expression, scopeOf({})), StatesErrorNames.Runtime);

    // Assess
    expect(error.cause).toContain(expected);
    expect(error.cause).toContain('Invalid intrinsic function call');
  });

  it('throws States.Runtime naming an unknown function', () => {
    // Act
    const error = expectStatesError(() => evaluateIntrinsic("States.Nope('a')", scopeOf({})), StatesErrorNames.Runtime);

    // Assess
    expect(error.cause).toBe("Unknown intrinsic function 'States.Nope'");
  });

  it('throws States.Runtime when a path argument matches nothing', () => {
    // Act
    const error = expectStatesError(() => evaluateIntrinsic('States.Array($.missing)', scopeOf({})), StatesErrorNames.Runtime);

    // Assess
    expect(error.cause).toContain("'$.missing'");
  });

  it.each([
    ['States.UUID(1)', 'takes exactly 0 arguments, but 1 were given'],
    ["States.ArrayLength($.a, 'x')", 'takes exactly 1 argument, but 2 were given'],
    ['States.MathRandom(1)', 'takes 2 to 3 arguments, but 1 were given'],
    ['States.Format()', 'takes at least 1 argument, but 0 were given'],
  ])('throws States.IntrinsicFailure for the wrong number of arguments in %s', (expression, expected) => {
    // Act
    const error = expectStatesError(() => evaluateIntrinsic(expression, scopeOf({ a: [] })), StatesErrorNames.IntrinsicFailure);

    // Assess
    expect(error.cause).toContain(expected);
  });
});
