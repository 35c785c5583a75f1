/**
 * Validation and normalisation of entry paths, the same for zip and tar. Nothing is ever written to disk, but the
 * path ends up in reports and in abaplint's file names, and a hostile path is a sign of a hostile archive: reject.
 */
import { PathTooLongError, UnsafePathError } from './errors';

/** Limits a path is checked against. */
type PathLimits = { maxPathLength: number; maxPathDepth: number };

// C0 controls and DEL: no legitimate source path holds them, and they hide traversal from people reading a listing.
const CONTROL = /[\u0000-\u001f\u007f]/;
const DRIVE_LETTER = /^[A-Za-z]:/;

/**
 * Normalises an entry path as found in the archive and rejects unsafe ones.
 *
 * Backslashes are read as separators before checking (Windows PowerShell 5.1's `Compress-Archive` writes them), so
 * `..\\..\\x` is caught as traversal like `../../x`. Any `..` segment is rejected, even one that would stay inside the
 * root: normalising it away would only hide intent. `.` and empty segments are dropped (`./src//a` → `src/a`), and
 * a trailing `/` (directory entries) is removed.
 *
 * @returns the normalised path; `''` for the archive root itself (a tar's `./` entry)
 * @throws UnsafePathError for traversal, absolute paths, drive letters, control characters
 * @throws PathTooLongError past `maxPathLength` characters or `maxPathDepth` segments
 * @example
 * normalizeEntryPath('./src\\zfoo.prog.abap', { maxPathLength: 1024, maxPathDepth: 32 }); // 'src/zfoo.prog.abap'
 */
const normalizeEntryPath = (raw: string, limits: PathLimits): string => {
  if (CONTROL.test(raw)) throw new UnsafePathError(raw, 'control-character');
  const slashed = raw.replace(/\\/g, '/');
  if (slashed.startsWith('/')) throw new UnsafePathError(raw, 'absolute');
  if (DRIVE_LETTER.test(slashed)) throw new UnsafePathError(raw, 'drive-letter');
  const segments = slashed.split('/').filter((segment) => segment !== '' && segment !== '.');
  if (segments.includes('..')) throw new UnsafePathError(raw, 'traversal');
  const path = segments.join('/');
  if (path.length > limits.maxPathLength) {
    throw new PathTooLongError(raw, 'maxPathLength', limits.maxPathLength, path.length);
  }
  if (segments.length > limits.maxPathDepth) {
    throw new PathTooLongError(raw, 'maxPathDepth', limits.maxPathDepth, segments.length);
  }
  return path;
};

/** The last segment of a normalised path. */
const baseName = (path: string): string => path.slice(path.lastIndexOf('/') + 1);

/** Everything before the last segment of a normalised path (`''` at the root). */
const dirName = (path: string): string => {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
};

export { baseName, dirName, normalizeEntryPath };
export type { PathLimits };
