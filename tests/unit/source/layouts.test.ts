import { bufferByteSource, parseUnit, splitArchive } from '../../../functions/lib/source';
import type { SourceUnit, UnitSummary } from '../../../functions/lib/source';
import { builders, patchBytes } from './helpers/archives';
import type { EntrySpec } from './helpers/archives';
import { memorySink } from './helpers/sources';

const FORMATS = ['zip', 'tar.gz', 'tar'] as const;

const CLASS_PARTS: EntrySpec[] = [
  { path: 'src/zcl_x.clas.testclasses.abap', content: 'CLASS ltcl DEFINITION FOR TESTING.\nENDCLASS.\n' },
  { path: 'src/zcl_x.clas.abap', content: 'CLASS zcl_x DEFINITION PUBLIC.\nENDCLASS.\nCLASS zcl_x IMPLEMENTATION.\nENDCLASS.\n' },
  { path: 'src/zcl_x.clas.locals_def.abap', content: 'TYPES ty_x TYPE i.\n' },
  { path: 'src/zcl_x.clas.xml', content: '<?xml version="1.0"?>\n<abapGit><CLSNAME>ZCL_X</CLSNAME></abapGit>\n' },
  { path: 'src/zcl_x.clas.locals_imp.abap', content: 'CLASS lcl DEFINITION.\nENDCLASS.\n' },
  { path: 'src/zcl_x.clas.macros.abap', content: 'DEFINE m.\nEND-OF-DEFINITION.\n' },
];

const split = async (format: (typeof FORMATS)[number], entries: EntrySpec[]) => {
  const sink = memorySink();
  const result = await splitArchive(bufferByteSource(await builders[format](entries)), sink);
  return { sink, result };
};

const unitAt = (units: ReadonlyArray<SourceUnit>, path: string): SourceUnit => {
  const unit = units.find((candidate) => candidate.path === path);
  if (unit === undefined) throw new Error(`no unit at ${path}; units: ${units.map((u) => u.path).join(', ')}`);
  return unit;
};

