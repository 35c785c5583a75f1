/**
 * The whole analysis workflow on the local runtime: the real definition on the real engine, the real handlers in
 * the Lambda pool, dynalite, the S3 server and the EventBridge endpoint over loopback sockets.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { CopyObjectCommand, GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { StartExecutionCommand } from '@aws-sdk/client-sfn';
import { executionName } from '../../functions/lib/ids';
import { DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { CustomerStore, DEFAULT_PLAN, RunStore } from '../../functions/lib/store';
import { decryptReport, FileKeystore, keyringFor } from '../../functions/lib/crypto';
import { parseReport, renderHtml, renderMarkdown } from '../../functions/lib/report';
import { readEventLog } from '../../local/emulators/eventbridge';
import { tarGzOf, zipOf } from '../unit/source/helpers/archives';
import { startTestApp, type TestApp } from './helpers/app';

const EXAMPLE = 'examples/abap-erp-custom';
const ANGULAR_EXAMPLE = 'examples/angularjs-shop';

describe('Feature: analysis workflow, locally', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
    await t.onboard('acme');
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });

  describe('a run of the bundled example', () => {
    let first: Awaited<ReturnType<TestApp['run']>>;
    let source: { bucket: string; key: string };

    beforeAll(async () => {
      source = await t.uploadSource('acme', EXAMPLE);
      first = await t.run('acme', 'first', source, { maxItemsPerBatch: 5 });
    }, 180_000);

    it('succeeds and publishes the run', async () => {
      expect(first.status).toBe('SUCCEEDED');
      const record = await t.runRecord('acme', 'first');
      expect(record).toMatchObject({ status: 'PUBLISHED', customerId: 'acme', runId: 'first', reportKey: 'reports/acme/first.report.enc' });
      const summary = JSON.parse(record!.summary);
      expect(summary.units).toBeGreaterThan(10);
      expect(summary.findings).toBeGreaterThan(0);
      expect(summary.unitsFromCache).toBe(0);
      expect(summary.requiredEffortMinutes).toBeGreaterThan(0);
      expect(summary.cleanupEffortMinutes).toBeGreaterThan(0);
      expect(summary.requiredEffortRange.low).toBeLessThanOrEqual(summary.requiredEffortMinutes);
    });

    it('writes one row per unit, dense in few items, without source text', async () => {
      const documents = DynamoDBDocumentClient.from(t.app.clients.dynamodb);
      const summary = JSON.parse((await t.runRecord('acme', 'first'))!.summary);
      const rows = await new RunStore(documents, t.table, 16).unitRows('acme', 'first');
      expect(rows).toHaveLength(summary.units);
      for (const row of rows) {
        expect(Object.keys(row).sort()).toEqual(['bySeverity', 'cached', 'cleanupEffortMinutes', 'findings', 'language', 'loc', 'requiredEffortMinutes', 'unitId']);
        expect(JSON.stringify(row)).not.toMatch(/SELECT|ENDMETHOD|REPORT /);
      }
      const { Items = [] } = await documents.send(
        new QueryCommand({ TableName: t.table, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': 'CUSTOMER#acme#RUN#first#0' } }),
      );
      expect(Items.map((item) => item.SK)).toEqual(['UNITS#00000']);
    });

    it('encrypts the report with the customer key and the run as encryption context', async () => {
      const object = await t.app.clients.s3.send(new GetObjectCommand({ Bucket: t.bucket, Key: 'reports/acme/first.report.enc' }));
      const ciphertext = await object.Body!.transformToByteArray();
      // The stored object is an Encryption SDK message, not JSON.
      expect(() => JSON.parse(Buffer.from(ciphertext).toString('utf8'))).toThrow();
      const profileKeyId = 'local:acme:1';
      const report = parseReport(await decryptReport(ciphertext, await keyringFor(profileKeyId, { keystoreDir: t.app.keystoreDir }), { customerId: 'acme', runId: 'first' }));
      expect(report.summary.findings).toBe(JSON.parse((await t.runRecord('acme', 'first'))!.summary).findings);
      expect(report.objects.length).toBeGreaterThan(0);
      expect(report.objects[0].findings[0]).toEqual(expect.objectContaining({ ruleId: expect.any(String), line: expect.any(Number), file: expect.stringMatching(/\.abap$/) }));
      await expect(
        decryptReport(ciphertext, await keyringFor(profileKeyId, { keystoreDir: t.app.keystoreDir }), { customerId: 'acme', runId: 'other' }),
      ).rejects.toThrow();
    });

    it('publishes Analysis Report Published with counts and the report location, never code', async () => {
      const events = await readEventLog(t.app.eventLogPath.replace(/\/events\.jsonl$/, ''));
      const published = events.filter((entry) => entry.event['detail-type'] === 'Analysis Report Published');
      expect(published).toHaveLength(1);
      const detail = published[0].event.detail as Record<string, any>;
      expect(detail).toMatchObject({ customerId: 'acme', runId: 'first', report: { key: 'reports/acme/first.report.enc' } });
      expect(detail.findings).toBeGreaterThan(0);
      expect(JSON.stringify(published[0])).not.toMatch(/SELECT|ENDMETHOD|\.abap/);
    });

    it('keeps code out of the execution history', async () => {
      const { events = [] } = await t.app.engine.getExecutionHistory({ executionArn: first.executionArn!, maxResults: 1000 });
      const text = JSON.stringify(events);
      const sample = readFileSync(`${EXAMPLE}/src/sd/zcl_sd_order_value_rules.clas.abap`, 'utf8').split('\n').find((line) => line.trim().length > 30)!;
      expect(text).not.toContain(sample.trim());
    });

    it('re-runs the same archive from the findings cache', async () => {
      // Act
      const second = await t.run('acme', 'second', source, { maxItemsPerBatch: 5 });

      // Assess
      expect(second.status).toBe('SUCCEEDED');
      const firstSummary = JSON.parse((await t.runRecord('acme', 'first'))!.summary);
      const secondSummary = JSON.parse((await t.runRecord('acme', 'second'))!.summary);
      expect(secondSummary.unitsFromCache).toBe(secondSummary.units);
      expect(secondSummary.findings).toBe(firstSummary.findings);
      expect(secondSummary.bySeverity).toEqual(firstSummary.bySeverity);
      // Every pack's findings were known: split left them all out of the map's manifest, and the map did not run.
      const manifest = await t.app.clients.s3.send(new GetObjectCommand({ Bucket: t.bucket, Key: 'runs/acme/second/manifest.jsonl' }));
      expect((await manifest.Body!.transformToString()).length).toBe(0);
      // The archive was not split again, and the summary and report came from the first run's result: only the work
      // was reused, the run is its own (its own report object).
      const { events = [] } = await t.app.engine.getExecutionHistory({ executionArn: second.executionArn!, maxResults: 1000 });
      const outputs = events.flatMap((event) => (event.taskSucceededEventDetails?.output ? [JSON.parse(event.taskSucceededEventDetails.output).Payload ?? {}] : []));
      expect(outputs).toEqual(expect.arrayContaining([expect.objectContaining({ splitReused: true }), expect.objectContaining({ resultReused: true })]));
      expect(await t.runRecord('acme', 'second')).toMatchObject({ status: 'PUBLISHED', reportKey: 'reports/acme/second.report.enc' });
    }, 180_000);

    it('refuses a run id that was used before and leaves that run as it was', async () => {
      const again = await t.run('acme', 'first-again', source);
      expect(again.status).toBe('SUCCEEDED');
      const reused = await t.app.engine
        .startExecution({ stateMachineArn: t.analysisArn, name: 'acme-first-x', input: JSON.stringify({ customerId: 'acme', runId: 'first', source }) })
        .then((start) => t.app.engine.waitForExecution(start.executionArn!));
      expect(reused).toMatchObject({ status: 'FAILED', error: 'RunAlreadyExists' });
      expect(await t.runRecord('acme', 'first')).toMatchObject({ status: 'PUBLISHED' });
    }, 180_000);
  });

  describe('a run of the AngularJS example', () => {
    let result: Awaited<ReturnType<TestApp['run']>>;
    let report: ReturnType<typeof parseReport>;
    let record: Record<string, any>;

    beforeAll(async () => {
      result = await t.run('acme', 'angular', await t.uploadSource('acme', ANGULAR_EXAMPLE), { maxItemsPerBatch: 6 });
      record = (await t.runRecord('acme', 'angular'))!;
      const object = await t.app.clients.s3.send(new GetObjectCommand({ Bucket: t.bucket, Key: 'reports/acme/angular.report.enc' }));
      report = parseReport(
        await decryptReport(await object.Body!.transformToByteArray(), await keyringFor('local:acme:1', { keystoreDir: t.app.keystoreDir }), { customerId: 'acme', runId: 'angular' }),
      );
    }, 180_000);

    it('keeps the names from the code (modules, controllers) out of DynamoDB: the findings cache is sealed, unit rows name nothing', async () => {
      // Prepare
      const { Items = [] } = await t.app.clients.dynamodb.send(new ScanCommand({ TableName: t.table }));

      // Act
      const stored = JSON.stringify(
        Items.map((item) => ({
          ...item,
          analyses: item.analyses?.B ? Buffer.from(item.analyses.B).toString('latin1') : undefined,
          rows: item.rows?.B ? gunzipSync(item.rows.B).toString('utf8') : undefined,
        })),
      );

      // Assess
      expect(Items.some((item) => item.PK?.S?.includes('#CACHE#'))).toBe(true);
      expect(stored).not.toMatch(/shopApp|CartController|ProductListController|app\/controllers/);
    });

    it('records the migration assessment in the run summary, reasons included, without paths or code', () => {
      expect(result.status).toBe('SUCCEEDED');
      const summary = JSON.parse(record.summary);
      expect(summary.assessments).toHaveLength(1);
      const [angular] = summary.assessments;
      expect(angular).toMatchObject({ rulePack: expect.stringMatching(/^angularjs-angular@/), approach: expect.stringMatching(/^(rewrite|hybrid-upgrade)$/), codebaseFindings: expect.any(Number) });
      expect(angular.approach).toBe(angular.score <= angular.threshold ? 'rewrite' : 'hybrid-upgrade');
      expect(angular.score).toBe(summary.loc);
      expect(angular.codebaseFindings).toBeGreaterThan(0);
      expect(angular.reasons.join('\n')).toMatch(/rewrite threshold/);
      expect(record.summary).not.toMatch(/app\/|\.js"|angular\.module\(/);
    });

    it('carries the assessment in the execution output, without the reasons', async () => {
      const output = JSON.parse(result.output!);
      const summary = JSON.parse(record.summary);
      expect(output.summary.assessments).toEqual([
        { rulePack: summary.assessments[0].rulePack, approach: summary.assessments[0].approach, score: summary.assessments[0].score, threshold: summary.assessments[0].threshold, codebaseFindings: summary.assessments[0].codebaseFindings },
      ]);
    });

    it('puts the recommendation and the cross-file findings in the encrypted report, agreeing with the summary', () => {
      const summary = JSON.parse(record.summary);
      expect(report.assessments).toHaveLength(1);
      expect(report.assessments[0].recommendation).toMatchObject({ approach: summary.assessments[0].approach, score: summary.assessments[0].score, threshold: summary.assessments[0].threshold });
      expect(report.assessments[0].findings).toBe(summary.assessments[0].codebaseFindings);
      expect(report.summary.findings).toBe(summary.findings);
      const crossFile = report.objects.flatMap((group) => group.findings.filter((finding) => finding.ruleId.startsWith('cb_')).map((finding) => ({ path: group.path, ...finding })));
      expect(crossFile).toHaveLength(report.assessments[0].findings);
      expect(crossFile).toEqual(expect.arrayContaining([expect.objectContaining({ ruleId: 'cb_third_party_module', path: 'app/app.module.js', file: 'app/app.module.js' })]));
    });

    it('renders the migration assessment in Markdown and HTML', () => {
      expect(renderMarkdown(report)).toMatch(/## Migration assessment\n\n### `angularjs-angular`/);
      expect(renderHtml(report)).toContain('<h2>Migration assessment</h2>');
    });
  });

  describe('the REST API', () => {
    it('starts a run (202), answers its status and summary, and refuses a used run id (409)', async () => {
      // Prepare
      const source = await t.uploadSource('acme', EXAMPLE);

      // Act
      const started = await t.api.request<{ runId: string; executionArn: string; status: string }>('POST', '/customers/acme/analyses', { source, runId: 'via-api' });
      await t.app.engine.waitForExecution(started.body.executionArn);
      const status = await t.api.request<Record<string, any>>('GET', '/customers/acme/analyses/via-api');
      const again = await t.api.request<{ error: string }>('POST', '/customers/acme/analyses', { source, runId: 'via-api' });

      // Assess
      expect(started.status).toBe(202);
      expect(started.body).toMatchObject({ customerId: 'acme', runId: 'via-api', status: 'RUNNING' });
      expect(status.status).toBe(200);
      expect(status.body).toMatchObject({ customerId: 'acme', runId: 'via-api', status: 'PUBLISHED', report: { key: 'reports/acme/via-api.report.enc' } });
      expect(status.body.summary.findings).toBeGreaterThan(0);
      expect(again).toMatchObject({ status: 409, body: { error: 'RunAlreadyExists' } });
    }, 180_000);

    it('validates requests and says what is wrong', async () => {
      const badBody = await t.api.request<{ message: string }>('POST', '/customers/acme/analyses', { source: { bucket: 'b', key: '../etc/passwd' } });
      const badPath = await t.api.request<{ message: string }>('GET', '/customers/ACME!/analyses/r1');
      const missing = await t.api.request<{ error: string }>('GET', '/customers/acme/analyses/never');

      expect(badBody.status).toBe(400);
      expect(badBody.body.message).toMatch(/body\/source\/key must match pattern/);
      expect(badPath.status).toBe(400);
      expect(badPath.body.message).toMatch(/customerId/);
      expect(missing).toMatchObject({ status: 404, body: { error: 'RunNotFound' } });
    });

    it('refuses unsigned requests', async () => {
      const response = await fetch(`${t.app.endpoints.restApi}/customers/acme/analyses/r1`);
      expect(response.status).toBe(403);
      expect(await response.json()).toEqual({ message: 'Missing Authentication Token' });
    });
  });

  describe('the timed batch', () => {
    it('starts an analysis for each customer due and moves their next due date', async () => {
      // Prepare: a customer with a recurring re-analysis of an uploaded archive, due yesterday
      const source = await t.uploadSource('acme', EXAMPLE);
      const documents = DynamoDBDocumentClient.from(t.app.clients.dynamodb);
      await new CustomerStore(documents, t.table).create(
        {
          customerId: 'weekly',
          status: 'ACTIVE',
          keyId: (await new FileKeystore(t.app.keystoreDir).createKey('weekly')).keyId,
          plan: DEFAULT_PLAN,
          rulePacks: ['abap-s4hana'],
          createdAt: '2026-01-01T00:00:00.000Z',
          recurring: { bucket: source.bucket, key: source.key.replace('uploads/acme/', 'uploads/weekly/'), intervalDays: 7 },
        },
        '2026-03-01T00:00:00.000Z',
      );
      await t.app.clients.s3.send(new CopyObjectCommand({ Bucket: source.bucket, Key: source.key.replace('uploads/acme/', 'uploads/weekly/'), CopySource: `${source.bucket}/${source.key}` }));
      const recurring = t.app.manifest.stateMachines.find((machine) => machine.logicalId === 'RecurringAnalysisStateMachine')!;

      // Act
      const { executionArn } = await t.app.engine.startExecution({ stateMachineArn: recurring.arn, input: JSON.stringify({ asOf: '2026-03-02T03:00:00.000Z' }) });
      const batch = await t.app.engine.waitForExecution(executionArn);
      const started = await t.app.engine.waitForExecution(
        `arn:aws:states:${t.app.manifest.region}:${t.app.manifest.accountId}:execution:${t.app.manifest.stackName}-analysis:${executionName('weekly', 'scheduled-20260302')}`,
      );

      // Assess
      expect(batch.status).toBe('SUCCEEDED');
      expect(JSON.parse(batch.output!)).toMatchObject({ due: 1, started: 1 });
      expect(started.status).toBe('SUCCEEDED');
      expect(await t.runRecord('weekly', 'scheduled-20260302')).toMatchObject({ status: 'PUBLISHED' });
      const { Item } = await documents.send(new GetCommand({ TableName: t.table, Key: { PK: 'CUSTOMER#weekly', SK: 'PROFILE' } }));
      expect(Item!.GSI1SK).toBe('2026-03-09T03:00:00.000Z');
    }, 180_000);
  });

  describe('runs that end without reaching Record failure', () => {
    it('closes a stopped run as FAILED through the status-change rule', async () => {
      // Prepare: a run that is still splitting when it is stopped
      const source = await t.uploadSource('acme', EXAMPLE);
      const { executionArn } = await t.app.engine.startExecution({
        stateMachineArn: t.analysisArn,
        name: 'acme-stopped',
        input: JSON.stringify({ customerId: 'acme', runId: 'stopped', source }),
      });
      for (let i = 0; i < 200 && (await t.runRecord('acme', 'stopped'))?.status !== 'RUNNING'; i++) await new Promise((r) => setTimeout(r, 10));

      // Act
      await t.app.engine.stopExecution({ executionArn, error: 'Operator', cause: 'stopped by the test' });

      // Assess: the rule's Express state machine closes the record
      let record: Record<string, any> | undefined;
      for (let i = 0; i < 300; i++) {
        record = await t.runRecord('acme', 'stopped');
        if (record?.status !== 'RUNNING') break;
        await new Promise((r) => setTimeout(r, 20));
      }
      expect(record).toMatchObject({ status: 'FAILED', error: 'Operator', cause: 'stopped by the test' });
    }, 60_000);
  });

  describe('bad input', () => {
    it('fails an unknown customer with CustomerNotEntitled and records the run as FAILED', async () => {
      const source = { bucket: t.bucket, key: 'uploads/nobody/x/src.zip' };
      const result = await t.run('nobody', 'r1', source);
      expect(result).toMatchObject({ status: 'FAILED', error: 'CustomerNotEntitled' });
      expect(result.cause).toMatch(/not onboarded/);
      expect(await t.runRecord('nobody', 'r1')).toMatchObject({ status: 'FAILED', error: 'CustomerNotEntitled' });
    }, 60_000);

    it('fails a suspended customer', async () => {
      await t.onboard('frozen', 'SUSPENDED');
      const result = await t.run('frozen', 'r1', { bucket: t.bucket, key: 'uploads/frozen/x/src.zip' });
      expect(result).toMatchObject({ status: 'FAILED', error: 'CustomerNotEntitled' });
      expect(result.cause).toMatch(/SUSPENDED/);
    }, 60_000);

    it('fails a missing archive with SourceNotFoundError and records it', async () => {
      const result = await t.run('acme', 'missing', { bucket: t.bucket, key: 'uploads/acme/none/src.zip' });
      expect(result).toMatchObject({ status: 'FAILED', error: 'SourceNotFoundError' });
      expect(await t.runRecord('acme', 'missing')).toMatchObject({ status: 'FAILED', error: 'SourceNotFoundError' });
    }, 60_000);

    it('fails a file that is not an archive with NotAnArchiveError, and leaves no manifest', async () => {
      const source = await t.upload('acme', Buffer.from('this is plain text, not a zip or a tar.gz\n'.repeat(20)), 'notes.zip');
      const result = await t.run('acme', 'not-archive', source);
      expect(result).toMatchObject({ status: 'FAILED', error: 'NotAnArchiveError' });
      const record = await t.runRecord('acme', 'not-archive');
      expect(record).toMatchObject({ status: 'FAILED', error: 'NotAnArchiveError' });
      await expect(t.app.clients.s3.send(new GetObjectCommand({ Bucket: t.bucket, Key: 'runs/acme/not-archive/manifest.jsonl' }))).rejects.toThrow();
    }, 60_000);

    const abap = "REPORT zhello.\nWRITE 'hello'.\n";
    it.each([
      ['an entry that escapes its root', 'UnsafePathError', async () => tarGzOf([{ path: 'src/zok.prog.abap', content: abap }, { path: '../zevil.prog.abap', content: abap }]), 'escape.tar.gz'],
      ['a symlink', 'ForbiddenEntryTypeError', async () => zipOf([{ path: 'src/zok.prog.abap', content: abap }, { path: 'src/link.prog.abap', content: '/etc/passwd', mode: 0o120777 }]), 'link.zip'],
      ['a zip bomb', 'DecompressionBombError', async () => zipOf([{ path: 'src/zbomb.prog.abap', content: Buffer.alloc(7 * 1024 * 1024, 0x20) }]), 'bomb.zip'],
      ['an empty archive', 'EmptyArchiveError', async () => zipOf([{ path: 'docs/', directory: true }]), 'empty.zip'],
    ])('fails %s with %s, records it, and leaves no manifest', async (_what, error, build, fileName) => {
      // Prepare
      const runId = `bad-${fileName.replace(/\W/g, '-')}`;
      const source = await t.upload('acme', await build(), fileName);

      // Act
      const result = await t.run('acme', runId, source);

      // Assess
      expect(result).toMatchObject({ status: 'FAILED', error });
      expect(result.cause).toBeTruthy();
      expect(await t.runRecord('acme', runId)).toMatchObject({ status: 'FAILED', error });
      await expect(t.app.clients.s3.send(new GetObjectCommand({ Bucket: t.bucket, Key: `runs/acme/${runId}/manifest.jsonl` }))).rejects.toThrow();
    }, 60_000);

    it('skips binary files, decodes a legacy code page, records why and how, and counts what it could not read', async () => {
      // Prepare
      const archive = await zipOf([
        { path: 'src/zok.prog.abap', content: abap },
        { path: 'src/logo.png', content: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]) },
        { path: 'src/zbroken.prog.abap', content: Buffer.from([0x52, 0x45, 0x50, 0x4f, 0x52, 0x54, 0x00, 0x00, 0x2e, 0x0a]) },
        { path: 'src/latin1.prog.abap', content: Buffer.from('REPORT zlatin1.\n" Prüfung der Größe\nWRITE 1.\n', 'latin1') },
        { path: 'web/node_modules/lib/index.js', content: 'module.exports = 1;\n' },
      ]);
      const source = await t.upload('acme', archive, 'mixed.zip');

      // Act
      const result = await t.run('acme', 'mixed', source);

      // Assess
      expect(result.status).toBe('SUCCEEDED');
      const object = await t.app.clients.s3.send(new GetObjectCommand({ Bucket: t.bucket, Key: 'reports/acme/mixed.report.enc' }));
      const report = parseReport(
        await decryptReport(await object.Body!.transformToByteArray(), await keyringFor('local:acme:1', { keystoreDir: t.app.keystoreDir }), { customerId: 'acme', runId: 'mixed' }),
      );
      const skipped = Object.fromEntries(report.skippedFiles.map((file) => [file.path, file.reason]));
      expect(skipped).toMatchObject({ 'src/logo.png': 'unsupported-type', 'src/zbroken.prog.abap': 'binary' });
      expect(Object.keys(skipped).some((path) => path.includes('node_modules'))).toBe(true);
      expect(report.summary.units).toBe(2);
      expect(report.encodings.files).toEqual(
        expect.arrayContaining([{ path: 'src/zok.prog.abap', encoding: 'utf-8' }, expect.objectContaining({ path: 'src/latin1.prog.abap', encoding: expect.not.stringMatching(/^utf/) })]),
      );
      // Only the source file that could not be read counts as not analysed; the PNG and node_modules are left out on purpose.
      expect(report.summary.notAnalyzed).toEqual({ units: 0, files: 1, lines: 0, byReason: { binary: { units: 0, files: 1, lines: 0 } } });
      expect(JSON.parse((await t.runRecord('acme', 'mixed'))?.summary as string).notAnalyzed).toEqual(report.summary.notAnalyzed);
    }, 180_000);

    it('refuses a source outside the customer upload prefix before any work, and records it', async () => {
      const other = await t.uploadSource('acme', EXAMPLE);
      await t.onboard('intruder');
      const result = await t.run('intruder', 'steal', other);
      expect(result).toMatchObject({ status: 'FAILED', error: 'InvalidInput' });
      expect(result.cause).toMatch(/source\.key must name an object under uploads\/intruder\//);
      expect(await t.runRecord('intruder', 'steal')).toMatchObject({ status: 'FAILED', error: 'InvalidInput' });
      await expect(t.app.clients.s3.send(new GetObjectCommand({ Bucket: t.bucket, Key: 'runs/intruder/steal/split.json' }))).rejects.toThrow();
    }, 60_000);

    it('refuses a source in another bucket before any work, and records it', async () => {
      const source = await t.uploadSource('acme', EXAMPLE);
      const result = await t.run('acme', 'other-bucket', { ...source, bucket: 'someone-elses-bucket' });
      expect(result).toMatchObject({ status: 'FAILED', error: 'InvalidInput' });
      expect(result.cause).toMatch(/source\.bucket must be the data bucket/);
      expect(await t.runRecord('acme', 'other-bucket')).toMatchObject({ status: 'FAILED', error: 'InvalidInput' });
    }, 60_000);

    it.each([
      ['a run id that climbs out of the customer (started directly, not through the API)', { runId: '../../alpha-co/zz' }, /runId must be/],
      ['no run id', { runId: undefined }, /runId must be/],
      ['an upper-case customer id', { customerId: 'Upper_Case' }, /customerId must be/],
    ])('fails %s with InvalidInput, writes nothing, and leaves no run RUNNING', async (_what, change, cause) => {
      // Prepare
      const source = await t.uploadSource('acme', EXAMPLE);
      const input = { customerId: 'acme', runId: 'r-ok', source, ...change };

      // Act
      const { executionArn } = await t.app.clients.sfn.send(
        new StartExecutionCommand({ stateMachineArn: t.analysisArn, name: `direct-${Date.now()}`, input: JSON.stringify(input) }),
      );
      const result = await t.app.engine.waitForExecution(executionArn!);

      // Assess
      expect(result).toMatchObject({ status: 'FAILED', error: 'InvalidInput' });
      expect(result.cause).toMatch(cause);
      const reports = await t.app.clients.s3.send(new ListObjectsV2Command({ Bucket: t.bucket, Prefix: 'reports/' }));
      expect((reports.Contents ?? []).map((object) => object.Key).filter((key) => key!.includes('..'))).toEqual([]);
    }, 60_000);

    it.each([
      ['an option it does not know', { options: { maxConcurrency: 2, fast: true } }, /options has fields a run does not take: fast/],
      ['a batch size out of range', { options: { maxItemsPerBatch: 0 } }, /options\.maxItemsPerBatch must be a whole number/],
      ['a field it does not take', { extra: 1 }, /the input has fields a run does not take: extra/],
    ])('refuses %s and records why', async (_what, change, cause) => {
      const source = await t.uploadSource('acme', EXAMPLE);
      const runId = `bad-input-${Object.keys(change)[0]}-${Date.now() % 100000}`;
      const { executionArn } = await t.app.clients.sfn.send(
        new StartExecutionCommand({ stateMachineArn: t.analysisArn, name: executionName('acme', runId), input: JSON.stringify({ customerId: 'acme', runId, source, ...change }) }),
      );
      const result = await t.app.engine.waitForExecution(executionArn!);
      expect(result).toMatchObject({ status: 'FAILED', error: 'InvalidInput' });
      expect(result.cause).toMatch(cause);
      expect(await t.runRecord('acme', runId)).toMatchObject({ status: 'FAILED', error: 'InvalidInput', cause: expect.stringMatching(cause) });
    }, 60_000);
  });

  describe('ids', () => {
    it('runs customer alpha-co run x-1 and customer alpha-co-x run 1 side by side through the API (no false 409)', async () => {
      // Prepare
      await t.onboard('alpha-co');
      await t.onboard('alpha-co-x');
      const first = await t.uploadSource('alpha-co', EXAMPLE);
      const second = await t.uploadSource('alpha-co-x', EXAMPLE);

      // Act
      const a = await t.api.request<{ executionArn: string }>('POST', '/customers/alpha-co/analyses', { source: first, runId: 'x-1' });
      const b = await t.api.request<{ executionArn: string }>('POST', '/customers/alpha-co-x/analyses', { source: second, runId: '1' });
      await Promise.all([a, b].map((answer) => t.app.engine.waitForExecution(answer.body.executionArn)));

      // Assess
      expect([a.status, b.status]).toEqual([202, 202]);
      // (error and cause beside the status: a run that failed says why in the assertion's diff)
      const outcome = async (customerId: string, runId: string) => {
        const { status, error, cause } = (await t.runRecord(customerId, runId)) as { status?: string; error?: string; cause?: string };
        return { status, error, cause };
      };
      expect(await outcome('alpha-co', 'x-1')).toEqual({ status: 'PUBLISHED', error: undefined, cause: undefined });
      expect(await outcome('alpha-co-x', '1')).toEqual({ status: 'PUBLISHED', error: undefined, cause: undefined });
    }, 180_000);

    it('starts a run of the longest customer id with the longest run id the API accepts, and refuses a longer run id', async () => {
      // Prepare
      const customerId = `l${'o'.repeat(38)}g`;
      const runId = `r${'9'.repeat(38)}`;
      await t.onboard(customerId);
      const source = await t.uploadSource(customerId, EXAMPLE);

      // Act
      const started = await t.api.request<{ executionArn: string }>('POST', `/customers/${customerId}/analyses`, { source, runId });
      const tooLong = await t.api.request<{ message: string }>('POST', `/customers/${customerId}/analyses`, { source, runId: `${runId}9` });
      const finished = await t.app.engine.waitForExecution(started.body.executionArn);

      // Assess
      expect(started.status).toBe(202);
      expect(finished.status).toBe('SUCCEEDED');
      expect(tooLong.status).toBe(400);
      expect(tooLong.body.message).toMatch(/body\/runId must match pattern/);
    }, 180_000);
  });
});
