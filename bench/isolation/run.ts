/**
 * Isolation benchmark: the whole local workflow (as `npm start` runs it) on a real code base, once as it is and once
 * with hostile files added (the crash repros of bench/corpus/hostile and files in legacy code pages), side by side in
 * one process. Prints, per run: wall time, units, lines, units not analysed by reason, units lost to a failed batch
 * (must be 0), and the local runtime's peak resident memory (sampled every 100 ms; the process's high-water mark
 * from getrusage at the end). The local runtime is this process: every emulator, the ASL engine and the Lambda pool's
 * worker threads (with the analysis sandboxes they start) live in it.
 *
 * Usage: npx tsx bench/isolation/run.ts [--source DIR]... [--batch N]
 *   --source  a code base to analyse; repeat to combine several (default: /work/real/abapGit and /work/real/abap2xlsx,
 *             about 190,000 lines of real ABAP)
 *   --batch   units per analysis invocation (default 25, the template's MapMaxItemsPerBatch)
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { GetCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createReporter, ensureCustomer, openSession, runAnalysis } from '../../local/app';
import { GERMAN_WINDOWS_1252, KOREAN_CP949 } from '../../tests/support/legacyEncodings';
import { exponentialJoinSelect, hugeStatement, nestedIfs, oneLineProgram } from '../corpus/hostile/sources';

type RunFigures = {
  label: string;
  status: string;
  seconds: number;
  units: number;
  loc: number;
  unitsFailed: number;
  notAnalyzed: { units: number; files: number; lines: number; byReason: Record<string, { units: number; files: number; lines: number }> };
  peakRssBytes: number;
  /** Peak used V8 heap of each function's environments in the run, MiB (the analysis sandboxes' heaps are their own). */
  heaps: string;
};

const MIB = 1024 * 1024;

/** Copies the code bases into one folder (each under its own name), without version-control metadata. */
const combine = (sources: readonly string[], into: string): void => {
  for (const source of sources) cpSync(source, join(into, basename(source)), { recursive: true, filter: (path) => !path.includes(`${'/'}.git`) });
};

/** The hostile files: every crash repro, and two files in legacy code pages. */
const addHostileFiles = (into: string): void => {
  const dir = join(into, 'hostile', 'src');
  mkdirSync(dir, { recursive: true });
  for (const source of [nestedIfs(), hugeStatement(), oneLineProgram(), exponentialJoinSelect()]) writeFileSync(join(into, 'hostile', source.path), source.text);
  writeFileSync(join(dir, 'zmm_stock_kr.abap'), KOREAN_CP949.bytes);
  writeFileSync(join(dir, 'zmm_stock_de.abap'), GERMAN_WINDOWS_1252.bytes);
};

const main = async (): Promise<void> => {
  const { values } = parseArgs({ options: { source: { type: 'string', multiple: true }, batch: { type: 'string' } } });
  const sources = values.source ?? ['/work/real/abapGit', '/work/real/abap2xlsx'];
  for (const source of sources) if (!existsSync(source)) throw new Error(`${source} does not exist (pass --source <dir>)`);
  const batch = Number(values.batch ?? 25);
  const work = mkdtempSync(join(tmpdir(), 'isolation-bench-'));
  const clean = join(work, 'clean');
  const hostile = join(work, 'hostile');
  combine(sources, clean);
  combine(sources, hostile);
  addHostileFiles(hostile);

  let peak = 0;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 100);
  const reporter = createReporter({ level: 'quiet' });
  const session = await openSession({ reporter, fresh: true, stateDir: join(work, 'state') });
  const figures: RunFigures[] = [];
  try {
    const table = session.manifest.tables[0].name;
    const analysis = session.manifest.stateMachines.find((machine) => machine.logicalId === 'AnalysisStateMachine');
    if (!analysis) throw new Error('template.yaml has no AnalysisStateMachine');
    // A customer per run: each has its own findings cache, so the second run analyses every unit again.
    for (const [label, source, customerId] of [['real code base', clean, 'bench-clean'], ['with hostile files', hostile, 'bench-hostile']] as const) {
      await ensureCustomer(session.clients.dynamodb, customerId, { tableName: table, keystoreDir: session.keystoreDir });
      peak = process.memoryUsage.rss();
      session.app?.pool.resetStats();
      const runId = `isolation-${figures.length + 1}-${Date.now()}`;
      const outcome = await runAnalysis({ customerId, runId, source, api: await session.apiAs({ kind: 'customer', customerId }), sfn: session.clients.sfn, stateMachineArn: analysis.aliasArn ?? analysis.arn, reporter, options: { maxItemsPerBatch: batch } });
      const { Item } = await DynamoDBDocumentClient.from(session.clients.dynamodb).send(new GetCommand({ TableName: table, Key: { PK: `CUSTOMER#${customerId}`, SK: `RUN#${runId}` } }));
      const heaps = (session.app?.pool.stats() ?? []).map((row) => `${row.logicalId.replace('Function', '')} ${(row.peakHeapUsedBytes / MIB).toFixed(0)}`).join(', ');
      const summary = typeof Item?.summary === 'string' ? (JSON.parse(Item.summary) as Partial<RunFigures>) : {};
      figures.push({
        label,
        status: outcome.status,
        seconds: outcome.seconds,
        units: summary.units ?? 0,
        loc: summary.loc ?? 0,
        unitsFailed: summary.unitsFailed ?? 0,
        notAnalyzed: summary.notAnalyzed ?? { units: 0, files: 0, lines: 0, byReason: {} },
        peakRssBytes: peak,
        heaps,
      });
    }
  } finally {
    clearInterval(sampler);
    await session.close();
    rmSync(work, { recursive: true, force: true });
  }

  const out = (line = ''): boolean => process.stdout.write(`${line}\n`);
  out(`Isolation benchmark: ${sources.join(' + ')}, batches of ${batch}, ${new Date().toISOString()}`);
  out('| run | status | wall time | units | lines | lost to a failed batch | not analysed | peak RSS | peak heap per function (MiB) |');
  out('|---|---|--:|--:|--:|--:|---|--:|---|');
  for (const run of figures) {
    const reasons = Object.entries(run.notAnalyzed.byReason).map(([reason, counts]) => `${reason} ${counts.units}u/${counts.files}f/${counts.lines.toLocaleString('en-US')}l`).join(', ') || 'none';
    out(`| ${run.label} | ${run.status} | ${run.seconds.toFixed(1)} s | ${run.units.toLocaleString('en-US')} | ${run.loc.toLocaleString('en-US')} | ${run.unitsFailed} | ${reasons} | ${(run.peakRssBytes / MIB).toFixed(0)} MiB | ${run.heaps} |`);
  }
  const [base, withHostile] = figures;
  if (base !== undefined && withHostile !== undefined) {
    out();
    out(`Hostile / clean: wall time ${(withHostile.seconds / base.seconds).toFixed(2)}×, peak RSS ${(withHostile.peakRssBytes / base.peakRssBytes).toFixed(2)}×`);
  }
  out(`Process high-water mark (getrusage maxrss, both runs): ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
};

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
