import { validateDefinition } from '../../../local/asl/validation';

const machine = (states: Record<string, unknown>, top: Record<string, unknown> = {}) => JSON.stringify({ StartAt: Object.keys(states)[0], States: states, ...top });

describe('Function: validateDefinition()', () => {
  it('accepts a JSONata machine with a Distributed Map, literal Outputs and Choice rule Assign', () => {
    // Prepare
    const text = machine(
      {
        Route: { Type: 'Choice', Choices: [{ Condition: '{% $states.input.n > 1 %}', Assign: { many: true }, Output: 'many', Next: 'Each' }], Default: 'Done' },
        Each: {
          Type: 'Map',
          Items: '{% $states.input.items %}',
          ItemBatcher: { MaxItemsPerBatch: '{% 10 %}', BatchInput: { a: '{% 1 %}' } },
          ToleratedFailurePercentage: 5,
          ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'EXPRESS' }, StartAt: 'P', States: { P: { Type: 'Pass', Output: 1, End: true } } },
          Next: 'Done',
        },
        Done: { Type: 'Succeed', Output: [1, 2] },
      },
      { QueryLanguage: 'JSONata' },
    );

    // Act
    const { definition, problems } = validateDefinition(text);

    // Assess
    expect(problems).toEqual([]);
    expect(definition?.StartAt).toBe('Route');
  });

  it.each([
    ['Parameters in a JSONata state', machine({ A: { Type: 'Pass', Parameters: {}, End: true } }, { QueryLanguage: 'JSONata' }), '/States/A/Parameters: Parameters can only be used in JSONPath states'],
    ['Arguments in a JSONPath state', machine({ A: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Arguments: {}, End: true } }), '/States/A/Arguments: Arguments can only be used in JSONata states'],
    ['a JSONata string where a JSONPath state needs a number', machine({ A: { Type: 'Wait', Seconds: '{% 1 %}', End: true } }), '/States/A/Seconds: must be a number in a JSONPath state'],
    ['a Condition in a JSONPath Choice', machine({ C: { Type: 'Choice', Choices: [{ Condition: '{% true %}', Next: 'D' }], Default: 'D' }, D: { Type: 'Succeed' } }), '/States/C/Choices[0]/Condition: Condition can only be used in JSONata states'],
    ['a JSONPath rule in a JSONata Choice', machine({ C: { Type: 'Choice', Choices: [{ Variable: '$.a', IsPresent: true, Next: 'D' }], Default: 'D' }, D: { Type: 'Succeed' } }, { QueryLanguage: 'JSONata' }), '/States/C/Choices[0]: Variable, IsPresent cannot be used in a JSONata Choice rule'],
    ['ResultPath on a JSONata Catch', machine({ A: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.e', Next: 'B' }], End: true }, B: { Type: 'Succeed' } }, { QueryLanguage: 'JSONata' }), '/States/A/Catch[0]/ResultPath: ResultPath can only be used in JSONPath states'],
    ['States.ALL before another retrier', machine({ A: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: {}, Retry: [{ ErrorEquals: ['States.ALL'] }, { ErrorEquals: ['X'] }], End: true } }), '/States/A/Retry[0]/ErrorEquals: States.ALL must appear alone and only in the last rule'],
    ['a negative MaxAttempts', machine({ A: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: {}, Retry: [{ ErrorEquals: ['X'], MaxAttempts: -1 }], End: true } }), '/States/A/Retry[0]/MaxAttempts: must be an integer >= 0'],
    ['a variable name with a dash', machine({ A: { Type: 'Pass', Assign: { 'my-var': 1 }, End: true } }), '/States/A/Assign/my-var: the variable name must start with a letter or _'],
    ['a Next outside the branch', machine({ P: { Type: 'Parallel', Branches: [{ StartAt: 'B', States: { B: { Type: 'Pass', Next: 'Out' } } }], Next: 'Out' }, Out: { Type: 'Succeed' } }), "/States/P/Branches[0]/States/B/Next: the state 'Out' does not exist in this state list"],
    ['a JSONata expression that does not parse', machine({ A: { Type: 'Pass', Output: { x: '{% $states.input. %}' }, End: true } }, { QueryLanguage: 'JSONata' }), '/States/A/Output/x: the JSONata expression does not parse'],
    ['a distributed Map without ExecutionType', machine({ M: { Type: 'Map', ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED' }, StartAt: 'P', States: { P: { Type: 'Pass', End: true } } }, End: true } }), '/States/M/ItemProcessor/ProcessorConfig/ExecutionType: must be STANDARD or EXPRESS'],
    ['ToleratedFailureCount on an inline JSONPath Map', machine({ M: { Type: 'Map', ToleratedFailureCount: 1, ItemProcessor: { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } }, End: true } }), '/States/M/ToleratedFailureCount: only a Map in DISTRIBUTED mode'],
    ['a legacy distributed Iterator without ExecutionType', machine({ M: { Type: 'Map', Iterator: { ProcessorConfig: { Mode: 'DISTRIBUTED' }, StartAt: 'P', States: { P: { Type: 'Pass', End: true } } }, End: true } }), '/States/M/Iterator/ProcessorConfig/ExecutionType: must be STANDARD or EXPRESS'],
    ['ItemReader on an inline Map', machine({ M: { Type: 'Map', ItemReader: { Resource: 'arn:aws:states:::s3:getObject' }, ItemProcessor: { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } }, End: true } }), '/States/M/ItemReader: only a Map in DISTRIBUTED mode'],
    ['a field the state type does not have', machine({ A: { Type: 'Pass', Catch: [{ ErrorEquals: ['States.ALL'], Next: 'A' }], End: true } }, { QueryLanguage: 'JSONata' }), '/States/A/Catch: a Pass state cannot have Catch'],
    ['a state that is neither Next nor End (asl-validator)', machine({ A: { Type: 'Pass' } }), 'TERMINAL_STATE_WITH_NEXT'],
  ])('reports %s', (_what, text, problem) => {
    // Act
    const { definition, problems } = validateDefinition(text);

    // Assess
    expect(definition).toBeUndefined();
    expect(problems.join('\n')).toContain(problem);
  });

  it.each([
    ['ToleratedFailure* on an inline JSONata Map', machine({ M: { Type: 'Map', Items: [1], ToleratedFailureCount: 1, ToleratedFailurePercentage: '{% 5 %}', ItemProcessor: { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } }, End: true } }, { QueryLanguage: 'JSONata' })],
    ['a literal true Condition', machine({ C: { Type: 'Choice', Choices: [{ Condition: true, Next: 'P' }], Default: 'P' }, P: { Type: 'Pass', End: true } }, { QueryLanguage: 'JSONata' })],
    ['a literal false Condition', machine({ C: { Type: 'Choice', Choices: [{ Condition: false, Next: 'P' }], Default: 'P' }, P: { Type: 'Pass', End: true } }, { QueryLanguage: 'JSONata' })],
  ])('accepts %s, as Step Functions does', (_what, text) => {
    // Act
    const { problems } = validateDefinition(text);

    // Assess
    expect(problems).toEqual([]);
  });

  it('reports text that is not JSON', () => {
    // Act & Assess
    expect(validateDefinition('{').problems[0]).toMatch(/^The definition is not valid JSON/);
  });
});
