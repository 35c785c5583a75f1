/**
 * Archive format detection from magic bytes. The upload's name is never trusted: a `.zip` may be a tar.gz, and a
 * `.tar.gz` may be anything.
 */
import { readRange } from './byteSource';
import { ArchiveFormats } from './constants';
import { NotAnArchiveError } from './errors';
import type { ArchiveFormat, ByteSource } from './types';

/** Bytes read to detect the format: one tar header block (the ustar magic sits at offset 257). */
const SNIFF_BYTES = 512;

/**
 * Detects the format of an archive from its first bytes.
 *
 * - zip: a local file header `PK\x03\x04`, or `PK\x05\x06` (an empty zip is only an end-of-central-directory
 *   record); a spanned-archive marker `PK\x07\x08` is refused (multi-volume zips are not supported).
 * - tar.gz: the gzip magic `1f 8b` with method 8 (deflate). What is inside the gzip is checked when it is read.
 * - tar: `ustar` at offset 257 (POSIX and GNU tar).
 *
 * @throws NotAnArchiveError for anything else, including an empty upload
 * @example
 * await detectFormat(await fileByteSource('upload.bin')); // 'tar.gz'
 */
const detectFormat = async (source: ByteSource): Promise<ArchiveFormat> => {
  if (source.size === 0) throw new NotAnArchiveError(source.name, Buffer.alloc(0));
  const head = await readRange(source, 0, Math.min(SNIFF_BYTES, source.size) - 1);
  if (head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b) {
    if ((head[2] === 0x03 && head[3] === 0x04) || (head[2] === 0x05 && head[3] === 0x06)) return ArchiveFormats.Zip;
  }
  if (head.length >= 3 && head[0] === 0x1f && head[1] === 0x8b && head[2] === 0x08) return ArchiveFormats.TarGz;
  if (head.length >= 262 && head.subarray(257, 262).toString('latin1') === 'ustar') return ArchiveFormats.Tar;
  throw new NotAnArchiveError(source.name, head);
};

export { detectFormat };
