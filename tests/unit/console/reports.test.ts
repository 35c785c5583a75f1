/**
 * ReportsView: a report is decrypted when first asked for, kept in memory while it is read (ten minutes, three
 * reports at most), served in pages, and a report that cannot be read is not kept.
 */
import { buildReport } from '../../../functions/lib/report';
import { RunReportNotFoundError, readRunReport } from '../../../local/app/run-report';
import { ConsoleNotFoundError } from '../../../local/console/errors';
import { ReportsView } from '../../../local/console/reports';
import { largeInput, smallInput } from '../report/fixtures';

jest.mock('../../../local/app/run-report', () => ({ ...jest.requireActual('../../../local/app/run-report'), readRunReport: jest.fn() }));
const read = readRunReport as jest.MockedFunction<typeof readRunReport>;

const sources = { s3: {}, dynamodb: {}, bucket: 'data', tableName: 'table', keystoreDir: '/keys' } as never;
const report = buildReport(smallInput(), { now: () => new Date('2024-05-01T10:06:00.000Z') });

describe('Class: ReportsView', () => {
  let clock = 0;
  beforeEach(() => {
    clock = 0;
    read.mockReset();
    read.mockResolvedValue(report);
  });

  it('decrypts a report once while it is read, and again after ten minutes unused', async () => {
    // Prepare
    const reports = new ReportsView(sources, () => clock);

    // Act
    await reports.view('acme', 'run-1');
    clock += 9 * 60_000;
    await reports.objects('acme', 'run-1', {});
    clock += 9 * 60_000;
    await reports.view('acme', 'run-1');
    clock += 11 * 60_000;
    await reports.view('acme', 'run-1');

    // Assess
    expect(read).toHaveBeenCalledTimes(2);
    expect(read).toHaveBeenCalledWith(sources, 'acme', 'run-1');
  });

  it('keeps three reports at most, the least recently read going first', async () => {
    // Prepare
    const reports = new ReportsView(sources, () => clock);

    // Act
    for (const run of ['r1', 'r2', 'r3', 'r1', 'r4', 'r1', 'r2']) await reports.view('acme', run);

    // Assess: r2 was evicted by r4 (r1 had been read again), so it is read twice
    expect(read.mock.calls.map((call) => call[2])).toEqual(['r1', 'r2', 'r3', 'r4', 'r2']);
  });

  it('does not keep a report it could not read, and answers not found for a missing one', async () => {
    // Prepare
    read.mockRejectedValueOnce(new RunReportNotFoundError('no report at s3://data/reports/acme/r9.report.enc'));
    const reports = new ReportsView(sources, () => clock);

    // Act
    const missing = await reports.view('acme', 'r9').catch((error: Error) => error);
    const view = await reports.view('acme', 'r9');

    // Assess
    expect(missing).toBeInstanceOf(ConsoleNotFoundError);
    expect(view.summary.findings).toBe(5);
    expect(read).toHaveBeenCalledTimes(2);
  });

  it('serves objects a page at a time, filtered by text, severity or rule', async () => {
    // Prepare
    read.mockResolvedValue(buildReport(largeInput(250, 3), { now: () => new Date('2024-05-01T10:06:00.000Z') }));
    const reports = new ReportsView(sources, () => clock);

    // Act
    const first = await reports.objects('acme', 'big', { limit: 100 });
    const third = await reports.objects('acme', 'big', { offset: 200, limit: 100 });
    const named = await reports.objects('acme', 'big', { q: 'z_obj_17.' });
    const byRule = await reports.objects('acme', 'big', { rule: 'rule_3' });

    // Assess
    expect([first.total, first.rows.length, third.rows.length]).toEqual([250, 100, 50]);
    expect(first.rows[0]).not.toHaveProperty('findings');
    expect(named.rows.map((row) => row.objectName)).toEqual(['Z_OBJ_17']);
    expect(byRule.total).toBeGreaterThan(0);
    expect(byRule.total).toBeLessThan(250);
  });
});
