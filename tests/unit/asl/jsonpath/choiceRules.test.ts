import { StatesErrorNames } from '../../../../local/asl/errors';
import { evaluateChoiceRule } from '../../../../local/asl/jsonpath';
import { expectStatesError, scopeOf } from './helpers';

const input = {
  str: 'banana',
  num: 20,
  float: 2.5,
  yes: true,
  no: false,
  nil: null,
  ts: '2001-01-01T12:00:00Z',
  list: [1, 2],
  obj: { a: 1 },
  other: { str: 'banana', num: 20, ts: '2001-01-01T13:00:00+01:00', yes: true },
};
const scope = scopeOf(input);
const holds = (rule: Record<string, unknown>): boolean => evaluateChoiceRule(rule, scope);

describe('Function: evaluateChoiceRule()', () => {
  describe('comparison operators', () => {
    it.each([
      ['StringEquals', '$.str', 'banana', true],
      ['StringEquals', '$.str', 'Banana', false],
      ['StringLessThan', '$.str', 'cherry', true],
      ['StringLessThan', '$.str', 'banana', false],
      ['StringGreaterThan', '$.str', 'apple', true],
      ['StringGreaterThan', '$.str', 'banana', false],
      ['StringLessThanEquals', '$.str', 'banana', true],
      ['StringLessThanEquals', '$.str', 'apple', false],
      ['StringGreaterThanEquals', '$.str', 'banana', true],
      ['StringGreaterThanEquals', '$.str', 'cherry', false],
      ['NumericEquals', '$.num', 20, true],
      ['NumericEquals', '$.num', 20.5, false],
      ['NumericLessThan', '$.num', 30, true],
      ['NumericLessThan', '$.num', 20, false],
      ['NumericGreaterThan', '$.num', 19.9, true],
      ['NumericGreaterThan', '$.num', 20, false],
      ['NumericLessThanEquals', '$.num', 20, true],
      ['NumericLessThanEquals', '$.num', 19, false],
      ['NumericGreaterThanEquals', '$.num', 20, true],
      ['NumericGreaterThanEquals', '$.num', 21, false],
      ['BooleanEquals', '$.yes', true, true],
      ['BooleanEquals', '$.no', true, false],
      ['TimestampEquals', '$.ts', '2001-01-01T12:00:00Z', true],
      ['TimestampEquals', '$.ts', '2001-01-01T13:00:00+01:00', true],
      ['TimestampEquals', '$.ts', '2001-01-01T12:00:00.001Z', false],
      ['TimestampLessThan', '$.ts', '2001-01-01T12:00:01Z', true],
      ['TimestampLessThan', '$.ts', '2001-01-01T12:00:00Z', false],
      ['TimestampGreaterThan', '$.ts', '2000-12-31T23:59:59Z', true],
      ['TimestampGreaterThan', '$.ts', '2001-01-01T12:00:00Z', false],
      ['TimestampLessThanEquals', '$.ts', '2001-01-01T12:00:00Z', true],
      ['TimestampLessThanEquals', '$.ts', '2001-01-01T11:59:59Z', false],
      ['TimestampGreaterThanEquals', '$.ts', '2001-01-01T12:00:00Z', true],
      ['TimestampGreaterThanEquals', '$.ts', '2001-01-01T12:00:00.5Z', false],
    ])('%s on %s against %j is %s', (operator, variable, operand, expected) => {
      expect(holds({ Variable: variable, [operator]: operand, Next: 'X' })).toBe(expected);
    });

    it.each([
      ['StringEqualsPath', '$.str', '$.other.str', true],
      ['StringLessThanPath', '$.str', '$.other.str', false],
      ['StringGreaterThanEqualsPath', '$.str', '$.other.str', true],
      ['NumericEqualsPath', '$.num', '$.other.num', true],
      ['NumericGreaterThanPath', '$.num', '$.other.num', false],
      ['NumericLessThanEqualsPath', '$.float', '$.other.num', true],
      ['BooleanEqualsPath', '$.yes', '$.other.yes', true],
      ['BooleanEqualsPath', '$.no', '$.other.yes', false],
      ['TimestampEqualsPath', '$.ts', '$.other.ts', true],
      ['TimestampLessThanPath', '$.ts', '$.other.ts', false],
      ['TimestampGreaterThanEqualsPath', '$.ts', '$.other.ts', true],
      ['StringGreaterThanPath', '$.str', '$.other.str', false],
      ['StringLessThanEqualsPath', '$.str', '$.other.str', true],
      ['NumericLessThanPath', '$.float', '$.other.num', true],
      ['NumericLessThanPath', '$.num', '$.other.num', false],
      ['NumericGreaterThanEqualsPath', '$.num', '$.other.num', true],
      ['TimestampGreaterThanPath', '$.ts', '$.other.ts', false],
      ['TimestampLessThanEqualsPath', '$.ts', '$.other.ts', true],
    ])('%s compares %s with the value at %s: %s', (operator, variable, operand, expected) => {
      expect(holds({ Variable: variable, [operator]: operand })).toBe(expected);
    });

    it.each([
      ['a string compared as a number', { Variable: '$.str', NumericEquals: 1 }],
      ['a number compared as a string', { Variable: '$.num', StringEquals: '20' }],
      ['a string that is not a timestamp', { Variable: '$.str', TimestampEquals: '2001-01-01T12:00:00Z' }],
      ['a boolean compared as a number', { Variable: '$.yes', NumericEquals: 1 }],
      ['null compared as a string', { Variable: '$.nil', StringEquals: 'null' }],
      ['a *Path operand of another type', { Variable: '$.num', NumericEqualsPath: '$.other.str' }],
      ['an array', { Variable: '$.list', NumericEquals: 1 }],
    ])('is false for %s', (_, rule) => {
      expect(holds(rule)).toBe(false);
    });

    it('lets a string comparator match a timestamp, which is a string', () => {
      expect(holds({ Variable: '$.ts', StringEquals: '2001-01-01T12:00:00Z' })).toBe(true);
    });

    it('compares strings by UTF-16 code unit, with no case folding', () => {
      expect(holds({ Variable: '$.str', StringLessThan: 'a' })).toBe(false);
      expect(evaluateChoiceRule({ Variable: '$.s', StringLessThan: 'a' }, scopeOf({ s: 'Z' }))).toBe(true);
    });
  });

  describe('StringMatches', () => {
    it.each([
      ['foo*.log', 'foo23.log', true],
      ['*.log', 'zebra.log', true],
      ['foo*.*', 'foobar.zebra', true],
      ['log-*.txt', 'log-.txt', true],
      ['log-*.txt', 'log-1.txt.bak', false],
      ['a*b*c', 'aXXbYYc', true],
      ['a*b*c', 'acb', false],
      ['exact', 'exact', true],
      ['exact', 'exactly', false],
      ['a.c', 'abc', false],
      ['(x)+', '(x)+', true],
      ['star\\*', 'star*', true],
      ['star\\*', 'starry', false],
      ['back\\\\slash', 'back\\slash', true],
      ['*', 'multi\nline', true],
    ])('matches %j against %j: %s', (pattern, value, expected) => {
      expect(evaluateChoiceRule({ Variable: '$.v', StringMatches: pattern }, scopeOf({ v: value }))).toBe(expected);
    });

    it('is false for a value that is not a string', () => {
      expect(holds({ Variable: '$.num', StringMatches: '*' })).toBe(false);
    });

    it('throws States.Runtime for an open escape', () => {
      // Act
      const error = expectStatesError(() => holds({ Variable: '$.str', StringMatches: 'a\\b' }), StatesErrorNames.Runtime);

      // Assess
      expect(error.cause).toContain('open escape "\\b" at position 1');
    });
  });

  describe('type tests', () => {
    it.each([
      ['IsNull', '$.nil', true, true],
      ['IsNull', '$.str', true, false],
      ['IsNull', '$.str', false, true],
      ['IsNumeric', '$.float', true, true],
      ['IsNumeric', '$.str', true, false],
      ['IsString', '$.str', true, true],
      ['IsString', '$.nil', true, false],
      ['IsBoolean', '$.no', true, true],
      ['IsBoolean', '$.num', true, false],
      ['IsTimestamp', '$.ts', true, true],
      ['IsTimestamp', '$.str', true, false],
      ['IsTimestamp', '$.str', false, true],
      ['IsPresent', '$.nil', true, true],
      ['IsPresent', '$.missing', true, false],
      ['IsPresent', '$.missing', false, true],
      ['IsPresent', '$.obj.a', false, false],
    ])('%s on %s with %s is %s', (operator, variable, operand, expected) => {
      expect(holds({ Variable: variable, [operator]: operand })).toBe(expected);
    });

    it('treats an undefined variable as not present', () => {
      expect(holds({ Variable: '$undefinedVariable', IsPresent: true })).toBe(false);
    });
  });

  describe('a Variable that matches nothing', () => {
    it.each([
      ['StringEquals', 'x'],
      ['NumericEquals', 1],
      ['IsNull', true],
      ['IsString', false],
    ])('fails %s with States.Runtime, as Step Functions fails the execution', (operator, operand) => {
      // Act
      const error = expectStatesError(() => holds({ Variable: '$.type', [operator]: operand }), StatesErrorNames.Runtime);

      // Assess
      expect(error.cause).toContain("Invalid path '$.type': The choice state's condition path references an invalid value");
    });

    it('is guarded by IsPresent in an And, which stops at the first false rule', () => {
      // Prepare
      const rule = {
        And: [
          { Variable: '$.keyThatMightNotExist', IsPresent: true },
          { Variable: '$.keyThatMightNotExist', StringEquals: 'foo' },
        ],
      };

      // Act & Assess
      expect(holds(rule)).toBe(false);
      expect(evaluateChoiceRule(rule, scopeOf({ keyThatMightNotExist: 'foo' }))).toBe(true);
    });

    it('fails a *Path operand that matches nothing with States.Runtime, worded as Jayway JsonPath words it', () => {
      // Act
      const error = expectStatesError(() => holds({ Variable: '$.num', NumericEqualsPath: '$.nope' }), StatesErrorNames.Runtime);

      // Assess
      expect(error.cause).toBe("Invalid path '$.nope' : No results for path: $['nope']");
    });
  });

  describe('boolean expressions', () => {
    // The JSONPath Choice example of the States Language spec, and of the developer guide.
    const choices = [
      { Not: { Variable: '$.type', StringEquals: 'Private' }, Next: 'Public' },
      {
        And: [
          { Variable: '$.value', IsPresent: true },
          { Variable: '$.value', IsNumeric: true },
          { Variable: '$.value', NumericGreaterThanEquals: 20 },
          { Variable: '$.value', NumericLessThan: 30 },
        ],
        Next: 'ValueInTwenties',
      },
      { Variable: '$.rating', NumericGreaterThanPath: '$.auditThreshold', Next: 'StartAudit' },
    ];
    const firstMatch = (data: unknown): string | undefined =>
      choices.find((rule) => evaluateChoiceRule(rule, scopeOf(data)))?.Next;

    it.each([
      [{ type: 'Private', value: 22 }, 'ValueInTwenties'],
      [{ type: 'Public', value: 22 }, 'Public'],
      [{ type: 'Private', value: 35, rating: 9, auditThreshold: 5 }, 'StartAudit'],
      [{ type: 'Private', value: 35, rating: 1, auditThreshold: 5 }, undefined],
    ])('picks the spec example branch for %j', (data, expected) => {
      expect(firstMatch(data)).toBe(expected);
    });

    it('evaluates Or until one rule is true', () => {
      // Prepare: the second rule would fail on the missing field if it were evaluated.
      const rule = { Or: [{ Variable: '$.num', NumericEquals: 20 }, { Variable: '$.missing', StringEquals: 'x' }] };

      // Act & Assess
      expect(holds(rule)).toBe(true);
      expect(holds({ Or: [{ Variable: '$.num', NumericEquals: 1 }, { Variable: '$.str', StringEquals: 'banana' }] })).toBe(true);
      expect(holds({ Or: [{ Variable: '$.num', NumericEquals: 1 }, { Variable: '$.str', StringEquals: 'x' }] })).toBe(false);
    });

    it('nests And, Or and Not', () => {
      // Prepare
      const rule = {
        Not: { Or: [{ Variable: '$.yes', BooleanEquals: false }, { And: [{ Variable: '$.num', NumericEquals: 20 }, { Variable: '$.nil', IsNull: false }] }] },
      };

      // Act & Assess
      expect(holds(rule)).toBe(true);
    });

    it('reads the context object and variables', () => {
      // Prepare
      const withContext = scopeOf({}, { context: { Execution: { Name: 'run-7' } }, variables: { limit: 3 } });

      // Act & Assess
      expect(evaluateChoiceRule({ Variable: '$$.Execution.Name', StringMatches: 'run-*' }, withContext)).toBe(true);
      expect(evaluateChoiceRule({ Variable: '$limit', NumericLessThan: 4 }, withContext)).toBe(true);
    });
  });

  describe('invalid rules', () => {
    it.each([
      ['no operator', { Variable: '$.num' }, 'must hold exactly one comparison operator (found none)'],
      ['two operators', { Variable: '$.num', NumericEquals: 1, NumericLessThan: 2 }, '(found NumericEquals, NumericLessThan)'],
      ['an unknown operator only', { Variable: '$.num', NumericIs: 1 }, '(found none)'],
      ['no Variable', { NumericEquals: 1 }, '"Variable" must be a path string'],
      ['an empty And', { And: [] }, '"And" must be a non-empty array of Choice rules'],
      ['a non-object nested rule', { Not: 'x' }, 'at Not: a Choice rule must be a JSON object'],
      ['a string operand for NumericEquals', { Variable: '$.num', NumericEquals: '20' }, 'at NumericEquals: the operand must be a number'],
      ['an invalid timestamp operand', { Variable: '$.ts', TimestampEquals: '2001-01-01' }, 'must be an RFC 3339 timestamp string'],
      ['a non-boolean IsNull', { Variable: '$.nil', IsNull: 'yes' }, 'at IsNull: the operand must be true or false'],
      ['a non-string *Path operand', { Variable: '$.num', NumericEqualsPath: 3 }, 'the operand must be a path string'],
      ['a nested error location', { And: [{ Variable: '$.num', NumericEquals: 20 }, { Variable: '$.num', BooleanEquals: 1 }] }, 'at And[1].BooleanEquals'],
    ])('throws States.Runtime for %s', (_, rule, expected) => {
      // Act
      const error = expectStatesError(() => holds(rule), StatesErrorNames.Runtime);

      // Assess
      expect(error.cause).toContain(expected);
    });
  });
});