describe('Function: splitArchive()', () => {
  describe('abapGit layout', () => {
    it.each(FORMATS)('groups a class with all its parts and its XML into one unit (%s)', async (format) => {
      // Act
      const { sink, result } = await split(format, CLASS_PARTS);

      // Assess
      expect(sink.units).toHaveLength(1);
      const unit = sink.units[0];
      expect(unit).toMatchObject({ language: 'abap', objectType: 'CLAS', objectName: 'ZCL_X', path: 'src/zcl_x.clas.abap' });
      expect(unit.files.map((file) => file.name)).toEqual([
        'zcl_x.clas.abap',
        'zcl_x.clas.locals_def.abap',
        'zcl_x.clas.locals_imp.abap',
        'zcl_x.clas.macros.abap',
        'zcl_x.clas.testclasses.abap',
        'zcl_x.clas.xml',
      ]);
      expect(unit.loc).toBe(4 + 2 + 1 + 2 + 2);
      expect(result.totals).toMatchObject({ files: 6, units: 1, skipped: 0 });
      expect(sink.committed).toBe(result);
    });

    it.each(FORMATS)('groups a function group with its includes, function modules and XMLs (%s)', async (format) => {
      // Prepare
      const entries: EntrySpec[] = [
        { path: 'src/zfg.fugr.xml', content: '<abapGit><AREAT>Group</AREAT></abapGit>' },
        { path: 'src/zfg.fugr.lzfgtop.abap', content: 'FUNCTION-POOL zfg.\n' },
        { path: 'src/zfg.fugr.lzfgtop.xml', content: '<abapGit><SUBC>I</SUBC></abapGit>' },
        { path: 'src/zfg.fugr.saplzfg.abap', content: 'INCLUDE lzfgtop.\nINCLUDE lzfguxx.\n' },
        { path: 'src/zfg.fugr.z_fm_one.abap', content: 'FUNCTION z_fm_one.\nENDFUNCTION.\n' },
        { path: 'src/zfg.fugr.z_fm_two.abap', content: 'FUNCTION z_fm_two.\nENDFUNCTION.\n' },
      ];

      // Act
      const { sink } = await split(format, entries);

      // Assess
      expect(sink.units).toHaveLength(1);
      const [unit] = sink.units;
      expect(unit).toMatchObject({ objectType: 'FUGR', objectName: 'ZFG', loc: 7 });
      expect(unit.files.map((file) => file.path).sort()).toEqual(entries.map((entry) => entry.path).sort());
      // A function group's main program is its SAPL include.
      expect(unit.path).toBe('src/zfg.fugr.saplzfg.abap');
    });

    it.each(FORMATS)('makes one unit per interface and per program with the includes it names, telling includes apart by SUBC (%s)', async (format) => {
      // Prepare
      const entries: EntrySpec[] = [
        { path: 'src/zif_x.intf.abap', content: 'INTERFACE zif_x PUBLIC.\nENDINTERFACE.\n' },
        { path: 'src/zif_x.intf.xml', content: '<abapGit/>' },
        { path: 'src/zreport.prog.abap', content: 'REPORT zreport.\nINCLUDE ztop.\n' },
        { path: 'src/zreport.prog.xml', content: '<PROGDIR><SUBC>1</SUBC></PROGDIR>' },
        { path: 'src/ztop.prog.abap', content: 'DATA gv TYPE i.\n' },
        { path: 'src/ztop.prog.xml', content: '<PROGDIR><NAME>ZTOP</NAME><SUBC>I</SUBC></PROGDIR>' },
      ];

      // Act
      const { sink } = await split(format, entries);

      // Assess
      expect(sink.units.map(({ objectType, objectName, programType }) => ({ objectType, objectName, programType }))).toEqual(
        expect.arrayContaining([
          { objectType: 'INTF', objectName: 'ZIF_X', programType: undefined },
          { objectType: 'PROG', objectName: 'ZREPORT', programType: 'executable' },
        ]),
      );
      expect(sink.units).toHaveLength(2);
      expect(sink.units.find((unit) => unit.objectName === 'ZREPORT')?.files.map((file) => file.path)).toEqual([
        'src/zreport.prog.abap',
        'src/zreport.prog.xml',
        'src/ztop.prog.abap',
        'src/ztop.prog.xml',
      ]);
    });

    it('groups a program with its includes, nested and flat, gives a shared include with macros to its other programs as context, and keeps an include no program names alone', async () => {
      // Prepare
      const xml = (subc: string) => `<PROGDIR><SUBC>${subc}</SUBC></PROGDIR>`;
      const entries: EntrySpec[] = [
        { path: 'src/za.prog.abap', content: 'REPORT za.\nINCLUDE za_top.\nINCLUDE zmacros.\n' },
        { path: 'src/za.prog.xml', content: xml('1') },
        { path: 'src/za_top.prog.abap', content: 'DATA gv TYPE i.\n  INCLUDE za_top2.\nINCLUDE STRUCTURE zs.\n' },
        { path: 'src/za_top.prog.xml', content: xml('I') },
        { path: 'src/za_top2.prog.abap', content: 'DATA gv2 TYPE i.\n' },
        { path: 'src/za_top2.prog.xml', content: xml('I') },
        { path: 'src/zmacros.prog.abap', content: 'DEFINE add_one.\n  &1 = &1 + 1.\nEND-OF-DEFINITION.\n' },
        { path: 'src/zmacros.prog.xml', content: xml('I') },
        { path: 'src/zb.prog.abap', content: "REPORT zb.\n* INCLUDE za_top.\nINCLUDE zmacros IF FOUND.\n" },
        { path: 'src/zb.prog.xml', content: xml('1') },
        { path: 'src/zorphan.prog.abap', content: 'DATA gv3 TYPE i.\n' },
        { path: 'src/zorphan.prog.xml', content: xml('I') },
        { path: 'legacy/zflat.abap', content: 'REPORT zflat.\nINCLUDE zflat_top.\n' },
        { path: 'legacy/zflat_top.abap', content: 'DATA gv4 TYPE i.\n' },
      ];

      // Act
      const { sink } = await split('zip', entries);

      // Assess
      const byName = new Map(sink.units.map((unit) => [unit.objectName, unit]));
      expect([...byName.keys()].sort()).toEqual(['ZA', 'ZB', 'ZFLAT', 'ZORPHAN']);
      expect(byName.get('ZA')?.files.filter((file) => file.path.endsWith('.abap')).map((file) => file.path)).toEqual([
        'src/za.prog.abap',
        'src/za_top.prog.abap',
        'src/za_top2.prog.abap',
        'src/zmacros.prog.abap',
      ]);
      expect(byName.get('ZA')?.loc).toBe(3 + 3 + 1 + 3);
      expect(byName.get('ZB')?.files.map((file) => file.path)).toEqual(['src/zb.prog.abap', 'src/zb.prog.xml']);
      expect(byName.get('ZB')?.context?.map((file) => file.name)).toEqual(['zmacros.prog.abap', 'zmacros.prog.xml']);
      expect(byName.get('ZFLAT')?.files.map((file) => file.path)).toEqual(['legacy/zflat.abap', 'legacy/zflat_top.abap']);
      expect(byName.get('ZORPHAN')?.files.map((file) => file.path)).toEqual(['src/zorphan.prog.abap', 'src/zorphan.prog.xml']);
    });

    it('decodes abapGit namespaces and escapes into the ABAP object name', async () => {
      // Act
      const { sink } = await split('zip', [
        { path: 'src/#acme#cl_cart.clas.abap', content: 'CLASS /acme/cl_cart DEFINITION.\nENDCLASS.\n' },
        { path: 'src/#acme#cl_cart.clas.xml', content: '<abapGit/>' },
      ]);

      // Assess
      expect(sink.units[0]).toMatchObject({ objectType: 'CLAS', objectName: '/ACME/CL_CART' });
    });

    it('keeps objects of the same name in different folders apart', async () => {
      // Act
      const { sink } = await split('zip', [
        { path: 'a/zfoo.prog.abap', content: 'REPORT zfoo.\nWRITE 1.\n' },
        { path: 'b/zfoo.prog.abap', content: 'REPORT zfoo.\nWRITE 2.\n' },
      ]);

      // Assess
      expect(sink.units.map((unit) => unit.path).sort()).toEqual(['a/zfoo.prog.abap', 'b/zfoo.prog.abap']);
    });

    it('hands each object on as soon as its last file is read, whatever the archive order', async () => {
      // Prepare: B's parts come between A's, A's XML comes last.
      const entries: EntrySpec[] = [
        { path: 'src/za.prog.abap', content: 'REPORT za.\n' },
        { path: 'src/zcl_b.clas.abap', content: 'CLASS zcl_b DEFINITION.\nENDCLASS.\n' },
        { path: 'src/zcl_b.clas.locals_imp.abap', content: '* locals\n' },
        { path: 'app.js', content: 'var app = 1;\n' },
        { path: 'src/za.prog.xml', content: '<SUBC>1</SUBC>' },
      ];

      // Act
      const { sink } = await split('tar.gz', entries);

      // Assess
      expect(sink.units.map((unit) => unit.path)).toEqual(['src/zcl_b.clas.abap', 'app.js', 'src/za.prog.abap']);
    });

    it('skips objects that have only metadata, and the repository settings, without reading them', async () => {
      // Act
      const { result } = await split('zip', [
        { path: '.abapgit.xml', content: '<asx:abap/>' },
        { path: 'src/package.devc.xml', content: '<DEVC/>' },
        { path: 'src/ztab.tabl.xml', content: '<DD02V/>' },
        { path: 'src/zfoo.prog.abap', content: 'REPORT zfoo.\n' },
      ]);

      // Assess
      expect(result.skipped).toEqual(
        expect.arrayContaining([
          { path: '.abapgit.xml', reason: 'metadata-only', detail: 'abapGit repository settings' },
          { path: 'src/package.devc.xml', reason: 'metadata-only', detail: 'DEVC PACKAGE has no source file' },
          { path: 'src/ztab.tabl.xml', reason: 'metadata-only', detail: 'TABL ZTAB has no source file' },
        ]),
      );
      expect(result.totals.inflatedBytes).toBe('REPORT zfoo.\n'.length);
    });

    it('groups CDS sources with their object like ABAP sources', async () => {
      // Act
      const { sink } = await split('zip', [
        { path: 'src/zi_cart.ddls.asddls', content: 'define view entity ZI_CART as select from vbak { key vbeln }\n' },
        { path: 'src/zi_cart.ddls.xml', content: '<DDLS/>' },
      ]);

      // Assess
      expect(sink.units[0]).toMatchObject({ language: 'abap', objectType: 'DDLS', objectName: 'ZI_CART', loc: 1 });
    });
  });

  describe('plain files', () => {
    it('makes a plain .abap file a program with a name abaplint accepts, keeping its original path', async () => {
      // Act
      const { sink } = await split('zip', [{ path: 'legacy/Old Upload-2009.abap', content: 'REPORT zold.\nWRITE 1.\n' }]);

      // Assess
      expect(sink.units[0]).toMatchObject({
        language: 'abap',
        objectType: 'PROG',
        objectName: 'OLD_UPLOAD_2009',
        path: 'legacy/Old Upload-2009.abap',
        files: [{ path: 'legacy/Old Upload-2009.abap', name: 'old_upload_2009.prog.abap', text: 'REPORT zold.\nWRITE 1.\n' }],
      });
    });

    it.each([
      ['web/app.js', 'javascript'],
      ['web/module.mjs', 'javascript'],
      ['web/cart.service.ts', 'typescript'],
      ['web/view.tsx', 'typescript'],
      ['web/cart.html', 'html'],
      ['web/legacy.htm', 'html'],
    ])('makes %s a %s unit of its own', async (path, language) => {
      // Act
      const { sink } = await split('tar.gz', [{ path, content: 'const x = 1;\nconst y = 2;\n' }]);

      // Assess
      expect(sink.units).toHaveLength(1);
      expect(sink.units[0]).toMatchObject({ language, path, loc: 2, files: [{ path, name: path.slice(4) }] });
      expect(sink.units[0].objectType).toBeUndefined();
    });
  });

  describe('archive conventions', () => {
    it('counts directory entries as entries, not files', async () => {
      // Act
      const { result } = await split('zip', [
        { path: 'src', directory: true },
        { path: 'src/sub', directory: true },
        { path: 'src/sub/zfoo.prog.abap', content: 'REPORT zfoo.\n' },
      ]);

      // Assess
      expect(result.totals).toMatchObject({ entries: 3, files: 1, units: 1, skipped: 0 });
    });

    it('reads backslash separators (as Windows PowerShell 5.1 writes them) as folders', async () => {
      // Prepare: yazl turns backslashes into slashes, so patch them in
      const built = await builders.zip([
        { path: 'src/zcl_w.clas.abap', content: 'CLASS zcl_w DEFINITION.\nENDCLASS.\n' },
        { path: 'src/zcl_w.clas.xml', content: '<x/>' },
      ]);
      const archive = patchBytes(patchBytes(built, 'src/zcl_w.clas.abap', 'src\\zcl_w.clas.abap'), 'src/zcl_w.clas.xml', 'src\\zcl_w.clas.xml');
      const sink = memorySink();

      // Act
      await splitArchive(bufferByteSource(archive), sink);

      // Assess
      expect(sink.units).toHaveLength(1);
      expect(sink.units[0].files.map((file) => file.path)).toEqual(['src/zcl_w.clas.abap', 'src/zcl_w.clas.xml']);
    });
  });

  describe('results', () => {
    it('returns summaries without text that match the units put, and bodies that parse back to them', async () => {
      // Act
      const { sink, result } = await split('zip', [
        ...CLASS_PARTS,
        { path: 'web/app.js', content: 'angular.module("a", []);\n' },
      ]);

      // Assess
      expect(JSON.stringify(result.units)).not.toContain('ENDCLASS');
      expect(result.units.map((summary: UnitSummary) => summary.unitId).sort()).toEqual(
        sink.units.map((unit) => unit.unitId).sort(),
      );
      for (const unit of sink.units) {
        const stored = parseUnit(sink.bodies.get(unit.unitId) as Buffer, unit.unitId);
        expect(stored.files).toEqual(unit.files.map(({ name, text }) => ({ name, text })));
      }
      expect(result.totals).toMatchObject({
        entries: 7,
        files: 7,
        units: 2,
        loc: result.units.reduce((sum, unit) => sum + unit.loc, 0),
      });
    });
  });
});
