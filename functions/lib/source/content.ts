/**
 * Judging a file by its bytes: binary or text, which encoding, minified or not, how many lines.
 */
import { isUtf8 } from 'node:buffer';
import { SkipReasons } from './constants';
import type { FallbackEncoding, SkipReason } from './types';

/** How the text was decoded. */
type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | FallbackEncoding;

/** The outcome of decoding a file. */
type DecodeOutcome =
  | { ok: true; text: string; encoding: TextEncodingName }
  | { ok: false; reason: SkipReason; detail: string };

// Signatures of binary formats that turn up in source trees. Formats that start with a NUL byte (wasm, many
// documents) are caught by the NUL check anyway.
const MAGIC_NUMBERS: ReadonlyArray<{ bytes: Buffer; what: string }> = [
  { bytes: Buffer.from([0x89, 0x50, 0x4e, 0x47]), what: 'PNG image' },
  { bytes: Buffer.from('GIF8'), what: 'GIF image' },
  { bytes: Buffer.from([0xff, 0xd8, 0xff]), what: 'JPEG image' },
  { bytes: Buffer.from('%PDF-'), what: 'PDF document' },
  { bytes: Buffer.from([0x50, 0x4b, 0x03, 0x04]), what: 'zip archive' },
  { bytes: Buffer.from([0x1f, 0x8b]), what: 'gzip data' },
  { bytes: Buffer.from([0x7f, 0x45, 0x4c, 0x46]), what: 'ELF executable' },
  { bytes: Buffer.from([0xca, 0xfe, 0xba, 0xbe]), what: 'Java class or Mach-O binary' },
  { bytes: Buffer.from([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]), what: '7z archive' },
  { bytes: Buffer.from('Rar!'), what: 'RAR archive' },
  { bytes: Buffer.from([0xd0, 0xcf, 0x11, 0xe0]), what: 'OLE2 document (old Office)' },
];

const UTF16LE_BOM = Buffer.from([0xff, 0xfe]);
const UTF16BE_BOM = Buffer.from([0xfe, 0xff]);
const UTF32LE_BOM = Buffer.from([0xff, 0xfe, 0x00, 0x00]);
const UTF32BE_BOM = Buffer.from([0x00, 0x00, 0xfe, 0xff]);

/** How much of a text the control-character check samples. */
const CONTROL_SAMPLE = 8192;
/** Share of control characters (other than tab, newlines, form feed) above which a text is binary. */
const CONTROL_SHARE = 0.05;

// WHATWG index-windows-1252 for 0x80-0x9F (the rest is Latin-1). Decoded here rather than with TextDecoder: Node
// since 20.18.3 / 22.13.0 decodes 'windows-1252' as plain Latin-1 (nodejs/node#60888), turning € into U+0080.
const WINDOWS_1252_C1 = [
  0x20ac, 0x0081, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008d,
  0x017d, 0x008f, 0x0090, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a,
  0x0153, 0x009d, 0x017e, 0x0178,
];

/** Decodes windows-1252 (what WHATWG also calls latin1 / ISO-8859-1). */
const decodeWindows1252 = (bytes: Buffer): string =>
  bytes
    .toString('latin1')
    .replace(/[\u0080-\u009f]/g, (c) => String.fromCharCode(WINDOWS_1252_C1[c.charCodeAt(0) - 0x80]));

/** Offset of the first byte where `bytes` stops being valid UTF-8 (only called once `isUtf8` said no). */
const firstInvalidUtf8 = (bytes: Buffer): number => {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    const length = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (length === 0) return i;
    if (length > 1 && !isUtf8(bytes.subarray(i, i + length))) return i;
    i += length;
  }
  return i;
};

/** Share of C0 controls (other than \t \n \v \f \r and ESC) in the first {@link CONTROL_SAMPLE} characters. */
const controlShare = (text: string): number => {
  const sample = Math.min(text.length, CONTROL_SAMPLE);
  if (sample === 0) return 0;
  let controls = 0;
  for (let i = 0; i < sample; i += 1) {
    const c = text.charCodeAt(i);
    if (c < 0x20 && (c < 0x09 || c > 0x0d) && c !== 0x1b) controls += 1;
  }
  return controls / sample;
};

/** Strips a leading BOM from decoded text and turns CRLF into LF, so the same code gives the same unitId. */
const normalizeText = (text: string): string => {
  const unmarked = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return unmarked.includes('\r\n') ? unmarked.replace(/\r\n/g, '\n') : unmarked;
};

/**
 * Decodes a file's bytes into text, or says why it is not analysable text.
 *
 * Order matters: a UTF-16 BOM comes first (UTF-16 text is full of NUL bytes); then magic numbers and NUL bytes
 * (binary); then UTF-8, with or without BOM (abapGit and most SAP exports); then the fallback encoding if one is
 * configured, else `invalid-encoding`. UTF-32 is refused as `invalid-encoding`. Decoded text that is mostly control
 * characters is `binary`; whitespace only is `empty`.
 *
 * @example
 * decodeSourceText(Buffer.from('\ufeffREPORT zfoo.\r\n')); // { ok: true, text: 'REPORT zfoo.\n', encoding: 'utf-8' }
 */
