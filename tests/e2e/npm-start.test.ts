/**
 * The README's first command, as a user runs it: `npm start` (the start command spawned as a process) analyses the
 * bundled example end to end and exits 0; the report it points to decrypts with `npm run report`; the trace command
 * reads the execution; a source that is not an archive makes the run fail with exit code 2.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { nestedIfs } from '../../bench/corpus/hostile/sources';
import { GERMAN_WINDOWS_1252, KOREAN_CP949 } from '../support/legacyEncodings';

/** What package.json's scripts run: the launcher, which runs the command from its cached bundle. */
const LAUNCHER = join(__dirname, '..', '..', 'local', 'cli', 'launch.js');

const run = (script: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> =>
  new Promise((resolve) => {
    const child = spawn(process.execPath, [LAUNCHER, script, ...args], { cwd: join(__dirname, '..', '..'), env: { ...process.env, CI: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });

describe('Feature: npm start', () => {
  const stateDir = mkdtempSync(join(tmpdir(), 'upgrade-impact-e2e-'));

  afterAll(() => rmSync(stateDir, { recursive: true, force: true }));

  it('analyses the bundled example, prints the summary and exits 0; the report decrypts; the run traces', async () => {
    // Act
    const start = await run('start', ['--state-dir', stateDir, '--run-id', 'e2e-1']);

    // Assess
    expect(start.stderr).toMatch(/Uploaded to s3:\/\//);
    expect(start.code).toBe(0);
    expect(start.stdout).toMatch(/Run e2e-1 of customer demo: SUCCEEDED/);
    expect(start.stdout).toMatch(/Findings by severity/);
    expect(start.stdout).toMatch(/blocker\s+\d+/);
    // The headline is the required effort; the clean-up effort stands beside it.
    expect(start.stdout).toMatch(/^Required effort: [\d.]+ person-days \([\d,]+ min; low [\d,]+, high [\d,]+\)$/m);
    expect(start.stdout).toMatch(/^  clean-up beside it, not included: [\d.]+ person-days \([\d,]+ min; low [\d,]+, high [\d,]+\)$/m);
    expect(start.stdout).toMatch(/s3:\/\/upgrade-impact-local-databucket\/reports\/demo\/e2e-1\.report\.enc/);
    expect(start.stdout).toMatch(/^Console: http:\/\/127\.0\.0\.1:\d+\/runs\/demo\/e2e-1\b/m);

    const report = await run('report', ['demo', 'e2e-1', '--format', 'json', '--state-dir', stateDir]);
    expect(report.code).toBe(0);
    const document = JSON.parse(report.stdout) as {
      findings: { ruleId: string; severity: string; file: string; line: number; message: string; effortMinutes: number; effortClass: string }[];
    };
    expect(document.findings.length).toBeGreaterThan(0);
    expect(document.findings[0]).toEqual(
      expect.objectContaining({ ruleId: expect.any(String), severity: expect.any(String), file: expect.any(String), line: expect.any(Number), message: expect.any(String), effortMinutes: expect.any(Number) }),
    );
    expect(document.findings.every((finding) => Number.isInteger(finding.effortMinutes) && ['required', 'cleanup'].includes(finding.effortClass))).toBe(true);

    const trace = await run('trace', ['demo_e2e-1', '--state-dir', stateDir]);
    expect(trace.code).toBe(0);
    expect(trace.stdout).toMatch(/Analyze units\s+succeeded/);
    expect(trace.stdout).toMatch(/Mark run published\s+succeeded/);
  }, 240_000);

  it('analyses a code base with hostile and legacy-encoded files: SUCCEEDED, the hostile unit named as not analysed, every file decoded', async () => {
    // Prepare: two real-looking programs beside 50,000 nested IFs, a CP949 and a windows-1252 program, and a one-line
    // script that calls inherited member names
    const source = join(stateDir, 'hostile-code');
    mkdirSync(join(source, 'src'), { recursive: true });
    const deep = nestedIfs();
    writeFileSync(join(source, deep.path), deep.text);
    writeFileSync(join(source, 'src', 'zmm_stock_kr.abap'), KOREAN_CP949.bytes);
    writeFileSync(join(source, 'src', 'zmm_stock_de.abap'), GERMAN_WINDOWS_1252.bytes);
    writeFileSync(join(source, 'src', 'one-line.js'), "angular.module('m', []).controller('C', function ($scope, constructor) { $scope.toString(); });\n");

    // Act
    const start = await run('start', ['--state-dir', stateDir, '--source', source, '--run-id', 'e2e-hostile']);
    const report = await run('report', ['--state-dir', stateDir, 'demo', 'e2e-hostile', '--format', 'json']);

    // Assess
    expect(start.code).toBe(0);
    expect(start.stdout).toMatch(/Run e2e-hostile of customer demo: SUCCEEDED/);
    expect(start.stdout).toMatch(/units 4 \(3 analysed, \d+ from cache, 0 failed\)/);
    expect(start.stdout).toMatch(/^Not analysed: 1 file, 100,003 lines \(1 unit\): too-large 1 unit, 1 file, 100,003 lines$/m);
    expect(start.stdout).toMatch(/^ {2}src\/zdeep_if\.abap \(PROG ZDEEP_IF\): too-large — .*control blocks nested 301 deep \(limit 300\)/m);
    const document = JSON.parse(report.stdout);
    expect(document.encodings.files).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'src/zmm_stock_kr.abap', encoding: 'cp949' }),
        expect.objectContaining({ path: 'src/zmm_stock_de.abap', encoding: 'windows-1252' }),
        { path: 'src/one-line.js', encoding: 'utf-8' },
      ]),
    );
    const files = new Set(document.findings.map((finding: { file: string }) => finding.file));
    expect([...files].sort()).toEqual(['src/one-line.js', 'src/zmm_stock_de.abap', 'src/zmm_stock_kr.abap']);
    expect(document.notAnalyzedUnits).toEqual([expect.objectContaining({ path: 'src/zdeep_if.abap', objectName: 'ZDEEP_IF', reason: expect.objectContaining({ code: 'too-large' }) })]);
  }, 300_000);

  it('exits 2 when the run fails: a source that is not an archive', async () => {
    const file = join(stateDir, 'notes.zip');
    writeFileSync(file, 'not an archive\n'.repeat(10));

    const start = await run('start', ['--state-dir', stateDir, '--source', file, '--run-id', 'e2e-bad']);

    expect(start.code).toBe(2);
    expect(start.stdout).toMatch(/FAILED/);
    expect(start.stdout).toMatch(/NotAnArchiveError/);
  }, 240_000);

  it.each([
    ['start', ['--customer', 'Upper_Case'], /--customer Upper_Case must be 3-40 lower-case/],
    ['start', ['--run-id', '../../other/zz'], /--run-id \.\.\/\.\.\/other\/zz must be 1-39/],
    ['start', ['--run-id', `r${'1'.repeat(39)}`], /must be 1-39/],
    ['customer', ['add', 'Upper_Case'], /customer id Upper_Case must be 3-40 lower-case/],
  ])('npm run %s refuses ids the API refuses (%j), before starting anything', async (script, args, message) => {
    const answer = await run(script, [...args, '--state-dir', join(stateDir, 'never-created')]);

    expect(answer.code).toBe(1);
    expect(answer.stderr).toMatch(message);
    expect(answer.stderr).not.toMatch(/Uploaded|Starting the local services/);
  }, 60_000);

  it('exits 1 on a usage error', async () => {
    const start = await run('start', ['--max-items-per-batch', 'lots']);

    expect(start.code).toBe(1);
    expect(start.stderr).toMatch(/--max-items-per-batch takes a positive whole number/);
  }, 60_000);
});
