/**
 * The thin handlers of split-source, aggregate-findings and encrypt-report, wired as in Lambda: clients from the
 * SDK's standard endpoint settings (the local S3 server and dynalite), settings from the environment, a local key
 * in a keystore directory. What they add over their domain functions is this wiring and the smoke answer.
 */
import './support/quiet-powertools';
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { RULE_PACK_VERSION } from 'analysis-engine';
import { handler as aggregateFindings } from '../../../functions/aggregate-findings/handler';
import { handler as encryptReport } from '../../../functions/encrypt-report/handler';
import { decryptReport, FileKeystore, keyringFor } from '../../../functions/lib/crypto';
import { parseReport } from '../../../functions/lib/report';
import { manifestKey, packFindingsKey, reportKey, splitSummaryKey, type SplitOutcome } from '../../../functions/lib/run';
import type { PackLine } from '../../../functions/lib/source';
import { runKey } from '../../../functions/lib/store';
import { handler as splitSource } from '../../../functions/split-source/handler';
import { abapProgram, zipOf } from './support/archives';
import { lambdaContext, useLocalEndpoints } from './support/lambda';
import { startLocalS3, startLocalTable, type LocalS3, type LocalTable } from './support/local-services';
import { sampleUnits, writeMapRun } from './support/map-results';

describe('Functions: handlers of the workflow’s Lambda steps', () => {
  let s3: LocalS3;
  let ddb: LocalTable;
  let keystoreDir: string;
  let split: SplitOutcome;

  beforeAll(async () => {
    [s3, ddb] = await Promise.all([startLocalS3(), startLocalTable()]);
    keystoreDir = await mkdtemp(join(tmpdir(), 'fn-keys-'));
    await new FileKeystore(keystoreDir).createKey('acme');
    useLocalEndpoints({ s3: s3.endpoint, dynamodb: ddb.endpoint }, { TABLE_NAME: ddb.table, DATA_BUCKET: s3.bucket, UNIT_SHARDS: '2', LOCAL_KEYSTORE_DIR: keystoreDir });
    await ddb.documents.send(new PutCommand({ TableName: ddb.table, Item: { ...runKey('acme', 'r1'), customerId: 'acme', runId: 'r1', status: 'RUNNING', startedAt: '2024-05-01T10:00:00.000Z' } }));
    await s3.put('uploads/acme/x/src.zip', await zipOf({ 'src/zfirst.prog.abap': abapProgram('zfirst'), 'src/zsecond.prog.abap': abapProgram('zsecond') }));
    split = (await splitSource(
      { customerId: 'acme', runId: 'r1', source: { bucket: s3.bucket, key: 'uploads/acme/x/src.zip' }, customerKeyId: 'local:acme:1' },
      lambdaContext('SplitSourceFunction'),
    )) as SplitOutcome;
  });

  afterAll(async () => {
    await Promise.all([s3?.stop(), ddb?.stop()]);
    await rm(keystoreDir, { recursive: true, force: true });
  });

  it('splits an upload with the data bucket from DATA_BUCKET', async () => {
    expect(split).toMatchObject({ manifest: { bucket: s3.bucket, key: manifestKey('acme', 'r1') }, units: 2, packs: 1, reusedPacks: 0 });
    // One pack of both units: one map item.
    expect((await s3.get(manifestKey('acme', 'r1')))!.toString().trimEnd().split('\n')).toHaveLength(1);
  });

  it('names each pack’s findings under the layer’s rule-pack version, the one the analyzers cache under', async () => {
    // Prepare
    const [line] = (await s3.get(split.packsKey!))!.toString().trimEnd().split('\n').map((text) => JSON.parse(text) as PackLine);
    const { findingsKey, ...packed } = line;

    // Act
    const underLayerVersion = packFindingsKey('acme', createHash('sha256').update(`${RULE_PACK_VERSION}\n${JSON.stringify(packed)}`).digest('hex'));

    // Assess
    expect(findingsKey).toBe(underLayerVersion);
  });

  it('aggregates into the table from TABLE_NAME, its unit rows dense', async () => {
    // Prepare
    const units = sampleUnits();
    const mapResult = await writeMapRun(s3, 'acme', 'r1', { succeeded: [{ batchId: 'b1', units: [units.a, units.b, units.c] }] });

    // Act
    const result = await aggregateFindings({ customerId: 'acme', runId: 'r1', mapResult, split }, lambdaContext('AggregateFindingsFunction'));

    // Assess
    expect(result).toMatchObject({ summary: { units: 3, findings: 5 } });
    const { Items = [] } = await ddb.documents.send(
      new QueryCommand({ TableName: ddb.table, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': 'CUSTOMER#acme#RUN#r1#0' } }),
    );
    // The three rows are dense in one item of the first shard.
    expect(Items.map((item) => item.SK)).toEqual(['UNITS#00000']);
  });

  it('encrypts the report with the customer’s key from the keystore in LOCAL_KEYSTORE_DIR', async () => {
    // Prepare
    const mapResult = await writeMapRun(s3, 'acme', 'r1', { succeeded: [{ batchId: 'b1', units: [sampleUnits().a] }] });

    // Act
    const result = await encryptReport({ customerId: 'acme', runId: 'r1', customerKeyId: 'local:acme:1', mapResult, split }, lambdaContext('EncryptReportFunction'));

    // Assess
    expect(result.report.key).toBe(reportKey('acme', 'r1'));
    const keyring = await keyringFor('local:acme:1', { keystoreDir });
    const report = parseReport(await decryptReport((await s3.get(reportKey('acme', 'r1')))!, keyring, { customerId: 'acme', runId: 'r1' }));
    expect(report.run.sourceArchive).toBe('uploads/acme/x/src.zip');
    expect(report.summary.findings).toBe(2);
  });

  it('refuses a key id of another customer before reading anything', async () => {
    // Act + Assess
    await expect(
      encryptReport(
        { customerId: 'acme', runId: 'r1', customerKeyId: 'local:globex:1', mapResult: { bucket: s3.bucket, key: 'none' }, split: { ...split, summaryKey: splitSummaryKey('acme', 'r1') } },
        lambdaContext('EncryptReportFunction'),
      ),
    ).rejects.toMatchObject({ name: 'KeyOwnerMismatchError' });
  });

  type SmokeHandler = (event: { smokeTest: true }, context: ReturnType<typeof lambdaContext>) => Promise<unknown>;

  it.each([
    ['split-source', splitSource as unknown as SmokeHandler, { bucket: 'data-bucket' }],
    ['aggregate-findings', aggregateFindings as unknown as SmokeHandler, { table: 'upgrade-impact-local-AnalysisTable', shards: 2 }],
    ['encrypt-report', encryptReport as unknown as SmokeHandler, { table: 'upgrade-impact-local-AnalysisTable', bucket: 'data-bucket' }],
  ])('answers the smoke event of %s with its settings', async (_name, handler, checks) => {
    // Act
    const answer = await handler({ smokeTest: true }, lambdaContext('F', '9'));

    // Assess
    expect(answer).toEqual({ ok: true, functionName: 'F', functionVersion: '9', checks });
  });

  it('fails the smoke event with ConfigurationError when a setting is missing', async () => {
    // Prepare
    const bucket = process.env.DATA_BUCKET;
    delete process.env.DATA_BUCKET;

    try {
      // Act
      const answer = splitSource({ smokeTest: true } as never, lambdaContext());

      // Assess
      await expect(answer).rejects.toMatchObject({ name: 'ConfigurationError', message: 'Environment variable DATA_BUCKET is not set' });
    } finally {
      process.env.DATA_BUCKET = bucket;
    }
  });
});
