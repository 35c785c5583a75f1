/**
 * The console's page-load benchmark: how long each page takes to show a large run, in a real headless Chromium.
 *
 *   npm run bench:console -- [--units 5000] [--loads 5] [--batch 25] [--json result.json] [--keep | --reuse <dir>]
 *
 * Analyses a generated code base of `--units` ABAP programs (about 13 findings each: 5,000 units, about 65,000
 * findings) through the whole local workflow, with the console served by the same runtime; then opens each page
 * `--loads` times in a fresh Chromium tab and reads, from the page itself, the milliseconds from navigation to its
 * first complete view (the `console-ready` mark). The report page's first load includes decrypting the report with
 * the customer's key; later loads read it from the console's memory. Opening one object (its findings with their
 * code excerpts) is timed from the click. Everything runs in a temporary directory, removed afterwards unless --keep;
 * `--reuse <dir>` measures the pages again over a directory a `--keep` run left, without analysing anything.
 *
 * Exit codes: 0 measured; 1 bad option, no Chromium, or a failed run.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { reportKey } from '../../functions/lib/run';
import { createReporter, ensureCustomer, runAnalysis, startLocalApp, type LocalApp, createApiClient, LOCAL_CREDENTIALS } from '../../local/app';
import { executionPath, runPath } from '../../local/console/paths';
import { findChromium, launchChromium } from '../../tests/support/chromium';
import { writeConsoleCorpus } from './corpus';

const USAGE = `Usage: npm run bench:console -- [--units 5000] [--loads 5] [--batch 25] [--json <file>] [--keep | --reuse <dir>]

Times each console page on a run of --units generated ABAP programs (about 13 findings each) in headless Chromium.
--keep keeps the directory (code base, state) and prints it; --reuse <dir> times the pages again over it.

Exit codes: 0 measured; 1 bad option, no Chromium, or a failed run.`;

const log = (message: string): void => {
  process.stderr.write(`[bench:console] ${message}\n`);
};

type PageTiming = {
  page: string;
  path: string;
  /** Navigation to the first complete view, per load. */
  loads: number[];
  firstMs: number;
  medianMs: number;
  maxMs: number;
  /** CPU time of this process (the console and the local services it reads) during each load. */
  serverCpuMs: number[];
  /** Main-thread task time of the page's renderer during each load. */
  pageCpuMs: number[];
};

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

