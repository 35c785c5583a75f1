import { bufferByteSource, splitArchive } from '../../../functions/lib/source';
import type { SplitOptions } from '../../../functions/lib/source';
import { builders, patchZipEntry, zipOf } from './helpers/archives';
import type { EntrySpec } from './helpers/archives';
import { memorySink } from './helpers/sources';
import { GERMAN_WINDOWS_1252, KOREAN_CP949 } from '../../support/legacyEncodings';

const KEEP: EntrySpec = { path: 'src/zkeep.prog.abap', content: 'REPORT zkeep.\n' };

const splitWith = async (entries: EntrySpec[], options?: SplitOptions, format: keyof typeof builders = 'zip') => {
  const sink = memorySink();
  const result = await splitArchive(bufferByteSource(await builders[format]([KEEP, ...entries])), sink, options);
  return { sink, result };
};

/** Readable JavaScript: short lines. */
const readableJs = Array.from({ length: 60 }, (_, i) => `  scope.value${i} = compute(${i}, 'label ${i}');`).join('\n');

describe('Function: splitArchive()', () => {
  describe('skipped by path', () => {
    it.each(['zip', 'tar.gz'] as const)('records a node_modules directory once with its file count (%s)', async (format) => {
      // Act
      const { result, sink } = await splitWith(
        [
          { path: 'web/node_modules/angular/angular.js', content: 'x' },
          { path: 'web/node_modules/angular/index.js', content: 'y' },
          { path: 'web/node_modules/lodash/lodash.js', content: 'z' },
        ],
        undefined,
        format,
      );

      // Assess
      expect(result.skipped).toEqual([{ path: 'web/node_modules/', reason: 'node-modules', entries: 3 }]);
      expect(result.totals).toMatchObject({ files: 4, skipped: 3, units: 1 });
      expect(sink.units).toHaveLength(1);
    });

    it.each([
      ['web/vendor/jquery.js', 'web/vendor/', 'vendored'],
      ['web/bower_components/angular/angular.js', 'web/bower_components/', 'vendored'],
      ['lib/third_party/x.js', 'lib/third_party/', 'vendored'],
      ['lib/Vendor/x.js', 'lib/Vendor/', 'vendored'],
      ['.git/HEAD', '.git/', 'vcs-metadata'],
      ['__MACOSX/src/._zkeep.prog.abap', '__MACOSX/', 'os-metadata'],
      ['vendor/pkg/node_modules/x/y.js', 'vendor/', 'vendored'],
    ])('skips %s as part of %s (%s)', async (path, directory, reason) => {
      // Act
      const { result } = await splitWith([{ path, content: 'var x = 1;\n' }]);

      // Assess
      expect(result.skipped).toEqual([{ path: directory, reason, entries: 1 }]);
    });

    it('takes the vendored directory names from the options', async () => {
      // Act
      const { result } = await splitWith([{ path: 'web/libs/x.js', content: 'var x;\n' }, { path: 'web/vendor/y.js', content: 'var y;\n' }], {
        vendoredDirectories: ['libs'],
      });

      // Assess
      expect(result.skipped).toEqual([{ path: 'web/libs/', reason: 'vendored', entries: 1 }]);
      expect(result.units.map((unit) => unit.path)).toContain('web/vendor/y.js');
    });

    it.each([
      ['.DS_Store', 'os-metadata', undefined],
      ['src/._zkeep.prog.abap', 'os-metadata', undefined],
      ['web/app.min.js', 'minified-name', 'name ends in .min.js'],
      ['docs/readme.md', 'unsupported-type', '.md files are not analysed'],
      ['Makefile', 'unsupported-type', 'no file extension'],
      ['pom.xml', 'unsupported-type', '.xml files are not analysed'],
    ])('skips %s as %s without reading it', async (path, reason, detail) => {
      // Act
      const { result } = await splitWith([{ path, content: 'content that is never read' }]);

      // Assess
      expect(result.skipped).toEqual([{ path, reason, ...(detail === undefined ? {} : { detail }) }]);
      expect(result.totals.inflatedBytes).toBe((KEEP.content as string).length);
    });
  });

  describe('skipped by content', () => {
    it('skips minified JavaScript by average line length, saying so', async () => {
      // Prepare: a dense bundle of 40 lines of 600 characters
      const bundle = Array.from({ length: 40 }, (_, i) => `var a${i}=function(b){return b+${i}};`.repeat(20)).join('\n');

      // Act
      const { result } = await splitWith([{ path: 'web/bundle.js', content: bundle }, { path: 'web/app.js', content: readableJs }]);

      // Assess
      expect(result.skipped).toEqual([
        { path: 'web/bundle.js', reason: 'minified-content', detail: expect.stringMatching(/^average line \d+ chars over 40 lines \(limit 250\)$/), lines: 40 },
      ]);
      expect(result.units.map((unit) => unit.path)).toContain('web/app.js');
    });

    it('skips minified JavaScript behind a licence header by its one long line', async () => {
      // Prepare
      const header = Array.from({ length: 30 }, (_, i) => `// licence line ${i}`).join('\n');
      const body = 'var x=1;'.repeat(1000);

      // Act
      const { result } = await splitWith([{ path: 'web/lib.js', content: `${header}\n${body}\n` }]);

      // Assess
      expect(result.skipped[0]).toMatchObject({ path: 'web/lib.js', reason: 'minified-content', detail: expect.stringMatching(/^(one line of 8000 chars is \d+% of the file|average line)/) });
    });

    it('keeps readable JavaScript with one long data URI', async () => {
      // Prepare
      const text = `${readableJs}\nvar logo = "data:image/png;base64,${'A'.repeat(3000)}";\n${readableJs}\n`;

      // Act
      const { result } = await splitWith([{ path: 'web/logo.js', content: text }]);

      // Assess
      expect(result.skipped).toEqual([]);
      expect(result.totals.units).toBe(2);
    });

    it.each([
      ['a NUL byte', Buffer.from('var a = 1;\0\0\0'), 'NUL byte at offset 10'],
      ['a PNG signature', Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.from('rest')]), 'PNG image'],
      ['a zip signature', Buffer.from('PK\x03\x04rest-of-zip', 'latin1'), 'zip archive'],
      ['mostly control characters', Buffer.from('\x01\x02\x03\x04\x05\x06abc\x07\x08\x0e\x0f', 'latin1'), 'mostly control characters'],
    ])('skips a file with %s as binary', async (_what, content, detail) => {
      // Act
      const { result } = await splitWith([{ path: 'web/data.js', content }]);

      // Assess
      expect(result.skipped).toEqual([{ path: 'web/data.js', reason: 'binary', detail }]);
    });

    it('decodes a CP949 and a windows-1252 ABAP file and records each file encoding', async () => {
      // Act
      const { sink, result } = await splitWith([
        { path: 'src/zmm_stock_kr.abap', content: KOREAN_CP949.bytes },
        { path: 'src/zmm_stock_de.abap', content: GERMAN_WINDOWS_1252.bytes },
      ]);

      // Assess
      expect(sink.units.find((unit) => unit.path === 'src/zmm_stock_kr.abap')?.files[0].text).toContain('* 자재 마스터 조회 프로그램\n');
      expect(sink.units.find((unit) => unit.path === 'src/zmm_stock_de.abap')?.files[0].text).toContain("MESSAGE 'Kein Material gefunden – bitte prüfen'");
      expect(result.encodings).toEqual(
        expect.arrayContaining([
          { path: 'src/zmm_stock_kr.abap', encoding: 'cp949', confidence: expect.any(Number) },
          { path: 'src/zmm_stock_de.abap', encoding: 'windows-1252', confidence: expect.any(Number) },
        ]),
      );
      expect(result.skipped.filter((entry) => entry.path.startsWith('src/zmm_stock'))).toEqual([]);
    });

    it('strips a UTF-8 BOM and turns CRLF into LF', async () => {
      // Act
      const { sink } = await splitWith([{ path: 'src/zbom.prog.abap', content: Buffer.from('\ufeffREPORT zbom.\r\nWRITE 1.\r\n', 'utf8') }]);

      // Assess
      expect(sink.units.find((unit) => unit.path === 'src/zbom.prog.abap')?.files[0].text).toBe('REPORT zbom.\nWRITE 1.\n');
    });

    it.each([
      ['UTF-16LE', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('REPORT z16.\r\n', 'utf16le')])],
      ['UTF-16BE', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('REPORT z16.\r\n', 'utf16le').swap16()])],
    ])('decodes %s text with a BOM', async (_encoding, content) => {
      // Act
      const { sink } = await splitWith([{ path: 'src/z16.prog.abap', content }]);

      // Assess
      expect(sink.units.find((unit) => unit.path === 'src/z16.prog.abap')?.files[0].text).toBe('REPORT z16.\n');
    });

    it.each([
      ['', '0 bytes'],
      [' \n\t\n', 'whitespace only'],
    ])('skips an empty file (%j) as empty', async (content, detail) => {
      // Act
      const { result } = await splitWith([{ path: 'web/empty.js', content }]);

      // Assess
      expect(result.skipped).toEqual([{ path: 'web/empty.js', reason: 'empty', detail }]);
    });

    it('keeps an ABAP object whose XML is unreadable, recording the XML as skipped', async () => {
      // Act
      const { sink, result } = await splitWith([
        { path: 'src/zx.prog.abap', content: 'REPORT zx.\n' },
        { path: 'src/zx.prog.xml', content: Buffer.from('<x>\0</x>') },
      ]);

      // Assess
      expect(sink.units.find((unit) => unit.path === 'src/zx.prog.abap')?.files.map((file) => file.name)).toEqual(['zx.prog.abap']);
      expect(result.skipped).toEqual([{ path: 'src/zx.prog.xml', reason: 'binary', detail: 'NUL byte at offset 3' }]);
    });

    it('records the XML of an object whose only source is unreadable as metadata only', async () => {
      // Act
      const { result } = await splitWith([
        { path: 'src/zx.prog.abap', content: Buffer.from('REPORT zx.\0') },
        { path: 'src/zx.prog.xml', content: '<SUBC>1</SUBC>' },
      ]);

      // Assess
      expect(result.skipped).toEqual([
        { path: 'src/zx.prog.abap', reason: 'binary', detail: 'NUL byte at offset 10' },
        { path: 'src/zx.prog.xml', reason: 'metadata-only', detail: 'PROG ZX has no readable source file' },
      ]);
    });
  });

  describe('skipped zip entries', () => {
    it('skips a password-protected entry', async () => {
      // Prepare: set bit 0 (encrypted) of the general purpose flags, keeping bit 11 (UTF-8 names)
      const archive = patchZipEntry(await zipOf([KEEP, { path: 'src/zsecret.prog.abap', content: 'REPORT zsecret.\n' }]), 'src/zsecret.prog.abap', {
        flags: 0x0801,
      });

      // Act
      const result = await splitArchive(bufferByteSource(archive), memorySink());

      // Assess
      expect(result.skipped).toEqual([{ path: 'src/zsecret.prog.abap', reason: 'encrypted', detail: 'password-protected zip entry' }]);
    });

    it('skips an entry compressed with a method other than stored or deflate', async () => {
      // Prepare: method 12 is bzip2
      const archive = patchZipEntry(await zipOf([KEEP, { path: 'src/zbz.prog.abap', content: 'REPORT zbz.\n' }]), 'src/zbz.prog.abap', {
        method: 12,
      });

      // Act
      const result = await splitArchive(bufferByteSource(archive), memorySink());

      // Assess
      expect(result.skipped).toEqual([
        { path: 'src/zbz.prog.abap', reason: 'unsupported-compression', detail: 'zip compression method 12 (only stored and deflate are read)' },
      ]);
    });
  });
});
