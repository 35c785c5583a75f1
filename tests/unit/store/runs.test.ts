/** RunStore against dynalite with the table of template.yaml. */
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { RunStore, runKey, type UnitRow } from '../../../functions/lib/store';
import { startLocalTable, type LocalTable } from '../functions/support/local-services';

const SHARDS = 4;

const row = (n: number): UnitRow => ({
  unitId: n.toString(16).padStart(64, '0'),
  language: 'abap',
  loc: n,
  findings: n % 3,
  bySeverity: { blocker: 0, critical: 0, major: n % 3, minor: 0, info: 0 },
  requiredEffortMinutes: (n % 3) * 30,
  cleanupEffortMinutes: n % 2,
  cached: n % 2 === 0,
});

describe('Class: RunStore', () => {
  let ddb: LocalTable;
  let runs: RunStore;

  const startRun = async (runId: string, status: string): Promise<void> => {
    await ddb.documents.send(new PutCommand({ TableName: ddb.table, Item: { ...runKey('acme', runId), customerId: 'acme', runId, status, startedAt: '2024-05-01T10:00:00.000Z' } }));
  };

  beforeAll(async () => {
    ddb = await startLocalTable();
    runs = new RunStore(ddb.documents, ddb.table, SHARDS);
  });

  afterAll(async () => {
    await ddb?.stop();
  });

  describe('Method: putUnitRows()', () => {
    it('writes the rows dense: a few items spread over the shards, each under the item limit, read back whole', async () => {
      // Prepare: as many rows as a 1M-line ABAP run has units.
      const rows = Array.from({ length: 7_600 }, (_, i) => row(i + 1));
      const send = jest.spyOn(ddb.documents, 'send');

      // Act
      await runs.putUnitRows('acme', 'r1', rows);
      const writes = send.mock.calls.length;
      send.mockRestore();
      const back = await runs.unitRows('acme', 'r1');

      // Assess
      expect(writes).toBe(1);
      const items = [];
      for (let shard = 0; shard < SHARDS; shard++) {
        const { Items = [] } = await ddb.documents.send(
          new QueryCommand({ TableName: ddb.table, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': `CUSTOMER#acme#RUN#r1#${shard}` } }),
        );
        items.push(...Items);
      }
      expect(items.length).toBeGreaterThan(1);
      expect(items.length).toBeLessThan(10);
      for (const item of items) expect((item.rows as Uint8Array).byteLength).toBeLessThan(400 * 1024);
      expect(back.sort((a, b) => a.loc - b.loc)).toEqual(rows);
    });

    it('sends no request for no rows', async () => {
      // Prepare
      const send = jest.spyOn(ddb.documents, 'send');

      // Act
      await runs.putUnitRows('acme', 'empty', []);

      // Assess
      expect(send).not.toHaveBeenCalled();
      send.mockRestore();
    });
  });

  describe('Method: get()', () => {
    it('reads the run item, and undefined for an unknown run', async () => {
      // Prepare
      await startRun('r-get', 'RUNNING');

      // Act
      const run = await runs.get('acme', 'r-get');

      // Assess
      expect(run).toMatchObject({ customerId: 'acme', runId: 'r-get', status: 'RUNNING' });
      expect(await runs.get('acme', 'never')).toBeUndefined();
    });
  });

  describe('Method: recordSummary()', () => {
    it('records the numbers and the summary as JSON on a RUNNING run', async () => {
      // Prepare
      await startRun('r-sum', 'RUNNING');

      // Act
      await runs.recordSummary('acme', 'r-sum', { units: 3, loc: 42, findings: 5, requiredEffortMinutes: 165, cleanupEffortMinutes: 40 }, { bySeverity: { major: 1 } });

      // Assess
      const run = (await runs.get('acme', 'r-sum')) as Record<string, unknown>;
      expect(run).toMatchObject({ status: 'RUNNING', units: 3, loc: 42, findings: 5, requiredEffortMinutes: 165, cleanupEffortMinutes: 40, analyzedAt: expect.stringMatching(/^\d{4}-/) });
      expect(JSON.parse(run.summary as string)).toEqual({ bySeverity: { major: 1 } });
    });

    it.each(['PUBLISHED', 'FAILED'])('leaves a %s run as it was', async (status) => {
      // Prepare
      const runId = `r-${status.toLowerCase()}`;
      await startRun(runId, status);

      // Act
      const recording = runs.recordSummary('acme', runId, { units: 1, loc: 1, findings: 1, requiredEffortMinutes: 1, cleanupEffortMinutes: 0 }, {});

      // Assess
      await expect(recording).rejects.toMatchObject({ name: 'RunNotRunningError', customerId: 'acme', runId, message: expect.stringContaining(runId) });
      expect(await runs.get('acme', runId)).toEqual({ ...runKey('acme', runId), customerId: 'acme', runId, status, startedAt: '2024-05-01T10:00:00.000Z' });
    });

    it('does not create a run that does not exist', async () => {
      // Act + Assess
      await expect(runs.recordSummary('acme', 'ghost', { units: 1, loc: 1, findings: 1, requiredEffortMinutes: 1, cleanupEffortMinutes: 0 }, {})).rejects.toMatchObject({ name: 'RunNotRunningError' });
      expect(await runs.get('acme', 'ghost')).toBeUndefined();
    });
  });
});
