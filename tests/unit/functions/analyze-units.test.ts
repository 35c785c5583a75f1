/**
 * analyzeUnits() with the real analysis engine, packs of units in the local S3 server and the findings cache in
 * dynalite: cache miss then hit, the integrity check of packed units, and the findings object the aggregation reads.
 */
import { analyzeUnit, getDefaultRegistry, NotAnalyzedCodes, RULE_PACK_VERSION, type NotAnalyzedCode, type Unit, type UnitAnalysis } from 'analysis-engine';
import { analyzeUnits, DEFAULT_UNIT_TIME_BUDGET, mapLimited, unitTimeBudget, type AnalyzeUnitsDeps, type AnalyzeUnitsEvent } from '../../../functions/analyze-units/analyze-units';
import { packObjectKey, type FindingsObject } from '../../../functions/lib/run';
import { serializeUnit, unitIdOf, type PackLine, type UnitContent, type UnitSummary } from '../../../functions/lib/source';
import { FindingsCache } from '../../../functions/lib/store';
import { abapProgram } from './support/archives';
import { storePack } from './support/packs';
import { startLocalS3, startLocalTable, type LocalS3, type LocalTable } from './support/local-services';

const rulePacks = getDefaultRegistry()
  .analyzers()
  .map((analyzer) => ({ ...analyzer.rulePack }));

/** Stored bodies of the units made here, by unit id: packs are made of them. */
const bodies = new Map<string, Buffer>();

/** Serialises a unit as the splitter does and returns its summary, placed at the given archive paths. */
const storeUnit = async (_s3: LocalS3, _customerId: string, content: UnitContent, paths: string[]): Promise<UnitSummary> => {
  const body = serializeUnit(content);
  const unitId = unitIdOf(body);
  bodies.set(unitId, body);
  const loc = content.files.filter((file) => file.name.endsWith('.abap')).reduce((sum, file) => sum + file.text.split('\n').filter((line) => line.trim()).length, 0);
  return {
    unitId,
    language: content.language,
    objectType: content.objectType,
    objectName: content.objectName,
    path: paths[0],
    files: paths,
    loc,
    bytes: body.length,
  };
};

