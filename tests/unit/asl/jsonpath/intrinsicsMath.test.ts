import { StatesErrorNames } from '../../../../local/asl/errors';
import { evaluateIntrinsic } from '../../../../local/asl/jsonpath';
import { expectStatesError, scopeOf } from './helpers';

const failure = (expression: string, input: unknown = {}): string =>
  expectStatesError(() => evaluateIntrinsic(expression, scopeOf(input)), StatesErrorNames.IntrinsicFailure).cause;

describe('Function: evaluateIntrinsic() — math intrinsics', () => {
  describe('States.MathAdd', () => {
    it('returns the developer guide example (111 + -1)', () => {
      expect(evaluateIntrinsic('States.MathAdd($.value1, $.step)', scopeOf({ value1: 111, step: -1 }))).toBe(110);
    });

    it.each([
      ['States.MathAdd(1.4, 1)', 2],
      ['States.MathAdd(1.5, 1)', 3],
      ['States.MathAdd(-1.5, 0)', -1],
      ['States.MathAdd(0, 0)', 0],
    ])('rounds non-integer arguments to the nearest integer: %s', (expression, expected) => {
      expect(evaluateIntrinsic(expression, scopeOf({}))).toBe(expected);
    });

    it.each([
      ["States.MathAdd('1', 2)", 'the first argument (first number) must be a number, but it is a string'],
      ['States.MathAdd(1, null)', 'the second argument (second number) must be a number, but it is null'],
      ['States.MathAdd($.big, $.big)', 'the sum is outside the range of safe integers'],
    ])('fails %s', (expression, expected) => {
      expect(failure(expression, { big: Number.MAX_SAFE_INTEGER })).toContain(expected);
    });
  });

  describe('States.MathRandom', () => {
    it('returns integers between start and end, both included', () => {
      // Prepare
      const seen = new Set<unknown>();

      // Act
      for (let draw = 0; draw < 200; draw += 1) seen.add(evaluateIntrinsic('States.MathRandom($.start, $.end)', scopeOf({ start: 1, end: 3 })));

      // Assess
      expect([...seen].sort()).toEqual([1, 2, 3]);
    });

    it('returns the same number for the same seed', () => {
      // Prepare
      const scope = scopeOf({ start: 1, end: 999, seed: 1234 });

      // Act
      const draws = Array.from({ length: 5 }, () => evaluateIntrinsic('States.MathRandom($.start, $.end, $.seed)', scope));

      // Assess
      expect(new Set(draws).size).toBe(1);
      expect(draws[0]).toBeGreaterThanOrEqual(1);
      expect(draws[0]).toBeLessThanOrEqual(999);
    });

    it.each([
      // java.util.Random: new Random(42).nextInt() is -1170105035, so nextInt(10) is 0 and nextInt(100) is 30.
      ['States.MathRandom(0, 9, 42)', 0],
      ['States.MathRandom(1, 100, 42)', 31],
      ['States.MathRandom(0, 15, 42)', 11],
      ['States.MathRandom(5, 5, 7)', 5],
    ])('draws a seeded number as java.util.Random does: %s', (expression, expected) => {
      expect(evaluateIntrinsic(expression, scopeOf({}))).toBe(expected);
    });

    it('rounds a non-integer start and end', () => {
      expect(evaluateIntrinsic('States.MathRandom(0.6, 1.4)', scopeOf({}))).toBe(1);
    });

    it.each([
      ['States.MathRandom(10, 1)', 'the second argument (end, 1) must not be less than the first (start, 10)'],
      ["States.MathRandom('1', 10)", 'the first argument (start) must be a number, but it is a string'],
      ["States.MathRandom(1, 10, 'seed')", 'the third argument (seed) must be a number, but it is a string'],
      ['States.MathRandom(1, 3000000000)', 'start and end must be between -2147483648 and 2147483647'],
      ['States.MathRandom(-2147483648, 2147483647)', 'the range from start to end must hold at most 2147483647 numbers'],
    ])('fails %s', (expression, expected) => {
      expect(failure(expression)).toBe(`Invalid arguments in States.MathRandom: ${expected}`);
    });
  });
});
