/**
 * The benchmark's table: one row per workload and engine, transitions per second, and ours/theirs where both ran.
 */
import type { QueryLanguage } from './definitions';

/** One measured row. */
type ResultRow = {
  scenario: string;
  queryLanguage: QueryLanguage;
  engine: string;
  transitions: number;
  medianMs: number;
};

const transitionsPerSecond = (row: ResultRow): number => row.transitions / (row.medianMs / 1000);

const format = (value: number, digits = 0): string =>
  value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/**
 * Renders the rows as a fixed-width table; `ratio` compares each `ours` row with the reference engine's row for
 * the same scenario and query language (blank where the reference could not run it, as for JSONata).
 *
 * @example
 * process.stdout.write(renderTable(rows, 'ours', 'aws-local-stepfunctions'));
 */
const renderTable = (rows: readonly ResultRow[], ours: string, theirs: string): string => {
  const ratioOf = (row: ResultRow): string => {
    if (row.engine !== ours) return '';
    const reference = rows.find((other) => other.engine === theirs && other.scenario === row.scenario && other.queryLanguage === row.queryLanguage);
    return reference === undefined ? 'n/a' : `${format(transitionsPerSecond(row) / transitionsPerSecond(reference), 2)}×`;
  };
  const header = ['scenario', 'query', 'engine', 'transitions', 'median ms', 'transitions/s', 'ours/theirs'];
  const body = rows.map((row) => [
    row.scenario,
    row.queryLanguage,
    row.engine,
    format(row.transitions),
    format(row.medianMs, 1),
    format(transitionsPerSecond(row)),
    ratioOf(row),
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...body.map((cells) => cells[column].length)));
  const line = (cells: readonly string[]): string =>
    cells.map((cell, column) => (column >= 3 ? cell.padStart(widths[column]) : cell.padEnd(widths[column]))).join('  ');
  return [line(header), widths.map((width) => '-'.repeat(width)).join('  '), ...body.map(line)].join('\n');
};

export { renderTable, transitionsPerSecond };
export type { ResultRow };
