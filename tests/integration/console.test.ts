/**
 * The local console after real local runs (the bundled example, and an upload that is not an archive): its API
 * through HTTP, and its pages in a real headless Chromium (skipped, with one line saying so, where none is installed).
 * Screenshots of each page are kept in tests/artifacts/console/.
 */
import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CreateStateMachineCommand, StartExecutionCommand, StopExecutionCommand } from '@aws-sdk/client-sfn';
import type { Page } from 'puppeteer-core';
import { findChromium, launchChromium, type LaunchedBrowser } from '../support/chromium';
import { startTestApp, type TestApp } from './helpers/app';

const ROOT = join(__dirname, '..', '..');
const EXAMPLE = join(ROOT, 'examples', 'abap-erp-custom');
const ARTIFACTS = join(ROOT, 'tests', 'artifacts', 'console');
const DEFINITION = JSON.parse(readFileSync(join(ROOT, 'statemachines', 'analysis.asl.json'), 'utf8')) as {
  States: Record<string, { ItemProcessor?: { States: Record<string, unknown> } }>;
};
const ALL_STATES = [...Object.keys(DEFINITION.States), ...Object.keys(DEFINITION.States['Analyze units'].ItemProcessor!.States)];

const chromium = findChromium();
if (!chromium) process.stderr.write('console browser tests skipped: no Chromium on this machine (apt-get install chromium, or set CHROMIUM_PATH)\n');

type Json = Record<string, any>;

/** What the tests read of the page's elements (this file is compiled without the DOM library; casts only, as callbacks run in the page). */
type PageElement = { dataset: Record<string, string | undefined>; innerText: string; querySelector(selector: string): PageElement | null };

const decode = (text: string): string =>
  text.replace(/<[^>]+>/g, '').replace(/&(lt|gt|quot|#39|amp);/g, (_, entity: string) => ({ lt: '<', gt: '>', quot: '"', '#39': "'", amp: '&' })[entity] ?? '');

/** Every file below a directory (the state directory: nothing decrypted may be written there). */
const filesBelow = (directory: string): string[] =>
  readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    return statSync(path).isDirectory() ? filesBelow(path) : [path];
  });

