import { StatesErrorNames } from '../../../../local/asl/errors';
import { applyPayloadTemplate } from '../../../../local/asl/jsonpath';
import { expectStatesError, scopeOf } from './helpers';

describe('Function: applyPayloadTemplate()', () => {
  it('produces the payload of the spec example (Payload Template)', () => {
    // Prepare
    const template = {
      flagged: true,
      parts: { 'first.$': '$.vals[0]', 'last3.$': '$.vals[-3:]' },
      'weekday.$': '$$.DayOfWeek',
      'formattedOutput.$': "States.Format('Today is {}', $$.DayOfWeek)",
    };
    const scope = scopeOf({ flagged: 7, vals: [0, 10, 20, 30, 40, 50] }, { context: { DayOfWeek: 'TUESDAY' } });

    // Act
    const payload = applyPayloadTemplate(template, scope, 'Parameters');

    // Assess
    expect(payload).toEqual({
      flagged: true,
      parts: { first: 0, last3: [30, 40, 50] },
      weekday: 'TUESDAY',
      formattedOutput: 'Today is TUESDAY',
    });
  });

  it('copies a template without ".$" fields unchanged', () => {
    expect(applyPayloadTemplate({ first: 88, second: 99 }, scopeOf({ x: 1 }))).toEqual({ first: 88, second: 99 });
  });

  it('processes ".$" fields inside objects nested in arrays', () => {
    // Prepare
    const template = { rows: [{ 'id.$': '$.a' }, 'literal', [{ 'deep.$': '$.b' }]] };

    // Act
    const payload = applyPayloadTemplate(template, scopeOf({ a: 1, b: 2 }));

    // Assess
    expect(payload).toEqual({ rows: [{ id: 1 }, 'literal', [{ deep: 2 }]] });
  });

  it('takes "$" as the whole input and "$name" as a variable', () => {
    // Prepare
    const scope = scopeOf({ a: 1 }, { variables: { run: { id: 'r-1' } } });

    // Act
    const payload = applyPayloadTemplate({ 'all.$': '$', 'runId.$': '$run.id', 'ids.$': 'States.Array($run.id, $.a)' }, scope);

    // Assess
    expect(payload).toEqual({ all: { a: 1 }, runId: 'r-1', ids: ['r-1', 1] });
  });

  it('reads $states in a JSONPath Assign', () => {
    // Prepare
    const scope = scopeOf({ value: 2 }, { states: { input: { original: true }, result: { value: 2 } } });

    // Act
    const assigned = applyPayloadTemplate({ 'before.$': '$states.input.original', 'after.$': '$.value' }, scope, 'Assign');

    // Assess
    expect(assigned).toEqual({ before: true, after: 2 });
  });

  it('throws States.Runtime naming the field and quoting the input, as AWS does, for a path that matches nothing', () => {
    // Act
    const error = expectStatesError(
      () => applyPayloadTemplate({ outer: { 'missing.$': '$.nope.deep' } }, scopeOf({ other: 1 }), 'Parameters'),
      StatesErrorNames.Runtime,
    );

    // Assess
    expect(error.cause).toBe(
      `The JSONPath '$.nope.deep' specified for the field 'missing.$' could not be found in the input '{"other":1}'`,
    );
  });

  it('passes on States.IntrinsicFailure from a failing intrinsic function', () => {
    // Act
    const error = expectStatesError(
      () => applyPayloadTemplate({ 'n.$': 'States.ArrayLength($.notArray)' }, scopeOf({ notArray: 'x' }), 'ResultSelector'),
      StatesErrorNames.IntrinsicFailure,
    );

    // Assess
    expect(error.cause).toContain('States.ArrayLength');
  });

  it('throws States.Runtime when a ".$" field holds something other than a string', () => {
    // Act
    const error = expectStatesError(() => applyPayloadTemplate({ 'a.$': 5 }, scopeOf({}), 'Parameters'), StatesErrorNames.Runtime);

    // Assess
    expect(error.cause).toContain("'Parameters.a.$'");
  });

  it('throws States.Runtime when two fields produce the same name', () => {
    // Act
    const error = expectStatesError(() => applyPayloadTemplate({ a: 1, 'a.$': '$.x' }, scopeOf({ x: 2 })), StatesErrorNames.Runtime);

    // Assess
    expect(error.cause).toContain("produce the field 'a'");
  });

  it('keeps a "__proto__" field as an ordinary field', () => {
    // Prepare
    const template = JSON.parse('{"__proto__.$": "$.polluted", "ok": 1}') as Record<string, unknown>;

    // Act
    const payload = applyPayloadTemplate(template, scopeOf({ polluted: { isAdmin: true } })) as Record<string, unknown>;

    // Assess
    expect(Object.getPrototypeOf(payload)).toBe(Object.prototype);
    expect(Object.hasOwn(payload, '__proto__')).toBe(true);
    expect(JSON.stringify(payload)).toBe('{"__proto__":{"isAdmin":true},"ok":1}');
  });

  it('leaves the template and the input unchanged', () => {
    // Prepare
    const template = { 'a.$': '$.a', b: [{ 'c.$': '$.c' }] };
    const input = { a: { x: 1 }, c: 2 };
    const templateCopy = structuredClone(template);
    const inputCopy = structuredClone(input);

    // Act
    applyPayloadTemplate(template, scopeOf(input));

    // Assess
    expect(template).toEqual(templateCopy);
    expect(input).toEqual(inputCopy);
  });
});
