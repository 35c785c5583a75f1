/**
 * Mock configurations in the format of AWS Step Functions Local's `MockConfigFile.json` (developer guide,
 * "Configuration file for mocked service integrations"):
 *
 * ```json
 * { "StateMachines": { "<name>": { "TestCases": { "<case>": { "<StateName>": "<MockedResponseName>" } } } },
 *   "MockedResponses": { "<MockedResponseName>": { "0": { "Return": … }, "1-2": { "Throw": { "Error": …, "Cause": … } } } } }
 * ```
 *
 * Keys of a mocked response are invocation numbers from 0 ("0") or inclusive ranges ("1-2"); "you must specify a
 * mocked response for every invocation", so the keys must cover 0…n without gaps or overlaps. Each entry holds
 * exactly one of `Return` (the task result) or `Throw` (`Error` and `Cause` strings).
 */
import { MockConfigError } from '../errors';
import type { MockConfigProblem } from '../errors';

/** One mocked answer: a result, or an error. */
type MockedResponse = { Return: unknown } | { Throw: { Error: string; Cause: string } };

/** A validated mock configuration, in the file's own shape. */
type MockConfig = {
  StateMachines: Record<string, { TestCases: Record<string, Record<string, string>> }>;
  MockedResponses: Record<string, Record<string, MockedResponse>>;
};

/** One key of a mocked response, parsed: the invocations `from`…`to` (inclusive) answer with `response`. */
type InvocationRange = { key: string; from: number; to: number; response: MockedResponse };

type JsonObject = Record<string, unknown>;

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const kindOf = (value: unknown): string =>
  value === undefined ? 'nothing' : value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`;

/** `$.a.b['1-2']`: dotted where the key is an identifier, bracketed otherwise. */
const child = (path: string, key: string): string =>
  /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? `${path}.${key}` : `${path}['${key.replace(/'/g, "\\'")}']`;

const RANGE_KEY = /^(0|[1-9]\d*)(?:-(0|[1-9]\d*))?$/;

/**
 * Parses the keys of one mocked response into sorted ranges, or reports why they are not usable.
 *
 * @example
 * invocationRanges({ '0': { Return: 1 }, '1-2': { Return: 2 } }); // { ranges: [{ from: 0, to: 0, … }, { from: 1, to: 2, … }], problems: [] }
 */
const invocationRanges = (
  responses: Record<string, unknown>,
  path = '$',
): { ranges: InvocationRange[]; problems: MockConfigProblem[] } => {
  const problems: MockConfigProblem[] = [];
  const ranges: InvocationRange[] = [];
  for (const [key, response] of Object.entries(responses)) {
    const match = RANGE_KEY.exec(key);
    if (match === null) {
      problems.push({
        path: child(path, key),
        message: `'${key}' is not an invocation number ("0", "1", …) or an inclusive range ("1-2")`,
      });
      continue;
    }
    const from = Number(match[1]);
    const to = match[2] === undefined ? from : Number(match[2]);
    if (to < from) {
      problems.push({ path: child(path, key), message: `the range '${key}' ends before it starts` });
      continue;
    }
    ranges.push({ key, from, to, response: response as MockedResponse });
  }
  ranges.sort((a, b) => a.from - b.from);
  let next = 0;
  for (const range of ranges) {
    if (range.from < next) {
      problems.push({ path: child(path, range.key), message: `invocation ${range.from} is already covered by another key` });
    } else if (range.from > next) {
      problems.push({
        path,
        message: `no response for invocation${range.from - next === 1 ? '' : 's'} ${next}${
          range.from - next === 1 ? '' : `-${range.from - 1}`
        }: every invocation up to the last one mocked needs a response`,
      });
    }
    next = Math.max(next, range.to + 1);
  }
  return { ranges, problems };
};

const checkResponse = (value: unknown, path: string, problems: MockConfigProblem[]): void => {
  if (!isObject(value)) {
    problems.push({ path, message: `expected an object with Return or Throw, got ${kindOf(value)}` });
    return;
  }
  const keys = Object.keys(value);
  const unknown = keys.filter((key) => key !== 'Return' && key !== 'Throw');
  for (const key of unknown) problems.push({ path: child(path, key), message: 'unknown field (expected Return or Throw)' });
  const hasReturn = 'Return' in value;
  const hasThrow = 'Throw' in value;
  if (hasReturn && hasThrow) problems.push({ path, message: 'has both Return and Throw; a response is one or the other' });
  if (!hasReturn && !hasThrow) problems.push({ path, message: 'has neither Return nor Throw' });
  if (!hasThrow) return;
  const thrown = value.Throw;
  const throwPath = child(path, 'Throw');
  if (!isObject(thrown)) {
    problems.push({ path: throwPath, message: `expected an object with Error and Cause, got ${kindOf(thrown)}` });
    return;
  }
  for (const key of Object.keys(thrown)) {
    if (key !== 'Error' && key !== 'Cause') problems.push({ path: child(throwPath, key), message: 'unknown field (expected Error or Cause)' });
  }
  if (typeof thrown.Error !== 'string' || thrown.Error === '') {
    problems.push({ path: child(throwPath, 'Error'), message: 'must be a non-empty string (the error name Retry and Catch match)' });
  }
  if (typeof thrown.Cause !== 'string') problems.push({ path: child(throwPath, 'Cause'), message: 'must be a string' });
};

