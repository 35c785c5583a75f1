/**
 * Packing a local directory into a zip or tar.gz, for `npm start -- --source <dir>`: the local runtime uploads the
 * result like any customer archive, so the same split path runs. Packing is plain: no skip rules (the splitter
 * applies them), but symlinks and special files are never followed or packed (the splitter would refuse the archive).
 *
 * Kept out of index.ts: it needs yazl (a dev dependency), and the split-source Lambda never packs.
 */
import { createReadStream } from 'node:fs';
import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Writable } from 'node:stream';
import { createGzip } from 'node:zlib';
import { pack as tarPack } from 'tar-stream';
import { ZipFile } from 'yazl';

/** Formats {@link packDirectory} writes. */
type PackFormat = 'tar.gz' | 'zip';

/** Options of {@link packDirectory}. */
type PackOptions = {
  /**
   * Leaves out a file or directory (its path relative to `dir`, `/`-separated). A left-out directory is not entered.
   * @default nothing is left out
   */
  exclude?: (relativePath: string, isDirectory: boolean) => boolean;
};

/** What was packed. */
type PackResult = {
  /** Regular files packed. */
  files: number;
  /** Their bytes, uncompressed. */
  bytes: number;
  /** Relative paths of symlinks and special files that were left out. */
  omitted: string[];
};

type FoundFile = { relative: string; absolute: string; size: number; mode: number; mtime: Date };

/** Lists regular files under `dir`, sorted, depth first; never follows symlinks. */
const walk = async (dir: string, options: PackOptions, omitted: string[], prefix = ''): Promise<FoundFile[]> => {
  const names = (await readdir(join(dir, prefix))).sort();
  const found: FoundFile[] = [];
  for (const name of names) {
    const relative = prefix === '' ? name : `${prefix}/${name}`;
    const absolute = join(dir, relative);
    const stats = await lstat(absolute);
    if (stats.isDirectory()) {
      if (options.exclude?.(relative, true) === true) continue;
      found.push(...(await walk(dir, options, omitted, relative)));
    } else if (stats.isFile()) {
      if (options.exclude?.(relative, false) === true) continue;
      found.push({ relative, absolute, size: stats.size, mode: stats.mode & 0o777, mtime: stats.mtime });
    } else {
      omitted.push(relative);
    }
  }
  return found;
};

/** Writes the files as a zip (deflate) to `out`. */
const writeZip = async (files: ReadonlyArray<FoundFile>, out: Writable): Promise<void> => {
  const zip = new ZipFile();
  for (const file of files) zip.addFile(file.absolute, file.relative, { mode: 0o100000 | file.mode, mtime: file.mtime });
  zip.end();
  await pipeline(zip.outputStream, out);
};

/** Writes the files as a gzipped POSIX tar to `out`, streaming one file at a time. */
const writeTarGz = async (files: ReadonlyArray<FoundFile>, out: Writable): Promise<void> => {
  const tar = tarPack();
  const written = pipeline(tar, createGzip(), out);
  try {
    for (const file of files) {
      const entry = tar.entry({ name: file.relative, size: file.size, mode: file.mode, mtime: file.mtime, type: 'file' });
      await pipeline(createReadStream(file.absolute), entry);
    }
    tar.finalize();
  } catch (error) {
    tar.destroy(error as Error);
  }
  await written;
};

/**
 * Packs every regular file under `dir` into `out` as a zip or tar.gz, in sorted path order.
 *
 * @example
 * await packDirectory('./examples/abap-shop', createWriteStream('.local/uploads/shop.tar.gz'), 'tar.gz');
 */
const packDirectory = async (
  dir: string,
  out: Writable,
  format: PackFormat,
  options: PackOptions = {},
): Promise<PackResult> => {
  const omitted: string[] = [];
  const files = await walk(dir, options, omitted);
  if (format === 'zip') await writeZip(files, out);
  else await writeTarGz(files, out);
  return { files: files.length, bytes: files.reduce((sum, file) => sum + file.size, 0), omitted };
};

export { packDirectory };
export type { PackFormat, PackOptions, PackResult };