describe('Function: analyzeUnits()', () => {
  let s3: LocalS3;
  let ddb: LocalTable;
  let cache: FindingsCache;
  let analyze: jest.Mock<UnitAnalysis, [Unit, { timeBudgetMs: number }?]>;
  let program: UnitSummary;
  let klass: UnitSummary;
  let web: UnitSummary;

  const deps = (): AnalyzeUnitsDeps => ({ blobs: s3.blobs, cache, analyze, rulePackVersion: RULE_PACK_VERSION, rulePacks });
  /** Packs the units as split does, stores the pack, and returns its manifest line (one cache slot for all by default). */
  const packOf = async (items: UnitSummary[], customerId = 'acme', slot = '0.0.0'): Promise<PackLine> =>
    storePack(s3, customerId, items.map((summary) => ({ summary, body: bodies.get(summary.unitId) ?? Buffer.from('{}') })), { slot, rulePackVersion: RULE_PACK_VERSION });
  const eventOf = async (items: UnitSummary[], runId = 'r1', customerId = 'acme', slot?: string): Promise<AnalyzeUnitsEvent> => ({
    BatchInput: { customerId, runId, bucket: s3.bucket },
    Items: [await packOf(items, customerId, slot)],
  });
  const findingsObject = async (key: string): Promise<FindingsObject> => JSON.parse((await s3.get(key))!.toString('utf8'));

  beforeAll(async () => {
    [s3, ddb] = await Promise.all([startLocalS3(), startLocalTable()]);
    cache = new FindingsCache(ddb.documents, ddb.table);
    program = await storeUnit(s3, 'acme', { language: 'abap', objectType: 'PROG', objectName: 'ZFIRST', files: [{ name: 'zfirst.prog.abap', text: abapProgram('zfirst') }] }, ['src/zfirst.prog.abap']);
    klass = await storeUnit(
      s3,
      'acme',
      {
        language: 'abap',
        objectType: 'CLAS',
        objectName: 'ZCL_CART',
        files: [
          { name: 'zcl_cart.clas.abap', text: 'CLASS zcl_cart DEFINITION PUBLIC.\n  PUBLIC SECTION.\n    METHODS run.\nENDCLASS.\nCLASS zcl_cart IMPLEMENTATION.\n  METHOD run.\n    DATA a TYPE i.\n    MOVE 1 TO a.\n  ENDMETHOD.\nENDCLASS.\n' },
          { name: 'zcl_cart.clas.locals_imp.abap', text: '*"* local helper classes\n' },
        ],
      },
      ['src/cart/zcl_cart.clas.abap', 'src/cart/impl/zcl_cart.clas.locals_imp.abap'],
    );
    web = await storeUnit(s3, 'acme', { language: 'javascript', files: [{ name: 'app.js', text: "angular.module('shop', []);\n" }] }, ['web/app.js']);
  });

  afterAll(async () => {
    await Promise.all([s3?.stop(), ddb?.stop()]);
  });

  beforeEach(() => {
    analyze = jest.fn((unit: Unit) => analyzeUnit(unit));
  });

  describe('a batch analysed for the first time', () => {
    let result: Awaited<ReturnType<typeof analyzeUnits>>;
    let analysed: Unit[];

    beforeAll(async () => {
      analyze = jest.fn((unit: Unit) => analyzeUnit(unit));
      result = await analyzeUnits(await eventOf([program, klass, web]), deps());
      analysed = analyze.mock.calls.map(([unit]) => unit);
    });

    it('analyses every unit and returns ids and counts, in item order', () => {
      expect(result.rulePackVersion).toBe(RULE_PACK_VERSION);
      expect(result.batchId).toMatch(/^[0-9a-f]{24}$/);
      // The findings go to the pack's content-addressed findings object: a later run of the same pack takes them.
      expect(result.findingsKey).toMatch(/^units\/acme\/findings\/[0-9a-f]{64}\.json$/);
      expect(result.units).toEqual([
        { unitId: program.unitId, loc: program.loc, findings: 2, effortMinutes: expect.any(Number), cached: false },
        { unitId: klass.unitId, loc: klass.loc, findings: 1, effortMinutes: expect.any(Number), cached: false },
        // The AngularJS pack reports the module definition.
        { unitId: web.unitId, loc: web.loc, findings: 1, effortMinutes: expect.any(Number), cached: false },
      ]);
      expect(result.units[0].effortMinutes).toBeGreaterThan(0);
      // The Map result is execution data: no messages, paths or code.
      expect(JSON.stringify(result)).not.toMatch(/REPORT|MOVE|src\//);
    });

    it('hands the analyzer the stored file names, not the archive paths', () => {
      const programCall = analysed.find((unit) => unit.unitId === program.unitId)!;
      expect(programCall.files).toEqual([{ path: 'zfirst.prog.abap', name: 'zfirst.prog.abap', text: abapProgram('zfirst') }]);
      expect(programCall.path).toBe('src/zfirst.prog.abap');
    });

    it('writes the findings object with findings on archive paths and the rule packs', async () => {
      // Act
      const object = await findingsObject(result.findingsKey);

      // Assess
      expect(object.batchId).toBe(result.batchId);
      expect(object.rulePacks).toEqual(rulePacks);
      expect(object.units.map((unit) => unit.unitId)).toEqual([program.unitId, klass.unitId, web.unitId]);
      expect(object.units[0]).toMatchObject({ path: 'src/zfirst.prog.abap', language: 'abap', objectType: 'PROG', objectName: 'ZFIRST', loc: program.loc, omittedFindings: 0 });
      expect(object.units[0].findings.map((finding) => `${finding.ruleId}@${finding.file}:${finding.line}`)).toEqual([
        'obsolete_statement@src/zfirst.prog.abap:3',
        'hana_native_sql@src/zfirst.prog.abap:4',
      ]);
      expect(object.units[1].findings.map((finding) => finding.file)).toEqual(['src/cart/zcl_cart.clas.abap']);
      expect(object.units[2]).toMatchObject({ language: 'javascript', findings: [expect.objectContaining({ ruleId: 'ng_module', file: 'web/app.js', line: 1 })] });
    });

    it('keeps the analyzer’s facts for the code-base phase in the findings object, for the units that have them', async () => {
      // Act
      const object = await findingsObject(result.findingsKey);

      // Assess
      expect(object.units[2].facts).toMatchObject({ schema: 'angularjs-facts/2', kind: 'script', modules: [expect.objectContaining({ name: 'shop', requires: [] })] });
      expect(object.units[0]).not.toHaveProperty('facts');
      expect(object.units[1]).not.toHaveProperty('facts');
      // Facts are names, kinds and counts: never the source text.
      expect(JSON.stringify(object.units[2].facts)).not.toContain('angular.module(');
    });

    it('caches each analysis under the customer and rule-pack version, in the pack’s slot', async () => {
      // Act
      const hits = await cache.getSlot<{ names: string[]; findings: unknown[] }>('acme', RULE_PACK_VERSION, '0.0.0');

      // Assess
      expect([...hits.keys()].sort()).toEqual([program.unitId, klass.unitId, web.unitId].sort());
      expect(hits.get(klass.unitId)!.names).toEqual(['zcl_cart.clas.abap', 'zcl_cart.clas.locals_imp.abap']);
      // Cached findings name stored files, so they stay right wherever the unit sits next time.
      expect(JSON.stringify(hits.get(program.unitId)!.findings)).not.toContain('src/');
    });
  });

  it('takes unchanged units from the cache, with findings on their new archive paths', async () => {
    // Prepare: the same program moved to another folder, in another run.
    await analyzeUnits(await eventOf([program]), deps());
    analyze.mockClear();
    const moved = { ...program, path: 'moved/zfirst.prog.abap', files: ['moved/zfirst.prog.abap'] };

    // Act
    const result = await analyzeUnits(await eventOf([moved], 'r2'), deps());

    // Assess
    expect(analyze).not.toHaveBeenCalled();
    expect(result.units).toEqual([expect.objectContaining({ unitId: program.unitId, cached: true, findings: 2 })]);
    const object = await findingsObject(result.findingsKey);
    expect(object.units[0].path).toBe('moved/zfirst.prog.abap');
    expect(object.units[0].findings.map((finding) => finding.file)).toEqual(['moved/zfirst.prog.abap', 'moved/zfirst.prog.abap']);
  });

  it('takes the facts of an unchanged unit from the cache too', async () => {
    // Prepare
    await analyzeUnits(await eventOf([web]), deps());
    analyze.mockClear();
    const moved = { ...web, path: 'static/js/app.js', files: ['static/js/app.js'] };

    // Act
    const result = await analyzeUnits(await eventOf([moved], 'r-facts'), deps());

    // Assess
    expect(analyze).not.toHaveBeenCalled();
    const object = await findingsObject(result.findingsKey);
    expect(object.units[0]).toMatchObject({ path: 'static/js/app.js', facts: { schema: 'angularjs-facts/2', kind: 'script' } });
    expect(object.units[0].findings.map((finding) => finding.file)).toEqual(['static/js/app.js']);
  });

  it('analyses a cache miss next to a cache hit in one batch', async () => {
    // Prepare
    await analyzeUnits(await eventOf([program]), deps());
    const fresh = await storeUnit(s3, 'acme', { language: 'abap', objectType: 'PROG', objectName: 'ZFRESH', files: [{ name: 'zfresh.prog.abap', text: abapProgram('zfresh', 1) }] }, ['zfresh.prog.abap']);
    analyze.mockClear();

    // Act
    const result = await analyzeUnits(await eventOf([program, fresh], 'r3'), deps());

    // Assess
    expect(result.units.map((unit) => unit.cached)).toEqual([true, false]);
    expect(analyze).toHaveBeenCalledTimes(1);
    expect(analyze.mock.calls[0][0].unitId).toBe(fresh.unitId);
  });

  it('keeps one customer’s cache from another customer', async () => {
    // Prepare: the same content stored for another customer.
    const theirs = await storeUnit(s3, 'globex', { language: 'abap', objectType: 'PROG', objectName: 'ZFIRST', files: [{ name: 'zfirst.prog.abap', text: abapProgram('zfirst') }] }, ['src/zfirst.prog.abap']);
    analyze.mockClear();

    // Act
    const result = await analyzeUnits(await eventOf([theirs], 'r1', 'globex'), deps());

    // Assess
    expect(theirs.unitId).toBe(program.unitId);
    expect(result.units[0].cached).toBe(false);
    expect(analyze).toHaveBeenCalledTimes(1);
  });

  it('refuses a packed unit whose content does not hash to its id, naming it, and caches nothing of its pack', async () => {
    // Prepare: the pack holds other bytes (of the same length) where the unit should be.
    const forged = await storeUnit(s3, 'acme', { language: 'abap', objectType: 'PROG', objectName: 'ZFORGED', files: [{ name: 'zforged.prog.abap', text: 'REPORT zforged.\nWRITE 1.\n' }] }, ['zforged.prog.abap']);
    bodies.set(forged.unitId, serializeUnit({ language: 'abap', objectType: 'PROG', objectName: 'ZFORGED', files: [{ name: 'zforged.prog.abap', text: 'REPORT zforged.\nWRITE 2.\n' }] }));

    // Act
    const analysis = analyzeUnits(await eventOf([klass, forged], 'forged', 'acme', 'forged.0.0'), deps());

    // Assess
    await expect(analysis).rejects.toMatchObject({ name: 'UnitIntegrityError', expected: forged.unitId });
    expect((await cache.getSlot('acme', RULE_PACK_VERSION, 'forged.0.0')).size).toBe(0);
  });

  it('fails a batch whose pack is shorter than its index says with PackIntegrityError naming the pack', async () => {
    // Prepare: the stored pack lost its last bytes.
    const event = await eventOf([program, klass], 'truncated', 'acme', 'truncated.0.0');
    const pack = event.Items[0];
    await s3.put(pack.key, (await s3.get(pack.key))!.subarray(0, pack.bytes - 10));

    // Act
    const analysis = analyzeUnits(event, deps());

    // Assess
    await expect(analysis).rejects.toMatchObject({ name: 'PackIntegrityError', packKey: pack.key, message: expect.stringContaining(pack.key) });
    expect(analyze).not.toHaveBeenCalled();
  });

  it('fails a batch whose index places a unit past the end of its pack with PackIntegrityError', async () => {
    // Prepare
    const event = await eventOf([program, klass], 'past-end', 'acme', 'past-end.0.0');
    event.Items[0].units[1] = { ...event.Items[0].units[1], offset: event.Items[0].bytes };

    // Act + Assess
    await expect(analyzeUnits(event, deps())).rejects.toMatchObject({ name: 'PackIntegrityError', message: expect.stringContaining(klass.unitId) });
  });

  it('fails a batch whose pack is missing with BlobNotFoundError naming the key', async () => {
    // Prepare
    const event = await eventOf([program], 'missing', 'acme', 'missing.0.0');
    event.Items[0].key = packObjectKey('acme', 'f'.repeat(64));

    // Act + Assess
    await expect(analyzeUnits(event, deps())).rejects.toMatchObject({ name: 'BlobNotFoundError', key: packObjectKey('acme', 'f'.repeat(64)) });
  });

  it('reads no pack when every unit of the batch comes from the cache', async () => {
    // Prepare: the pack is analysed once, then its object is gone.
    const event = await eventOf([program, web], 'no-read', 'acme', 'no-read.0.0');
    await analyzeUnits(event, deps());
    await s3.put(event.Items[0].key, Buffer.from(''));
    analyze.mockClear();

    // Act
    const result = await analyzeUnits({ ...event, BatchInput: { ...event.BatchInput, runId: 'no-read-2' } }, deps());

    // Assess
    expect(result.units.map((unit) => unit.cached)).toEqual([true, true]);
    expect(analyze).not.toHaveBeenCalled();
  });

  it('gives the same batch the same id and findings key', async () => {
    // Act
    const first = await analyzeUnits(await eventOf([program, klass], 'again'), deps());
    const second = await analyzeUnits(await eventOf([program, klass], 'again'), deps());

    // Assess
    expect(second.batchId).toBe(first.batchId);
    expect(second.findingsKey).toBe(first.findingsKey);
  });

  it.each([
    ['BatchInput.customerId', (event: any) => delete event.BatchInput.customerId],
    ['BatchInput.runId', (event: any) => (event.BatchInput.runId = '')],
    ['BatchInput.bucket', (event: any) => (event.BatchInput.bucket = 42)],
    ['BatchInput.customerId', (event: any) => delete event.BatchInput],
    ['Items', (event: any) => (event.Items = [])],
    ['Items', (event: any) => (event.Items = 'not a list')],
    ['Items', (event: any) => (event.Items = [event.Items[0], event.Items[0]])],
    ['Items[0].key', (event: any) => (event.Items[0].key = 'units/globex/packs/x')],
    ['Items[0].units', (event: any) => (event.Items[0].units = [])],
    ['Items[0].units[1].unitId', (event: any) => (event.Items[0].units[1] = { path: 'x' })],
  ])('refuses an event without a valid %s, naming it', async (field, change) => {
    // Prepare
    const event = JSON.parse(JSON.stringify(await eventOf([program, klass])));
    change(event);

    // Act + Assess
    await expect(analyzeUnits(event, deps())).rejects.toMatchObject({ name: 'InvalidEventError', field, message: expect.stringContaining(field) });
  });

  describe('units that cannot be analysed', () => {
    it('gives each unit a share of the pack’s time left among the units queued with it', async () => {
      // Prepare
      const budgets: number[] = [];
      const recording = jest.fn((unit: Unit, budget: { timeBudgetMs: number }) => {
        budgets.push(budget.timeBudgetMs);
        return analyzeUnit(unit);
      });

      // Act
      // A rule-pack version of its own: no unit comes from the cache of the other tests.
      await analyzeUnits(await eventOf([program, klass, web], 'r-budget'), { ...deps(), rulePackVersion: 'budget-test', analyze: recording, remainingTimeMs: () => 110_000, fetchConcurrency: 2 });

      // Assess: (110 s - 20 s reserve) / 2 queued - 3 s restart, and the last unit alone: at most a minute.
      expect(budgets).toEqual([42_000, 42_000, 60_000]);
    });

    it('hands a whole pack over at once, each unit with the pack’s deadline and a budget shared with at most eight', async () => {
      // Prepare
      const budgets: Array<{ timeBudgetMs: number; deadline?: number }> = [];
      const recording = jest.fn((unit: Unit, budget: { timeBudgetMs: number; deadline?: number }) => {
        budgets.push(budget);
        return analyzeUnit(unit);
      });
      const before = Date.now();

      // Act
      await analyzeUnits(await eventOf([program, klass, web], 'r-deadline'), { ...deps(), rulePackVersion: 'deadline-test', analyze: recording, remainingTimeMs: () => 110_000 });

      // Assess: (110 s - 20 s reserve) / units queued from it on - 3 s restart, at most a minute; the deadline (the
      // time left less the reserve) keeps the pack inside its time whatever the budgets add up to
      expect(budgets.map((budget) => budget.timeBudgetMs)).toEqual([27_000, 42_000, 60_000]);
      for (const { deadline } of budgets) {
        expect(deadline).toBeGreaterThanOrEqual(before + 90_000);
        expect(deadline).toBeLessThanOrEqual(Date.now() + 90_000);
      }
    });

    it('reports the units left when the pack’s time has run out as stopped at the time budget, without starting them', async () => {
      // Prepare: the clock runs out after the first unit.
      let remaining = 110_000;
      const slow = jest.fn((unit: Unit) => {
        remaining = 21_000;
        return analyzeUnit(unit);
      });

      // Act
      const result = await analyzeUnits(await eventOf([program, klass, web], 'r-late'), { ...deps(), rulePackVersion: 'late-test', analyze: slow, remainingTimeMs: () => remaining, fetchConcurrency: 1 });

      // Assess: the pack ends with the first unit's findings; the others are tried again by the next run (not cached).
      expect(slow).toHaveBeenCalledTimes(1);
      expect(result.units.map((unit) => unit.notAnalyzed)).toEqual([undefined, 'time-budget', 'time-budget']);
      expect(result.findingsKey).not.toMatch(/\/findings\/[0-9a-f]{64}\.json$/);
    });

    it('reports a unit stopped at a budget and caches it not, while an analyzer error is cached', async () => {
      // Prepare
      const stoppedAt = (unit: Unit, code: NotAnalyzedCode): UnitAnalysis => ({ ...analyzeUnit(unit), findings: [], facts: undefined, effortMinutes: 0, notAnalyzed: { code, message: `${code} test` } });
      const outcome = jest.fn((unit: Unit) => (unit.unitId === program.unitId ? stoppedAt(unit, 'time-budget') : unit.unitId === klass.unitId ? stoppedAt(unit, 'analyzer-error') : analyzeUnit(unit)));

      // Act
      const first = await analyzeUnits(await eventOf([program, klass, web], 'r-stop'), { ...deps(), rulePackVersion: 'stop-test', analyze: outcome });
      const again = await analyzeUnits(await eventOf([program, klass, web], 'r-stop-2'), { ...deps(), rulePackVersion: 'stop-test', analyze: outcome });

      // Assess
      expect(first.units.map((unit) => unit.notAnalyzed)).toEqual(['time-budget', 'analyzer-error', undefined]);
      expect(again.units.map((unit) => unit.cached)).toEqual([false, true, true]);
      const object = await findingsObject(first.findingsKey);
      expect(object.units[0]).toMatchObject({ path: 'src/zfirst.prog.abap', objectName: 'ZFIRST', notAnalyzed: { code: 'time-budget' }, findings: [] });
    });
  });
});

describe('Function: mapLimited()', () => {
  it('keeps the input order with at most the limit in flight', async () => {
    // Prepare
    let inFlight = 0;
    let most = 0;
    const work = async (value: number): Promise<number> => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setImmediate(resolve));
      inFlight -= 1;
      return value * 2;
    };

    // Act
    const results = await mapLimited([1, 2, 3, 4, 5], 2, work);

    // Assess
    expect(results).toEqual([2, 4, 6, 8, 10]);
    expect(most).toBe(2);
  });

  it('runs one at a time when the limit is below one', async () => {
    // Act
    const results = await mapLimited([1, 2, 3], 0, async (value) => value + 1);

    // Assess
    expect(results).toEqual([2, 3, 4]);
  });
});

describe('Function: unitTimeBudget()', () => {
  it.each([
    ['eight queued units in a fresh invocation', 8, 300_000, 32_000],
    ['one unit', 1, 300_000, 60_000],
    ['the queue when the pack’s time is nearly out', 8, 40_000, 0],
    ['no deadline', 8, Number.POSITIVE_INFINITY, 60_000],
    ['no unit queued', 0, 300_000, 60_000],
  ])('gives %s its share', (_case, queued, remainingMs, expected) => {
    // Act + Assess
    expect(unitTimeBudget(queued, remainingMs)).toBe(expected);
  });

  it('keeps a pack inside its deadline when every queued unit uses its whole budget and a restart', () => {
    // Prepare
    const queued = 8;
    const budget = unitTimeBudget(queued, 300_000);

    // Act
    const worstCase = queued * (budget + DEFAULT_UNIT_TIME_BUDGET.restartMs) + DEFAULT_UNIT_TIME_BUDGET.reserveMs;

    // Assess
    expect(worstCase).toBeLessThanOrEqual(300_000);
  });
});
