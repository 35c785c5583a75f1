import { VariableScope, variableNameProblem } from '../../../local/asl/variables';

describe('Class: VariableScope', () => {
  it('lets a nested scope read outer variables and keeps its own assignments to itself', () => {
    // Prepare
    const outer = VariableScope.root();
    outer.assign({ a: 1, b: 2 }, 'Init');
    const inner = outer.child();

    // Act
    inner.assign({ b: 20, c: 30 }, 'Inner');

    // Assess
    expect(inner.snapshot()).toEqual({ a: 1, b: 20, c: 30 });
    expect(outer.snapshot()).toEqual({ a: 1, b: 2 });
  });

  it('gives a snapshot that later assignments do not change', () => {
    // Prepare
    const scope = VariableScope.root();
    scope.assign({ x: 1 }, 'A');
    const before = scope.snapshot();

    // Act
    scope.assign({ x: 2 }, 'B');

    // Assess
    expect(before).toEqual({ x: 1 });
    expect(scope.snapshot()).toEqual({ x: 2 });
  });

  it.each([
    ['one value over 256 KiB', { big: 'x'.repeat(262_144) }, "variable 'big'"],
    ['one Assign over 256 KiB in all', { a: 'x'.repeat(140_000), b: 'y'.repeat(140_000) }, 'one Assign may set'],
  ])('refuses %s with States.DataLimitExceeded and assigns nothing', (_what, values, causePart) => {
    // Prepare
    const scope = VariableScope.root();

    // Act
    const assign = () => scope.assign(values, 'Big');

    // Assess
    expect(assign).toThrow(expect.objectContaining({ error: 'States.DataLimitExceeded', cause: expect.stringContaining(causePart) }));
    expect(scope.snapshot()).toEqual({});
  });

  it('refuses to pass 10 MiB of variables in one execution, counting nested scopes', () => {
    // Prepare
    const root = VariableScope.root();
    const chunk = 'x'.repeat(200_000);
    for (let index = 0; index < 52; index += 1) root.child().assign({ [`v${index}`]: chunk }, `S${index}`);

    // Act
    const assign = () => root.child().assign({ last: chunk }, 'Last');

    // Assess
    expect(assign).toThrow(expect.objectContaining({ error: 'States.DataLimitExceeded' }));
  });

  it('stops counting the variables of a nested scope once it is released', () => {
    // Prepare
    const root = VariableScope.root();
    const chunk = 'x'.repeat(200_000);

    // Act
    for (let index = 0; index < 100; index += 1) {
      const iteration = root.child();
      iteration.assign({ item: chunk }, `Iteration ${index}`);
      iteration.release();
    }

    // Assess
    expect(() => root.assign({ after: chunk }, 'After')).not.toThrow();
  });
});

describe('Function: variableNameProblem()', () => {
  it.each([
    ['customerId', undefined],
    ['_x1', undefined],
    ['states', "'states' is reserved"],
    ['1x', 'must start with a letter'],
    ['a.b', 'must start with a letter'],
    ['v'.repeat(81), 'longer than 80'],
  ])('checks %j', (name, problem) => {
    // Act
    const result = variableNameProblem(name);

    // Assess
    if (problem === undefined) expect(result).toBeUndefined();
    else expect(result).toContain(problem);
  });
});
