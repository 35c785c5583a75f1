/** Preparing an emulator's data directory: create it, or wipe it first when a fresh start is asked for. */
import { mkdir, rm } from 'node:fs/promises';
import { homedir } from 'node:os';
import { parse, resolve } from 'node:path';
import { UnsafeDataDirError } from './errors';

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

/**
 * Makes sure `dataDir` exists; with `fresh`, removes it and everything in it first. Returns the absolute path.
 *
 * @example
 * const dir = await prepareDataDir('.local/s3', { fresh: true });
 */
const prepareDataDir = async (dataDir: string, options: { fresh?: boolean } = {}): Promise<string> => {
  const absolute = resolve(dataDir);
  if (options.fresh) {
    assertSafeToWipe(absolute);
    await rm(absolute, { recursive: true, force: true });
  }
  await mkdir(absolute, { recursive: true });
  return absolute;
};

export { prepareDataDir };
