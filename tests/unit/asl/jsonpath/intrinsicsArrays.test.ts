import { StatesErrorNames } from '../../../../local/asl/errors';
import { evaluateIntrinsic } from '../../../../local/asl/jsonpath';
import { expectStatesError, scopeOf } from './helpers';

const failure = (expression: string, input: unknown = {}): string =>
  expectStatesError(() => evaluateIntrinsic(expression, scopeOf(input)), StatesErrorNames.IntrinsicFailure).cause;

describe('Function: evaluateIntrinsic() — array intrinsics', () => {
  describe('States.Array', () => {
    it('returns the developer guide example', () => {
      expect(evaluateIntrinsic('States.Array($.Id)', scopeOf({ Id: 123456 }))).toEqual([123456]);
    });

    it('returns the spec example with a literal, a number, a path and null', () => {
      // Prepare
      const scope = scopeOf({ someJson: { random: 'abcdefg' }, zebra: 'stripe' });

      // Act & Assess
      expect(evaluateIntrinsic("States.Array('Foo', 2020, $.someJson, null)", scope)).toEqual(['Foo', 2020, { random: 'abcdefg' }, null]);
    });
  });

  describe('States.ArrayPartition', () => {
    it('returns the developer guide example, the last chunk shorter', () => {
      expect(evaluateIntrinsic('States.ArrayPartition($.inputArray,4)', scopeOf({ inputArray: [1, 2, 3, 4, 5, 6, 7, 8, 9] }))).toEqual([
        [1, 2, 3, 4],
        [5, 6, 7, 8],
        [9],
      ]);
    });

    it('returns no chunks for an empty array', () => {
      expect(evaluateIntrinsic('States.ArrayPartition($.a, 2)', scopeOf({ a: [] }))).toEqual([]);
    });

    it.each([
      ["States.ArrayPartition('abc', 2)", 'the first argument (array) must be an array, but it is a string'],
      ['States.ArrayPartition($.a, 0)', 'the second argument (chunk size) must be a positive integer, but it is 0'],
      ['States.ArrayPartition($.a, -1)', 'the second argument (chunk size) must be a positive integer, but it is -1'],
      ['States.ArrayPartition($.a, 1.5)', 'the second argument (chunk size) must be an integer, but it is a number'],
      ["States.ArrayPartition($.a, '2')", 'the second argument (chunk size) must be an integer, but it is a string'],
    ])('fails %s', (expression, expected) => {
      expect(failure(expression, { a: [1, 2] })).toBe(`Invalid arguments in States.ArrayPartition: ${expected}`);
    });
  });

  describe('States.ArrayContains', () => {
    it('returns the developer guide example', () => {
      // Prepare
      const scope = scopeOf({ inputArray: [1, 2, 3, 4, 5, 6, 7, 8, 9], lookingFor: 5 });

      // Act & Assess
      expect(evaluateIntrinsic('States.ArrayContains($.inputArray, $.lookingFor)', scope)).toBe(true);
    });

    it.each([
      ['a missing number', 'States.ArrayContains($.a, 10)', false],
      ['an object, by value whatever the key order', 'States.ArrayContains($.a, $.o)', true],
      ['an array, by value', 'States.ArrayContains($.a, $.l)', true],
      ['null', 'States.ArrayContains($.a, null)', true],
      ['a string that looks like a number', "States.ArrayContains($.a, '1')", false],
    ])('looks for %s', (_, expression, expected) => {
      // Prepare
      const scope = scopeOf({ a: [1, { x: 1, y: [2] }, [1, 2], null], o: { y: [2], x: 1 }, l: [1, 2] });

      // Act & Assess
      expect(evaluateIntrinsic(expression, scope)).toBe(expected);
    });

    it('fails when the first argument is not an array', () => {
      expect(failure('States.ArrayContains($.o, 1)', { o: {} })).toContain('the first argument (array) must be an array, but it is an object');
    });
  });

  describe('States.ArrayRange', () => {
    it.each([
      ['the developer guide example', 'States.ArrayRange(1, 9, 2)', [1, 3, 5, 7, 9]],
      ['an end the increment does not land on', 'States.ArrayRange(0, 10, 3)', [0, 3, 6, 9]],
      ['a negative increment', 'States.ArrayRange(9, 1, -3)', [9, 6, 3]],
      ['a single element', 'States.ArrayRange(5, 5, 1)', [5]],
      ['an increment pointing away from the end', 'States.ArrayRange(1, 9, -1)', []],
      ['exactly 1000 elements', 'States.ArrayRange(1, 1000, 1)', Array.from({ length: 1000 }, (_, index) => index + 1)],
    ])('returns %s', (_, expression, expected) => {
      expect(evaluateIntrinsic(expression, scopeOf({}))).toEqual(expected);
    });

    it.each([
      ['States.ArrayRange(1, 1001, 1)', 'the range would have 1001 elements; the new array can contain at most 1000'],
      ['States.ArrayRange(1, 9, 0)', 'the third argument (increment) must not be 0'],
      ['States.ArrayRange(1.5, 9, 1)', 'the first argument (first element) must be an integer, but it is a number'],
      ["States.ArrayRange(1, '9', 1)", 'the second argument (final element) must be an integer, but it is a string'],
    ])('fails %s', (expression, expected) => {
      expect(failure(expression)).toBe(`Invalid arguments in States.ArrayRange: ${expected}`);
    });
  });

  describe('States.ArrayGetItem', () => {
    it('returns the developer guide example', () => {
      // Prepare
      const scope = scopeOf({ inputArray: [1, 2, 3, 4, 5, 6, 7, 8, 9], index: 5 });

      // Act & Assess
      expect(evaluateIntrinsic('States.ArrayGetItem($.inputArray, $.index)', scope)).toBe(6);
    });

    it.each([
      ['States.ArrayGetItem($.a, 3)', 'the index 3 is out of bounds for an array of length 3'],
      ['States.ArrayGetItem($.a, -1)', 'the second argument (index) must not be negative, but it is -1'],
      ['States.ArrayGetItem($.a, 0.5)', 'the second argument (index) must be an integer, but it is a number'],
      ['States.ArrayGetItem($.o, 0)', 'the first argument (array) must be an array, but it is an object'],
    ])('fails %s', (expression, expected) => {
      expect(failure(expression, { a: [1, 2, 3], o: {} })).toBe(`Invalid arguments in States.ArrayGetItem: ${expected}`);
    });
  });

  describe('States.ArrayLength', () => {
    it('returns the developer guide example', () => {
      expect(evaluateIntrinsic('States.ArrayLength($.inputArray)', scopeOf({ inputArray: [1, 2, 3, 4, 5, 6, 7, 8, 9] }))).toBe(9);
    });

    it('fails for a string', () => {
      expect(failure("States.ArrayLength('abc')")).toBe('Invalid arguments in States.ArrayLength: the first argument (array) must be an array, but it is a string');
    });
  });

  describe('States.ArrayUnique', () => {
    it('returns the developer guide example', () => {
      expect(evaluateIntrinsic('States.ArrayUnique($.inputArray)', scopeOf({ inputArray: [1, 2, 3, 3, 3, 3, 3, 3, 4] }))).toEqual([1, 2, 3, 4]);
    });

    it('keeps the first of equal values, comparing objects and arrays by value', () => {
      // Prepare
      const scope = scopeOf({ a: [{ b: 1, a: 2 }, 'x', { a: 2, b: 1 }, [1], [1], 'x', null, null, 1, '1'] });

      // Act & Assess
      expect(evaluateIntrinsic('States.ArrayUnique($.a)', scope)).toEqual([{ b: 1, a: 2 }, 'x', [1], null, 1, '1']);
    });

    it('fails for an object', () => {
      expect(failure('States.ArrayUnique($)', { a: 1 })).toContain('must be an array, but it is an object');
    });
  });
});
