import { loadManifest, findFunction } from '../../../local/manifest';

describe('Function: loadManifest()', () => {
  const manifest = loadManifest('template.yaml');

  it('reads every function with its entry point, handler, timeout and environment', () => {
    const split = manifest.functions.find((fn) => fn.logicalId === 'SplitSourceFunction')!;

    expect(split.entry).toMatch(/functions\/split-source\/handler\.ts$/);
    expect(split.handlerExport).toBe('handler');
    expect(split.timeoutSeconds).toBe(900);
    expect(split.runtime).toBe('nodejs22.x');
    expect(split.environment).toMatchObject({
      TABLE_NAME: 'upgrade-impact-local-AnalysisTable',
      DATA_BUCKET: 'upgrade-impact-local-databucket',
      CUSTOMER_KEY_ALIAS_PREFIX: 'alias/upgrade-impact/customer/',
    });
    expect(split.aliasArn).toBe('arn:aws:lambda:us-east-1:000000000000:function:upgrade-impact-local-SplitSourceFunction:live');
  });

  it('applies DefinitionSubstitutions to the state machine definitions', () => {
    const analysis = manifest.stateMachines.find((sm) => sm.logicalId === 'AnalysisStateMachine')!;

    expect(analysis.definition).not.toMatch(/\$\{[A-Za-z]+\}/);
    expect(analysis.definition).toContain(analysis.substitutions.SplitSourceFunctionArn);
    expect(analysis.aliasArn).toBe(`${analysis.arn}:live`);
    expect(JSON.parse(analysis.definition).StartAt).toBe('Check input');
  });

  it('evaluates conditions from parameter overrides', () => {
    const prod = loadManifest('template.yaml', { parameters: { Stage: 'prod' } });

    expect(prod.parameters.Stage).toBe('prod');
    expect(() => loadManifest('template.yaml', { parameters: { Stage: 'qa' } })).toThrow(/Stage: qa is not one of dev, prod/);
    expect(() => loadManifest('template.yaml', { parameters: { Nope: '1' } })).toThrow(/Nope is not a template parameter/);
  });

  it('finds functions by name, logical id and qualified ARN', () => {
    const fn = manifest.functions[0];

    expect(findFunction(manifest, fn.logicalId)).toBe(fn);
    expect(findFunction(manifest, fn.functionName)).toBe(fn);
    expect(findFunction(manifest, `${fn.arn}:live`)).toBe(fn);
    expect(findFunction(manifest, 'missing')).toBeUndefined();
  });

  it('lists tables, buckets, buses, the API and the schedule with local names', () => {
    expect(manifest.tables.map((t) => t.name)).toEqual(['upgrade-impact-local-AnalysisTable']);
    expect(manifest.buckets.map((b) => b.name)).toEqual(['upgrade-impact-local-databucket']);
    expect(manifest.eventBuses.map((b) => b.name)).toEqual(['upgrade-impact-local-analysis']);
    expect(manifest.apis[0].openapiPath).toMatch(/api\/openapi\.yaml$/);
    expect(manifest.schedules[0].targetArn).toBe(manifest.stateMachines.find((sm) => sm.logicalId === 'RecurringAnalysisStateMachine')!.arn);
  });
});
