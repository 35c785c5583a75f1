import { join } from 'node:path';

import { analyzeUnit, createUnitSandbox } from 'analysis-engine';
import type { Unit, UnitSandbox } from 'analysis-engine';

import { exponentialJoinSelect, longReport, nestedIfs } from '../../../../bench/corpus/hostile/sources';
import type { HostileSource } from '../../../../bench/corpus/hostile/sources';
import { loadAbapGitUnits } from '../support/abapGitUnits';
import { buildTestLayer } from '../support/layerBundle';
import { CRASH_MARK, writeCrashingWorker } from '../support/crashingSandboxWorker';

const EXAMPLE = join(__dirname, '..', '..', '..', '..', 'examples', 'abap-erp-custom');

const hostileUnit = (source: HostileSource): Unit => ({
  unitId: source.path,
  language: 'abap',
  objectType: 'PROG',
  path: source.path,
  files: [{ path: source.path, name: 'zhostile.prog.abap', text: source.text }],
  loc: source.text.split('\n').length,
});
const script = (path: string, text: string): Unit => ({ unitId: path, language: 'javascript', path, files: [{ path, text }], loc: 1 });

describe('Function: createUnitSandbox()', () => {
  let layer: Awaited<ReturnType<typeof buildTestLayer>>;
  const sandboxes: UnitSandbox[] = [];
  const sandbox = (options: Parameters<typeof createUnitSandbox>[0]): UnitSandbox => {
    const created = createUnitSandbox({ entry: layer.file, ...options });
    sandboxes.push(created);
    return created;
  };

  beforeAll(async () => {
    layer = await buildTestLayer();
  }, 120_000);

  afterAll(async () => {
    await Promise.all(sandboxes.map((created) => created.close()));
    layer.remove();
  });

  it('analyses every innocent unit of a batch exactly as alone, next to units that hang and crash', async () => {
    // Prepare: real programs around a SELECT that never finishes and a nesting that overflows the parser's stack
    const innocent = loadAbapGitUnits(EXAMPLE).slice(0, 3);
    const angular = script('app/one-line.js', "angular.module('m', []).controller('C', function ($scope, constructor) { $scope.toString(); });");
    const batch = [innocent[0], hostileUnit(exponentialJoinSelect()), innocent[1], hostileUnit(nestedIfs()), angular, innocent[2]];
    const subject = sandbox({ memoryBudgetMb: 512 });

    // Act: the hanging unit gets 3 s, the others the default
    const results = await Promise.all(batch.map((unit) => subject.analyze(unit, unit.unitId === 'src/zjoin_select.abap' ? { timeBudgetMs: 3_000 } : {})));

    // Assess
    expect(results.map((result) => result.notAnalyzed?.code)).toEqual([undefined, 'time-budget', undefined, 'too-large', undefined, undefined]);
    expect(results[1].notAnalyzed?.message).toMatch(/longer than its budget of 3 s/);
    for (const index of [0, 2, 4, 5]) expect(results[index]).toEqual(analyzeUnit(batch[index]));
    expect(subject.stats()).toMatchObject({ workersStarted: 2, unitsAnalysed: 5, timeBudget: 1, memoryBudget: 0, crashed: 0, retriedAlone: 0 });
  }, 120_000);

  it('stops a unit at the memory budget and analyses the next one in a fresh worker', async () => {
    // Prepare
    const subject = sandbox({ memoryBudgetMb: 48 });
    const small = loadAbapGitUnits(EXAMPLE)[0];

    // Act
    const stopped = await subject.analyze(hostileUnit(longReport()));
    const next = await subject.analyze(small);

    // Assess
    expect(stopped.notAnalyzed).toEqual({ code: 'memory-budget', message: 'The analysis needed more than its memory budget of 48 MiB and was stopped' });
    expect(stopped).toMatchObject({ unitId: 'src/zlong_report.abap', findings: [], effortMinutes: 0 });
    expect(next).toEqual(analyzeUnit(small));
    expect(subject.stats()).toMatchObject({ workersStarted: 2, memoryBudget: 1 });
  }, 120_000);

  it('sends waiting units in groups and answers each one exactly as alone', async () => {
    // Prepare: real programs and scripts, handed over at once
    const units = [...loadAbapGitUnits(EXAMPLE).slice(0, 4), script('app/a.js', "angular.module('a', []);"), script('app/b.js', "angular.module('b', []).controller('B', function ($scope) {});")];
    const subject = sandbox({ memoryBudgetMb: 512, groupMaxUnits: 4 });

    // Act
    const results = await Promise.all(units.map((unit) => subject.analyze(unit)));

    // Assess: two messages for six units, and nothing differs from analysing each alone
    results.forEach((result, index) => expect(result).toEqual(analyzeUnit(units[index])));
    expect(subject.stats()).toMatchObject({ workersStarted: 1, unitsAnalysed: 6, groups: 2, retriedAlone: 0 });
  }, 120_000);

  it('sends one unit per message with groupMaxUnits 1', async () => {
    // Prepare
    const units = [script('app/a.js', 'var a = 1;'), script('app/b.js', 'var b = 2;'), script('app/c.js', 'var c = 3;')];
    const subject = sandbox({ memoryBudgetMb: 256, groupMaxUnits: 1 });

    // Act
    const results = await Promise.all(units.map((unit) => subject.analyze(unit)));

    // Assess
    results.forEach((result, index) => expect(result).toEqual(analyzeUnit(units[index])));
    expect(subject.stats()).toMatchObject({ unitsAnalysed: 3, groups: 3 });
  }, 60_000);

  it('stops only the runaway unit of a group; the units before and after it keep their analyses', async () => {
    // Prepare: a SELECT that never finishes in the middle of one group of real programs
    const innocent = loadAbapGitUnits(EXAMPLE).filter((unit) => analyzeUnit(unit).findings.length > 0).slice(0, 4);
    const runaway = hostileUnit(exponentialJoinSelect());
    const group = [innocent[0], innocent[1], runaway, innocent[2], innocent[3]];
    const subject = sandbox({ memoryBudgetMb: 512 });
    await subject.warm();

    // Act
    const results = await Promise.all(group.map((unit) => subject.analyze(unit, unit === runaway ? { timeBudgetMs: 2_000 } : {})));

    // Assess: one message for the whole group, the rest went on in the fresh worker
    expect(results.map((result) => result.notAnalyzed?.code)).toEqual([undefined, undefined, 'time-budget', undefined, undefined]);
    for (const index of [0, 1, 3, 4]) {
      expect(results[index]).toEqual(analyzeUnit(group[index]));
      expect(results[index].findings.length).toBeGreaterThan(0);
    }
    expect(subject.stats()).toMatchObject({ workersStarted: 2, unitsAnalysed: 4, timeBudget: 1, groups: 2, retriedAlone: 0 });
  }, 120_000);

  it('ends the units of a group at their shared deadline: the ones before it keep their analyses, the rest are not started', async () => {
    // Prepare: a runaway unit whose own budget is longer than the deadline it shares with the units queued after it
    const innocent = loadAbapGitUnits(EXAMPLE).filter((unit) => analyzeUnit(unit).findings.length > 0).slice(0, 3);
    const runaway = hostileUnit(exponentialJoinSelect());
    const group = [innocent[0], runaway, innocent[1], innocent[2]];
    const subject = sandbox({ memoryBudgetMb: 512 });
    await subject.warm();
    const deadline = Date.now() + 2_000;

    // Act
    const results = await Promise.all(group.map((unit) => subject.analyze(unit, { timeBudgetMs: 60_000, deadline })));

    // Assess: the first unit's findings; the runaway unit stopped at the deadline; the units after it never sent again
    expect(results[0]).toEqual(analyzeUnit(group[0]));
    expect(results.slice(1).map((result) => result.notAnalyzed?.code)).toEqual(['time-budget', 'time-budget', 'time-budget']);
    expect(results[2].notAnalyzed?.message).toMatch(/ran out before its analysis ended; it is analysed in the next run/);
    expect(subject.stats()).toMatchObject({ unitsAnalysed: 1, timeBudget: 3, groups: 1 });
  }, 120_000);

  it('tries a unit that exhausts the memory of its group’s worker again alone, and only it ends memory-budget', async () => {
    // Prepare: a program too large for a 48 MiB heap between two small ones
    const small = loadAbapGitUnits(EXAMPLE).slice(0, 2);
    const heavy = hostileUnit(longReport());
    const subject = sandbox({ memoryBudgetMb: 48 });
    await subject.warm();

    // Act
    const results = await Promise.all([small[0], heavy, small[1]].map((unit) => subject.analyze(unit)));

    // Assess: the heavy unit failed twice (in the group, then alone); its neighbours are analysed as alone
    expect(results.map((result) => result.notAnalyzed?.code)).toEqual([undefined, 'memory-budget', undefined]);
    expect(results[0]).toEqual(analyzeUnit(small[0]));
    expect(results[2]).toEqual(analyzeUnit(small[1]));
    expect(subject.stats()).toMatchObject({ memoryBudget: 1, retriedAlone: 1, workersStarted: 3 });
  }, 120_000);

  it('fails only the unit that ends its group’s worker; the others have their findings', async () => {
    // Prepare: the real layer whose JavaScript analyzer ends the thread on one marked script, amid real units
    const subject = sandbox({ memoryBudgetMb: 256, entry: writeCrashingWorker(layer.file, layer.dir) });
    const program = loadAbapGitUnits(EXAMPLE).find((unit) => analyzeUnit(unit).findings.length > 0)!;
    const units = [
      script('app/before.js', "angular.module('m', []).controller('C', function ($scope) { $scope.$broadcast('x'); });"),
      program,
      script('app/crash.js', `${CRASH_MARK} var x = 1;`),
      script('app/after.js', "angular.module('n', []).controller('D', function ($scope) { $scope.$emit('y'); });"),
    ];

    // Act
    const results = await Promise.all(units.map((unit) => subject.analyze(unit)));

    // Assess
    expect(results.map((result) => result.notAnalyzed?.code)).toEqual([undefined, undefined, 'analyzer-error', undefined]);
    for (const index of [0, 1, 3]) {
      expect(results[index]).toEqual(analyzeUnit(units[index]));
      expect(results[index].findings.length).toBeGreaterThan(0);
    }
    expect(subject.stats()).toMatchObject({ crashed: 1, retriedAlone: 1 });
  }, 120_000);

  it('ends a unit whose worker exits as analyzer-error, without an internal name', async () => {
    // Prepare
    const subject = createUnitSandbox({ memoryBudgetMb: 64, entry: join(__dirname, '..', 'support', 'exitingSandboxWorker.js') });
    sandboxes.push(subject);

    // Act
    const result = await subject.analyze(script('app/a.js', 'var a = 1;'));

    // Assess
    expect(result.notAnalyzed).toEqual({ code: 'analyzer-error', message: 'The analyzer stopped unexpectedly on this unit; none of its findings are listed' });
    expect(subject.stats().crashed).toBe(1);
  }, 60_000);

  it('refuses a malformed unit without using the worker', async () => {
    // Prepare
    const subject = sandbox({ memoryBudgetMb: 64 });

    // Act + Assess
    await expect(subject.analyze({ unitId: 'x', language: 'cobol' })).rejects.toMatchObject({ name: 'InvalidUnitError', field: 'language' });
    expect(subject.stats().workersStarted).toBe(0);
  });

  it('reports a worker that cannot start as SandboxStartError', async () => {
    // Prepare
    const subject = sandbox({ memoryBudgetMb: 64, entry: join(layer.dir, 'missing.js') });

    // Act + Assess
    await expect(subject.analyze(script('app/a.js', 'var a = 1;'))).rejects.toMatchObject({ name: 'SandboxStartError' });
  }, 60_000);

  it('runs its worker from the TypeScript sources when no bundle is given', async () => {
    // Prepare
    const subject = createUnitSandbox({ memoryBudgetMb: 512 });
    sandboxes.push(subject);
    const unit = script('app/main.js', "angular.module('shop', []).controller('Main', function ($scope) {});");

    // Act
    const result = await subject.analyze(unit);

    // Assess
    expect(result).toEqual(analyzeUnit(unit));
  }, 120_000);
});
