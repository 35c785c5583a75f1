import { executionArn, mapRunArn, nameProblem, parseStatesArn, stateMachineArn } from '../../../local/asl/arns';

const parts = { partition: 'aws', region: 'eu-west-1', accountId: '111122223333' };

describe('Function: parseStatesArn()', () => {
  it.each([
    [stateMachineArn(parts, 'analysis'), { resourceType: 'stateMachine', machineName: 'analysis' }],
    [`${stateMachineArn(parts, 'analysis')}:live`, { resourceType: 'stateMachine', machineName: 'analysis' }],
    [executionArn(parts, 'analysis', 'c1-r1', 'STANDARD'), { resourceType: 'execution', machineName: 'analysis', name: 'c1-r1' }],
    [executionArn(parts, 'analysis', 'n', 'EXPRESS'), { resourceType: 'express', machineName: 'analysis', name: 'n' }],
    [mapRunArn(parts, 'analysis', 'AnalyzeUnits', 'abc'), { resourceType: 'mapRun', machineName: 'analysis/AnalyzeUnits', name: 'abc' }],
  ])('reads %s', (arn, expected) => {
    // Act & Assess
    expect(parseStatesArn(arn)).toMatchObject({ ...expected, region: 'eu-west-1', accountId: '111122223333' });
  });

  it.each(['', 'arn:aws:states:eu-west-1:1:stateMachine:x', 'arn:aws:lambda:eu-west-1:111122223333:function:f', 'arn:aws:states:eu-west-1:111122223333:execution:only-machine'])(
    'rejects %j',
    (arn) => {
      // Act & Assess
      expect(parseStatesArn(arn)).toBeUndefined();
    },
  );
});

describe('Function: nameProblem()', () => {
  it.each([
    ['c1-r1', undefined],
    ['a'.repeat(80), undefined],
    ['a'.repeat(81), 'must be 1 to 80 characters long'],
    ['', 'must be 1 to 80 characters long'],
    ['with space', 'must not contain'],
    ['a:b', 'must not contain'],
    ['tab\tname', 'must not contain'],
  ])('checks %j', (name, problem) => {
    // Act
    const result = nameProblem(name);

    // Assess
    if (problem === undefined) expect(result).toBeUndefined();
    else expect(result).toContain(problem);
  });
});
