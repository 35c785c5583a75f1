/**
 * Builds archives in memory for the source-splitting tests (yazl for zip, tar-stream for tar), including hostile
 * ones: names yazl refuses are written under a placeholder of the same length and patched in afterwards.
 */
import { gzipSync } from 'node:zlib';
import { pack } from 'tar-stream';
import type { Header } from 'tar-stream';
import { ZipFile } from 'yazl';

/** One entry to put in a test archive. */
type EntrySpec = {
  path: string;
  content?: string | Buffer;
  /** zip: Unix mode including the file type bits (0o120777 is a symlink). */
  mode?: number;
  /** zip: store instead of deflate. */
  store?: boolean;
  /** tar: entry type (file by default). */
  type?: Header['type'];
  /** tar: link target. */
  linkname?: string;
  /** zip: a directory entry. */
  directory?: boolean;
};

const toBuffer = (content: string | Buffer | undefined): Buffer =>
  content === undefined ? Buffer.alloc(0) : typeof content === 'string' ? Buffer.from(content, 'utf8') : content;

/** A zip of the entries, deflated unless `store` is set. */
const zipOf = async (entries: ReadonlyArray<EntrySpec>): Promise<Buffer> => {
  const zip = new ZipFile();
  const mtime = new Date('2024-01-01T00:00:00Z');
  for (const entry of entries) {
    if (entry.directory === true) {
      zip.addEmptyDirectory(entry.path, { mtime });
      continue;
    }
    zip.addBuffer(toBuffer(entry.content), entry.path, {
      mtime,
      compress: entry.store !== true,
      ...(entry.mode === undefined ? {} : { mode: entry.mode }),
    });
  }
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
};

/** A tar of the entries (POSIX ustar, pax headers for long names). */
const tarOf = async (entries: ReadonlyArray<EntrySpec>): Promise<Buffer> => {
  const tar = pack();
  const mtime = new Date('2024-01-01T00:00:00Z');
  for (const entry of entries) {
    const type = entry.type ?? 'file';
    const header = { name: entry.path, type, mtime, ...(entry.linkname === undefined ? {} : { linkname: entry.linkname }) };
    if (type === 'file') tar.entry(header, toBuffer(entry.content));
    else tar.entry(header);
  }
  tar.finalize();
  const chunks: Buffer[] = [];
  for await (const chunk of tar as unknown as AsyncIterable<Uint8Array>) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
};

/** A gzipped tar of the entries. */
const tarGzOf = async (entries: ReadonlyArray<EntrySpec>): Promise<Buffer> => gzipSync(await tarOf(entries));

/** The archive builders by format, for `it.each` over formats. */
const builders = { zip: zipOf, 'tar.gz': tarGzOf, tar: tarOf } as const;

/** Replaces every occurrence of `from` by `to` (same byte length), e.g. an entry name in a zip's two headers. */
const patchBytes = (archive: Buffer, from: string, to: string): Buffer => {
  const a = Buffer.from(from, 'latin1');
  const b = Buffer.from(to, 'latin1');
  if (a.length !== b.length) throw new Error('patchBytes needs strings of the same length');
  const out = Buffer.from(archive);
  let at = out.indexOf(a);
  if (at < 0) throw new Error(`patchBytes: ${from} not found`);
  while (at >= 0) {
    b.copy(out, at);
    at = out.indexOf(a, at + b.length);
  }
  return out;
};

/** Offsets of a zip entry's local header and central directory header, found by name. */
const zipHeaders = (archive: Buffer, name: string): { local: number; central: number } => {
  const encoded = Buffer.from(name, 'utf8');
  let local = -1;
  let central = -1;
  for (let i = 0; i + 4 <= archive.length; i += 1) {
    const signature = archive.readUInt32LE(i);
    if (signature === 0x04034b50 && archive.subarray(i + 30, i + 30 + encoded.length).equals(encoded)) local = i;
    if (signature === 0x02014b50 && archive.subarray(i + 46, i + 46 + encoded.length).equals(encoded)) central = i;
  }
  if (local < 0 || central < 0) throw new Error(`zipHeaders: ${name} not found`);
  return { local, central };
};

/** Overwrites fields of a zip entry in both its headers (APPNOTE 4.3.7 and 4.3.12 offsets). */
const patchZipEntry = (
  archive: Buffer,
  name: string,
  fields: { uncompressedSize?: number; flags?: number; method?: number; localHeaderOffset?: number },
): Buffer => {
  const out = Buffer.from(archive);
  const { local, central } = zipHeaders(out, name);
  if (fields.uncompressedSize !== undefined) {
    out.writeUInt32LE(fields.uncompressedSize, local + 22);
    out.writeUInt32LE(fields.uncompressedSize, central + 24);
  }
  if (fields.flags !== undefined) {
    out.writeUInt16LE(fields.flags, local + 6);
    out.writeUInt16LE(fields.flags, central + 8);
  }
  if (fields.method !== undefined) {
    out.writeUInt16LE(fields.method, local + 8);
    out.writeUInt16LE(fields.method, central + 10);
  }
  if (fields.localHeaderOffset !== undefined) out.writeUInt32LE(fields.localHeaderOffset, central + 42);
  return out;
};

/** Offset of a zip entry's local header (to point another entry at it). */
const zipLocalHeaderOffset = (archive: Buffer, name: string): number => zipHeaders(archive, name).local;

/** Deterministic pseudo-random bytes (incompressible, reproducible). */
const noise = (length: number, seed = 1): Buffer => {
  const out = Buffer.alloc(length);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < length; i += 1) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
};

export { builders, noise, patchBytes, patchZipEntry, tarGzOf, tarOf, zipLocalHeaderOffset, zipOf };
export type { EntrySpec };
