/**
 * An emulator's data directory: created when missing, wiped on a fresh start, and owned by one running emulator
 * at a time. Two servers on one directory would corrupt it (dynalite's LevelDB even crashes the process on the
 * second open), so a lock file names the owner and a second start fails with a clear error instead.
 */
import { mkdir, open, readdir, readFile, rm, unlink } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, parse, resolve } from 'node:path';
import { DataDirInUseError, UnsafeDataDirError } from './errors';

/** Name of the lock file inside a data directory; it holds the owner's process id. */
const LOCK_FILE = 'emulator.lock';

/** Directories locked by emulators running in this process (the pid in the file cannot tell them apart). */
const lockedHere = new Set<string>();

/** A data directory owned by the caller until `release()`. */
type OwnedDataDir = {
  /** Absolute path. */
  readonly path: string;
  /** Gives the directory up (removes the lock file). */
  release(): Promise<void>;
};

/** Refuses to wipe directories whose loss would be a disaster rather than a fresh start. */
const assertSafeToWipe = (dataDir: string): void => {
  const absolute = resolve(dataDir);
  if (parse(absolute).root === absolute) throw new UnsafeDataDirError({ dataDir, reason: 'it is the filesystem root' });
  if (absolute === resolve(homedir())) throw new UnsafeDataDirError({ dataDir, reason: 'it is the home directory' });
  const cwd = resolve(process.cwd());
  if (cwd === absolute || cwd.startsWith(`${absolute}/`)) {
    throw new UnsafeDataDirError({ dataDir, reason: 'it contains the current working directory' });
  }
};

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Creates the lock file, taking over one left by a process that no longer runs. */
const acquireLock = async (path: string): Promise<void> => {
  const lockPath = join(path, LOCK_FILE);
  if (lockedHere.has(path)) throw new DataDirInUseError({ dataDir: path, pid: process.pid });
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const handle = await open(lockPath, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      lockedHere.add(path);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number((await readFile(lockPath, 'utf8').catch(() => '')).trim());
      if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && isAlive(owner)) {
        throw new DataDirInUseError({ dataDir: path, pid: owner });
      }
      // Stale: its process is gone (or it is ours from an emulator that was never stopped).
      await unlink(lockPath).catch(() => undefined);
    }
  }
  throw new DataDirInUseError({ dataDir: path, pid: undefined });
};

/**
 * Creates `dataDir` if needed, takes its lock, and with `fresh` empties it. Release it when the emulator stops.
 *
 * @example
 * const dir = await openDataDir('.local/s3', { fresh: true });
 * // … run the emulator on dir.path
 * await dir.release();
 */
const openDataDir = async (dataDir: string, options: { fresh?: boolean } = {}): Promise<OwnedDataDir> => {
  const path = resolve(dataDir);
  if (options.fresh) assertSafeToWipe(path);
  await mkdir(path, { recursive: true });
  await acquireLock(path);
  if (options.fresh) {
    for (const entry of await readdir(path)) {
      if (entry !== LOCK_FILE) await rm(join(path, entry), { recursive: true, force: true });
    }
  }
  let released = false;
  return {
    path,
    release: async () => {
      if (released) return;
      released = true;
      lockedHere.delete(path);
      await unlink(join(path, LOCK_FILE)).catch(() => undefined);
    },
  };
};

export { LOCK_FILE, openDataDir };
export type { OwnedDataDir };
