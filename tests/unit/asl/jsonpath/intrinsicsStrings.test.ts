import { StatesErrorNames } from '../../../../local/asl/errors';
import { evaluateIntrinsic } from '../../../../local/asl/jsonpath';
import { expectStatesError, scopeOf } from './helpers';

const failure = (expression: string, input: unknown = {}): string =>
  expectStatesError(() => evaluateIntrinsic(expression, scopeOf(input)), StatesErrorNames.IntrinsicFailure).cause;

describe('Function: evaluateIntrinsic() — string intrinsics', () => {
  describe('States.Format', () => {
    const guide = { name: 'Arnav', template: 'Hello, my name is {}.' };

    it.each([
      ["States.Format('Hello, my name is {}.', $.name)"],
      ['States.Format($.template, $.name)'],
    ])('returns the developer guide example for %s', (expression) => {
      expect(evaluateIntrinsic(expression, scopeOf(guide))).toBe('Hello, my name is Arnav.');
    });

    it('returns the spec example with a number', () => {
      // Prepare
      const scope = scopeOf({ name: 'Foo', zebra: 'stripe' });

      // Act & Assess
      expect(evaluateIntrinsic("States.Format('Your name is {}, we are in the year {}', $.name, 2020)", scope)).toBe(
        'Your name is Foo, we are in the year 2020',
      );
    });

    it("returns the spec example with an escaped apostrophe (Welcome to {} {}\\'s playlist.)", () => {
      // Prepare: in the definition's JSON the expression is written "...{}\\'s..."; this is the string after JSON parsing.
      const expression = "States.Format('Welcome to {} {}\\'s playlist.', $.firstName, $.lastName)";

      // Act & Assess
      expect(evaluateIntrinsic(expression, scopeOf({ firstName: 'John', lastName: 'Doe' }))).toBe("Welcome to John Doe's playlist.");
    });

    it('keeps escaped braces literal and does not count them as placeholders', () => {
      expect(evaluateIntrinsic("States.Format('\\{{}\\} \\\\ {}', 1, 'x')", scopeOf({}))).toBe('{1} \\ x');
    });

    it.each([
      ['true', 'true'],
      ['null', 'null'],
      ['1.5', '1.5'],
      ['-3', '-3'],
      ["'text'", 'text'],
      ['$.list', '[1, a, {k=v}]'],
      ['$.object', '{a=1, b=[true, null]}'],
    ])('renders %s as %s', (argument, expected) => {
      // Prepare
      const scope = scopeOf({ list: [1, 'a', { k: 'v' }], object: { a: 1, b: [true, null] } });

      // Act & Assess
      expect(evaluateIntrinsic(`States.Format('<{}>', ${argument})`, scope)).toBe(`<${expected}>`);
    });

    it.each([
      ["States.Format('{} {}', 1)", 'the template has 2 {} placeholder(s) but 1 value argument(s) follow it; they must match'],
      ["States.Format('{}', 1, 2)", 'the template has 1 {} placeholder(s) but 2 value argument(s) follow it; they must match'],
      ['States.Format(1)', 'the first argument (template) must be a string, but it is an integer'],
    ])('fails %s', (expression, expected) => {
      expect(failure(expression)).toBe(`Invalid arguments in States.Format: ${expected}`);
    });
  });

  describe('States.StringSplit', () => {
    it('returns the developer guide example', () => {
      // Prepare
      const scope = scopeOf({ inputString: '1,2,3,4,5', splitter: ',' });

      // Act & Assess
      expect(evaluateIntrinsic('States.StringSplit($.inputString, $.splitter)', scope)).toEqual(['1', '2', '3', '4', '5']);
    });

    it.each([
      ['each character of the delimiter as a separator', 'This.is+a,test=string', '.+,=', ['This', 'is', 'a', 'test', 'string']],
      ['no empty pieces for repeated, leading and trailing delimiters', ',,a,,b,', ',', ['a', 'b']],
      ['the whole string when no delimiter occurs', 'abc', ',', ['abc']],
      ['nothing for an empty string', '', ',', []],
      ['characters outside the BMP', 'a😀b', '😀', ['a', 'b']],
    ])('splits with %s', (_, text, delimiter, expected) => {
      expect(evaluateIntrinsic('States.StringSplit($.t, $.d)', scopeOf({ t: text, d: delimiter }))).toEqual(expected);
    });

    it.each([
      ["States.StringSplit('a,b', '')", 'the second argument (delimiter) must not be empty'],
      ["States.StringSplit($.n, ',')", 'the first argument (string) must be a string, but it is an integer'],
      ["States.StringSplit('a', 1)", 'the second argument (delimiter) must be a string, but it is an integer'],
    ])('fails %s', (expression, expected) => {
      expect(failure(expression, { n: 5 })).toBe(`Invalid arguments in States.StringSplit: ${expected}`);
    });
  });
});
