/**
 * The data-driven conformance suite: every tests/asl/<feature>/caseNNN.json, run on a fresh engine and checked
 * against its expected status, output or error, history event sequence (or whole history shape with the
 * previousEventId links), task arguments and assigned variables.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { assignedByState, loadCase, runCase } from './caseRunner';

const root = __dirname;
const cases = readdirSync(root)
  .filter((entry) => statSync(join(root, entry)).isDirectory())
  .flatMap((feature) =>
    readdirSync(join(root, feature))
      .filter((file) => /^case\d{3}\.json$/.test(file))
      .map((file) => [`${feature}/${file}`, join(root, feature, file)] as const),
  )
  .sort(([a], [b]) => a.localeCompare(b));

describe('Feature: ASL conformance cases', () => {
  it.each(cases)('%s', async (_name, file) => {
    // Prepare
    const testCase = loadCase(file);

    // Act
    const result = await runCase(testCase);

    // Assess
    const { expected } = testCase;
    expect({ status: result.status, error: result.error }).toEqual({ status: expected.status, error: expected.error });
    if ('output' in expected) expect(result.output).toEqual(expected.output);
    if (expected.cause !== undefined) expect(result.cause).toBe(expected.cause);
    if (expected.causeContains !== undefined) expect(result.cause).toContain(expected.causeContains);
    if (testCase.events) expect(result.events.map((event) => event.type)).toEqual(testCase.events);
    if (testCase.history) expect(result.events.map((event) => [event.type, event.previousEventId])).toEqual(testCase.history);
    if (testCase.calls) expect(result.calls).toEqual(testCase.calls);
    if (testCase.assigned) expect(assignedByState(result.events)).toMatchObject(testCase.assigned);
  });
});
