/**
 * Template ↔ definitions: each state machine's definition file exists, is valid ASL once its `${Substitutions}` are
 * applied (asl-validator), and its placeholders and the template's DefinitionSubstitutions match one for one.
 */
import validator from 'asl-validator';
import { loadProjectManifest, loadTemplate, readDefinitionSource, resourcesOfType } from './support/project';

const template = loadTemplate();
const manifest = loadProjectManifest();
const machines = resourcesOfType(template, 'AWS::Serverless::StateMachine').map(([logicalId]) => logicalId);
const machineOf = (logicalId: string) => manifest.stateMachines.find((machine) => machine.logicalId === logicalId)!;

/** `${Name}` placeholders of a definition file; `${!Literal}` is CloudFormation's escape and not one. */
const placeholders = (source: string): string[] => [...new Set([...source.matchAll(/\$\{([A-Za-z0-9_]+)\}/g)].map((match) => match[1]))].sort();

describe('Contract: template ↔ state machine definitions', () => {
  it('finds the state machines of the template in the manifest', () => {
    expect(manifest.stateMachines.map((machine) => machine.logicalId).sort()).toEqual([...machines].sort());
  });

  it.each(machines)('%s: the substituted definition is valid ASL', (logicalId) => {
    // Prepare
    const definition = JSON.parse(machineOf(logicalId).definition) as object;

    // Act
    const result = validator(definition);

    // Assess
    expect(result.errorsText('\n')).toBe('');
    expect(result.isValid).toBe(true);
  });

  it.each(machines)('%s: every ${X} has a DefinitionSubstitutions entry and every entry is used', (logicalId) => {
    // Prepare
    const source = readDefinitionSource(machineOf(logicalId).definitionPath);
    const declared = Object.keys((template.Resources[logicalId].Properties?.DefinitionSubstitutions ?? {}) as object).sort();

    // Act
    const used = placeholders(source);

    // Assess
    expect({ undeclared: used.filter((name) => !declared.includes(name)), unused: declared.filter((name) => !used.includes(name)) }).toEqual({
      undeclared: [],
      unused: [],
    });
  });

  it.each(machines)('%s: the definition has a Comment, a TimeoutSeconds and JSONata as its query language', (logicalId) => {
    // Prepare
    const definition = JSON.parse(machineOf(logicalId).definition) as Record<string, unknown>;

    // Assess
    expect(definition).toEqual(expect.objectContaining({ Comment: expect.any(String), TimeoutSeconds: expect.any(Number), QueryLanguage: 'JSONata' }));
  });

  it('rejects a definition whose substitution leaves a non-number where ASL needs one', () => {
    // Prepare: what asl-validator makes of a broken value proves it checks the substituted fields at all.
    const definition = JSON.parse(machineOf('AnalysisStateMachine').definition) as { States: Record<string, Record<string, unknown>> };
    const map = Object.values(definition.States).find((state) => state.Type === 'Map')!;
    map.MaxConcurrency = 'fifty';

    // Act
    const result = validator(definition);

    // Assess
    expect(result.isValid).toBe(false);
  });
});
