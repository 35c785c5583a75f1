/**
 * Whole-file replacement that a crash cannot tear: write a temporary file beside the target, then rename it over
 * the target (rename is atomic within one file system on POSIX). A reader sees the old content or the new, never
 * a mix; a crash leaves at most a stray temporary file, which {@link removeStrayTemporaries} cleans up.
 */
import { open, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';

const TEMP_MARKER = '.tmp-';
let sequence = 0;

/**
 * Replaces `path` with `content` atomically; with `durable`, the data is flushed to disk before the rename, so
 * the new content also survives a power loss, not only a process crash.
 *
 * @example
 * await writeFileAtomic('/state/executions/abc.json', JSON.stringify(record), { durable: false });
 */
const writeFileAtomic = async (path: string, content: string, options: { durable: boolean }): Promise<void> => {
  sequence += 1;
  const temporary = `${path}${TEMP_MARKER}${process.pid}-${sequence}`;
  const handle = await open(temporary, 'w');
  try {
    await handle.writeFile(content, 'utf8');
    if (options.durable) await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
};

/** Deletes temporary files a crashed writer left in `directory`; returns how many. */
const removeStrayTemporaries = async (directory: string): Promise<number> => {
  const strays = (await readdir(directory)).filter((name) => name.includes(TEMP_MARKER));
  await Promise.all(strays.map((name) => rm(join(directory, name), { force: true })));
  return strays.length;
};

export { removeStrayTemporaries, writeFileAtomic };