const wholeNumber = (raw: string | undefined, name: string, fallback: number): number => {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} takes a whole number of at least 1`);
  return value;
};

const main = async (): Promise<number> => {
  const { values } = parseArgs({
    options: {
      units: { type: 'string' },
      loads: { type: 'string' },
      batch: { type: 'string' },
      json: { type: 'string' },
      keep: { type: 'boolean' },
      reuse: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const units = wholeNumber(values.units, 'units', 5000);
  const loads = wholeNumber(values.loads, 'loads', 5);
  const batch = wholeNumber(values.batch, 'batch', 25);
  const chromium = findChromium();
  if (!chromium) throw new Error('no Chromium on this machine: apt-get install chromium (or set CHROMIUM_PATH)');

  const work = values.reuse ?? mkdtempSync(join(tmpdir(), 'bench-console-'));
  const customerId = 'bench';
  const runId = `r${units}`;
  let app: LocalApp | undefined;
  try {
    app = await startLocalApp({
      stateDir: join(work, 'state'),
      ports: { dynamodb: 0, s3: 0, eventbridge: 0, stepfunctions: 0, restApi: 0 },
      console: { port: 0 },
      reporter: createReporter({ level: 'quiet' }),
    });
    let executionArn: string;
    if (values.reuse) {
      const kept = (await (await fetch(`${app.console!.url}/api/runs/${customerId}/${runId}`)).json()) as { executionArn?: string };
      if (!kept.executionArn) throw new Error(`${work} holds no run ${runId} of ${customerId} (give the --units it was made with)`);
      executionArn = kept.executionArn;
      // A fresh runtime bundles every function in the background as it starts, and its S3 server loads a bucket's
      // index on the first request: let both happen before timing pages, as they have after a run.
      log('letting the runtime finish its start (30 s)');
      await new Promise((resolve) => setTimeout(resolve, 30_000));
      await app.clients.s3.send(new HeadObjectCommand({ Bucket: app.manifest.buckets[0].name, Key: reportKey(customerId, runId) }));
    } else {
      // 1. The code base and its run, through the whole local workflow.
      const corpus = writeConsoleCorpus(join(work, 'corpus'), units);
      log(`generated ${units} programs, ${corpus.loc.toLocaleString('en-US')} non-blank lines`);
      await ensureCustomer(app.clients.dynamodb, customerId, { tableName: app.manifest.tables[0].name, keystoreDir: app.keystoreDir });
      const analysis = app.manifest.stateMachines.find((machine) => machine.logicalId === 'AnalysisStateMachine')!;
      const started = Date.now();
      const outcome = await runAnalysis({
        customerId,
        runId,
        source: join(work, 'corpus'),
        api: createApiClient({ baseUrl: app.endpoints.restApi, region: app.manifest.region, credentials: LOCAL_CREDENTIALS }),
        sfn: app.clients.sfn,
        stateMachineArn: analysis.aliasArn ?? analysis.arn,
        reporter: createReporter({ level: 'quiet' }),
        pollMs: 1000,
        options: { maxItemsPerBatch: batch },
      });
      if (outcome.status !== 'SUCCEEDED') throw new Error(`the run ended ${outcome.status}: ${outcome.error ?? ''} ${outcome.cause ?? ''}`);
      executionArn = outcome.executionArn;
      log(`run ${runId} analysed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    }
    const base = app.console!.url;
    const runRow = (await (await fetch(`${base}/api/runs/${customerId}/${runId}`)).json()) as { headline: { units?: number; findings?: number; loc?: number } };
    log(`run ${runId}: ${runRow.headline.units} units, ${runRow.headline.findings} findings, ${runRow.headline.loc} lines`);

    // 2. Each page, loaded `loads` times in a fresh tab.
    const pages = [
      { page: 'run (report)', path: runPath(customerId, runId), ready: 'run' },
      { page: 'execution', path: executionPath(executionArn), ready: 'execution' },
      { page: 'executions', path: '/executions', ready: 'executions' },
      { page: 'customer runs', path: `/runs/${customerId}`, ready: 'customer' },
      { page: 'functions', path: '/functions', ready: 'functions' },
      { page: 'function, one run', path: `/functions/AnalyzeUnitsFunction?run=${customerId}%2F${runId}`, ready: 'function' },
    ];
    const chrome = await launchChromium(chromium);
    const timings: PageTiming[] = [];
    const objectOpen: number[] = [];
    try {
      for (const spec of pages) {
        const measured: number[] = [];
        const serverCpuMs: number[] = [];
        const pageCpuMs: number[] = [];
        for (let load = 0; load < loads; load += 1) {
          const tab = await chrome.browser.newPage();
          await tab.setViewport({ width: 1400, height: 1000 });
          const cpuBefore = process.cpuUsage();
          const tasksBefore = (await tab.metrics()).TaskDuration ?? 0;
          await tab.goto(`${base}${spec.path}`);
          await tab.waitForSelector(`main[data-ready="${spec.ready}"]`, { timeout: 120_000 });
          const cpu = process.cpuUsage(cpuBefore);
          serverCpuMs.push(Math.round((cpu.user + cpu.system) / 1000));
          pageCpuMs.push(Math.round((((await tab.metrics()).TaskDuration ?? 0) - tasksBefore) * 1000));
          measured.push(await tab.evaluate(() => Math.round(performance.getEntriesByName('console-ready').at(-1)?.startTime ?? Number.NaN)));
          if (spec.ready === 'run') {
            await tab.waitForSelector('tr.object-row');
            const clicked = Date.now();
            await tab.click('tr.object-row[data-index="0"]');
            await tab.waitForSelector('tr.object-detail pre.excerpt', { timeout: 60_000 });
            objectOpen.push(Date.now() - clicked);
          }
          await tab.close();
        }
        timings.push({
          page: spec.page,
          path: spec.path,
          loads: measured,
          firstMs: measured[0],
          medianMs: median(measured.slice(1).length > 0 ? measured.slice(1) : measured),
          maxMs: Math.max(...measured),
          serverCpuMs,
          pageCpuMs,
        });
      }
    } finally {
      await chrome.close();
    }

    // 3. The figures.
    const out = (line = ''): boolean => process.stdout.write(`${line}\n`);
    out(`Console page loads: run of ${runRow.headline.units?.toLocaleString('en-US')} units, ${runRow.headline.findings?.toLocaleString('en-US')} findings, ${runRow.headline.loc?.toLocaleString('en-US')} lines`);
    out(`machine: ${cpus().length} cores, load ${loadavg().map((value) => value.toFixed(2)).join(' ')}; ${loads} loads per page in a fresh tab; ms from navigation to the first complete view`);
    out();
    out(`${'page'.padEnd(20)} ${'first'.padStart(8)} ${'median'.padStart(8)} ${'max'.padStart(8)}   ${'CPU first'.padStart(18)} ${'CPU median'.padStart(18)}   loads`);
    const cpuPair = (server: number, page: number): string => `${server} + ${page}`.padStart(18);
    for (const timing of timings) {
      const later = (values: number[]): number => median(values.length > 1 ? values.slice(1) : values);
      out(
        `${timing.page.padEnd(20)} ${String(timing.firstMs).padStart(8)} ${String(timing.medianMs).padStart(8)} ${String(timing.maxMs).padStart(8)}   ` +
          `${cpuPair(timing.serverCpuMs[0], timing.pageCpuMs[0])} ${cpuPair(later(timing.serverCpuMs), later(timing.pageCpuMs))}   ${timing.loads.join(' ')}`,
      );
    }
    out(`${'open one object'.padEnd(20)} ${String(objectOpen[0]).padStart(8)} ${String(median(objectOpen)).padStart(8)} ${String(Math.max(...objectOpen)).padStart(8)}   ${objectOpen.join(' ')}  (click to its findings with code excerpts)`);
    out();
    out('first: the first load (the report page decrypts the report with the customer key); median: the later loads.');
    out('CPU: ms of CPU time of the console process (with the local services it reads) + ms of main-thread task time of the');
    out('page, for one load; the first grows little with the machine\'s load, wall times and the second grow with it.');
    if (values.json) {
      writeFileSync(values.json, `${JSON.stringify({ units: runRow.headline.units, findings: runRow.headline.findings, loc: runRow.headline.loc, loads, timings, objectOpen, loadavg: loadavg() }, null, 2)}\n`);
      log(`wrote ${values.json}`);
    }
    return 0;
  } finally {
    await app?.stop();
    if (values.keep || values.reuse) log(`kept ${work}`);
    else rmSync(work, { recursive: true, force: true });
  }
};

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: Error) => {
    process.stderr.write(`error: ${error.message}\n`);
    process.exitCode = 1;
  },
);
