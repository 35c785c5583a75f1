/**
 * A registry that answers the states a mock test case names from the mock configuration, as Step Functions Local
 * does: a mocked Task never calls the service; every invocation of the state in one execution (retries and inline
 * Map iterations included) takes the next mocked response; an invocation the configuration has no response for
 * fails the execution; a state the test case does not name falls through to the base registry.
 */
import { StatesError, StatesErrorNames } from '../../errors';
import { MockStateMachineNotFoundError, MockTestCaseNotFoundError } from '../errors';
import type { IntegrationRegistry, ParsedResource, ServiceIntegration, TaskRequest } from '../types';
import { invocationRanges } from './config';
import type { InvocationRange, MockConfig } from './config';

/**
 * Wraps `base` so that the states of one test case answer from the mock configuration.
 *
 * The `Return` of a mocked response is the task result as the integration would return it (for `lambda:invoke`
 * the whole `{StatusCode, Payload, …}` object, as in the developer guide's examples); mocked integrations set
 * `completesCallback`, so a `.waitForTaskToken` state takes the mocked response as its result without waiting.
 * Invocations are counted per execution ARN and state name.
 *
 * @throws MockStateMachineNotFoundError or MockTestCaseNotFoundError when the configuration lacks the names.
 * @example
 * const registry = withMockedResponses(createIntegrationRegistry(options), loadMockConfig(json), 'Analysis', 'HappyPath');
 */
const withMockedResponses = (
  base: IntegrationRegistry | undefined,
  config: MockConfig,
  stateMachineName: string,
  testCase: string,
): IntegrationRegistry => {
  const machine = Object.hasOwn(config.StateMachines, stateMachineName) ? config.StateMachines[stateMachineName] : undefined;
  if (machine === undefined) throw new MockStateMachineNotFoundError(stateMachineName, Object.keys(config.StateMachines));
  const states = Object.hasOwn(machine.TestCases, testCase) ? machine.TestCases[testCase] : undefined;
  if (states === undefined) {
    throw new MockTestCaseNotFoundError(stateMachineName, testCase, Object.keys(machine.TestCases));
  }

  const rangesByResponse = new Map<string, InvocationRange[]>();
  for (const responseName of new Set(Object.values(states))) {
    rangesByResponse.set(responseName, invocationRanges(config.MockedResponses[responseName] ?? {}).ranges);
  }
  const invocations = new Map<string, number>();

  const mocked = (stateName: string, responseName: string): ServiceIntegration => ({
    completesCallback: true,
    async invoke(request: TaskRequest): Promise<unknown> {
      const counterKey = `${request.context.executionArn}\u0000${stateName}`;
      const invocation = invocations.get(counterKey) ?? 0;
      invocations.set(counterKey, invocation + 1);
      const range = rangesByResponse.get(responseName)?.find(({ from, to }) => invocation >= from && invocation <= to);
      if (range === undefined) {
        throw new StatesError(
          StatesErrorNames.Runtime,
          `The mocked response '${responseName}' of state '${stateName}' (test case '${testCase}') has no response ` +
            `for invocation ${invocation}`,
        );
      }
      if ('Throw' in range.response) throw new StatesError(range.response.Throw.Error, range.response.Throw.Cause);
      return structuredClone(range.response.Return);
    },
  });

  const integrations = new Map(Object.entries(states).map(([stateName, responseName]) => [stateName, mocked(stateName, responseName)]));

  return {
    resolve(resource: ParsedResource, stateName: string, executionArn: string): ServiceIntegration | undefined {
      return integrations.get(stateName) ?? base?.resolve(resource, stateName, executionArn);
    },
  };
};

export { withMockedResponses };
