import { parseManifestLine, toManifestLine } from '../../../functions/lib/source';
import type { UnitSummary } from '../../../functions/lib/source';

const SUMMARY: UnitSummary = {
  unitId: 'a'.repeat(64),
  language: 'abap',
  objectType: 'PROG',
  objectName: 'ZTOP',
  programType: 'include',
  path: 'src/ztop.prog.abap',
  files: ['src/ztop.prog.abap', 'src/ztop.prog.xml'],
  loc: 12,
  bytes: 420,
};

describe('Function: toManifestLine()', () => {
  it('writes one JSON line with a fixed key order and no newline', () => {
    // Act
    const line = toManifestLine(SUMMARY);

    // Assess
    expect(line).toBe(
      `{"unitId":"${'a'.repeat(64)}","language":"abap","objectType":"PROG","objectName":"ZTOP","programType":"include",` +
        '"path":"src/ztop.prog.abap","files":["src/ztop.prog.abap","src/ztop.prog.xml"],"loc":12,"bytes":420}',
    );
    expect(line).not.toContain('\n');
  });

  it('leaves out absent fields and an empty duplicate list', () => {
    // Act
    const line = toManifestLine({ unitId: 'b'.repeat(64), language: 'javascript', path: 'a.js', files: ['a.js'], loc: 1, bytes: 2, duplicates: [] });

    // Assess
    expect(JSON.parse(line)).toEqual({ unitId: 'b'.repeat(64), language: 'javascript', path: 'a.js', files: ['a.js'], loc: 1, bytes: 2 });
  });
});

describe('Function: parseManifestLine()', () => {
  it('reads a line back into the summary', () => {
    // Assess
    expect(parseManifestLine(toManifestLine({ ...SUMMARY, duplicates: ['b/ztop.prog.abap'] }))).toEqual({
      ...SUMMARY,
      duplicates: ['b/ztop.prog.abap'],
    });
  });

  it.each([
    ['{', '(root)'],
    ['"x"', '(root)'],
    [{ ...SUMMARY, unitId: 'ABC' }, 'unitId'],
    [{ ...SUMMARY, language: 'cobol' }, 'language'],
    [{ ...SUMMARY, objectName: 7 }, 'objectName'],
    [{ ...SUMMARY, programType: 'report' }, 'programType'],
    [{ ...SUMMARY, path: '' }, 'path'],
    [{ ...SUMMARY, files: [] }, 'files'],
    [{ ...SUMMARY, loc: -1 }, 'loc'],
    [{ ...SUMMARY, bytes: 1.5 }, 'bytes'],
    [{ ...SUMMARY, duplicates: [3] }, 'duplicates'],
  ])('refuses %j, naming %s', (line, where) => {
    // Act
    const act = () => parseManifestLine(typeof line === 'string' ? line : JSON.stringify(line));

    // Assess
    expect(act).toThrow(expect.objectContaining({ name: 'InvalidUnitError', where }));
  });
});
