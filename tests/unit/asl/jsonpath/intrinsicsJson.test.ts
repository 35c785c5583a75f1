import { StatesErrorNames } from '../../../../local/asl/errors';
import { evaluateIntrinsic } from '../../../../local/asl/jsonpath';
import { expectStatesError, scopeOf } from './helpers';

const failure = (expression: string, input: unknown = {}): string =>
  expectStatesError(() => evaluateIntrinsic(expression, scopeOf(input)), StatesErrorNames.IntrinsicFailure).cause;

describe('Function: evaluateIntrinsic() — JSON intrinsics', () => {
  describe('States.StringToJson', () => {
    it('returns the developer guide example', () => {
      expect(evaluateIntrinsic('States.StringToJson($.escapedJsonString)', scopeOf({ escapedJsonString: '{"foo": "bar"}' }))).toEqual({ foo: 'bar' });
    });

    it('returns the spec example', () => {
      expect(evaluateIntrinsic('States.StringToJson($.someString)', scopeOf({ someString: '{"number": 20}', zebra: 'stripe' }))).toEqual({ number: 20 });
    });

    it.each([
      ['a number', '42', 42],
      ['an array', '[1,"a"]', [1, 'a']],
      ['null', 'null', null],
      ['empty text as null', '', null],
      ['blank text as null', '  ', null],
    ])('parses %s', (_, text, expected) => {
      expect(evaluateIntrinsic('States.StringToJson($.t)', scopeOf({ t: text }))).toEqual(expected);
    });

    it('fails for text that is not JSON without quoting it', () => {
      // Act
      const cause = failure('States.StringToJson($.t)', { t: '{secret: 1' });

      // Assess
      expect(cause).toBe('Invalid arguments in States.StringToJson: the first argument (JSON string) is not valid JSON text');
    });

    it('fails for an object argument', () => {
      expect(failure('States.StringToJson($)', { a: 1 })).toContain('must be a string, but it is an object');
    });
  });

  describe('States.JsonToString', () => {
    it('returns the spec example as compact JSON text', () => {
      // Prepare
      const scope = scopeOf({ someJson: { name: 'Foo', year: 2020 }, zebra: 'stripe' });

      // Act & Assess
      expect(evaluateIntrinsic('States.JsonToString($.someJson)', scope)).toBe('{"name":"Foo","year":2020}');
    });

    it('returns the developer guide example', () => {
      expect(evaluateIntrinsic('States.JsonToString($.unescapedJson)', scopeOf({ unescapedJson: { foo: 'bar' } }))).toBe('{"foo":"bar"}');
    });

    it('serialises scalars and the context object', () => {
      // Prepare
      const scope = scopeOf({ s: 'x', n: null }, { context: { Execution: { Id: 'e' } } });

      // Act & Assess
      expect(evaluateIntrinsic('States.JsonToString($.s)', scope)).toBe('"x"');
      expect(evaluateIntrinsic('States.JsonToString($.n)', scope)).toBe('null');
      expect(evaluateIntrinsic('States.JsonToString($$.Execution)', scope)).toBe('{"Id":"e"}');
    });

    it('fails when the argument is not a Path', () => {
      expect(failure("States.JsonToString('x')")).toBe('Invalid arguments in States.JsonToString: the argument must be a Path such as $.data');
    });
  });

  describe('States.JsonMerge', () => {
    it('returns the developer guide example: the second object wins and nested objects are not merged', () => {
      // Prepare
      const scope = scopeOf({ json1: { a: { a1: 1, a2: 2 }, b: 2 }, json2: { a: { a3: 1, a4: 2 }, c: 3 } });

      // Act & Assess
      expect(evaluateIntrinsic('States.JsonMerge($.json1, $.json2, false)', scope)).toEqual({ a: { a3: 1, a4: 2 }, b: 2, c: 3 });
    });

    it('does not change its arguments', () => {
      // Prepare
      const input = { x: { a: 1 }, y: { a: 2 } };

      // Act
      evaluateIntrinsic('States.JsonMerge($.x, $.y, false)', scopeOf(input));

      // Assess
      expect(input).toEqual({ x: { a: 1 }, y: { a: 2 } });
    });

    it('keeps a "__proto__" key as an ordinary field', () => {
      // Prepare
      const input = JSON.parse('{"x": {}, "y": {"__proto__": {"isAdmin": true}}}') as unknown;

      // Act
      const merged = evaluateIntrinsic('States.JsonMerge($.x, $.y, false)', scopeOf(input)) as Record<string, unknown>;

      // Assess
      expect(Object.getPrototypeOf(merged)).toBe(Object.prototype);
      expect(JSON.stringify(merged)).toBe('{"__proto__":{"isAdmin":true}}');
    });

    it.each([
      ['States.JsonMerge($.x, $.y, true)', 'deep merging is not supported: the third argument must be false'],
      ["States.JsonMerge($.x, $.y, 'false')", 'the third argument (deep merge) must be a boolean, but it is a string'],
      ['States.JsonMerge($.list, $.y, false)', 'the first argument (first JSON object) must be a JSON object, but it is an array'],
      ['States.JsonMerge($.x, null, false)', 'the second argument (second JSON object) must be a JSON object, but it is null'],
    ])('fails %s', (expression, expected) => {
      expect(failure(expression, { x: {}, y: {}, list: [] })).toBe(`Invalid arguments in States.JsonMerge: ${expected}`);
    });
  });
});
