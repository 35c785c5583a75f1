import { StatesErrorNames } from '../../../../local/asl/errors';
import { applyResultPath } from '../../../../local/asl/jsonpath';
import { expectStatesError } from './helpers';

describe('Function: applyResultPath()', () => {
  it('overwrites the field the ResultPath addresses (spec example)', () => {
    expect(applyResultPath({ master: { detail: [1, 2, 3] } }, 6, '$.master.detail')).toEqual({ master: { detail: 6 } });
  });

  it('creates the intervening fields (spec example)', () => {
    expect(applyResultPath({ master: { detail: [1, 2, 3] } }, 6, '$.master.result.sum')).toEqual({
      master: { detail: [1, 2, 3], result: { sum: 6 } },
    });
  });

  it('combines input and result as the spec Input/Output Processing example shows', () => {
    // Prepare
    const input = { title: 'Numbers to add', numbers: { val1: 3, val2: 4 } };

    // Act & Assess
    expect(applyResultPath(input, 7, '$.sum')).toEqual({ title: 'Numbers to add', numbers: { val1: 3, val2: 4 }, sum: 7 });
    expect(applyResultPath({ a: 1 }, 'Hi!', '$.b.greeting')).toEqual({ a: 1, b: { greeting: 'Hi!' } });
  });

  it.each([
    ['absent (undefined)', undefined],
    ['"$"', '$'],
  ])('replaces the input with the result when ResultPath is %s', (_, resultPath) => {
    expect(applyResultPath({ a: 1 }, { b: 2 }, resultPath)).toEqual({ b: 2 });
  });

  it('discards the result when ResultPath is null', () => {
    // Prepare
    const input = { a: 1 };

    // Act & Assess
    expect(applyResultPath(input, { b: 2 }, null)).toBe(input);
  });

  it('writes into an existing array element and through bracket notation', () => {
    expect(applyResultPath({ list: [{ a: 1 }, { a: 2 }] }, 'x', "$.list[1]['b']")).toEqual({ list: [{ a: 1 }, { a: 2, b: 'x' }] });
    expect(applyResultPath({ list: [1, 2, 3] }, 9, '$.list[-1]')).toEqual({ list: [1, 2, 9] });
  });

  it('places an error output from a Catch (ResultPath "$.error")', () => {
    expect(applyResultPath({ runId: 'r' }, { Error: 'States.TaskFailed', Cause: 'boom' }, '$.error')).toEqual({
      runId: 'r',
      error: { Error: 'States.TaskFailed', Cause: 'boom' },
    });
  });

  it('never changes the input', () => {
    // Prepare
    const input = { master: { detail: [1, 2, 3], other: { keep: true } } };
    const before = structuredClone(input);

    // Act
    const output = applyResultPath(input, 6, '$.master.detail') as typeof input;

    // Assess
    expect(input).toEqual(before);
    expect(output.master.other).toEqual({ keep: true });
  });

  it.each([
    ['the input is a string (spec "JSONPath Runtime Errors")', 'foo', '$.x', 'the value at $ is a string, not an object'],
    ['the input is an array', [1, 2], '$.x', 'the value at $ is an array, not an object'],
    ['a value on the way is a number', { a: 5 }, '$.a.b', 'the value at $.a is an integer, not an object'],
    ['the path indexes a missing array', { a: {} }, '$.a.list[0]', 'the value at $.a.list is nothing, not an array'],
    ['the index is past the end', { list: [1] }, '$.list[3]', 'index 3 is outside the array at $.list (length 1)'],
    ['the path writes into the context object', {}, '$$.Execution', 'cannot write into the context object'],
    ['the path writes a variable', {}, '$var.x', 'cannot write a variable'],
    ['the path is not a Reference Path', { a: [] }, '$.a[*]', 'must be a Reference Path'],
    ['the path is not a path', {}, 'a.b', 'a path must start with "$"'],
  ])('throws States.ResultPathMatchFailure when %s', (_, input, resultPath, expected) => {
    // Act
    const error = expectStatesError(() => applyResultPath(input, 1, resultPath), StatesErrorNames.ResultPathMatchFailure);

    // Assess
    expect(error.cause).toContain(`Unable to apply ResultPath '${resultPath}' to the state input`);
    expect(error.cause).toContain(expected);
  });

  it('keeps a "__proto__" field as an ordinary field', () => {
    // Act
    const output = applyResultPath({}, { isAdmin: true }, "$['__proto__']") as Record<string, unknown>;

    // Assess
    expect(Object.getPrototypeOf(output)).toBe(Object.prototype);
    expect(JSON.stringify(output)).toBe('{"__proto__":{"isAdmin":true}}');
  });
});
