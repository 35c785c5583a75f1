/**
 * Errors of the service-integration area that are not ASL errors: problems with a mock configuration file or with
 * the test case a run asks for. They are raised while setting a run up, before any state executes, so they are plain
 * errors and not StatesErrors (a failing Task reports a StatesError from local/asl/errors.ts instead).
 */

/** One problem found in a mock configuration, with the JSONPath-like location it was found at. */
type MockConfigProblem = {
  /** Where the problem is, for example `$.MockedResponses.LambdaRetry['1-2'].Throw.Error`. */
  path: string;
  /** What is wrong there. */
  message: string;
};

/** Base class of this area's errors. */
class IntegrationsError extends Error {
  public constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'IntegrationsError';
  }
}

/**
 * A mock configuration (the format of AWS Step Functions Local's MockConfigFile.json) failed validation; `problems`
 * lists every problem found, each with its path.
 */
class MockConfigError extends IntegrationsError {
  public readonly problems: readonly MockConfigProblem[];

  public constructor(problems: readonly MockConfigProblem[], options?: { cause?: unknown }) {
    super(
      `Invalid mock configuration (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n` +
        problems.map((problem) => `  ${problem.path}: ${problem.message}`).join('\n'),
      options,
    );
    this.name = 'MockConfigError';
    this.problems = problems;
  }
}

/** The mock configuration has no entry under `StateMachines` for the state machine a run asked for. */
class MockStateMachineNotFoundError extends IntegrationsError {
  public readonly stateMachineName: string;
  public readonly knownStateMachines: readonly string[];

  public constructor(stateMachineName: string, knownStateMachines: readonly string[], options?: { cause?: unknown }) {
    super(
      `The mock configuration has no state machine named '${stateMachineName}' under StateMachines ` +
        `(it has: ${knownStateMachines.length > 0 ? knownStateMachines.join(', ') : 'none'})`,
      options,
    );
    this.name = 'MockStateMachineNotFoundError';
    this.stateMachineName = stateMachineName;
    this.knownStateMachines = knownStateMachines;
  }
}

/** The state machine's entry in the mock configuration has no test case of the name a run asked for. */
class MockTestCaseNotFoundError extends IntegrationsError {
  public readonly stateMachineName: string;
  public readonly testCase: string;
  public readonly knownTestCases: readonly string[];

  public constructor(
    stateMachineName: string,
    testCase: string,
    knownTestCases: readonly string[],
    options?: { cause?: unknown },
  ) {
    super(
      `The mock configuration has no test case '${testCase}' for state machine '${stateMachineName}' ` +
        `(it has: ${knownTestCases.length > 0 ? knownTestCases.join(', ') : 'none'})`,
      options,
    );
    this.name = 'MockTestCaseNotFoundError';
    this.stateMachineName = stateMachineName;
    this.testCase = testCase;
    this.knownTestCases = knownTestCases;
  }
}

export { IntegrationsError, MockConfigError, MockStateMachineNotFoundError, MockTestCaseNotFoundError };
export type { MockConfigProblem };
