/**
 * Transient faults cost nothing; permanent ones fail at once with the true cause. The local runtime's fault switch
 * (LOCAL_FAULTS) makes the local S3, DynamoDB and EventBridge answer throttles and 5xx as AWS does, the local
 * keystore fail as KMS does, and Lambda throttle, while the real workflow runs on the real engine and handlers.
 */
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { DescribeMapRunCommand, ListMapRunsCommand, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { executionName } from '../../functions/lib/ids';
import { decryptReport, keyringFor } from '../../functions/lib/crypto';
import { parseReport, type Report } from '../../functions/lib/report';
import { parseFaults } from '../../local/faults';
import { startTestApp, type TestApp } from './helpers/app';

const EXAMPLE = 'examples/abap-erp-custom';
const TRANSIENT_10 = 's3=0.1,dynamodb=0.1,kms=0.1,events=0.1,lambda-throttle=0.05,seed=20260301';

describe('Feature: faults, locally', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ faults: '' });
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });

  const reportOf = async (customerId: string, runId: string): Promise<Report> => {
    const object = await t.app.clients.s3.send(new GetObjectCommand({ Bucket: t.bucket, Key: `reports/${customerId}/${runId}.report.enc` }));
    const keyring = await keyringFor(`local:${customerId}:1`, { keystoreDir: t.app.keystoreDir });
    return parseReport(await decryptReport(await object.Body!.transformToByteArray(), keyring, { customerId, runId }));
  };

  /** Every finding of a report, by file, line and rule: what must not change when faults come and go. */
  const findingsOf = (report: Report): string[] =>
    report.objects.flatMap((object) => object.findings.map((finding) => `${finding.file}:${finding.line}:${finding.ruleId}:${finding.severity}:${finding.effortMinutes}`)).sort();

  it('ends a run SUCCEEDED at 10 % injected transient faults, every unit analysed, findings identical to a fault-free run', async () => {
    // Prepare: the same archive for two customers (each has its own findings cache), one run without faults
    t.app.faults!.setPlan(parseFaults(''));
    await t.onboard('calm');
    await t.onboard('stormy');
    const calmSource = await t.uploadSource('calm', EXAMPLE);
    const stormySource = await t.uploadSource('stormy', EXAMPLE);
    const calm = await t.run('calm', 'r1', calmSource, { maxItemsPerBatch: 2 });

    // Act
    t.app.faults!.setPlan(parseFaults(TRANSIENT_10));
    const before = t.app.faults!.counts();
    const stormy = await t.run('stormy', 'r1', stormySource, { maxItemsPerBatch: 2 });
    t.app.faults!.setPlan(parseFaults(''));
    // A fault on the run's last requests (its status-change event, say) may be retried just after the execution ends.
    let after = t.app.faults!.counts();
    for (let waited = 0; after.retries - before.retries < after.total - before.total && waited < 10_000; waited += 100) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      after = t.app.faults!.counts();
    }

    // Assess
    // (error and cause beside the status: a run that failed says why in the assertion's diff)
    expect({ status: calm.status, error: calm.error, cause: calm.cause }).toEqual({ status: 'SUCCEEDED', error: undefined, cause: undefined });
    expect({ status: stormy.status, error: stormy.error, cause: stormy.cause }).toEqual({ status: 'SUCCEEDED', error: undefined, cause: undefined });
    const [calmSummary, stormySummary] = await Promise.all([t.runRecord('calm', 'r1'), t.runRecord('stormy', 'r1')]).then((records) =>
      records.map((record) => JSON.parse(record!.summary)),
    );
    expect(stormySummary.unitsFailed).toBe(0);
    expect(stormySummary.unitsAnalyzed).toBe(calmSummary.unitsAnalyzed);
    expect({ ...stormySummary, unitsFromCache: 0 }).toEqual({ ...calmSummary, unitsFromCache: 0 });
    expect(findingsOf(await reportOf('stormy', 'r1'))).toEqual(findingsOf(await reportOf('calm', 'r1')));
    const injected = after.total - before.total;
    expect(injected).toBeGreaterThan(5);
    expect(after.injected.s3 - (before.injected.s3 ?? 0)).toBeGreaterThan(0);
    expect(after.retries - before.retries).toBe(injected);
  }, 300_000);

  it('rides out a 4-second S3 outage in the middle of the map', async () => {
    // Prepare
    await t.onboard('outage');
    const source = await t.uploadSource('outage', EXAMPLE);
    const { executionArn } = await t.app.clients.sfn.send(
      new StartExecutionCommand({
        stateMachineArn: t.analysisArn,
        name: executionName('outage', 'r1'),
        input: JSON.stringify({ customerId: 'outage', runId: 'r1', source, options: { maxItemsPerBatch: 1, maxConcurrency: 2 } }),
      }),
    );
    for (;;) {
      const { mapRuns = [] } = await t.app.clients.sfn.send(new ListMapRunsCommand({ executionArn }));
      if (mapRuns[0] && ((await t.app.clients.sfn.send(new DescribeMapRunCommand({ mapRunArn: mapRuns[0].mapRunArn }))).itemCounts?.succeeded ?? 0) > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }

    // Act: every S3 request fails with a 5xx for four seconds
    t.app.faults!.setPlan(parseFaults('s3-error=1'));
    await new Promise((resolve) => setTimeout(resolve, 4000));
    t.app.faults!.setPlan(parseFaults(''));
    const result = await t.app.engine.waitForExecution(executionArn!);

    // Assess
    expect(result.status).toBe('SUCCEEDED');
    const summary = JSON.parse((await t.runRecord('outage', 'r1'))!.summary);
    expect(summary.unitsFailed).toBe(0);
    expect(summary.units).toBeGreaterThan(10);
  }, 300_000);

  it('ends a run FAILED at once under a permanent fault, naming the service, the operation and the pack', async () => {
    // Prepare: the packs of units cannot be read (access denied), everything else works
    await t.onboard('denied');
    const source = await t.uploadSource('denied', EXAMPLE);
    t.app.faults!.setPlan(parseFaults('s3.GetObject/units/denied/packs/-permanent=1'));

    // Act
    const result = await t.run('denied', 'r1', source, { maxItemsPerBatch: 5 });
    t.app.faults!.setPlan(parseFaults(''));

    // Assess
    expect(result.status).toBe('FAILED');
    const record = await t.runRecord('denied', 'r1');
    expect(record).toMatchObject({ status: 'FAILED', error: 'PermanentServiceError' });
    expect(record!.cause).toMatch(/First: PermanentServiceError: S3 GetObject of s3:\/\/\S+\/units\/denied\/packs\/[0-9a-f]{64} failed: AccessDenied \(HTTP 403\)/);
    expect(record!.cause).not.toMatch(/\n\s+at |node_modules|\/work\//);
  }, 300_000);
});
