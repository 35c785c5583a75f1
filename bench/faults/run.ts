/**
 * npm run bench:faults: what transient faults cost. The whole local workflow analyses the same generated ABAP code
 * base at 0, 5, 10 and 20 % injected faults (LOCAL_FAULTS: S3, DynamoDB, KMS and EventBridge at the rate, Lambda
 * throttles at half of it), a fresh customer per run so every unit is analysed (no findings cache), and prints per
 * rate: runs succeeded, units lost (analysed differently from the fault-free run, or not at all, in runs that
 * succeeded), faults injected, retries, and the time it took against the fault-free runs, measured side by side.
 *
 * Exits 1 when a unit is lost at 10 % or less, or a run fails at 10 % or less.
 *
 *   npm run bench:faults [-- --lines 10000 --runs 2 --rates 0,0.05,0.1,0.2 --batch 10 --seed 1]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { StartExecutionCommand } from '@aws-sdk/client-sfn';
import { GetCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { decryptReport, keyringFor } from '../../functions/lib/crypto';
import { executionName } from '../../functions/lib/ids';
import { parseReport, type Report } from '../../functions/lib/report';
import { archiveOf, createReporter, ensureCustomer, startLocalApp, uploadArchive } from '../../local/app';
import { countsSince, parseFaults, type FaultCounts } from '../../local/faults';
import { generateAbapCorpus } from '../corpus/abap/generate';

type RunFigures = { status: string; seconds: number; units: number; lost: number; faults: FaultCounts; cause?: string };

/** A unit's findings as a line per finding: what must come out the same whatever the faults. */
const signatures = (report: Report): Map<string, string> =>
  new Map(report.objects.map((object) => [object.unitId, object.findings.map((finding) => `${finding.file}:${finding.line}:${finding.ruleId}:${finding.severity}`).join('|')]));

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? Number.NaN : sorted.length % 2 ? sorted[(sorted.length - 1) / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
};

