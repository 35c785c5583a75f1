import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import validator from 'asl-validator';
import { aslValidatorProblems } from '../../../local/asl/aslValidator';

const root = join(__dirname, '..', '..', '..');

/** The first conformance case of every feature folder: valid definitions. */
const validDefinitions = (): [string, unknown][] =>
  readdirSync(join(root, 'tests', 'asl'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && entry.name !== 'helpers')
    .map((entry): [string, unknown] => {
      const file = join(root, 'tests', 'asl', entry.name, 'case001.json');
      return [`tests/asl/${entry.name}/case001.json`, (JSON.parse(readFileSync(file, 'utf8')) as { definition: unknown }).definition];
    });

/** The application's workflows as written, before DefinitionSubstitutions (a `${…}` number is refused). */
const workflows = (): [string, unknown][] =>
  readdirSync(join(root, 'statemachines')).map((name): [string, unknown] => [`statemachines/${name}`, JSON.parse(readFileSync(join(root, 'statemachines', name), 'utf8'))]);

const pass = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({ Type: 'Pass', End: true, ...extra });

/** Definitions asl-validator refuses, one problem family each. */
const invalidDefinitions: [string, unknown][] = [
  ['a state without Next or End', { StartAt: 'A', States: { A: { Type: 'Pass' } } }],
  ['an unknown state type', { StartAt: 'A', States: { A: { Type: 'Sleep', End: true } } }],
  ['a ResultPath that is not a path', { StartAt: 'A', States: { A: pass({ ResultPath: 'result' }) } }],
  ['an InputPath with a bad filter', { StartAt: 'A', States: { A: pass({ InputPath: '$.a[?(@.b ==]' }) } }],
  ['a JSONata expression that does not parse', { QueryLanguage: 'JSONata', StartAt: 'A', States: { A: pass({ Output: '{% $states.input. %}' }) } }],
  ['a Next to a missing state', { StartAt: 'A', States: { A: { Type: 'Pass', Next: 'B' } } }],
  ['a state nothing reaches and no terminal state', { StartAt: 'A', States: { A: { Type: 'Pass', Next: 'A' }, B: { Type: 'Pass', Next: 'A' } } }],
  ['the same state name in two branches', {
    StartAt: 'P',
    States: { P: { Type: 'Parallel', End: true, Branches: [{ StartAt: 'X', States: { X: pass() } }, { StartAt: 'X', States: { X: pass() } }] } },
  }],
  ['a Wait with two durations', { StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 1, SecondsPath: '$.s', End: true } } }],
  ['a Task with TimeoutSeconds and TimeoutSecondsPath', {
    StartAt: 'T',
    States: { T: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', TimeoutSeconds: 3, TimeoutSecondsPath: '$.t', End: true } },
  }],
  ['a Fail with Error and ErrorPath', { StartAt: 'F', States: { F: { Type: 'Fail', Error: 'E', ErrorPath: '$.e' } } }],
  ['a Map with both Items and ItemsPath fields of a distributed batcher', {
    StartAt: 'M',
    States: {
      M: {
        Type: 'Map',
        ItemBatcher: { MaxItemsPerBatch: 2, MaxItemsPerBatchPath: '$.n' },
        ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'EXPRESS' }, StartAt: 'P', States: { P: pass() } },
        End: true,
      },
    },
  }],
  ['a Payload Template with a duplicate field', { StartAt: 'A', States: { A: pass({ Parameters: { 'a.$': '$.x', a: 1 } }) } }],
  ['a Choice rule without a comparison', { StartAt: 'C', States: { C: { Type: 'Choice', Choices: [{ Variable: '$.a', Next: 'D' }] }, D: { Type: 'Succeed' } } }],
];

describe('Function: aslValidatorProblems()', () => {
  it.each([...validDefinitions(), ...workflows(), ...invalidDefinitions])('reports what asl-validator reports for %s', (_name, definition) => {
    // Prepare
    const options = { checkPaths: true, checkArn: false };

    // Act
    const ours = aslValidatorProblems(structuredClone(definition) as Record<string, unknown>);
    const theirs = validator(structuredClone(definition) as object, options).errors.map((error) => ({ 'Error code': error['Error code'], Message: error.Message }));

    // Assess
    expect(ours).toEqual(theirs);
  });

  it('accepts the valid definitions and refuses the invalid ones', () => {
    // Act
    const valid = validDefinitions().map(([, definition]) => aslValidatorProblems(structuredClone(definition) as Record<string, unknown>));
    const invalid = invalidDefinitions.map(([, definition]) => aslValidatorProblems(structuredClone(definition) as Record<string, unknown>));

    // Assess
    expect(valid.every((problems) => problems.length === 0)).toBe(true);
    expect(invalid.every((problems) => problems.length > 0)).toBe(true);
  });
});
