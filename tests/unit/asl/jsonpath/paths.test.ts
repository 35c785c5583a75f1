import { StatesErrorNames } from '../../../../local/asl/errors';
import { isPath, readPath } from '../../../../local/asl/jsonpath';
import { expectStatesError, scopeOf } from './helpers';

// The Reference Path example of the States Language spec ("Reference Paths").
const specInput = { foo: 123, bar: ['a', 'b', 'c'], car: { cdr: true } };

describe('Function: readPath()', () => {
  describe('Reference Paths', () => {
    it.each([
      ['$.foo', 123],
      ['$.bar', ['a', 'b', 'c']],
      ['$.car.cdr', true],
      ["$['car']['cdr']", true],
      ['$["car"].cdr', true],
      ['$.bar[0]', 'a'],
      ['$.bar[-1]', 'c'],
    ])('returns the single value %s selects', (path, expected) => {
      expect(readPath(path, scopeOf(specInput))).toEqual(expected);
    });

    it('returns the whole input for "$"', () => {
      expect(readPath('$', scopeOf(specInput))).toBe(specInput);
    });

    it.each([
      ['$.store\\.book', { 'store.book': 1 }, 1],
      ['$.\\stor\\e.boo\\k', { store: { book: 2 } }, 2],
      ['$.foo.\\.bar', { foo: { '.bar': 3 } }, 3],
      ['$.foo\\@bar.baz\\[\\[.\\?pretty', { 'foo@bar': { 'baz[[': { '?pretty': 4 } } }, 4],
      ['$.&Ж中.\uD800\uDF46', { '&Ж中': { '\uD800\uDF46': 5 } }, 5],
      ['$.ledgers.branch[0].pending.count', { ledgers: { branch: [{ pending: { count: 6 } }] } }, 6],
      ['$.ledgers[0][22][315].foo', { ledgers: [Object.assign([], { 22: Object.assign([], { 315: { foo: 7 } }) })] }, 7],
      ["$['store'][0]['book']", { store: [{ book: 8 }] }, 8],
    ])('accepts the spec example syntax %s', (path, input, expected) => {
      expect(readPath(path, scopeOf(input))).toBe(expected);
    });

    it.each([
      ["$['a\\b']", { 'a\\b': 9 }, 9],
      ['$[\'Test\\""Name"\']', { 'Test\\""Name"': 10 }, 10],
      ['$["it\'s"]', { "it's": 11 }, 11],
    ])('reads a backslash inside a bracket name as a character of the name: %s', (path, input, expected) => {
      expect(readPath(path, scopeOf(input))).toBe(expected);
    });

    it("ends a bracket name at its first closing quote, so $['it\\'s'] is not a path", () => {
      // Act
      const error = expectStatesError(() => readPath("$['it\\'s']", scopeOf({ "it's": 1 }), 'InputPath'), StatesErrorNames.Runtime);

      // Assess
      expect(error.cause).toContain('expected "]" after a quoted name');
    });

    it.each([
      ['$.car.wheel.size', "Invalid path '$.car.wheel.size' : Missing property in path $['car']['wheel']"],
      ['$.car.size', "Invalid path '$.car.size' : No results for path: $['car']['size']"],
      ['$.bar[7]', "Invalid path '$.bar[7]' : No results for path: $['bar'][7]"],
    ])('throws States.Runtime for %s that matches nothing, worded as AWS words it (Jayway JsonPath)', (path, cause) => {
      // Act
      const error = expectStatesError(() => readPath(path, scopeOf(specInput), 'InputPath'), StatesErrorNames.Runtime);

      // Assess
      expect(error.cause).toBe(cause);
    });

    it.each([['ErrorPath'], ['CausePath'], ['detail.$']])('quotes the input, as AWS does, when the %s path matches nothing', (field) => {
      // Act
      const error = expectStatesError(() => readPath('$.nope', scopeOf({ a: 1 }), field), StatesErrorNames.Runtime);

      // Assess
      expect(error.cause).toBe(`The JSONPath '$.nope' specified for the field '${field}' could not be found in the input '{"a":1}'`);
    });

    it.each([
      ['an index past the end', '$.bar[3]'],
      ['an index into an object', '$.car[0]'],
      ['a field of an array', '$.bar.length'],
      ['a field of a number', '$.foo.x'],
      ['a prototype member', '$.constructor'],
      ['__proto__', '$.__proto__'],
    ])('treats %s as no match', (_, path) => {
      expectStatesError(() => readPath(path, scopeOf(specInput)), StatesErrorNames.Runtime);
    });

    it('never quotes the input in the cause', () => {
      // Prepare
      const secret = { source: 'REPORT zsecret. WRITE password.' };

      // Act
      const error = expectStatesError(() => readPath('$.missing', scopeOf(secret)), StatesErrorNames.Runtime);

      // Assess
      expect(error.cause).not.toContain('zsecret');
    });
  });

  describe('Paths that may select several nodes', () => {
    const store = {
      items: [
        { sku: 'a', qty: 1 },
        { sku: 'b', qty: 3 },
        { sku: 'c', qty: 5 },
      ],
      nested: { deep: { sku: 'z' } },
    };

    it.each([
      ['a filter', '$.items[?(@.qty > 1)].sku', ['b', 'c']],
      ['a wildcard', '$.items[*].sku', ['a', 'b', 'c']],
      ['a dot wildcard', '$.nested.*', [{ sku: 'z' }]],
      ['a deep scan', '$..deep.sku', ['z']],
      ['a slice', '$.items[-2:].qty', [3, 5]],
      ['an index union', '$.items[0,2].sku', ['a', 'c']],
    ])('returns the array of matches for %s', (_, path, expected) => {
      expect(readPath(path, scopeOf(store))).toEqual(expected);
    });

    it('returns an empty array when a filter matches nothing', () => {
      expect(readPath('$.items[?(@.qty > 100)]', scopeOf(store))).toEqual([]);
    });

    it.each([[null], [0], [''], [false], ['text'], [42]])('returns an empty array inside the scalar input %j', (input) => {
      expect(readPath('$..a', scopeOf(input))).toEqual([]);
      expect(readPath('$[*]', scopeOf(input))).toEqual([]);
    });

    it('treats a filter reaching into a missing field as a non-match', () => {
      expect(readPath('$.items[?(@.price.amount > 1)]', scopeOf(store))).toEqual([]);
    });
  });

  describe('roots', () => {
    it('reads the context object with "$$"', () => {
      // Prepare
      const scope = scopeOf({}, { context: { Execution: { Id: 'arn:exec' }, Map: { Item: { Index: 2 } } } });

      // Act & Assess
      expect(readPath('$$.Execution.Id', scope)).toBe('arn:exec');
      expect(readPath('$$.Map.Item.Index', scope)).toBe(2);
      expect(readPath('$$', scope)).toEqual({ Execution: { Id: 'arn:exec' }, Map: { Item: { Index: 2 } } });
    });

    it('reads workflow variables with "$name"', () => {
      // Prepare
      const scope = scopeOf({ x: 1 }, { variables: { customer: { id: 'c-1', tags: ['gold'] }, count: 0 } });

      // Act & Assess
      expect(readPath('$customer', scope)).toEqual({ id: 'c-1', tags: ['gold'] });
      expect(readPath('$customer.tags[0]', scope)).toBe('gold');
      expect(readPath('$count', scope)).toBe(0);
      expect(readPath("$customer['id']", scope)).toBe('c-1');
    });

    it('throws States.Runtime naming an undefined variable', () => {
      // Act
      const error = expectStatesError(() => readPath('$nothing.x', scopeOf({}), 'Parameters.a.$'), StatesErrorNames.Runtime);

      // Assess
      expect(error.cause).toContain("the variable 'nothing'");
      expect(error.cause).toContain("'Parameters.a.$'");
    });

    it('reads $states members when the scope provides them', () => {
      // Prepare
      const scope = scopeOf({}, { states: { input: { a: 1 }, result: { b: 2 } } });

      // Act & Assess
      expect(readPath('$states.input.a', scope)).toBe(1);
      expect(readPath('$states.result', scope)).toEqual({ b: 2 });
      expect(readPath('$states', scope)).toEqual({ input: { a: 1 }, result: { b: 2 } });
      expectStatesError(() => readPath('$states.errorOutput', scope), StatesErrorNames.Runtime);
    });
  });

  describe('invalid paths', () => {
    it.each([
      ['not starting with $', 'a.b', 'a path must start with "$"'],
      ['a trailing dot', '$.a.', 'a "." must be followed by a field name'],
      ['an unterminated quoted name', "$['abc", 'unterminated quoted name'],
      ['a bracket with garbage', '$[abc]', 'expected an index'],
      ['a JSONPath function', '$.items.length()', 'JSONPath functions such as "length()" are not supported'],
      ['an open escape at the end', '$.a\\', 'open escape'],
      ['a union of quoted names', "$['a','b']", "unions of quoted names such as ['a','b'] are not supported"],
      ['a union of quoted names after a wildcard', "$[*]['a', \"b\"]", 'unions of quoted names'],
    ])('throws States.Runtime for %s', (_, path, expected) => {
      // Act
      const error = expectStatesError(() => readPath(path, scopeOf({ a: { b: 1 } }), 'OutputPath'), StatesErrorNames.Runtime);

      // Assess
      expect(error.cause).toContain(expected);
    });
  });

  it('gives the same answer for a path it has already compiled', () => {
    // Prepare
    const scope = scopeOf({ a: [{ b: 1 }, { b: 2 }] });

    // Act
    const first = readPath('$.a[1].b', scope);
    const second = readPath('$.a[1].b', scopeOf({ a: [{ b: 3 }, { b: 4 }] }));

    // Assess
    expect([first, second]).toEqual([2, 4]);
  });
});

describe('Function: isPath()', () => {
  it.each([
    ['$', true],
    ['$.a', true],
    ['$$.Execution.Id', true],
    ['$var', true],
    ["States.Format('{}', $.a)", false],
    ['plain', false],
  ])('says %s is a path: %s', (value, expected) => {
    expect(isPath(value)).toBe(expected);
  });
});