describe('Feature: the local console', () => {
  let t: TestApp;
  let base: string;
  let okArn: string;
  let badArn: string;
  const api = async (path: string): Promise<any> => {
    const response = await fetch(`${base}${path}`);
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return response.json();
  };

  beforeAll(async () => {
    t = await startTestApp({ console: true });
    base = t.app.console!.url;
    await t.onboard('demo');
    const ok = await t.run('demo', 'r-ok', await t.uploadSource('demo', EXAMPLE), { maxItemsPerBatch: 5 });
    const bad = await t.run('demo', 'r-bad', await t.upload('demo', Buffer.from('not an archive\n'.repeat(10)), 'notes.zip'));
    expect([ok.status, bad.status]).toEqual(['SUCCEEDED', 'FAILED']);
    okArn = ok.executionArn!;
    badArn = bad.executionArn!;
  }, 300_000);

  afterAll(async () => {
    await t?.close();
  });

  describe('its API', () => {
    it('lists the executions with the customer and run read from their input', async () => {
      // Act
      const page = await api(`/api/executions?stateMachineArn=${encodeURIComponent(t.app.manifest.stateMachines.find((m) => m.logicalId === 'AnalysisStateMachine')!.arn)}`);
      const failed = await api(`/api/executions?stateMachineArn=${encodeURIComponent(t.app.manifest.stateMachines.find((m) => m.logicalId === 'AnalysisStateMachine')!.arn)}&status=FAILED`);

      // Assess
      expect(page.executions.map((row: Json) => [row.runId, row.customerId, row.status]).sort()).toEqual([
        ['r-bad', 'demo', 'FAILED'],
        ['r-ok', 'demo', 'SUCCEEDED'],
      ]);
      expect(failed.executions.map((row: Json) => row.runId)).toEqual(['r-bad']);
    });

    it('colours every state of the definition by what happened in a successful run, and counts the map run’s items', async () => {
      // Act
      const detail = await api(`/api/executions/${encodeURIComponent(okArn)}`);

      // Assess
      expect(detail.graph.nodes.filter((node: Json) => node.kind === 'state').map((node: Json) => node.id).sort()).toEqual([...ALL_STATES].sort());
      const status = (name: string) => detail.states[name]?.status ?? 'not-reached';
      for (const name of ['Load customer', 'Check entitlement', 'Record run started', 'Split source into units', 'Analyze units', 'Analyze batch', 'Aggregate findings', 'Encrypt report', 'Publish rollout', 'Mark run published']) {
        expect([name, status(name)]).toEqual([name, 'succeeded']);
      }
      for (const name of ['Refuse customer', 'Run already exists', 'Record failure', 'Analysis failed']) expect([name, status(name)]).toEqual([name, 'not-reached']);
      expect(detail.mapRuns).toHaveLength(1);
      // The map's items are packs: the example's 22 units in 5 packs of at most 5.
      expect(detail.mapRuns[0]).toMatchObject({ state: 'Analyze units', status: 'SUCCEEDED', itemCounts: { total: 5, succeeded: 5, failed: 0 }, failures: [] });
      expect(detail.events.length).toBeGreaterThan(20);
    });

    it('never shows customer code in the execution data it shows', async () => {
      // Prepare: a line of the example's code that a finding points at
      const code = "CALL TRANSACTION 'MB1B'";
      expect(readFileSync(join(EXAMPLE, 'src', 'mm', 'zcl_mm_goods_movement.clas.abap'), 'utf8')).toContain(code);

      // Act
      const detail = await fetch(`${base}/api/executions/${encodeURIComponent(okArn)}`).then((response) => response.text());

      // Assess
      expect(detail).not.toContain(code);
    });

    it('shows where a failed run failed: the caught state, the Fail state, and the cause', async () => {
      // Act
      const detail = await api(`/api/executions/${encodeURIComponent(badArn)}`);

      // Assess
      expect(detail.execution).toMatchObject({ status: 'FAILED', error: 'NotAnArchiveError', customerId: 'demo', runId: 'r-bad' });
      expect(detail.states['Split source into units']).toMatchObject({ status: 'caught', occurrences: [{ error: 'NotAnArchiveError', cause: expect.stringContaining('not a zip, tar.gz or tar archive') }] });
      expect(detail.states['Analysis failed']).toMatchObject({ status: 'failed', occurrences: [{ error: 'NotAnArchiveError' }] });
      expect(detail.states['Analyze units']).toBeUndefined();
    });

    it('lists the customer’s runs with status and headline', async () => {
      // Act
      const customers = await api('/api/customers');
      const runs = await api('/api/customers/demo/runs');

      // Assess
      expect(customers).toEqual([expect.objectContaining({ customerId: 'demo', status: 'ACTIVE', runs: 2 })]);
      const byId = Object.fromEntries(runs.map((run: Json) => [run.runId, run]));
      expect(byId['r-ok']).toMatchObject({ status: 'PUBLISHED', hasReport: true, executionArn: okArn, headline: { units: 22, loc: 3111, findings: expect.any(Number), requiredEffortMinutes: expect.any(Number), cleanupEffortMinutes: expect.any(Number) } });
      expect(byId['r-bad']).toMatchObject({ status: 'FAILED', hasReport: false, error: 'NotAnArchiveError' });
    });

    it('decrypts the report on demand: charts, and each finding with its code excerpt at its line', async () => {
      // Act
      const view = await api('/api/runs/demo/r-ok/report');
      const { object, findings } = await api('/api/runs/demo/r-ok/report/objects/0');

      // Assess
      expect(Object.keys(view.charts).sort()).toEqual(['effortByRule', 'effortBySeverity', 'effortTreemap', 'findingsPerUnit']);
      for (const chart of Object.values(view.charts) as string[]) expect(chart).toMatch(/^<svg class="chart"/);
      expect(view.summary.units).toBe(22);
      expect(findings.length).toBe(object.findingCount);
      const source = readFileSync(join(EXAMPLE, object.path), 'utf8').replace(/\r\n/g, '\n').split('\n');
      for (const finding of findings) {
        const marked = finding.excerpt.lines.filter((line: Json) => line.marked);
        expect(marked.map((line: Json) => line.number)).toEqual([finding.line]);
        expect(decode(marked[0].html)).toBe(source[finding.line - 1]);
      }
    });

    it('keeps the decrypted report out of every file of the state directory', async () => {
      // Prepare
      const view = await api('/api/runs/demo/r-ok/report');
      const marker = `"generatedAt":"${view.generatedAt}"`;

      // Act
      const holding = filesBelow(t.app.stateDir).filter((path) => statSync(path).size < 50_000_000 && readFileSync(path).includes(marker));

      // Assess
      expect(holding).toEqual([]);
    });

    it('shows each function’s invocations, tied to their runs, and filters the log by run', async () => {
      // Act
      const functions = await api('/api/functions');
      const analyze = await api('/api/functions/AnalyzeUnitsFunction?run=demo/r-ok');
      const split = await api('/api/functions/SplitSourceFunction?run=demo/r-bad');

      // Assess
      expect(functions.find((fn: Json) => fn.logicalId === 'AnalyzeUnitsFunction')).toMatchObject({ invocations: 5, memoryMb: expect.any(Number) });
      expect(analyze.totalInvocations).toBe(5);
      expect(analyze.invocations.every((invocation: Json) => invocation.runId === 'r-ok' && invocation.status === 'succeeded' && invocation.durationMs >= 0)).toBe(true);
      expect(analyze.invocations.some((invocation: Json) => invocation.coldStart)).toBe(true);
      expect(analyze.lines.every((line: Json) => line.runId === 'r-ok')).toBe(true);
      expect(split.invocations).toEqual([expect.objectContaining({ status: 'failed', errorName: 'NotAnArchiveError', runId: 'r-bad' })]);
      expect(split.runs).toEqual(expect.arrayContaining([{ customerId: 'demo', runId: 'r-ok' }, { customerId: 'demo', runId: 'r-bad' }]));
    });
  });

  (chromium ? describe : describe.skip)('in a browser', () => {
    let chrome: LaunchedBrowser;
    let page: Page;

    const open = async (path: string, ready: string): Promise<void> => {
      await page.goto(`${base}${path}`);
      await page.waitForSelector(`main[data-ready="${ready}"]`, { timeout: 30_000 });
    };
    const shot = async (name: string): Promise<void> => {
      await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
    };
    const fillOf = (state: string): Promise<string> =>
      page.$eval(`g.node[data-state="${state}"] rect`, (rect) => (globalThis as unknown as { getComputedStyle(element: unknown): { fill: string } }).getComputedStyle(rect).fill);

    beforeAll(async () => {
      mkdirSync(ARTIFACTS, { recursive: true });
      chrome = await launchChromium(chromium!);
      page = await chrome.browser.newPage();
      await page.setViewport({ width: 1400, height: 1000 });
      page.on('pageerror', (error) => {
        throw error;
      });
    }, 60_000);

    afterAll(async () => {
      await chrome?.close();
    });

    it('lists the executions with their customer and run, and says it is an operator’s tool', async () => {
      // Act
      await open('/executions', 'executions');

      // Assess
      const rows = await page.$$eval('table.executions tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].slice(0, 4).map((td) => td.textContent?.trim())));
      expect(rows.sort()).toEqual([
        ['FAILED', 'demo_r-bad', 'demo', 'r-bad'],
        ['SUCCEEDED', 'demo_r-ok', 'demo', 'r-ok'],
      ]);
      expect(await page.$eval('header .operator', (element) => element.textContent)).toMatch(/Operator console.*loopback only/);
      await shot('executions');
    }, 60_000);

    it('draws every state of the definition with its status colour, and shows the map run’s counts on a click', async () => {
      // Act
      await open(`/executions/${encodeURIComponent(okArn)}`, 'execution');
      const drawn = await page.$$eval('g.node.state', (nodes) => nodes.map((node) => [(node as unknown as PageElement).dataset.state, (node as unknown as PageElement).dataset.status]));
      await page.click('g.node[data-state="Analyze units"]');
      await page.waitForSelector('#state-details .map-counts');

      // Assess
      expect(drawn.map(([name]) => name).sort()).toEqual([...ALL_STATES].sort());
      expect(Object.fromEntries(drawn)).toMatchObject({ 'Load customer': 'succeeded', 'Analyze batch': 'succeeded', 'Analysis failed': 'not-reached' });
      expect(await fillOf('Encrypt report')).toBe('rgb(172, 238, 187)');
      expect(await fillOf('Record failure')).toBe('rgb(255, 255, 255)');
      const counts = await page.$$eval('#state-details .map-counts [data-count]', (spans) => Object.fromEntries(spans.map((span) => [(span as unknown as PageElement).dataset.count, span.querySelector('strong')?.textContent])));
      expect(counts).toMatchObject({ total: '5', succeeded: '5', failed: '0' });
      await shot('execution');
    }, 60_000);

    it('shows a failed run’s failing state in red, with its cause', async () => {
      // Act
      await open(`/executions/${encodeURIComponent(badArn)}`, 'execution');
      await page.click('.execution-error a[data-select-state]');
      await page.waitForSelector('#state-details .occurrence');

      // Assess
      expect(await fillOf('Analysis failed')).toBe('rgb(255, 129, 130)');
      expect(await fillOf('Split source into units')).toBe('rgb(255, 183, 124)');
      expect(await page.$eval('.execution-error', (box) => box.textContent)).toMatch(/NotAnArchiveError in Split source into units[\s\S]*is not a zip, tar.gz or tar archive/);
      expect(await page.$eval('#state-details', (pane) => pane.textContent)).toMatch(/Split source into units[\s\S]*Caught error[\s\S]*NotAnArchiveError[\s\S]*is not a zip/);
      await shot('execution-failed');
    }, 60_000);

    it('shows the report’s charts, and a finding’s code excerpt with its line marked', async () => {
      // Act
      await open('/runs/demo/r-ok', 'run');
      await page.waitForSelector('#object-list tr.object-row');
      const charts = await page.$$eval('.charts figure svg.chart', (svgs) => svgs.length);
      await page.click('tr.object-row[data-index="0"]');
      await page.waitForSelector('tr.object-detail pre.excerpt');

      // Assess
      expect(charts).toBe(4);
      const finding = await page.$eval('tr.object-detail .finding', (element) => ({
        line: Number((element as unknown as PageElement).dataset.line),
        marked: Number((element as unknown as PageElement).querySelector('.line.marked')!.dataset.line),
        text: (element as unknown as PageElement).querySelector('.line.marked')!.innerText,
      }));
      const path = await page.$eval('tr.object-row[data-index="0"] code', (element) => element.textContent!);
      const sourceLine = readFileSync(join(EXAMPLE, path), 'utf8').split('\n')[finding.line - 1];
      expect(finding.marked).toBe(finding.line);
      expect(finding.text).toContain(sourceLine.trim());
      await shot('run');
    }, 60_000);

    it('shows the runs of a customer, and the functions with their invocations filtered by run', async () => {
      // Act
      await open('/runs/demo', 'customer');
      await shot('runs');
      await open('/functions', 'functions');
      await shot('functions');
      await open('/functions/AnalyzeUnitsFunction?run=demo%2Fr-ok', 'function');

      // Assess
      const runs = await page.$$eval('table.invocations tbody tr td:nth-child(3)', (cells) => [...new Set(cells.map((cell) => cell.textContent?.trim()))]);
      expect(runs).toEqual(['demo/r-ok']);
      await shot('function');
    }, 60_000);

    it('follows a running execution live, without a reload', async () => {
      // Prepare: an execution that waits until it is stopped
      const { stateMachineArn } = await t.app.clients.sfn.send(
        new CreateStateMachineCommand({
          name: 'console-live',
          roleArn: `arn:aws:iam::${t.app.manifest.accountId}:role/console-live`,
          definition: JSON.stringify({ StartAt: 'Wait for the operator', States: { 'Wait for the operator': { Type: 'Wait', Seconds: 3600, Next: 'Done' }, Done: { Type: 'Succeed' } } }),
        }),
      );
      const { executionArn } = await t.app.clients.sfn.send(new StartExecutionCommand({ stateMachineArn, name: 'live-1', input: '{}' }));
      await open(`/executions/${encodeURIComponent(executionArn!)}`, 'execution');
      const before = await page.$eval('g.node[data-state="Wait for the operator"]', (node) => (node as unknown as PageElement).dataset.status);

      // Act
      await t.app.clients.sfn.send(new StopExecutionCommand({ executionArn, error: 'Operator.Stopped', cause: 'stopped by the console test' }));
      await page.waitForSelector('g.node[data-state="Wait for the operator"][data-status="aborted"]', { timeout: 20_000 });

      // Assess
      expect(before).toBe('running');
      expect(await page.$eval('h1 .pill', (pill) => pill.textContent)).toBe('ABORTED');
      expect(await page.$eval('g.node[data-state="Done"]', (node) => (node as unknown as PageElement).dataset.status)).toBe('not-reached');
    }, 60_000);
  });
});
