/**
 * encryptReport() over a hand-written map run in the local S3 server and the run item in dynalite, with a raw AES
 * keyring standing in for the customer's KMS key: the stored object decrypts, under the run's encryption context
 * only, to the full report.
 */
import { randomBytes } from 'node:crypto';
import type { KeyringNode } from '@aws-crypto/client-node';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { getDefaultRegistry } from 'analysis-engine';
import { aggregateFindings } from '../../../functions/aggregate-findings/aggregate-findings';
import { encryptReport, type EncryptReportDeps, type EncryptReportEvent } from '../../../functions/encrypt-report/encrypt-report';
import { decryptReport, rawAesKeyring } from '../../../functions/lib/crypto';
import { parseReport, renderMarkdown } from '../../../functions/lib/report';
import { reportKey, splitSummaryKey, type SplitOutcome } from '../../../functions/lib/run';
import { RunStore, runKey } from '../../../functions/lib/store';
import { sampleUnits, writeMapRun } from './support/map-results';
import { angularShopUnits } from './support/web-units';
import { startLocalS3, startLocalTable, type LocalS3, type LocalTable } from './support/local-services';

const NOW = new Date('2024-05-01T12:00:00.000Z');

describe('Function: encryptReport()', () => {
  let s3: LocalS3;
  let ddb: LocalTable;
  let runs: RunStore;
  const acmeKey = rawAesKeyring('acme', randomBytes(32));
  const units = sampleUnits();
  let keyringFor: jest.Mock<ReturnType<EncryptReportDeps['keyringFor']>, Parameters<EncryptReportDeps['keyringFor']>>;

  const deps = (): EncryptReportDeps => ({ blobs: s3.blobs, runs, keyringFor, now: () => NOW });

  /** Map run, split summary and run item of one run; returns its event. */
  const prepareRun = async (runId: string, failed = false, batches?: Parameters<typeof writeMapRun>[3]): Promise<EncryptReportEvent> => {
    const mapResult = await writeMapRun(
      s3,
      'acme',
      runId,
      batches ?? {
        succeeded: [{ batchId: 'b1', units: [units.a, units.b, units.c, units.d] }],
        failed: failed ? [{ unitIds: ['9'.repeat(64)], error: 'States.Timeout' }] : [],
      },
    );
    await s3.put(
      splitSummaryKey('acme', runId),
      JSON.stringify({ sourceKey: 'uploads/acme/2024/src.zip', format: 'zip', totals: {}, skipped: [{ path: 'web/logo.png', reason: 'binary' }] }),
    );
    await ddb.documents.send(
      new PutCommand({ TableName: ddb.table, Item: { ...runKey('acme', runId), customerId: 'acme', runId, status: 'RUNNING', startedAt: '2024-05-01T10:00:00.000Z' } }),
    );
    const split = { manifest: { bucket: s3.bucket, key: `runs/acme/${runId}/manifest.jsonl` }, summaryKey: splitSummaryKey('acme', runId), skipped: 1 } as SplitOutcome;
    return { customerId: 'acme', runId, customerKeyId: 'local:acme:1', mapResult, split };
  };

  beforeAll(async () => {
    [s3, ddb] = await Promise.all([startLocalS3(), startLocalTable()]);
    runs = new RunStore(ddb.documents, ddb.table, 4);
  });

  afterAll(async () => {
    await Promise.all([s3?.stop(), ddb?.stop()]);
  });

  beforeEach(() => {
    keyringFor = jest.fn(async (_customerKeyId: string, _customerId: string): Promise<KeyringNode> => acmeKey);
  });

  describe('a finished run', () => {
    let result: Awaited<ReturnType<typeof encryptReport>>;
    let ciphertext: Buffer;
    let keyringCalls: unknown[][];

    beforeAll(async () => {
      keyringFor = jest.fn(async (_customerKeyId: string, _customerId: string): Promise<KeyringNode> => acmeKey);
      result = await encryptReport(await prepareRun('r1', true), deps());
      keyringCalls = keyringFor.mock.calls;
      ciphertext = (await s3.get(reportKey('acme', 'r1')))!;
    });

    it('returns only the report location, size and format', () => {
      expect(result).toEqual({ report: { bucket: s3.bucket, key: 'reports/acme/r1.report.enc', bytes: ciphertext.length, format: 'aws-encryption-sdk', reportVersion: 2 } });
    });

    it('stores an Encryption SDK message, not the report in clear', () => {
      expect(ciphertext[0]).toBe(0x02);
      expect(ciphertext.toString('latin1')).not.toMatch(/hana_native_sql|ZORDERS|src\//);
    });

    it('decrypts with the customer key and the run as context to the full report', async () => {
      // Act
      const report = parseReport(await decryptReport(ciphertext, acmeKey, { customerId: 'acme', runId: 'r1' }));

      // Assess
      expect(report.run).toEqual({
        customerId: 'acme',
        runId: 'r1',
        startedAt: '2024-05-01T10:00:00.000Z',
        finishedAt: NOW.toISOString(),
        sourceArchive: 'uploads/acme/2024/src.zip',
      });
      expect(report.generatedAt).toBe(NOW.toISOString());
      expect(report.rulePacks).toEqual([{ id: 'abap-s4hana', version: '1.0.0-test', language: 'abap' }]);
      // The failed batch's unit counts its line from the batch input.
      expect(report.summary).toMatchObject({ findings: 5, units: 5, unitsNotAnalyzed: 2, linesOfCode: 43, skippedFiles: 1, requiredEffortMinutes: 160, cleanupEffortMinutes: 5 });
      expect(report.objects.map((object) => object.objectName)).toEqual(['ZORDERS', 'ZCL_CART']);
      expect(report.objects[0].findings.map((finding) => `${finding.ruleId}@${finding.file}:${finding.line}`)).toEqual([
        'obsolete_statement@src/zorders.prog.abap:3',
        'hana_native_sql@src/zorders.prog.abap:4',
      ]);
      expect(report.skippedFiles).toEqual([{ path: 'web/logo.png', reason: 'binary' }]);
    });

    it('lists the units of a failed batch as not analysed, so every unit is accounted for', async () => {
      // Act
      const report = parseReport(await decryptReport(ciphertext, acmeKey, { customerId: 'acme', runId: 'r1' }));

      // Assess
      expect(report.notAnalyzedUnits).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ unitId: '9'.repeat(64), reason: { code: 'batch-failed', message: 'Not analysed: the analysis function ran out of time for the batch this unit was in' } }),
          expect.objectContaining({ unitId: units.d.unitId, reason: expect.objectContaining({ code: 'no-analyzer' }) }),
        ]),
      );
    });

    it.each([
      ['another run', { customerId: 'acme', runId: 'r2' }],
      ['another customer', { customerId: 'globex', runId: 'r1' }],
    ])('does not decrypt as the report of %s', async (_case, context) => {
      // Act + Assess
      await expect(decryptReport(ciphertext, acmeKey, context)).rejects.toMatchObject({ name: 'EncryptionContextMismatchError' });
    });

    it('does not decrypt with another customer’s key', async () => {
      // Act + Assess
      await expect(decryptReport(ciphertext, rawAesKeyring('globex', randomBytes(32)), { customerId: 'acme', runId: 'r1' })).rejects.toThrow();
    });

    it('asks for the keyring of the event’s key and customer', () => {
      expect(keyringCalls).toEqual([['local:acme:1', 'acme']]);
    });
  });

  describe('a run of the AngularJS example', () => {
    let report: ReturnType<typeof parseReport>;
    let summary: Awaited<ReturnType<typeof aggregateFindings>>['summary'];

    beforeAll(async () => {
      const rulePacks = getDefaultRegistry()
        .analyzers()
        .map((analyzer) => ({ ...analyzer.rulePack }));
      const web = angularShopUnits();
      const event = await prepareRun('web', false, { succeeded: [{ batchId: 'w1', units: web.slice(0, 5) }, { batchId: 'w2', units: web.slice(5) }], rulePacks });
      await encryptReport(event, { ...deps(), keyringFor: async () => acmeKey });
      report = parseReport(await decryptReport((await s3.get(reportKey('acme', 'web')))!, acmeKey, { customerId: 'acme', runId: 'web' }));
      ({ summary } = await aggregateFindings({ customerId: 'acme', runId: 'web', mapResult: event.mapResult, split: event.split }, { blobs: s3.blobs, runs }));
    });

    it('carries the migration assessment with its recommendation, reasons and metrics', () => {
      expect(report.assessments).toHaveLength(1);
      expect(report.assessments[0]).toMatchObject({
        rulePack: { id: 'angularjs-angular' },
        recommendation: { approach: expect.stringMatching(/^(rewrite|hybrid-upgrade)$/), reasons: expect.arrayContaining([expect.stringMatching(/rewrite threshold/)]) },
        metrics: expect.objectContaining({ controllers: expect.any(Number), directives: expect.any(Number) }),
      });
    });

    it('lists the cross-file findings with the objects they are placed in, on archive paths', () => {
      const moduleObject = report.objects.find((group) => group.path === 'app/app.module.js')!;
      expect(moduleObject.findings).toEqual(expect.arrayContaining([expect.objectContaining({ ruleId: 'cb_third_party_module', file: 'app/app.module.js', line: expect.any(Number) })]));
      expect(renderMarkdown(report)).toContain('## Migration assessment');
    });

    it('agrees with the aggregation’s summary on findings, effort and the assessment', () => {
      expect(report.summary.findings).toBe(summary.findings);
      expect(report.summary.requiredEffortMinutes).toBe(summary.requiredEffortMinutes);
      expect(report.summary.cleanupEffortMinutes).toBe(summary.cleanupEffortMinutes);
      expect(report.summary.bySeverity).toEqual(summary.bySeverity);
      const [angular] = report.assessments;
      expect(summary.assessments).toEqual([
        {
          rulePack: `${angular.rulePack.id}@${angular.rulePack.version}`,
          approach: angular.recommendation!.approach,
          score: angular.recommendation!.score,
          threshold: angular.recommendation!.threshold,
          codebaseFindings: angular.findings,
        },
      ]);
    });
  });

  it('fails before any work when the customer key is gone, and writes no report', async () => {
    // Prepare
    const event = await prepareRun('keyless');
    keyringFor.mockRejectedValue(Object.assign(new Error('No key local:acme:1'), { name: 'CustomerKeyNotFoundError' }));

    // Act + Assess
    await expect(encryptReport(event, deps())).rejects.toMatchObject({ name: 'CustomerKeyNotFoundError' });
    expect(await s3.get(reportKey('acme', 'keyless'))).toBeUndefined();
  });

  it('takes the start time from the clock when the run item is gone', async () => {
    // Prepare
    const event = await prepareRun('no-record');
    const withoutRecord: EncryptReportDeps = { ...deps(), runs: { get: async () => undefined } as unknown as RunStore };

    // Act
    await encryptReport(event, withoutRecord);

    // Assess
    const report = parseReport(await decryptReport((await s3.get(reportKey('acme', 'no-record')))!, acmeKey, { customerId: 'acme', runId: 'no-record' }));
    expect(report.run.startedAt).toBe(NOW.toISOString());
  });

  it('fails with BlobNotFoundError when the split summary is missing', async () => {
    // Prepare
    const event = await prepareRun('no-summary');
    event.split = { ...event.split, summaryKey: 'runs/acme/no-summary/none.json' };

    // Act + Assess
    await expect(encryptReport(event, deps())).rejects.toMatchObject({ name: 'BlobNotFoundError', key: 'runs/acme/no-summary/none.json' });
    expect(await s3.get(reportKey('acme', 'no-summary'))).toBeUndefined();
  });

  it.each([
    ['customerId', (event: any) => (event.customerId = '')],
    ['runId', (event: any) => delete event.runId],
    ['customerKeyId', (event: any) => (event.customerKeyId = 3)],
    ['mapResult.bucket', (event: any) => (event.mapResult = { key: 'k' })],
    ['split.manifest.bucket', (event: any) => delete event.mapResult],
    ['split.summaryKey', (event: any) => delete event.split],
  ])('refuses an event without a valid %s, naming it, before asking for a key', async (field, change) => {
    // Prepare
    const event = { customerId: 'acme', runId: 'r1', customerKeyId: 'local:acme:1', mapResult: { bucket: 'b', key: 'k' }, split: { summaryKey: 's' } };
    change(event);

    // Act + Assess
    await expect(encryptReport(event as EncryptReportEvent, deps())).rejects.toMatchObject({ name: 'InvalidEventError', field, message: expect.stringContaining(field) });
    expect(keyringFor).not.toHaveBeenCalled();
  });
});
