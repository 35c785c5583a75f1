import { bufferByteSource, splitArchive, toManifestLine } from '../../../functions/lib/source';
import { builders, tarGzOf } from './helpers/archives';
import type { EntrySpec } from './helpers/archives';
import { memorySink } from './helpers/sources';

const PROGRAM = 'REPORT zdup.\nWRITE 1.\n';

const split = async (entries: EntrySpec[], format: keyof typeof builders = 'zip') => {
  const sink = memorySink();
  const result = await splitArchive(bufferByteSource(await builders[format](entries)), sink);
  return { sink, result };
};

describe('Function: splitArchive() deduplication', () => {
  it('puts identical units once and lists the other paths as duplicates', async () => {
    // Act
    const { sink, result } = await split([
      { path: 'a/zdup.prog.abap', content: PROGRAM },
      { path: 'b/zdup.prog.abap', content: PROGRAM },
      { path: 'c/zdup.prog.abap', content: PROGRAM },
      { path: 'web/util.js', content: 'var u = 1;\n' },
      { path: 'web/copy/util.js', content: 'var u = 1;\n' },
    ]);

    // Assess
    expect(sink.units).toHaveLength(2);
    expect(result.units.find((unit) => unit.path === 'a/zdup.prog.abap')?.duplicates).toEqual(['b/zdup.prog.abap', 'c/zdup.prog.abap']);
    expect(result.units.find((unit) => unit.path === 'web/util.js')?.duplicates).toEqual(['web/copy/util.js']);
    expect(result.totals).toMatchObject({ units: 2, duplicates: 3 });
    expect(toManifestLine(result.units.find((unit) => unit.path === 'a/zdup.prog.abap')!)).toContain('"duplicates":["b/zdup.prog.abap","c/zdup.prog.abap"]');
  });

  it('gives the same unitId whatever the archive format and folder', async () => {
    // Act
    const fromZip = await split([{ path: 'src/zdup.prog.abap', content: PROGRAM }], 'zip');
    const fromTar = await split([{ path: 'other/place/zdup.prog.abap', content: PROGRAM }], 'tar.gz');

    // Assess
    expect(fromTar.sink.units[0].unitId).toBe(fromZip.sink.units[0].unitId);
    expect(fromTar.sink.units[0].path).toBe('other/place/zdup.prog.abap');
  });

  it.each([
    ['a UTF-8 BOM', Buffer.from(`\ufeff${PROGRAM}`)],
    ['CRLF line ends', Buffer.from(PROGRAM.replace(/\n/g, '\r\n'))],
  ])('gives the same unitId to the same code with %s', async (_variant, content) => {
    // Act
    const plain = await split([{ path: 'src/zdup.prog.abap', content: PROGRAM }]);
    const variant = await split([{ path: 'src/zdup.prog.abap', content }]);

    // Assess
    expect(variant.sink.units[0].unitId).toBe(plain.sink.units[0].unitId);
  });

  it.each([
    ['one character of code', [{ path: 'src/zdup.prog.abap', content: PROGRAM.replace('1', '2') }]],
    ['the file name', [{ path: 'src/zother.prog.abap', content: PROGRAM }]],
    ['an added XML', [{ path: 'src/zdup.prog.abap', content: PROGRAM }, { path: 'src/zdup.prog.xml', content: '<SUBC>1</SUBC>' }]],
  ])('gives a different unitId when %s differs', async (_what, entries) => {
    // Act
    const base = await split([{ path: 'src/zdup.prog.abap', content: PROGRAM }]);
    const changed = await split(entries);

    // Assess
    expect(changed.sink.units[0].unitId).not.toBe(base.sink.units[0].unitId);
  });

  it('does not merge a class with a same-content class of another name', async () => {
    // Act
    const { sink } = await split(
      [
        { path: 'src/zcl_a.clas.abap', content: 'CLASS x DEFINITION.\nENDCLASS.\n' },
        { path: 'src/zcl_b.clas.abap', content: 'CLASS x DEFINITION.\nENDCLASS.\n' },
      ],
      'tar.gz',
    );

    // Assess
    expect(new Set(sink.units.map((unit) => unit.unitId)).size).toBe(2);
  });

  it('is deterministic across runs of the same archive', async () => {
    // Prepare
    const archive = await tarGzOf([
      { path: 'src/zcl_a.clas.abap', content: 'CLASS zcl_a DEFINITION.\nENDCLASS.\n' },
      { path: 'src/zcl_a.clas.xml', content: '<x/>' },
      { path: 'web/app.js', content: 'var a;\n' },
    ]);

    // Act
    const first = await splitArchive(bufferByteSource(archive), memorySink());
    const second = await splitArchive(bufferByteSource(archive), memorySink());

    // Assess
    expect(second).toEqual(first);
  });
});
