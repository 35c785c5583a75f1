/**
 * aggregateFindings() over a hand-written ResultWriter layout in the local S3 server, writing unit rows and the run
 * summary to dynalite.
 */
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { getDefaultRegistry } from 'analysis-engine';
import { aggregateFindings, type AggregateFindingsEvent } from '../../../functions/aggregate-findings/aggregate-findings';
import { RunStore, runKey } from '../../../functions/lib/store';
import { MAP_RUN_ID, sampleUnits, writeMapRun } from './support/map-results';
import { angularShopUnits } from './support/web-units';
import { startLocalS3, startLocalTable, type LocalS3, type LocalTable } from './support/local-services';

const SHARDS = 4;

describe('Function: aggregateFindings()', () => {
  let s3: LocalS3;
  let ddb: LocalTable;
  let runs: RunStore;
  const units = sampleUnits();

  const startRun = async (customerId: string, runId: string, status = 'RUNNING'): Promise<void> => {
    await ddb.documents.send(new PutCommand({ TableName: ddb.table, Item: { ...runKey(customerId, runId), customerId, runId, status, startedAt: '2024-05-01T10:00:00.000Z' } }));
  };
  const rowsOf = async (customerId: string, runId: string): Promise<Record<string, any>[]> => runs.unitRows(customerId, runId);
  const rowItemsOf = async (customerId: string, runId: string): Promise<Record<string, any>[]> => {
    const items: Record<string, any>[] = [];
    for (let shard = 0; shard < SHARDS; shard++) {
      const { Items = [] } = await ddb.documents.send(
        new QueryCommand({ TableName: ddb.table, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': `CUSTOMER#${customerId}#RUN#${runId}#${shard}` } }),
      );
      items.push(...Items);
    }
    return items;
  };
  const runItem = async (customerId: string, runId: string) => (await runs.get(customerId, runId)) as Record<string, any>;

  beforeAll(async () => {
    [s3, ddb] = await Promise.all([startLocalS3(), startLocalTable()]);
    runs = new RunStore(ddb.documents, ddb.table, SHARDS);
  });

  afterAll(async () => {
    await Promise.all([s3?.stop(), ddb?.stop()]);
  });

  describe('a map run with two succeeded batches and one failed batch', () => {
    let event: AggregateFindingsEvent;
    let result: Awaited<ReturnType<typeof aggregateFindings>>;

    beforeAll(async () => {
      await startRun('acme', 'r1');
      const mapResult = await writeMapRun(s3, 'acme', 'r1', {
        succeeded: [
          { batchId: 'batch-1', units: [units.a, units.b], cachedUnitIds: [units.b.unitId] },
          { batchId: 'batch-2', units: [units.c, units.d] },
        ],
        failed: [{ unitIds: ['e'.repeat(64), 'f'.repeat(64)], error: 'States.Timeout' }],
      });
      event = { customerId: 'acme', runId: 'r1', mapResult, split: { skipped: 3 } as AggregateFindingsEvent['split'] };
      result = await aggregateFindings(event, { blobs: s3.blobs, runs });
    });

    it('returns the summary arithmetic: units, failures, cache, lines, findings, effort', () => {
      expect(result.summary).toEqual({
        units: 6,
        unitsAnalyzed: 3,
        unitsFromCache: 1,
        unitsFailed: 2,
        unitsNotAnalyzed: 1,
        // The failed batch's two units count their lines from the batch input.
        loc: 44,
        notAnalyzed: {
          units: 3,
          files: 3,
          lines: 9,
          byReason: { 'no-analyzer': { units: 1, files: 1, lines: 7 }, 'batch-failed': { units: 2, files: 2, lines: 2 } },
        },
        // Listed and omitted findings: 2 + (1 + 2).
        findings: 5,
        acknowledgedFindings: 0,
        generatedFindings: 0,
        bySeverity: { blocker: 0, critical: 1, major: 1, minor: 1, info: 0 },
        // Native SQL 120 and the simplified table 30 (+10 of omitted findings, class unknown: counted as required);
        // the obsolete statement 5 beside it.
        requiredEffortMinutes: 160,
        cleanupEffortMinutes: 5,
        requiredEffortRange: { low: 160, likely: 160, high: 160 },
        cleanupEffortRange: { low: 5, likely: 5, high: 5 },
        personDays: { required: 0.33, cleanup: 0.01 },
        impactedUnits: { blocker: 0, critical: 1, major: 2, minor: 2, info: 2 },
        rulePacks: ['abap-s4hana@1.0.0-test'],
        skippedFiles: 3,
        // The only web unit was not analysed: no code-base phase ran.
        assessments: [],
      });
    });

    it('writes one row per analysed unit, dense in one item, without messages, code or names from the code', async () => {
      // Act
      const rows = await rowsOf('acme', 'r1');
      const items = await rowItemsOf('acme', 'r1');

      // Assess
      expect(rows.map((row) => row.unitId).sort()).toEqual([units.a, units.b, units.c, units.d].map((unit) => unit.unitId).sort());
      expect(items.map((item) => [item.PK, item.SK])).toEqual([['CUSTOMER#acme#RUN#r1#0', 'UNITS#00000']]);
      expect(rows.find((row) => row.unitId === units.b.unitId)).toMatchObject({
        language: 'abap',
        loc: 20,
        findings: 3,
        bySeverity: { blocker: 0, critical: 0, major: 1, minor: 0, info: 0 },
        requiredEffortMinutes: 40,
        cleanupEffortMinutes: 0,
        cached: true,
      });
      expect(rows.find((row) => row.unitId === units.a.unitId)).toMatchObject({ findings: 2, requiredEffortMinutes: 120, cleanupEffortMinutes: 5, cached: false });
      expect(JSON.stringify(rows)).not.toMatch(/at line|zcl_cart|ZCL_CART|ZORDERS|src\//);
    });

    it('records the summary on the run item, with the breakdown by rule and the top objects', async () => {
      // Act
      const run = await runItem('acme', 'r1');

      // Assess
      expect(run).toMatchObject({ status: 'RUNNING', units: 6, loc: 44, findings: 5, requiredEffortMinutes: 160, cleanupEffortMinutes: 5, analyzedAt: expect.any(String) });
      const summary = JSON.parse(run.summary);
      expect(summary).toMatchObject({ ...result.summary });
      expect(summary.byRule).toEqual({
        hana_native_sql: { count: 1, effortMinutes: 120, effortClass: 'required' },
        s4_simplified_table: { count: 1, effortMinutes: 30, effortClass: 'required' },
        obsolete_statement: { count: 1, effortMinutes: 5, effortClass: 'cleanup' },
      });
      expect(summary.topObjects.map((top: { unitId: string }) => top.unitId)).toEqual([units.a.unitId, units.b.unitId]);
    });
  });

  describe('a map run of the AngularJS example', () => {
    const web = angularShopUnits();
    const rulePacks = getDefaultRegistry()
      .analyzers()
      .map((analyzer) => ({ ...analyzer.rulePack }));
    let result: Awaited<ReturnType<typeof aggregateFindings>>;
    let ownFindings: number;

    beforeAll(async () => {
      await startRun('acme', 'web');
      const mapResult = await writeMapRun(s3, 'acme', 'web', {
        succeeded: [
          { batchId: 'web-1', units: web.slice(0, 8) },
          { batchId: 'web-2', units: web.slice(8) },
        ],
        rulePacks,
      });
      ownFindings = web.reduce((sum, unit) => sum + unit.findings.length, 0);
      result = await aggregateFindings({ customerId: 'acme', runId: 'web', mapResult }, { blobs: s3.blobs, runs });
    });

    it('adds the code-base assessment to the summary: rule pack, approach, score, threshold and cross-file findings', () => {
      expect(result.summary.assessments).toEqual([
        { rulePack: expect.stringMatching(/^angularjs-angular@/), approach: expect.any(String), score: expect.any(Number), threshold: expect.any(Number), codebaseFindings: expect.any(Number) },
      ]);
      const [angular] = result.summary.assessments!;
      expect(angular.approach).toBe(angular.score! <= angular.threshold! ? 'rewrite' : 'hybrid-upgrade');
      expect(angular.codebaseFindings).toBeGreaterThan(0);
      expect(result.summary.findings).toBe(ownFindings + angular.codebaseFindings);
      // Execution data: no reasons, paths or code.
      expect(JSON.stringify(result.summary)).not.toMatch(/app\/|controllers use|\$scope/);
    });

    it('keeps the reasons and metrics on the run item, without paths or code', async () => {
      // Act
      const summary = JSON.parse((await runItem('acme', 'web')).summary);

      // Assess
      expect(summary.assessments).toHaveLength(1);
      expect(summary.assessments[0]).toMatchObject({ ...result.summary.assessments![0], metrics: expect.objectContaining({ units: web.length, controllers: expect.any(Number) }) });
      expect(summary.assessments[0].reasons.join('\n')).toMatch(/rewrite threshold/);
      expect(JSON.stringify(summary)).not.toMatch(/app\/|\.js|angular\.module\(/);
    });

    it('counts each cross-file finding in the row of the unit it is placed in', async () => {
      // Act
      const rows = await rowsOf('acme', 'web');

      // Assess
      const moduleUnit = web.find((unit) => unit.path === 'app/app.module.js')!;
      const row = rows.find((candidate) => candidate.unitId === moduleUnit.unitId)!;
      // At least the library module it depends on (cb_third_party_module) is placed in the module definition.
      expect(row.findings).toBeGreaterThan(moduleUnit.findings.length);
      expect(rows.reduce((sum, candidate) => sum + candidate.findings, 0)).toBe(result.summary.findings);
    });
  });

  it('counts every unit of several failed batches as failed', async () => {
    // Prepare
    await startRun('acme', 'failing');
    const mapResult = await writeMapRun(s3, 'acme', 'failing', {
      succeeded: [{ batchId: 'ok', units: [units.c] }],
      failed: [{ unitIds: ['1'.repeat(64)] }, { unitIds: ['2'.repeat(64), '3'.repeat(64), '4'.repeat(64)] }],
    });

    // Act
    const { summary } = await aggregateFindings({ customerId: 'acme', runId: 'failing', mapResult }, { blobs: s3.blobs, runs });

    // Assess
    expect(summary).toMatchObject({ units: 5, unitsFailed: 4, unitsAnalyzed: 1, findings: 0, skippedFiles: 0 });
    expect(await rowsOf('acme', 'failing')).toHaveLength(1);
  });

  it('refuses to overwrite a run that is no longer RUNNING', async () => {
    // Prepare
    await startRun('acme', 'published', 'PUBLISHED');
    const mapResult = await writeMapRun(s3, 'acme', 'published', { succeeded: [{ batchId: 'b', units: [units.a] }] });

    // Act
    const aggregation = aggregateFindings({ customerId: 'acme', runId: 'published', mapResult }, { blobs: s3.blobs, runs });

    // Assess
    await expect(aggregation).rejects.toMatchObject({ name: 'RunNotRunningError', customerId: 'acme', runId: 'published' });
    expect((await runItem('acme', 'published')).summary).toBeUndefined();
  });

  it('fails with BlobNotFoundError when the map results manifest is missing', async () => {
    // Act + Assess
    await expect(
      aggregateFindings({ customerId: 'acme', runId: 'r1', mapResult: { bucket: s3.bucket, key: 'runs/acme/r1/map/none/manifest.json' } }, { blobs: s3.blobs, runs }),
    ).rejects.toMatchObject({ name: 'BlobNotFoundError', key: 'runs/acme/r1/map/none/manifest.json' });
  });

  it.each([
    ['a manifest that is not JSON', 'runs/acme/bad/map/m1/manifest.json', 'not json', /manifest\.json is not JSON/],
    ['a manifest without ResultFiles', 'runs/acme/bad/map/m2/manifest.json', '{"MapRunArn":"x"}', /has no ResultFiles/],
  ])('fails with MapResultsError on %s', async (_case, key, body, message) => {
    // Prepare
    await s3.put(key, body);

    // Act + Assess
    await expect(aggregateFindings({ customerId: 'acme', runId: 'bad', mapResult: { bucket: s3.bucket, key } }, { blobs: s3.blobs, runs })).rejects.toMatchObject({
      name: 'MapResultsError',
      message: expect.stringMatching(message),
    });
  });

  it('fails with MapResultsError naming a result file that is not an array', async () => {
    // Prepare
    const folder = `runs/acme/bad/map/${MAP_RUN_ID}`;
    await s3.put(`${folder}/SUCCEEDED_0.json`, '{"not":"an array"}');
    await s3.put(`${folder}/manifest.json`, JSON.stringify({ DestinationBucket: s3.bucket, MapRunArn: 'arn', ResultFiles: { SUCCEEDED: [{ Key: `${folder}/SUCCEEDED_0.json`, Size: 1 }] } }));

    // Act + Assess
    await expect(
      aggregateFindings({ customerId: 'acme', runId: 'bad', mapResult: { bucket: s3.bucket, key: `${folder}/manifest.json` } }, { blobs: s3.blobs, runs }),
    ).rejects.toMatchObject({ name: 'MapResultsError', message: expect.stringContaining(`${folder}/SUCCEEDED_0.json is not an array`) });
  });

  it.each([
    ['customerId', { customerId: '' }],
    ['runId', { runId: undefined }],
    // No map result is right only when split names the pack index that lists the packs analysed before.
    ['mapResult', { mapResult: undefined }],
    ['mapResult.bucket', { mapResult: { key: 'k' } }],
    ['mapResult.key', { mapResult: { bucket: 'data-bucket' } }],
  ])('refuses an event without a valid %s, naming it', async (field, change) => {
    // Prepare
    const event = { customerId: 'acme', runId: 'r1', mapResult: { bucket: 'data-bucket', key: 'k' }, ...change } as AggregateFindingsEvent;

    // Act + Assess
    await expect(aggregateFindings(event, { blobs: s3.blobs, runs })).rejects.toMatchObject({ name: 'InvalidEventError', field, message: expect.stringContaining(field) });
  });
});
