/**
 * One process per state directory. Two engines writing the same files would interleave history lines and,
 * worse, each would take the other's running executions for ones a restart interrupted. The lock file holds the
 * owner's process id; a lock whose process is gone (a crash, `kill -9`) is stale and taken over.
 */
import { open, readFile, rm } from 'node:fs/promises';
import { StateDirectoryLockedError } from './errors';

/** A held lock. */
type DirectoryLock = {
  /** Removes the lock file; safe to call twice. */
  release(): Promise<void>;
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

const readOwner = async (path: string): Promise<number | undefined> => {
  const text = await readFile(path, 'utf8').catch(() => '');
  const pid = Number.parseInt(text.trim(), 10);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
};

const tryCreate = async (path: string): Promise<boolean> => {
  try {
    const handle = await open(path, 'wx');
    await handle.writeFile(`${process.pid}\n`, 'utf8');
    await handle.close();
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
};

/**
 * Takes the lock file at `path` for this process, or throws StateDirectoryLockedError naming the live owner
 * (this process included: one store per directory). A stale lock is replaced.
 *
 * @example
 * const lock = await acquireDirectoryLock('.local/engine/engine.lock');
 * try { … } finally { await lock.release(); }
 */
const acquireDirectoryLock = async (path: string): Promise<DirectoryLock> => {
  // Two attempts: the second after removing a stale lock. A racing process that wins meanwhile is a live owner.
  for (let attempt = 0; attempt < 2; attempt += 1) {
    if (await tryCreate(path)) {
      let released = false;
      return {
        release: async () => {
          if (released) return;
          released = true;
          await rm(path, { force: true });
        },
      };
    }
    const owner = await readOwner(path);
    if (owner !== undefined && isAlive(owner)) throw new StateDirectoryLockedError(path, owner);
    await rm(path, { force: true });
  }
  throw new StateDirectoryLockedError(path, (await readOwner(path)) ?? 0);
};

export { acquireDirectoryLock };
export type { DirectoryLock };
