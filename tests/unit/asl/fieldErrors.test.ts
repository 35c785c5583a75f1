import { StatesError } from '../../../local/asl/errors';
import type { StateRun } from '../../../local/asl/runtime';
import { floatFromPath, integerFromPath, itemsNotAnArray, valueText } from '../../../local/asl/states/fieldErrors';

const runIn = (language: 'JSONPath' | 'JSONata'): StateRun => ({ name: 'Each', language }) as unknown as StateRun;

const failure = (act: () => unknown): StatesError => {
  try {
    act();
  } catch (error) {
    return error as StatesError;
  }
  throw new Error('expected a StatesError');
};

describe('Function: integerFromPath()', () => {
  it.each([
    [3, 3],
    ['3', 3],
    ['+3', 3],
    ['-2', -2],
    [0, 0],
    ['2147483647', 2147483647],
  ])('reads %j as %d, from the value\'s text as Step Functions does', (value, expected) => {
    // Act & Assess
    expect(integerFromPath(runIn('JSONPath'), 'MaxConcurrencyPath', '$.limit', value)).toBe(expected);
  });

  it.each([
    [{}, '{}'],
    ['NoNumber', 'NoNumber'],
    [1.5, '1.5'],
    [' 3', ' 3'],
    ['2147483648', '2147483648'],
    [null, 'null'],
    [true, 'true'],
  ])('refuses %j with AWS\'s cause quoting %s', (value, text) => {
    // Act
    const error = failure(() => integerFromPath(runIn('JSONPath'), 'ToleratedFailureCountPath', '$.count', value));

    // Assess
    expect(error).toMatchObject({ error: 'States.Runtime', cause: `The ToleratedFailureCountPath field refers to value "${text}" which is not a valid integer: $.count` });
  });
});

describe('Function: floatFromPath()', () => {
  it.each([
    [12.5, 12.5],
    ['12.5', 12.5],
    [' 7 ', 7],
    ['1e1', 10],
  ])('reads %j as %d', (value, expected) => {
    // Act & Assess
    expect(floatFromPath(runIn('JSONPath'), 'ToleratedFailurePercentagePath', '$.pct', value)).toBe(expected);
  });

  it.each([[{}], ['NoNumber'], [''], [null], [[1]]])('refuses %j as not a valid float', (value) => {
    // Act
    const error = failure(() => floatFromPath(runIn('JSONPath'), 'ToleratedFailurePercentagePath', '$.pct', value));

    // Assess
    expect(error.cause).toBe(`The ToleratedFailurePercentagePath field refers to value "${valueText(value)}" which is not a valid float: $.pct`);
  });
});

describe('Function: itemsNotAnArray()', () => {
  it.each([
    [1, 'number', '1'],
    ['s', 'string', '"s"'],
    [true, 'boolean', 'true'],
    [{ foo: 'bar' }, 'object', '{"foo":"bar"}'],
    [null, 'null', 'null'],
  ])('words JSONata Items that give %j as AWS does', (items, type, json) => {
    // Act
    const error = itemsNotAnArray(runIn('JSONata'), items, { expression: '$items' });

    // Assess
    expect(error).toMatchObject({
      error: 'States.QueryEvaluationError',
      cause: `The JSONata expression '$items' specified for the field 'Items' returned an unexpected result type. Expected 'array', but was '${type}' for value: ${json}`,
    });
  });

  it('names a context ItemsPath by its path inside the context object, as AWS does', () => {
    // Act & Assess
    expect(itemsNotAnArray(runIn('JSONPath'), {}, { path: '$$.Execution.Input' }).cause).toBe('Reference path "$.Execution.Input" must point to array.');
  });
});
