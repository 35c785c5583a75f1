/**
 * `npm run local` as a user runs it (the command spawned as a process): it prints the console's address as one line on
 * stdout, `Console: <url>`, serves the console there until Ctrl-C, and stops cleanly.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
/** What package.json's scripts run: the launcher, which runs the command from its cached bundle. */
const LAUNCHER = join(ROOT, 'local', 'cli', 'launch.js');
const FREE_PORTS = { LOCAL_PORT_DYNAMODB: '0', LOCAL_PORT_S3: '0', LOCAL_PORT_EVENTBRIDGE: '0', LOCAL_PORT_STEPFUNCTIONS: '0', LOCAL_PORT_REST_API: '0', LOCAL_PORT_CONSOLE: '0' };

describe('Feature: npm run local', () => {
  const stateDir = mkdtempSync(join(tmpdir(), 'upgrade-impact-local-'));

  afterAll(() => rmSync(stateDir, { recursive: true, force: true }));

  it('prints "Console: <url>" on stdout and serves the console there until Ctrl-C', async () => {
    // Prepare
    const child = spawn(process.execPath, [LAUNCHER, 'local', '--state-dir', stateDir], { cwd: ROOT, env: { ...process.env, CI: '1', ...FREE_PORTS } });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));

    try {
      // Act
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          stdout += chunk.toString();
          const match = /^Console: (http:\/\/127\.0\.0\.1:\d+)$/m.exec(stdout);
          if (match) resolve(match[1]);
        });
        child.on('close', () => reject(new Error(`npm run local ended before printing the console's address:\n${stderr}`)));
      });
      const page = await fetch(`${url}/runs/demo/r1`);
      const overview = await fetch(`${url}/api/overview`).then((response) => response.json() as Promise<{ stateMachines: Array<{ name: string }> }>);

      // Assess
      expect(stdout.trim().split('\n')).toEqual([`Console: ${url}`]);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('local console');
      expect(overview.stateMachines.map((machine) => machine.name)).toContain('upgrade-impact-local-analysis');
      expect(stderr).toMatch(/Console\s+http:\/\/127\.0\.0\.1:\d+/);
    } finally {
      child.kill('SIGINT');
    }
    expect(await exited).toBe(0);
  }, 120_000);
});