const checkMockedResponses = (value: unknown, problems: MockConfigProblem[]): void => {
  const path = '$.MockedResponses';
  if (!isObject(value)) {
    problems.push({ path, message: `expected an object of mocked responses, got ${kindOf(value)}` });
    return;
  }
  for (const [name, responses] of Object.entries(value)) {
    const responsePath = child(path, name);
    if (!isObject(responses) || Object.keys(responses).length === 0) {
      problems.push({ path: responsePath, message: 'expected a non-empty object keyed by invocation number or range' });
      continue;
    }
    problems.push(...invocationRanges(responses, responsePath).problems);
    for (const [key, response] of Object.entries(responses)) checkResponse(response, child(responsePath, key), problems);
  }
};

const checkStateMachines = (value: unknown, mockedResponses: unknown, problems: MockConfigProblem[]): void => {
  const path = '$.StateMachines';
  if (!isObject(value)) {
    problems.push({ path, message: `expected an object of state machines, got ${kindOf(value)}` });
    return;
  }
  const known = isObject(mockedResponses) ? mockedResponses : {};
  for (const [name, machine] of Object.entries(value)) {
    const machinePath = child(path, name);
    if (!isObject(machine)) {
      problems.push({ path: machinePath, message: `expected an object with TestCases, got ${kindOf(machine)}` });
      continue;
    }
    for (const key of Object.keys(machine)) {
      if (key !== 'TestCases') problems.push({ path: child(machinePath, key), message: 'unknown field (expected TestCases)' });
    }
    const testCasesPath = child(machinePath, 'TestCases');
    if (!isObject(machine.TestCases)) {
      problems.push({ path: testCasesPath, message: `expected an object of test cases, got ${kindOf(machine.TestCases)}` });
      continue;
    }
    for (const [testCase, states] of Object.entries(machine.TestCases)) {
      const casePath = child(testCasesPath, testCase);
      if (!isObject(states)) {
        problems.push({ path: casePath, message: `expected an object of state name → mocked response name, got ${kindOf(states)}` });
        continue;
      }
      for (const [stateName, responseName] of Object.entries(states)) {
        const statePath = child(casePath, stateName);
        if (typeof responseName !== 'string') {
          problems.push({ path: statePath, message: `expected the name of a mocked response, got ${kindOf(responseName)}` });
        } else if (!(responseName in known)) {
          problems.push({ path: statePath, message: `names the mocked response '${responseName}', which MockedResponses does not define` });
        }
      }
    }
  }
};

/**
 * Validates a mock configuration (parsed JSON, or the JSON text itself) and returns it typed.
 *
 * @throws MockConfigError listing every problem with its path.
 * @example
 * const config = loadMockConfig(JSON.parse(readFileSync('MockConfigFile.json', 'utf8')));
 */
const loadMockConfig = (json: unknown): MockConfig => {
  let value = json;
  if (typeof json === 'string') {
    try {
      value = JSON.parse(json) as unknown;
    } catch (error) {
      throw new MockConfigError([{ path: '$', message: `not valid JSON: ${(error as Error).message}` }], { cause: error });
    }
  }
  if (!isObject(value)) {
    throw new MockConfigError([{ path: '$', message: `expected an object with StateMachines and MockedResponses, got ${kindOf(value)}` }]);
  }
  const problems: MockConfigProblem[] = [];
  for (const key of Object.keys(value)) {
    if (key !== 'StateMachines' && key !== 'MockedResponses') {
      problems.push({ path: child('$', key), message: 'unknown field (expected StateMachines and MockedResponses)' });
    }
  }
  checkStateMachines(value.StateMachines, value.MockedResponses, problems);
  checkMockedResponses(value.MockedResponses, problems);
  if (problems.length > 0) throw new MockConfigError(problems);
  return value as MockConfig;
};

export { invocationRanges, loadMockConfig };
export type { InvocationRange, MockConfig, MockedResponse };