const decodeSourceText = (bytes: Buffer, fallbackEncoding?: FallbackEncoding): DecodeOutcome => {
  if (bytes.length === 0) return { ok: false, reason: SkipReasons.Empty, detail: '0 bytes' };
  let decoded: { text: string; encoding: TextEncodingName } | undefined;
  if (bytes.subarray(0, 4).equals(UTF32LE_BOM) || bytes.subarray(0, 4).equals(UTF32BE_BOM)) {
    return { ok: false, reason: SkipReasons.InvalidEncoding, detail: 'UTF-32 (by its BOM) is not supported' };
  }
  if (bytes.subarray(0, 2).equals(UTF16LE_BOM) || bytes.subarray(0, 2).equals(UTF16BE_BOM)) {
    const encoding = bytes[0] === 0xff ? 'utf-16le' : 'utf-16be';
    try {
      decoded = { text: new TextDecoder(encoding, { fatal: true }).decode(bytes), encoding };
    } catch {
      return { ok: false, reason: SkipReasons.InvalidEncoding, detail: `invalid ${encoding.toUpperCase()} after its BOM` };
    }
  } else {
    const magic = MAGIC_NUMBERS.find(({ bytes: signature }) => bytes.subarray(0, signature.length).equals(signature));
    if (magic !== undefined) return { ok: false, reason: SkipReasons.Binary, detail: magic.what };
    const nul = bytes.indexOf(0);
    if (nul >= 0) return { ok: false, reason: SkipReasons.Binary, detail: `NUL byte at offset ${nul}` };
    if (isUtf8(bytes)) {
      decoded = { text: bytes.toString('utf8'), encoding: 'utf-8' };
    } else if (fallbackEncoding !== undefined) {
      decoded = { text: decodeWindows1252(bytes), encoding: fallbackEncoding };
    } else {
      const offset = firstInvalidUtf8(bytes);
      return { ok: false, reason: SkipReasons.InvalidEncoding, detail: `invalid UTF-8 at byte ${offset}` };
    }
  }
  const text = normalizeText(decoded.text);
  if (controlShare(text) > CONTROL_SHARE) {
    return { ok: false, reason: SkipReasons.Binary, detail: 'mostly control characters' };
  }
  if (text.trim() === '') return { ok: false, reason: SkipReasons.Empty, detail: 'whitespace only' };
  return { ok: true, text, encoding: decoded.encoding };
};

/** Files shorter than this are never judged minified: too little text to tell. */
const MINIFIED_MIN_CHARS = 1024;
/** Average length of non-blank lines above which a file is minified (hand-written code averages 30–60). */
const MINIFIED_AVERAGE_LINE = 250;
/** A line this long that also holds most of the file marks a minified file behind a short licence header. */
const MINIFIED_LONG_LINE = 4096;

/**
 * The long-line heuristic for minified web code: a file of at least 1 KiB is minified when its non-blank lines
 * average more than 250 characters, or when one line longer than 4,096 characters holds more than half of it (a
 * minified bundle behind a licence comment). A long data URI in an otherwise normal file passes.
 *
 * @returns `undefined` when not minified, else the figures that decided it
 * @example
 * detectMinified('var a=1;'.repeat(500)); // 'average line 4000 chars over 1 lines (limit 250)'
 */
const detectMinified = (text: string): string | undefined => {
  if (text.length < MINIFIED_MIN_CHARS) return undefined;
  let lines = 0;
  let chars = 0;
  let longest = 0;
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const length = end - start;
    if (length > 0 && text.slice(start, end).trim() !== '') {
      lines += 1;
      chars += length;
      if (length > longest) longest = length;
    }
    start = end + 1;
  }
  const average = lines === 0 ? 0 : Math.round(chars / lines);
  if (average > MINIFIED_AVERAGE_LINE) {
    return `average line ${average} chars over ${lines} lines (limit ${MINIFIED_AVERAGE_LINE})`;
  }
  if (longest > MINIFIED_LONG_LINE && longest > text.length / 2) {
    const share = Math.round((longest / text.length) * 100);
    return `one line of ${longest} chars is ${share}% of the file`;
  }
  return undefined;
};

/**
 * Lines of code: non-blank lines (comments count; they are code a person maintains).
 *
 * @example
 * countLoc('REPORT z.\n\n  WRITE 1.\n'); // 2
 */
const countLoc = (text: string): number => {
  let loc = 0;
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    for (let i = start; i < end; i += 1) {
      const c = text.charCodeAt(i);
      if (c !== 0x20 && c !== 0x09 && c !== 0x0d && c !== 0x0c && c !== 0x0b) {
        loc += 1;
        break;
      }
    }
    start = end + 1;
  }
  return loc;
};

export { countLoc, decodeSourceText, detectMinified, normalizeText };
export type { DecodeOutcome, TextEncodingName };
