import { parseAbapGitFileName, plainAbapFileName, programTypeFromXml } from '../../../functions/lib/source/abapGit';

describe('Function: parseAbapGitFileName()', () => {
  it.each([
    ['zcl_x.clas.abap', { objectName: 'ZCL_X', objectType: 'CLAS', role: 'source', main: true, objectKey: 'zcl_x.clas' }],
    ['zcl_x.clas.locals_imp.abap', { objectName: 'ZCL_X', objectType: 'CLAS', role: 'source', main: false, objectKey: 'zcl_x.clas' }],
    ['zcl_x.clas.xml', { objectName: 'ZCL_X', objectType: 'CLAS', role: 'metadata', main: true, objectKey: 'zcl_x.clas' }],
    ['zfg.fugr.lzfgtop.xml', { objectName: 'ZFG', objectType: 'FUGR', role: 'metadata', main: false, objectKey: 'zfg.fugr' }],
    ['#acme#zif_x.intf.abap', { objectName: '/ACME/ZIF_X', objectType: 'INTF', role: 'source', main: true, objectKey: '#acme#zif_x.intf' }],
    ['ZFOO.PROG.ABAP', { objectName: 'ZFOO', objectType: 'PROG', role: 'source', main: true, objectKey: 'zfoo.prog' }],
    ['z%3cx%3e.prog.abap', { objectName: 'Z<X>', objectType: 'PROG', role: 'source', main: true, objectKey: 'z%3cx%3e.prog' }],
    ['zi_x.ddls.asddls', { objectName: 'ZI_X', objectType: 'DDLS', role: 'source', main: true, objectKey: 'zi_x.ddls' }],
  ])('reads %s', (fileName, parsed) => {
    // Assess
    expect(parseAbapGitFileName(fileName)).toEqual(parsed);
  });

  it.each(['report.abap', 'pom.xml', '.abapgit.xml', 'zfoo.prog.txt', 'zfoo.toolong.abap', 'app.js'])('does not read %s as abapGit', (fileName) => {
    // Assess
    expect(parseAbapGitFileName(fileName)).toBeUndefined();
  });
});

describe('Function: plainAbapFileName()', () => {
  it.each([
    ['zreport.abap', 'zreport.prog.abap'],
    ['My Report-v2.ABAP', 'my_report_v2.prog.abap'],
    ['2019_upload.abap', 'z2019_upload.prog.abap'],
    [`${'a'.repeat(40)}.abap`, `${'a'.repeat(40)}.prog.abap`],
  ])('names %s %s', (baseName, fileName) => {
    // Assess
    expect(plainAbapFileName(baseName)).toBe(fileName);
  });

  it('gives long names that share their first 30 characters names of their own', () => {
    // Act
    const names = ['zsd_billing_report_monthly_v1_final.abap', 'zsd_billing_report_monthly_v2_final.abap'].map(plainAbapFileName);

    // Assess
    expect(new Set(names).size).toBe(2);
  });
});

describe('Function: programTypeFromXml()', () => {
  it.each([
    ['<PROGDIR><SUBC>I</SUBC></PROGDIR>', 'include'],
    ['<SUBC>1</SUBC>', 'executable'],
    ['<SUBC> m </SUBC>', 'module-pool'],
    ['<SUBC>Q</SUBC>', undefined],
    ['<PROGDIR/>', undefined],
  ])('reads %s as %s', (xml, programType) => {
    // Assess
    expect(programTypeFromXml(xml)).toBe(programType);
  });
});
