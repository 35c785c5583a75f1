/**
 * Judging a file by its bytes: binary or text, which encoding, minified or not, how many lines.
 *
 * Encodings: a BOM decides (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE); then valid UTF-8 is UTF-8; anything else is a legacy
 * code page, detected with chardet (ICU's statistical detector) and decoded with iconv-lite. Old SAP downloads are
 * written in the code page of the logon language: windows-1252 for German, CP949 for Korean, Shift_JIS for Japanese.
 */
import { isUtf8 } from 'node:buffer';
import { lazy } from '../lazy';
import { SkipReasons } from './constants';
import type { LegacyEncoding, SkipReason } from './types';

// Loaded on the first file that is not UTF-8 (most code is): iconv-lite's tables are the largest part of the split.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const chardet = lazy(() => require('chardet') as typeof import('chardet'));
// eslint-disable-next-line @typescript-eslint/no-require-imports
const iconv = lazy(() => require('iconv-lite') as typeof import('iconv-lite'));
const iconvDecode = (bytes: Buffer | Uint8Array, encoding: string): string => iconv().decode(bytes as Buffer, encoding);

/** How the text was decoded: a Unicode encoding named by its BOM or by being valid UTF-8, or a legacy code page. */
type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'utf-32le' | 'utf-32be' | LegacyEncoding;

/**
 * The outcome of decoding a file. `confidence` (0–100, chardet's) is present for a legacy code page the detector
 * chose; a legacy code page without it was assumed (the fallback), Unicode encodings are certain.
 */
type DecodeOutcome =
  | { ok: true; text: string; encoding: TextEncodingName; confidence?: number }
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

/** Byte order marks, longest first (the UTF-32LE mark begins with the UTF-16LE one). */
const BOMS: ReadonlyArray<{ bytes: Buffer; encoding: 'utf-32le' | 'utf-32be' | 'utf-16le' | 'utf-16be' }> = [
  { bytes: Buffer.from([0xff, 0xfe, 0x00, 0x00]), encoding: 'utf-32le' },
  { bytes: Buffer.from([0x00, 0x00, 0xfe, 0xff]), encoding: 'utf-32be' },
  { bytes: Buffer.from([0xff, 0xfe]), encoding: 'utf-16le' },
  { bytes: Buffer.from([0xfe, 0xff]), encoding: 'utf-16be' },
];

/** How much of a text the control-character check samples. */
const CONTROL_SAMPLE = 8192;
/** Share of control characters (other than tab, newlines, form feed) above which a text is binary. */
const CONTROL_SHARE = 0.05;
/** The detector reads at most this much of a file: enough for its statistics, bounded for an 8 MiB file. */
const DETECTION_SAMPLE = 256 * 1024;
/** Single-byte candidates below this confidence are not tried. */
const MIN_CONFIDENCE = 10;
/**
 * Multibyte candidates below this confidence are not tried: on a few non-ASCII bytes the detector names a CJK page
 * at 10 (a German "Grüße" would become Shift_JIS), while real Korean, Japanese or Chinese text scores 65–100.
 */
const MIN_MULTIBYTE_CONFIDENCE = 50;

/**
 * chardet's names → the code page decoded with. ISO-8859-1 becomes windows-1252 (its superset, as WHATWG reads
 * latin1); EUC-KR becomes CP949, Microsoft's superset that Korean SAP systems write. Detections not listed (ISO-2022
 * are 7-bit, so valid UTF-8 and never asked; UTF-16/32 without a BOM hold NUL bytes, so binary) are not used.
 */
const DETECTED: ReadonlyMap<string, LegacyEncoding> = new Map<string, LegacyEncoding>([
  ['ISO-8859-1', 'windows-1252'],
  ['windows-1252', 'windows-1252'],
  ['ISO-8859-2', 'iso-8859-2'],
  ['windows-1250', 'windows-1250'],
  ['ISO-8859-5', 'iso-8859-5'],
  ['windows-1251', 'windows-1251'],
  ['KOI8-R', 'koi8-r'],
  ['ISO-8859-6', 'iso-8859-6'],
  ['windows-1256', 'windows-1256'],
  ['ISO-8859-7', 'iso-8859-7'],
  ['windows-1253', 'windows-1253'],
  ['ISO-8859-8', 'iso-8859-8'],
  ['windows-1255', 'windows-1255'],
  ['ISO-8859-9', 'iso-8859-9'],
  ['windows-1254', 'windows-1254'],
  ['Shift_JIS', 'shift_jis'],
  ['EUC-JP', 'euc-jp'],
  ['EUC-KR', 'cp949'],
  ['GB18030', 'gb18030'],
  ['Big5', 'big5'],
]);

