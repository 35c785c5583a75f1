import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LOCK_FILE, openDataDir } from '../../../local/emulators/dataDir';
import { DataDirInUseError, UnsafeDataDirError } from '../../../local/emulators/errors';

describe('Function: openDataDir()', () => {
  let parent: string;

  beforeEach(async () => {
    parent = await mkdtemp(join(tmpdir(), 'data-dir-test-'));
  });

  afterEach(async () => {
    await rm(parent, { recursive: true, force: true });
  });

  it('creates the directory and records this process as owner until released', async () => {
    // Act
    const owned = await openDataDir(join(parent, 'a', 'b'));
    const lock = await readFile(join(owned.path, LOCK_FILE), 'utf8');
    await owned.release();

    // Assess
    expect(lock).toBe(String(process.pid));
    expect(await readdir(owned.path)).toEqual([]);
  });

  it('refuses a second owner in the same process and allows one after release', async () => {
    // Prepare
    const first = await openDataDir(parent);

    // Act
    const second = openDataDir(parent);

    // Assess
    await expect(second).rejects.toBeInstanceOf(DataDirInUseError);
    await first.release();
    const third = await openDataDir(parent);
    await third.release();
  });

  it('refuses a directory locked by another running process', async () => {
    // Prepare: PID 1 is always running (init), and is not us.
    await writeFile(join(parent, LOCK_FILE), '1');

    // Act
    const outcome = openDataDir(parent);

    // Assess
    await expect(outcome).rejects.toMatchObject({ name: 'DataDirInUseError', pid: 1 });
  });

  it('takes over a lock left by a process that has exited', async () => {
    // Prepare
    const exited = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    await writeFile(join(parent, LOCK_FILE), exited.stdout);

    // Act
    const owned = await openDataDir(parent);

    // Assess
    expect(await readFile(join(parent, LOCK_FILE), 'utf8')).toBe(String(process.pid));
    await owned.release();
  });

  it('empties the directory on a fresh start', async () => {
    // Prepare
    await writeFile(join(parent, 'old-state.json'), '{}');

    // Act
    const owned = await openDataDir(parent, { fresh: true });

    // Assess
    expect(await readdir(parent)).toEqual([LOCK_FILE]);
    await owned.release();
  });

  it.each([
    ['the filesystem root', '/'],
    ['the working directory', process.cwd()],
  ])('refuses to wipe %s', async (_case, dataDir) => {
    await expect(openDataDir(dataDir, { fresh: true })).rejects.toBeInstanceOf(UnsafeDataDirError);
  });
});
