import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { archiveOf } from '../../../local/app';
import { generateAbapCorpus, type AbapCorpus } from '../../corpus/abap/generate';
import { generatePackCorpus, type PackCorpus } from '../packs';
import { measureRun, startBenchApp, type BenchApp, type RunMeasurement } from '../workflowRun';

const ROOT = resolve(__dirname, '..', '..', '..');
const BATCH = 3;

describe('Function: measureRun()', () => {
  let work: string;
  let bench: BenchApp;
  let corpus: AbapCorpus;
  let first: RunMeasurement;
  let again: RunMeasurement;
  let angularCorpus: PackCorpus;
  let angular: RunMeasurement;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'bench-workflow-run-'));
    corpus = generateAbapCorpus({ lines: 1500, seed: 9, outDir: join(work, 'code'), parserErrors: false });
    const archive = await archiveOf(join(work, 'code'));
    bench = await startBenchApp({ root: ROOT, stateDir: join(work, 'state') });
    first = await measureRun(bench, { label: 'first', customerId: 'bench-t', runId: 'r1', archive, batch: BATCH, timeoutMillis: 90_000 });
    again = await measureRun(bench, { label: 'again', customerId: 'bench-t', runId: 'r2', archive, batch: BATCH, timeoutMillis: 90_000 });
    angularCorpus = await generatePackCorpus('angularjs', { loc: 1200, seed: 9, outDir: join(work, 'web') });
    const angularArchive = await archiveOf(join(work, 'web'));
    angular = await measureRun(bench, { label: 'angular', customerId: 'bench-ng', runId: 'r1', archive: angularArchive, batch: 10, timeoutMillis: 90_000 });
  }, 180_000);

  afterAll(async () => {
    await bench?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('measures the lines and units the split reported', () => {
    // Assess
    expect(first.loc).toBe(corpus.loc);
    expect(first.units).toBeGreaterThan(BATCH);
    expect(first.millis).toBeGreaterThan(0);
  });

  it('counts one map child per batch, each entering its one state, and bills one transition per child', () => {
    // Assess
    const batches = Math.ceil(first.units / BATCH);
    expect(first.tally.mapRuns).toBe(1);
    expect(first.tally.children.executions).toBe(batches);
    expect(first.statesEntered).toBe(first.tally.parent.entered + batches);
    expect(first.cost.standardTransitions).toBe(first.tally.parent.entered + first.tally.parent.retries + batches);
    expect(first.cost.expressRequests).toBe(batches);
    expect(first.functions.AnalyzeUnitsFunction.invocations).toBe(batches);
  });

  it('counts the Lambda invocations of the run and prices them by MemorySize', () => {
    // Assess
    expect(Object.keys(first.functions).sort()).toEqual(['AggregateFindingsFunction', 'AnalyzeUnitsFunction', 'CreateUploadFunction', 'EncryptReportFunction', 'SplitSourceFunction']);
    expect(first.cost.lambdaRequests).toBe(Math.ceil(first.units / BATCH) + 4);
    expect(first.functions.SplitSourceFunction.memoryMb).toBe(2048);
    expect(first.functions.SplitSourceFunction.gbSeconds).toBeCloseTo((Math.ceil(first.functions.SplitSourceFunction.durationMillis) / 1000) * 2, 1);
  });

  it('counts two PUTs per pack on a first run (the pack, its findings) and three for what a re-run reuses, and none of them on the re-run', () => {
    // Assess: the re-run takes the split's record and the run's result (summary and report parts) the first run kept.
    expect(again.unitsFromCache).toBe(again.units);
    expect(first.requests!.s3.byOperation['PUT object'] - again.requests!.s3.byOperation['PUT object']).toBe(2 * Math.ceil(first.units / BATCH) + 3);
    expect(again.cost.s3Tier1Requests).toBeLessThan(first.cost.s3Tier1Requests);
  });

  it('takes the pool figures of each run: a new environment per cold start, none on a warm runtime, and the heap of each worker', () => {
    // Assess
    const analyze = (run: RunMeasurement) => run.workers.find((row) => row.logicalId === 'AnalyzeUnitsFunction')!;
    expect(analyze(first)).toMatchObject({ invocations: Math.ceil(first.units / BATCH), coldStarts: first.functions.AnalyzeUnitsFunction.coldStarts });
    expect(analyze(first).environments).toBeGreaterThanOrEqual(1);
    expect(analyze(first).peakHeapUsedBytes).toBeGreaterThan(0);
    // The re-run skips the map: every pack's findings are known.
    expect(again.functions.AnalyzeUnitsFunction?.invocations ?? 0).toBe(0);
    expect(again.tally.children.executions).toBe(0);
    expect(again.workers.filter((row) => row.invocations > 0).map((row) => row.logicalId).sort()).toEqual(Object.keys(again.functions).sort());
  });

  it('runs an AngularJS code base through the same workflow: one unit per file, every line counted', () => {
    // Assess
    expect(angular.loc).toBe(angularCorpus.loc);
    expect(angular.units).toBe(angularCorpus.files);
    expect(angular.unitsFromCache).toBe(0);
    expect(angular.functions.AnalyzeUnitsFunction.invocations).toBe(Math.ceil(angularCorpus.files / 10));
    expect(angular.functions.AnalyzeUnitsFunction.errors).toBe(0);
  });

  it('counts DynamoDB capacity units: dense cache writes on the first run, reads on both', () => {
    // Assess
    // New analyses are cached in one dense item per pack beside the dense unit rows; a re-run writes only rows.
    expect(first.requests!.dynamodb.byOperation.PutItem).toBeUndefined();
    expect(first.requests!.dynamodb.byOperation.BatchWriteItem).toBeGreaterThan(again.requests!.dynamodb.byOperation.BatchWriteItem ?? 0);
    expect(first.cost.dynamodbWriteUnits).toBeGreaterThan(again.cost.dynamodbWriteUnits);
    expect(again.requests!.dynamodb.readUnits).toBeGreaterThan(0);
    expect(first.engineCalls).toMatchObject({ s3Tier2: 1, events: 1 });
  });
});
