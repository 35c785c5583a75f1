import { includedNames, isInclude, planPrograms } from '../../../functions/lib/source/programs';
import type { ProgramCandidate } from '../../../functions/lib/source/programs';

const prog = (objectName: string, text: string, programType?: 'executable' | 'include'): ProgramCandidate => ({
  objectType: 'PROG',
  objectName,
  ...(programType === undefined ? {} : { programType }),
  files: [{ name: `${objectName.toLowerCase()}.prog.abap`, text }],
});

describe('Function: includedNames()', () => {
  it.each([
    ['INCLUDE zr_top.', ['ZR_TOP']],
    ['  include Zr_F01 .\nINCLUDE /acme/zmacros IF FOUND.', ['ZR_F01', '/ACME/ZMACROS']],
    ['* INCLUDE zold.\n" INCLUDE zother.', []],
    ['INCLUDE: zr_topz,          " global data\n         zr_f01 ,\n         zr_f02 IF FOUND.', ['ZR_TOPZ', 'ZR_F01', 'ZR_F02']],
    ['DATA BEGIN OF s.\n  INCLUDE STRUCTURE mara.\n  INCLUDE TYPE ty_x.\nDATA END OF s.', []],
  ])('finds the programs %j includes', (text, names) => {
    // Act + Assess
    expect(includedNames(text)).toEqual(names);
  });
});

describe('Function: isInclude()', () => {
  it.each([
    ['a program type I from the XML', prog('ZA', 'WRITE 1.', 'include'), true],
    ['an executable from the XML, whatever its source', prog('ZB', 'WRITE 1.', 'executable'), false],
    ['a plain file without REPORT', prog('ZC', 'FORM x.\nENDFORM.'), true],
    ['a plain file with REPORT', prog('ZD', '* header\nREPORT zd.'), false],
    ['a function group', { objectType: 'FUGR', objectName: 'ZFG', files: [] }, false],
  ])('tells %s', (_name, unit, expected) => {
    // Act + Assess
    expect(isInclude(unit)).toBe(expected);
  });
});

describe('Function: planPrograms()', () => {
  it('merges includes into the first program that names them and gives macro includes to the others as context', () => {
    // Prepare
    const units = [
      prog('ZSHARED', 'DEFINE m.\n  WRITE &1.\nEND-OF-DEFINITION.', 'include'),
      prog('ZB', 'REPORT zb.\nINCLUDE zshared.\nINCLUDE zdata.', 'executable'),
      prog('ZA', 'REPORT za.\nINCLUDE za_top.\nINCLUDE zshared.\nINCLUDE zdata.', 'executable'),
      prog('ZA_TOP', 'INCLUDE za_top2.', 'include'),
      prog('ZA_TOP2', 'DATA x TYPE i.', 'include'),
      prog('ZDATA', 'DATA y TYPE i.', 'include'),
      { objectType: 'CLAS', objectName: 'ZCL_X', files: [{ name: 'zcl_x.clas.abap', text: 'INCLUDE zdata.' }] },
    ];

    // Act
    const groups = planPrograms(units);

    // Assess: ZA comes first by name and owns the includes; ZB gets the macro include as context, not the data one
    expect(groups).toEqual([
      { main: 2, includes: [3, 4, 5, 0], context: [] },
      { main: 1, includes: [], context: [0] },
    ]);
  });

  it('merges the external includes a function group names, not its own', () => {
    // Prepare
    const group: ProgramCandidate = {
      objectType: 'FUGR',
      objectName: 'ZFG',
      files: [
        { name: 'zfg.fugr.saplzfg.abap', text: 'INCLUDE lzfgtop.\nINCLUDE zmacros.' },
        { name: 'zfg.fugr.lzfgtop.abap', text: 'FUNCTION-POOL zfg.' },
      ],
    };

    // Act
    const groups = planPrograms([group, prog('LZFGTOP', 'DATA z TYPE i.', 'include'), prog('ZMACROS', 'DATA m TYPE i.', 'include')]);

    // Assess
    expect(groups).toEqual([{ main: 0, includes: [2], context: [] }]);
  });

  it('plans nothing without includes', () => {
    // Act + Assess
    expect(planPrograms([prog('ZA', 'REPORT za.', 'executable')])).toEqual([]);
  });
});
