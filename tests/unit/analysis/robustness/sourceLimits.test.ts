import { analyzeUnit } from 'analysis-engine';
import type { Unit } from 'analysis-engine';

import { ABAP_SOURCE_LIMITS } from '../../../../layers/analysis-engine/src/abap/sourceLimits';
import { SCRIPT_LIMITS } from '../../../../layers/analysis-engine/src/angularjs/script/sourceLimits';
import { abapUnit } from '../support/units';

/** The crash repros of real customer code, generated: each is a few lines of ABAP repeated past what the parser takes. */
const nestedIfs = (depth: number): string =>
  ['REPORT zdeep.', 'DATA x TYPE i.', ...Array.from({ length: depth }, (_, i) => `IF x = ${i % 10}.`), 'x = 1.', ...Array.from({ length: depth }, () => 'ENDIF.')].join('\n');
const statementOfBytes = (bytes: number): string => {
  const rows: string[] = [];
  for (let size = 0, i = 0; size < bytes; i += 1) {
    const row = `  ( id = ${i} text = 'row ${i}' )`;
    rows.push(row);
    size += row.length + 1;
  }
  return `REPORT zbig.\nTYPES: BEGIN OF ty, id TYPE i, text TYPE string, END OF ty.\nTYPES tt TYPE STANDARD TABLE OF ty WITH EMPTY KEY.\nDATA(t) = VALUE tt(\n${rows.join('\n')} ).\n`;
};
const concatenation = (terms: number): string => `REPORT zcat.\nDATA s TYPE string.\ns = 'a'${Array.from({ length: terms }, (_, i) => `\n  && |line ${i}\\n|`).join('')}.\n`;
const script = (text: string): Unit => ({ unitId: 'gen.js', language: 'javascript', path: 'web/gen.js', files: [{ path: 'web/gen.js', text }], loc: 1 });

describe('Source limits checked before the parser', () => {
  it.each([
    ['50,000 nested IFs', () => nestedIfs(50_000), /line 303: control blocks nested 301 deep \(limit 300\)/],
    ['a 1 MB statement', () => statementOfBytes(1024 * 1024), /line 4: a statement of 131,073 characters \(limit 131,072\)/],
    ['a 7 MB single line', () => `REPORT zline. DATA x TYPE i. ${'x = x + 1. '.repeat(700_000)}`, /line 1: a line of 7,700,029 characters \(limit 10,000\)/],
    ['2,001 chained operators', () => concatenation(2_001), /line 2,004: 2,001 operators in one statement \(limit 2,000\)/],
    ['parentheses 251 deep', () => `REPORT zp.\nDATA x TYPE i.\nx = ${'( '.repeat(251)}1${' )'.repeat(251)}.\n`, /line 3: parentheses nested 251 deep \(limit 250\)/],
  ])('ends %s as too-large with the place and the figure', (_name, build, message) => {
    // Act
    const result = analyzeUnit(abapUnit(build()));

    // Assess
    expect(result.notAnalyzed?.code).toBe('too-large');
    expect(result.notAnalyzed?.message).toMatch(message);
    expect(result.notAnalyzed?.message).toContain('src/zprog.prog.abap');
    expect(result.findings).toEqual([]);
  });

  it('analyses a statement of 480 operators, as abapGit writes its test data', () => {
    // Act
    const result = analyzeUnit(abapUnit(concatenation(480)));

    // Assess
    expect(result.notAnalyzed).toBeUndefined();
    expect(result.parseErrors).toBe(0);
  });

  it('does not count brackets, operators and periods in comments and literals', () => {
    // Prepare
    const text = [
      'REPORT zquiet.',
      `* ${'IF x = 1. '.repeat(400)}`,
      `DATA s TYPE string VALUE '${'( + '.repeat(300)}'. " ${'( '.repeat(300)}`,
      `s = |${'( && '.repeat(300)}|.`,
    ].join('\n');

    // Act
    const result = analyzeUnit(abapUnit(text));

    // Assess
    expect(result.notAnalyzed).toBeUndefined();
  });

  it('keeps the limits far above hand-written code and below where the parser fails', () => {
    // Assess: the figures the README documents
    expect(ABAP_SOURCE_LIMITS).toEqual({ maxLineChars: 10_000, maxStatementChars: 131_072, maxOperators: 2_000, maxParenthesisDepth: 250, maxBlockDepth: 300 });
    expect(SCRIPT_LIMITS).toEqual({ maxBracketDepth: 500 });
  });

  it.each([
    ['arrays', `var a = ${'['.repeat(5_000)}1${']'.repeat(5_000)};`],
    ['blocks', `${'if (a) {\n'.repeat(2_000)}${'}\n'.repeat(2_000)}`],
    ['template substitutions', `var t = ${'`${'.repeat(600)}x${'}`'.repeat(600)};`],
  ])('ends a script with %s nested past the limit as too-large', (_name, text) => {
    // Act
    const result = analyzeUnit(script(text));

    // Assess
    expect(result.notAnalyzed).toEqual({ code: 'too-large', message: expect.stringMatching(/^web\/gen\.js line [\d,]+: brackets nested 501 deep \(limit 500\)/) });
  });

  it('analyses a chain of 10,000 additions in a script (the walk is not recursive)', () => {
    // Act
    const result = analyzeUnit(script(`angular.module('m', []);\nvar x = 1${' + 1'.repeat(10_000)};`));

    // Assess
    expect(result.notAnalyzed).toBeUndefined();
    expect(result.findings.map((finding) => finding.ruleId)).toEqual(['ng_module']);
  });

  it('ignores brackets in strings and comments of a script', () => {
    // Act
    const result = analyzeUnit(script(`var s = "${'('.repeat(600)}"; // ${'['.repeat(600)}\n/* ${'{'.repeat(600)} */ var r = '${'{'.repeat(600)}';`));

    // Assess
    expect(result.notAnalyzed).toBeUndefined();
  });
});
