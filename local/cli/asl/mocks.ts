/**
 * Mocked responses for `asl execute`: the mock configuration file read and checked once, and the registry of one
 * test case built over the real integrations (states the test case does not name still call them).
 */
import { loadMockConfig, withMockedResponses } from '../../asl/integrations';
import type { IntegrationRegistry, MockConfig } from '../../asl/integrations';
import { SetupError } from './errors';
import { readJsonFile } from './inputs';

/** A loaded mock configuration and the file it came from. */
type LoadedMockConfig = { path: string; config: MockConfig };

/** Reads and validates a Step Functions Local mock configuration file. */
const readMockConfig = async (path: string): Promise<LoadedMockConfig> => {
  const json = await readJsonFile(path, 'mock config');
  try {
    return { path, config: loadMockConfig(json) };
  } catch (error) {
    throw new SetupError(path, (error as Error).message, { cause: error });
  }
};

/**
 * The name to look the state machine up by: the given one when the configuration has it, else the
 * configuration's only state machine (so `--state-machine` can be left out for a one-machine config).
 */
const mockStateMachineName = (mocks: LoadedMockConfig, name: string): string => {
  const names = Object.keys(mocks.config.StateMachines);
  if (names.includes(name) || names.length !== 1) return name;
  return names[0];
};

/**
 * The registry for one execution: `base`, with the test case's states answered from the configuration.
 *
 * @example
 * const registry = mockedRegistry(base, mocks, 'analysis', 'HappyPath');
 */
const mockedRegistry = (base: IntegrationRegistry, mocks: LoadedMockConfig, name: string, testCase: string): IntegrationRegistry => {
  try {
    return withMockedResponses(base, mocks.config, mockStateMachineName(mocks, name), testCase);
  } catch (error) {
    throw new SetupError(mocks.path, (error as Error).message, { cause: error });
  }
};

export { mockedRegistry, readMockConfig };
export type { LoadedMockConfig };
