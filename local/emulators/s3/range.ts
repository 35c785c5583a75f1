/** The `Range` header of GetObject: one byte range, as S3 supports (RFC 9110 §14.1.2). */
import { S3ApiError } from './errors';

/** An inclusive byte range within an object. */
type ByteRange = { start: number; end: number };

/**
 * Resolves a Range header against an object size. Returns undefined when the whole object is to be sent:
 * no header, a header S3 ignores (not `bytes=`, malformed, or several ranges). Throws InvalidRange (416) when
 * the range starts past the end, as S3 does.
 *
 * @example
 * parseRange('bytes=-22', 100); // { start: 78, end: 99 } — the zip end-of-central-directory record
 */
const parseRange = (value: string | undefined, size: number): ByteRange | undefined => {
  if (value === undefined) return undefined;
  const match = /^bytes=(\d*)-(\d*)$/.exec(value.trim());
  if (!match || (match[1] === '' && match[2] === '')) return undefined;
  const unsatisfiable = (): S3ApiError => new S3ApiError('InvalidRange', { RangeRequested: value, ActualObjectSize: size });
  if (match[1] === '') {
    const suffix = Number(match[2]);
    if (suffix === 0 || size === 0) throw unsatisfiable();
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(match[1]);
  // A last-byte-pos below the first-byte-pos makes the header invalid, which S3 ignores.
  if (match[2] !== '' && Number(match[2]) < start) return undefined;
  if (start >= size) throw unsatisfiable();
  const end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  return { start, end };
};

export { parseRange };
export type { ByteRange };
