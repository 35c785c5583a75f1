/**
 * One set of id rules: the API's patterns, the state machines' input checks and functions/lib/ids.ts (which the
 * functions and the CLI use) are the same, and the execution name they make is unique and fits Step Functions.
 */
import { CUSTOMER_ID_PATTERN, MAX_EXECUTION_NAME_LENGTH, RUN_ID_PATTERN, executionName } from '../../functions/lib/ids';
import { loadOpenApi, loadProjectManifest } from './support/project';

const manifest = loadProjectManifest();
const openapi = loadOpenApi(manifest);
const definitionOf = (logicalId: string): string => manifest.stateMachines.find((machine) => machine.logicalId === logicalId)!.definition;

/** The longest valid ids, and pairs whose joined text is the same with a separator an id may hold. */
const LONGEST_CUSTOMER = `a${'b'.repeat(38)}c`;
const LONGEST_RUN = `r${'1'.repeat(38)}`;

describe('Contract: ids ↔ API ↔ definitions', () => {
  it('takes the API path patterns of customerId and runId from functions/lib/ids.ts', () => {
    // Prepare
    const parameters = openapi.components.parameters as Record<string, { schema: { pattern: string } }>;

    // Assess
    expect(parameters.customerId.schema.pattern).toBe(CUSTOMER_ID_PATTERN.source);
    expect(parameters.runId.schema.pattern).toBe(RUN_ID_PATTERN.source);
  });

  it('takes the runId of POST analyses from the same pattern', () => {
    const schema = openapi.components.schemas.StartAnalysisRequest as { properties: { runId: { pattern: string } } };

    expect(schema.properties.runId.pattern).toBe(RUN_ID_PATTERN.source);
  });

  it.each([
    ['AnalysisStateMachine', 2],
    ['RecordRunOutcomeStateMachine', 1],
  ])('checks ids in %s with the same patterns', (logicalId, atLeast) => {
    // Prepare
    const definition = definitionOf(logicalId);

    // Assess
    expect(definition.split(`/${CUSTOMER_ID_PATTERN.source}/`).length - 1).toBeGreaterThanOrEqual(atLeast);
    expect(definition.split(`/${RUN_ID_PATTERN.source}/`).length - 1).toBeGreaterThanOrEqual(atLeast);
  });

  it('names the longest valid pair within the 80 characters Step Functions allows', () => {
    // Act
    const name = executionName(LONGEST_CUSTOMER, LONGEST_RUN);

    // Assess
    expect(CUSTOMER_ID_PATTERN.test(LONGEST_CUSTOMER) && RUN_ID_PATTERN.test(LONGEST_RUN)).toBe(true);
    expect(name.length).toBeLessThanOrEqual(MAX_EXECUTION_NAME_LENGTH);
    expect(RUN_ID_PATTERN.test(`${LONGEST_RUN}x`)).toBe(false);
  });

  it('gives different pairs different names, where a dash separator would not', () => {
    // Prepare
    const pairs: [string, string][] = [
      ['alpha-co', 'x-1'],
      ['alpha-co-x', '1'],
      ['alpha-co', 'x_1'],
      ['alpha', 'co-x_1'],
      ['abc', 'd-e-f'],
      ['abc-d', 'e-f'],
      ['abc-d-e', 'f'],
    ];

    // Act
    const names = pairs.map(([customerId, runId]) => executionName(customerId, runId));

    // Assess
    expect(new Set(names).size).toBe(pairs.length);
    expect(new Set(pairs.map(([customerId, runId]) => `${customerId}-${runId}`)).size).toBeLessThan(pairs.length);
  });

  it('refuses to name a run of ids the API refuses', () => {
    expect(() => executionName('Upper_Case', 'r1')).toThrow(/customerId: must be 3-40 lower-case/);
    expect(() => executionName('acme', '../../other/zz')).toThrow(/runId: must be 1-39/);
  });
});
