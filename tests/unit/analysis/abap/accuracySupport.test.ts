import { MarkerSyntaxError, parseExpectations } from '../../../../bench/corpus/abap/expectations';
import { scoreFindings } from '../../../../bench/corpus/abap/score';
import { abapGitUnits } from '../../../../bench/corpus/abap/units';

describe('Function: parseExpectations()', () => {
  it('reads expect and not labels of ABAP lines', () => {
    // Prepare
    const text = [
      'REPORT z.',
      "SELECT gbstk FROM vbuk INTO @DATA(lv). \" expect: s4_simplified_table/read-not-filled",
      "CALL TRANSACTION 'XK02'. \" expect: s4_removed_transaction/dialog, call_transaction_authority_check",
      'DATA konv TYPE i. " not: s4_simplified_table (a variable named like a table)',
    ].join('\n');

    // Act
    const result = parseExpectations('a/z.prog.abap', text);

    // Assess
    expect(result.expected).toEqual([
      { ruleId: 's4_simplified_table', variant: 'read-not-filled', file: 'a/z.prog.abap', line: 2 },
      { ruleId: 's4_removed_transaction', variant: 'dialog', file: 'a/z.prog.abap', line: 3 },
      { ruleId: 'call_transaction_authority_check', file: 'a/z.prog.abap', line: 3 },
    ]);
    expect(result.negatives).toEqual([{ ruleId: 's4_simplified_table', file: 'a/z.prog.abap', line: 4, reason: 'a variable named like a table' }]);
  });

  it('reads // labels in CDS sources', () => {
    // Act
    const result = parseExpectations('zi.ddls.asddls', 'define view entity ZI as select from konv { key knumv } // expect: s4_simplified_table/read-not-filled');

    // Assess
    expect(result.expected).toEqual([{ ruleId: 's4_simplified_table', variant: 'read-not-filled', file: 'zi.ddls.asddls', line: 1 }]);
  });

  it.each([
    ['an empty list', '" expect:'],
    ['an upper-case rule id', '" expect: S4_TABLE'],
    ['a malformed variant', '" expect: rule/Bad_Variant'],
    ['a not label with two rules', '" not: a, b'],
  ])('refuses %s, naming file and line', (_name, marker) => {
    // Act + Assess
    expect(() => parseExpectations('z.prog.abap', `REPORT z.\nWRITE 1. ${marker}`)).toThrow(MarkerSyntaxError);
    expect(() => parseExpectations('z.prog.abap', `REPORT z.\nWRITE 1. ${marker}`)).toThrow(/^z\.prog\.abap:2: /);
  });
});

describe('Function: scoreFindings()', () => {
  const at = (ruleId: string, line: number, variant?: string) => ({ ruleId, line, file: 'f.abap', ...(variant === undefined ? {} : { variant }) });

  it('computes precision and recall overall and per rule', () => {
    // Prepare
    const expected = [at('a', 1), at('a', 2), at('b', 3, 'x')];
    const actual = [at('a', 1), at('b', 3, 'y'), at('c', 9)];

    // Act
    const report = scoreFindings(expected, actual);

    // Assess
    expect(report.overall).toEqual({ truePositives: 1, falsePositives: 2, falseNegatives: 2, precision: 1 / 3, recall: 1 / 3 });
    expect(report.byRule.a).toMatchObject({ precision: 1, recall: 0.5 });
    expect(report.byRule.b).toMatchObject({ truePositives: 0, falsePositives: 1, falseNegatives: 1 });
    expect(report.missed).toEqual([at('a', 2), at('b', 3, 'x')]);
    expect(report.unexpected).toEqual([at('b', 3, 'y'), at('c', 9)]);
  });

  it('matches as multisets: two expected findings on a line need two reported ones', () => {
    // Act
    const report = scoreFindings([at('a', 1), at('a', 1)], [at('a', 1)]);

    // Assess
    expect(report.overall).toMatchObject({ truePositives: 1, falseNegatives: 1, recall: 0.5, precision: 1 });
  });

  it('gives 1.0 for nothing expected and nothing reported', () => {
    // Act + Assess
    expect(scoreFindings([], []).overall).toMatchObject({ precision: 1, recall: 1 });
  });
});

describe('Function: abapGitUnits()', () => {
  it('groups the files of an object into one unit and counts source lines only', () => {
    // Prepare
    const files = [
      { path: 'src/zcl_a.clas.abap', text: 'CLASS zcl_a DEFINITION.\n\nENDCLASS.' },
      { path: 'src/zcl_a.clas.locals_imp.abap', text: 'CLASS lcl DEFINITION.\nENDCLASS.' },
      { path: 'src/zcl_a.clas.xml', text: '<xml/>\n<more/>' },
      { path: 'src/package.devc.xml', text: '<xml/>' },
      { path: 'src/zr.prog.abap', text: 'REPORT zr.' },
    ];

    // Act
    const units = abapGitUnits(files);

    // Assess
    expect(units.map((unit) => [unit.unitId, unit.objectType, unit.path, unit.files.length, unit.loc])).toEqual([
      ['src/zcl_a.clas', 'CLAS', 'src/zcl_a.clas.abap', 3, 4],
      ['src/zr.prog', 'PROG', 'src/zr.prog.abap', 1, 1],
    ]);
  });
});
