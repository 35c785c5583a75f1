import { countLoc, decodeSourceText, detectMinified } from '../../../functions/lib/source/content';
import { CHINESE_BIG5, CHINESE_GB18030, GERMAN_WINDOWS_1252, JAPANESE_SHIFT_JIS, KOREAN_CP949 } from '../../support/legacyEncodings';

describe('Function: decodeSourceText()', () => {
  it.each([
    ['plain UTF-8', Buffer.from('REPORT z.\n'), 'REPORT z.\n', 'utf-8'],
    ['UTF-8 with BOM', Buffer.from('\ufeffREPORT z.\n'), 'REPORT z.\n', 'utf-8'],
    ['UTF-8 umlauts', Buffer.from('" Grüße\n'), '" Grüße\n', 'utf-8'],
    ['CRLF', Buffer.from('a\r\nb\r\n'), 'a\nb\n', 'utf-8'],
    ['UTF-16LE with BOM', Buffer.from('\ufeffx = 1\n', 'utf16le'), 'x = 1\n', 'utf-16le'],
  ])('decodes %s', (_what, bytes, text, encoding) => {
    // Assess
    expect(decodeSourceText(bytes)).toEqual({ ok: true, text, encoding });
  });

  it.each([
    ['nothing', Buffer.alloc(0), 'empty', '0 bytes'],
    ['blanks', Buffer.from('\n \t\r\n'), 'empty', 'whitespace only'],
    ['a NUL', Buffer.from('ab\0'), 'binary', 'NUL byte at offset 2'],
    ['a GIF', Buffer.from('GIF89a...'), 'binary', 'GIF image'],
    ['a PDF', Buffer.from('%PDF-1.7\n'), 'binary', 'PDF document'],
    ['a lone surrogate in UTF-16', Buffer.from([0xff, 0xfe, 0x00, 0xd8]), 'invalid-encoding', 'invalid UTF-16LE after its BOM'],
    ['a code point past Unicode in UTF-32', Buffer.from([0xff, 0xfe, 0, 0, 0, 0, 0x20, 0]), 'invalid-encoding', 'invalid UTF-32LE after its BOM'],
  ])('refuses %s with a reason', (_what, bytes, reason, detail) => {
    // Assess
    expect(decodeSourceText(bytes)).toEqual({ ok: false, reason, detail });
  });

  it.each([
    ['UTF-32LE', Buffer.from([0xff, 0xfe, 0, 0, 0x41, 0, 0, 0]), 'A', 'utf-32le'],
    ['UTF-32BE', Buffer.from([0, 0, 0xfe, 0xff, 0, 0, 0, 0x41]), 'A', 'utf-32be'],
    ['UTF-16BE', Buffer.from('\ufeffx = 1\r\n', 'utf16le').swap16(), 'x = 1\n', 'utf-16be'],
  ])('decodes %s by its BOM', (_what, bytes, text, encoding) => {
    // Assess
    expect(decodeSourceText(bytes)).toEqual({ ok: true, text, encoding });
  });

  it.each([
    ['Korean comments in CP949', KOREAN_CP949, 'cp949'],
    ['German umlauts in windows-1252', GERMAN_WINDOWS_1252, 'windows-1252'],
    ['Japanese comments in Shift_JIS', JAPANESE_SHIFT_JIS, 'shift_jis'],
    ['Simplified Chinese in GB18030', CHINESE_GB18030, 'gb18030'],
    ['Traditional Chinese in Big5', CHINESE_BIG5, 'big5'],
  ])('detects and decodes %s, with the detector confidence', (_what, file, encoding) => {
    // Act
    const decoded = decodeSourceText(file.bytes);

    // Assess
    expect(decoded).toEqual({ ok: true, text: file.text.replace(/\r\n/g, '\n'), encoding, confidence: expect.any(Number) });
  });

  it('assumes windows-1252 for bytes the detector cannot place, including the 0x80-0x9F range, and says it assumed', () => {
    // Act
    const decoded = decodeSourceText(Buffer.from([0x93, 0x80, 0x20, 0xe4, 0x94]));

    // Assess: too little text to detect; windows-1252 decodes every byte
    expect(decoded).toMatchObject({ ok: true, text: '\u201c€ ä\u201d', encoding: 'windows-1252' });
  });

  it('uses the configured fallback code page when detection finds none', () => {
    // Act
    const decoded = decodeSourceText(Buffer.from([0x61, 0x62, 0x80]), 'windows-1251');

    // Assess
    expect(decoded).toMatchObject({ ok: true });
    expect(['windows-1252', 'windows-1251']).toContain((decoded as { encoding: string }).encoding);
  });
});

describe('Function: detectMinified()', () => {
  it.each([
    ['short files', 'var a=1;'.repeat(100)],
    ['ordinary code', Array.from({ length: 200 }, (_, i) => `  var value${i} = compute(${i});`).join('\n')],
  ])('passes %s', (_what, text) => {
    // Assess
    expect(detectMinified(text)).toBeUndefined();
  });

  it('flags a high average line length with the figures', () => {
    // Assess
    expect(detectMinified('var a=1;'.repeat(500))).toBe('average line 4000 chars over 1 lines (limit 250)');
  });

  it('flags one line that holds most of the file behind short lines', () => {
    // Prepare: 100 short lines, then one of 5,000 characters (average stays under 250)
    const text = `${Array.from({ length: 100 }, () => '// x').join('\n')}\n${'x'.repeat(5000)}\n`;

    // Assess
    expect(detectMinified(text)).toBe('one line of 5000 chars is 91% of the file');
  });
});

describe('Function: countLoc()', () => {
  it.each([
    ['', 0],
    ['REPORT z.', 1],
    ['REPORT z.\n', 1],
    ['a\n\n  \n\tb\n', 2],
    ['* comment\n" comment\nWRITE 1.', 3],
  ])('counts %j as %i non-blank lines', (text, loc) => {
    // Assess
    expect(countLoc(text)).toBe(loc);
  });
});
