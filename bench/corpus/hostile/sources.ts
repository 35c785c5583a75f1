/**
 * Hostile source files: the patterns of real customer code that crashed, hung or flooded the analysis, written small
 * and generated to full size. Tests feed them to the engine, the sandbox and the whole workflow; the isolation
 * benchmark puts one into a real code base. Each entry says what it does to the parser and what the analysis must
 * end with.
 */

/** A generated hostile file: where it sits in a code base, its text, and the outcome the analysis must give. */
type HostileSource = {
  /** Path inside a code base (a plain `.abap` file becomes a PROG unit of its own; `.js` a web unit). */
  path: string;
  text: string;
  /** The `notAnalyzed` reason the unit must end with. */
  expected: 'too-large' | 'time-budget' | 'memory-budget';
  /** What the file does to an unprotected analysis. */
  effect: string;
};

const lines = (count: number, line: (index: number) => string): string[] => Array.from({ length: count }, (_, index) => line(index));

/** Control blocks nested `depth` deep (the 1.8 KB zip of the issue holds 50,000). */
const nestedIfs = (depth = 50_000): HostileSource => ({
  path: 'src/zdeep_if.abap',
  text: ['REPORT zdeep_if.', 'DATA lv_x TYPE i.', ...lines(depth, (i) => `IF lv_x = ${i % 10}.`), 'lv_x = 1.', ...lines(depth, () => 'ENDIF.'), ''].join('\n'),
  expected: 'too-large',
  effect: 'abaplint recurses once per block: about 750 levels overflow a 1 MB stack',
});

/** One VALUE statement of about `bytes` characters (generated table contents). */
const hugeStatement = (bytes = 1024 * 1024): HostileSource => {
  const rows: string[] = [];
  for (let size = 0, i = 0; size < bytes; i += 1) {
    const row = `  ( id = ${i} text = 'row ${i}' )`;
    rows.push(row);
    size += row.length + 1;
  }
  return {
    path: 'src/zhuge_statement.abap',
    text: `REPORT zhuge_statement.\nTYPES: BEGIN OF ty_row, id TYPE i, text TYPE string, END OF ty_row.\nTYPES ty_rows TYPE STANDARD TABLE OF ty_row WITH EMPTY KEY.\nDATA(lt_rows) = VALUE ty_rows(\n${rows.join('\n')} ).\n`,
    expected: 'too-large',
    effect: 'rules recurse over the statement: 1 MB overflows the stack after seconds of parsing',
  };
};

/** A program written on one line of about `bytes` characters (a code generator's output). */
const oneLineProgram = (bytes = 7 * 1024 * 1024): HostileSource => {
  const statement = 'lv_x = lv_x + 1. ';
  return {
    path: 'src/zone_line.abap',
    text: `REPORT zone_line. DATA lv_x TYPE i. ${statement.repeat(Math.ceil(bytes / statement.length))}\n`,
    expected: 'too-large',
    effect: 'ran into the 300 s Lambda timeout twice',
  };
};

/**
 * A SELECT with joins and FOR ALL ENTRIES whose WHERE compares `conditions` fields of the driver table: abaplint's
 * SQL condition matcher backtracks exponentially (12 conditions ≈ 1.5 s, 14 ≈ 12 s; 20 do not finish).
 */
const exponentialJoinSelect = (conditions = 20): HostileSource => ({
  path: 'src/zjoin_select.abap',
  text: [
    'REPORT zjoin_select.',
    'DATA lt_keys TYPE STANDARD TABLE OF ztab.',
    'DATA lt_result TYPE STANDARD TABLE OF ztab.',
    'SELECT a~matnr FROM ztab AS a',
    '  INNER JOIN mara AS b ON b~matnr = a~matnr',
    '  INNER JOIN marc AS c ON c~matnr = a~matnr',
    '  FOR ALL ENTRIES IN lt_keys',
    `  WHERE ${lines(conditions, (i) => `a~f${i} = lt_keys-f${i}`).join('\n    AND ')}`,
    '  INTO TABLE lt_result.',
    '',
  ].join('\n'),
  expected: 'time-budget',
  effect: 'abaplint 2.120.19 does not return (its CLI hangs on it too)',
});

/**
 * A long report of `statements` WRITE lines: within every source limit, but its analysis holds more heap than a
 * small memory budget allows (about 80 MB for 20,000 lines). Legitimate code; hostile only to a tight budget.
 */
const longReport = (statements = 20_000): HostileSource => ({
  path: 'src/zlong_report.abap',
  text: ['REPORT zlong_report.', ...lines(statements, (i) => `WRITE / 'line ${i}'.`), ''].join('\n'),
  expected: 'memory-budget',
  effect: 'about 80 MB of heap and 15 s for 20,000 lines: over a 48 MB budget',
});

export type { HostileSource };
export { exponentialJoinSelect, hugeStatement, longReport, nestedIfs, oneLineProgram };