/** Code pages with more than one byte per character: a decode that needs replacement characters is the wrong one. */
const MULTIBYTE: ReadonlySet<LegacyEncoding> = new Set<LegacyEncoding>(['shift_jis', 'euc-jp', 'cp949', 'gb18030', 'big5']);

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
 * Decodes bytes that are not UTF-8: the detector's candidates, most confident first, until one decodes cleanly;
 * else the fallback (a single-byte code page decodes anything), marked as assumed by having no confidence.
 */
const decodeLegacy = (bytes: Buffer, fallback: LegacyEncoding | undefined): { text: string; encoding: LegacyEncoding; confidence?: number } | undefined => {
  for (const candidate of chardet().analyse(bytes.subarray(0, DETECTION_SAMPLE))) {
    const encoding = DETECTED.get(candidate.name);
    if (encoding === undefined || candidate.confidence < (MULTIBYTE.has(encoding) ? MIN_MULTIBYTE_CONFIDENCE : MIN_CONFIDENCE)) continue;
    const text = iconvDecode(bytes, encoding);
    if (MULTIBYTE.has(encoding) && text.includes('\ufffd')) continue;
    return { text, encoding, confidence: candidate.confidence };
  }
  return fallback === undefined ? undefined : { text: iconvDecode(bytes, fallback), encoding: fallback };
};

/**
 * Decodes a file's bytes into text, or says why it is not analysable text.
 *
 * Order matters: a BOM comes first (UTF-16 text is full of NUL bytes); then magic numbers and NUL bytes (binary); then
 * UTF-8 (abapGit and most SAP exports); then a legacy code page, detected (see the module comment), else the
 * fallback; without a fallback (`fallbackEncoding: false`) undetectable bytes are `invalid-encoding`. Decoded text
 * that is mostly control characters is `binary`; whitespace only is `empty`.
 *
 * @example
 * decodeSourceText(Buffer.from('\ufeffREPORT zfoo.\r\n')); // { ok: true, text: 'REPORT zfoo.\n', encoding: 'utf-8' }
 * decodeSourceText(iconv.encode("* Prüfung\nREPORT z.", 'windows-1252')).encoding; // 'windows-1252'
 */
const decodeSourceText = (bytes: Buffer, fallbackEncoding: LegacyEncoding | false = 'windows-1252'): DecodeOutcome => {
  if (bytes.length === 0) return { ok: false, reason: SkipReasons.Empty, detail: '0 bytes' };
  let decoded: { text: string; encoding: TextEncodingName; confidence?: number } | undefined;
  const bom = BOMS.find((candidate) => bytes.subarray(0, candidate.bytes.length).equals(candidate.bytes));
  if (bom !== undefined) {
    const text = bom.encoding === 'utf-16le' || bom.encoding === 'utf-16be' ? decodeUtf16(bytes, bom.encoding) : iconvDecode(bytes, bom.encoding);
    if (text === undefined || text.includes('\ufffd')) {
      return { ok: false, reason: SkipReasons.InvalidEncoding, detail: `invalid ${bom.encoding.toUpperCase()} after its BOM` };
    }
    decoded = { text, encoding: bom.encoding };
  } else {
    const magic = MAGIC_NUMBERS.find(({ bytes: signature }) => bytes.subarray(0, signature.length).equals(signature));
    if (magic !== undefined) return { ok: false, reason: SkipReasons.Binary, detail: magic.what };
    const nul = bytes.indexOf(0);
    if (nul >= 0) return { ok: false, reason: SkipReasons.Binary, detail: `NUL byte at offset ${nul}` };
    if (isUtf8(bytes)) {
      decoded = { text: bytes.toString('utf8'), encoding: 'utf-8' };
    } else {
      decoded = decodeLegacy(bytes, fallbackEncoding === false ? undefined : fallbackEncoding);
      if (decoded === undefined) {
        return { ok: false, reason: SkipReasons.InvalidEncoding, detail: `invalid UTF-8 at byte ${firstInvalidUtf8(bytes)}, and no code page detected` };
      }
    }
  }
  const text = normalizeText(decoded.text);
  if (controlShare(text) > CONTROL_SHARE) {
    return { ok: false, reason: SkipReasons.Binary, detail: 'mostly control characters' };
  }
  if (text.trim() === '') return { ok: false, reason: SkipReasons.Empty, detail: 'whitespace only' };
  return { ok: true, text, ...(decoded.confidence === undefined ? { encoding: decoded.encoding } : { encoding: decoded.encoding, confidence: decoded.confidence }) };
};

/** UTF-16 after its BOM, strictly: an unpaired surrogate makes the file unreadable rather than silently patched. */
const decodeUtf16 = (bytes: Buffer, encoding: 'utf-16le' | 'utf-16be'): string | undefined => {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
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
