/**
 * The command-line launcher (local/cli/launch.js) in a throwaway project laid out as this one: the launcher and the
 * build cache copied in, a command `start` of two TypeScript files, and node_modules linking the real esbuild and tsx.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');

describe('Feature: the command-line launcher', () => {
  let project: string;
  const bundle = (): string => join(project, 'node_modules', '.cache', 'upgrade-impact-cli', 'start.js');

  const launch = (...args: string[]): { status: number | null; stdout: string; stderr: string } => {
    const result = spawnSync(process.execPath, [join(project, 'local', 'cli', 'launch.js'), ...args], { cwd: project, encoding: 'utf8' });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  };

  beforeEach(() => {
    // Prepare: a project with the launcher, the build cache, and a `start` command that reads its arguments, its own
    // folder, and a TypeScript file it requires at run time (as the local runtime requires a layer's build script)
    project = mkdtempSync(join(tmpdir(), 'launch-'));
    for (const folder of ['local/cli/app', 'local/lambda', 'scripts', 'node_modules/.bin']) mkdirSync(join(project, folder), { recursive: true });
    copyFileSync(join(ROOT, 'local', 'cli', 'launch.js'), join(project, 'local', 'cli', 'launch.js'));
    copyFileSync(join(ROOT, 'local', 'lambda', 'build-cache.js'), join(project, 'local', 'lambda', 'build-cache.js'));
    for (const pkg of ['esbuild', 'tsx']) symlinkSync(join(ROOT, 'node_modules', pkg), join(project, 'node_modules', pkg));
    writeFileSync(join(project, 'package-lock.json'), '{}\n');
    writeFileSync(join(project, 'local', 'cli', 'app', 'greeting.ts'), "export const greeting: string = 'hello';\n");
    writeFileSync(join(project, 'scripts', 'late.ts'), "export const late = (n: number): string => `late ${n}`;\n");
    writeFileSync(
      join(project, 'local', 'cli', 'app', 'start.ts'),
      [
        "import { join } from 'node:path';",
        "import { greeting } from './greeting';",
        "const { late } = require(join(__dirname, '..', '..', '..', 'scripts', 'late.ts')) as { late(n: number): string };",
        "process.stdout.write(JSON.stringify({ greeting, args: process.argv.slice(2), dir: __dirname, late: late(2) }) + '\\n');",
        '',
      ].join('\n'),
    );
  });

  afterEach(() => rmSync(project, { recursive: true, force: true }));

  it('runs a command from its bundle, with its arguments, its own source folder, and TypeScript required at run time', () => {
    // Act
    const result = launch('start', '--verbose', 'x');

    // Assess
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ greeting: 'hello', args: ['--verbose', 'x'], dir: join(project, 'local', 'cli', 'app'), late: 'late 2' });
    expect(statSync(bundle()).isFile()).toBe(true);
  });

  it('reuses the bundle while nothing it was built from changed', () => {
    // Prepare
    launch('start');
    const before = statSync(bundle()).mtimeMs;

    // Act
    const result = launch('start');

    // Assess
    expect(JSON.parse(result.stdout).greeting).toBe('hello');
    expect(statSync(bundle()).mtimeMs).toBe(before);
  });

  it('builds again on the next start once a source file is edited', () => {
    // Prepare
    launch('start');
    writeFileSync(join(project, 'local', 'cli', 'app', 'greeting.ts'), "export const greeting: string = 'howdy';\n");

    // Act
    const result = launch('start');

    // Assess
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout).greeting).toBe('howdy');
  });

  it('refuses a command it does not know, saying which it runs', () => {
    // Act
    const result = launch('deploy');

    // Assess
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Usage: node local/cli/launch.js <start|local|invoke|trace|report|customer>');
  });
});