const main = async (): Promise<number> => {
  const { values } = parseArgs({
    options: {
      lines: { type: 'string', default: '20000' },
      runs: { type: 'string', default: '2' },
      rates: { type: 'string', default: '0,0.05,0.1,0.2' },
      batch: { type: 'string', default: '10' },
      seed: { type: 'string', default: '1' },
    },
  });
  const lines = Number(values.lines);
  const runs = Number(values.runs);
  const batch = Number(values.batch);
  const seed = Number(values.seed);
  const rates = values.rates!.split(',').map(Number);
  if (!rates.includes(0)) rates.unshift(0);

  const work = mkdtempSync(join(tmpdir(), 'bench-faults-'));
  const log = (line: string): boolean => process.stderr.write(`${line}\n`);
  const app = await startLocalApp({
    stateDir: join(work, 'state'),
    fresh: true,
    ports: { dynamodb: 0, s3: 0, eventbridge: 0, stepfunctions: 0, restApi: 0 },
    reporter: createReporter({ level: 'quiet' }),
    faults: '',
  });
  try {
    const faults = app.faults!;
    const corpus = generateAbapCorpus({ lines, seed, outDir: join(work, 'code') });
    const archive = await archiveOf(join(work, 'code'));
    const analysis = app.manifest.stateMachines.find((machine) => machine.logicalId === 'AnalysisStateMachine')!;
    const table = app.manifest.tables[0].name;
    const documents = DynamoDBDocumentClient.from(app.clients.dynamodb);
    log(`corpus: ${corpus.loc} lines, ${corpus.files.length} files; ${runs} run(s) per rate, ${batch} units per batch`);

    let baseline: Map<string, string> | undefined;
    const results = new Map<number, RunFigures[]>(rates.map((rate) => [rate, []]));
    // A warm-up run first (layers built, Lambda environments started), not counted; then the rates in turn, round
    // after round, so that a slower or faster stretch of the machine falls on every rate alike.
    const schedule = [{ rate: 0, index: -1 }, ...Array.from({ length: runs }, (_, index) => rates.map((rate) => ({ rate, index }))).flat()];
    for (const { rate, index } of schedule) {
      {
        const figures = results.get(rate)!;
        const customerId = index < 0 ? 'bench-warm-up' : `bench-${Math.round(rate * 100)}-${index}`;
        const runId = 'r1';
        faults.setPlan(parseFaults(''));
        await ensureCustomer(app.clients.dynamodb, customerId, { tableName: table, keystoreDir: app.keystoreDir });
        const source = await uploadArchive(await app.apiAs({ kind: 'customer', customerId }), customerId, archive);
        const all = ['s3', 'dynamodb', 'kms', 'events'].map((service) => `${service}=${rate}`).join(',');
        faults.setPlan(parseFaults(`${all},lambda-throttle=${rate / 2},seed=${seed * 1000 + index}`));
        const before = faults.counts();
        const started = performance.now();
        const { executionArn } = await app.clients.sfn.send(
          new StartExecutionCommand({
            stateMachineArn: analysis.aliasArn ?? analysis.arn,
            name: executionName(customerId, runId),
            input: JSON.stringify({ customerId, runId, source, options: { maxItemsPerBatch: batch } }),
          }),
        );
        const result = await app.engine.waitForExecution(executionArn!);
        const seconds = (performance.now() - started) / 1000;
        const counts = countsSince(faults.counts(), before);
        faults.setPlan(parseFaults(''));
        if (index < 0) {
          log(`  warm-up: ${result.status} in ${seconds.toFixed(1)} s`);
          continue;
        }
        const { Item } = await documents.send(new GetCommand({ TableName: table, Key: { PK: `CUSTOMER#${customerId}`, SK: `RUN#${runId}` } }));
        if (result.status !== 'SUCCEEDED') {
          figures.push({ status: result.status ?? 'UNKNOWN', seconds, units: 0, lost: 0, faults: counts, cause: `${Item?.error}: ${Item?.cause}` });
          log(`  ${(rate * 100).toFixed(0)} % run ${index + 1}: ${result.status} (${Item?.error}: ${Item?.cause})`);
          continue;
        }
        const summary = JSON.parse(Item!.summary) as { units: number; unitsFailed: number };
        const object = await app.clients.s3.send(new GetObjectCommand({ Bucket: Item!.reportBucket, Key: Item!.reportKey }));
        const report = parseReport(
          await decryptReport(await object.Body!.transformToByteArray(), await keyringFor(`local:${customerId}:1`, { keystoreDir: app.keystoreDir }), { customerId, runId }),
        );
        const found = signatures(report);
        baseline ??= found;
        const differing = [...new Set([...baseline.keys(), ...found.keys()])].filter((unitId) => baseline!.get(unitId) !== found.get(unitId)).length;
        figures.push({ status: 'SUCCEEDED', seconds, units: summary.units, lost: summary.unitsFailed + differing, faults: counts });
        log(`  ${(rate * 100).toFixed(0)} % run ${index + 1}: SUCCEEDED in ${seconds.toFixed(1)} s, ${counts.total} faults injected, ${counts.retries} retried`);
      }
    }

    const reference = median((results.get(0) ?? []).filter((run) => run.status === 'SUCCEEDED').map((run) => run.seconds));
    const out = (line: string): boolean => process.stdout.write(`${line}\n`);
    out('');
    out(`Faults benchmark: ${corpus.loc} lines of generated ABAP (seed ${seed}), ${runs} run(s) per rate, ${batch} units per batch`);
    out('rate   runs succeeded   units/run   units lost   faults injected   retries   median time   extra time');
    let failing = false;
    for (const [rate, figures] of results) {
      const succeeded = figures.filter((run) => run.status === 'SUCCEEDED');
      const lost = succeeded.reduce((sum, run) => sum + run.lost, 0);
      const injected = figures.reduce((sum, run) => sum + run.faults.total, 0);
      const retries = figures.reduce((sum, run) => sum + run.faults.retries, 0);
      const time = median(succeeded.map((run) => run.seconds));
      const extra = rate === 0 || !Number.isFinite(time) ? '—' : `${time - reference >= 0 ? '+' : ''}${(time - reference).toFixed(1)} s (${(((time - reference) / reference) * 100).toFixed(0)} %)`;
      out(
        `${`${(rate * 100).toFixed(0)} %`.padEnd(6)} ${`${succeeded.length}/${figures.length}`.padStart(14)}   ${String(succeeded[0]?.units ?? '—').padStart(9)}   ${String(lost).padStart(10)}   ${String(injected).padStart(15)}   ${String(retries).padStart(7)}   ${`${time.toFixed(1)} s`.padStart(11)}   ${extra}`,
      );
      for (const run of figures.filter((candidate) => candidate.cause)) out(`       failed: ${run.cause}`);
      if (rate <= 0.1 && (lost > 0 || succeeded.length < figures.length)) failing = true;
    }
    out('');
    out('units lost: units of runs that succeeded whose findings differ from the fault-free run or that were not analysed.');
    out('retries: requests that repeated one a fault had failed (by the SDK or the state machine); extra time: median against 0 %.');
    return failing ? 1 : 0;
  } finally {
    await app.stop();
    rmSync(work, { recursive: true, force: true });
  }
};

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: Error) => {
    process.stderr.write(`error: ${error.stack ?? error.message}\n`);
    process.exitCode = 1;
  },
);
