/**
 * Definition ↔ IAM: every Task of each state machine is allowed by the state machine's own policies, the Lambdas are
 * invoked through their `live` aliases, and the policies grant nothing the definition does not use.
 */
import { derivePermissions, type DerivedPermissions } from './support/definition-permissions';
import { missingPermissions, samPolicyStatements, unusedGrants, wildcardActions, type PolicyStatement } from './support/iam';
import { loadProjectManifest, loadTemplate, readDefinitionSource, refOf, resourcesOfType } from './support/project';
import { replayHappyPath } from './support/replay';
import { sampleRun } from './support/sample-run';

const template = loadTemplate();
const manifest = loadProjectManifest();
const machines = resourcesOfType(template, 'AWS::Serverless::StateMachine').map(([logicalId]) => logicalId);

type Checked = { statements: PolicyStatement[]; permissions: DerivedPermissions };
const checked = new Map<string, Checked>();

beforeAll(async () => {
  for (const logicalId of machines) {
    const machine = manifest.stateMachines.find((candidate) => candidate.logicalId === logicalId)!;
    // The analysis machine's S3 locations are built at run time: take them from its replayed happy path.
    const steps = logicalId === 'AnalysisStateMachine' ? (await replayHappyPath(JSON.parse(machine.definition), sampleRun(manifest).stubs)).steps : [];
    checked.set(logicalId, {
      statements: samPolicyStatements(template.Resources[logicalId].Properties?.Policies, logicalId, manifest),
      permissions: derivePermissions(machine, template, manifest, steps),
    });
  }
});

describe('Contract: state machine definitions ↔ IAM', () => {
  it('finds state machines to check', () => {
    expect(machines).toEqual(expect.arrayContaining(['AnalysisStateMachine', 'RecurringAnalysisStateMachine']));
  });

  it.each(machines)('%s: every Task, map reader, map writer, child execution, log delivery and trace is allowed', (logicalId) => {
    // Prepare
    const { statements, permissions } = checked.get(logicalId)!;

    // Act
    const missing = missingPermissions(statements, permissions.required);

    // Assess
    expect(permissions.required.length).toBeGreaterThan(0);
    expect(missing).toEqual([]);
  });

  it.each(machines)('%s: no policy statement grants an action the definition does not use', (logicalId) => {
    // Prepare
    const { statements, permissions } = checked.get(logicalId)!;

    // Act
    const unused = unusedGrants(statements, [...permissions.required, ...permissions.permitted]);

    // Assess
    expect(unused).toEqual([]);
  });

  it.each(machines)('%s: no policy statement has a wildcard action', (logicalId) => {
    expect(wildcardActions(checked.get(logicalId)!.statements)).toEqual([]);
  });

  it.each(machines)('%s: each invoked Lambda is the live alias of a function with its own LambdaInvokePolicy', (logicalId) => {
    // Prepare
    const resource = template.Resources[logicalId];
    const source = readDefinitionSource(manifest.stateMachines.find((machine) => machine.logicalId === logicalId)!.definitionPath);
    const substitutions = (resource.Properties?.DefinitionSubstitutions ?? {}) as Record<string, unknown>;
    const invokedKeys = [...source.matchAll(/"FunctionName":\s*"\$\{([A-Za-z0-9_]+)\}"/g)].map((match) => match[1]);
    const policyFunctions = ((resource.Properties?.Policies ?? []) as Record<string, any>[])
      .filter((policy) => 'LambdaInvokePolicy' in policy)
      .map((policy) => refOf(policy.LambdaInvokePolicy.FunctionName));

    // Act
    const targets = invokedKeys.map((key) => refOf(substitutions[key]));

    // Assess
    expect(source).not.toMatch(/"FunctionName":\s*"(?!\$\{)/);
    for (const [index, target] of targets.entries()) {
      expect(`${invokedKeys[index]} → ${target}`).toMatch(/ → [A-Za-z0-9]+Function\.Alias$/);
    }
    expect([...new Set(targets.map((target) => target!.replace(/\.Alias$/, '')))].sort()).toEqual([...policyFunctions].sort());
  });
});
