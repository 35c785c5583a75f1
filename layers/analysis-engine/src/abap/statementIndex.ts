import { Comment, Statements } from '@abaplint/core';
import type { ABAPFile, Nodes } from '@abaplint/core';

/** The statements of one file, found by position, with the pragmas and pseudo comments each carries. */
type StatementIndex = {
  /**
   * The statement a position (1-based line and column) lies in: of the statements spanning it, the shortest (the
   * declarations of a colon chain share their first token, each ends at its own comma). `undefined` outside any
   * statement.
   */
  locate(line: number, column: number): Nodes.StatementNode | undefined;
  /**
   * The pragmas (`##NAME`, upper case, parameters dropped) and pseudo comments (`"#EC CODE`, upper case, a `[…]`
   * parameter dropped) on a statement. A pseudo comment counts for every statement on whose lines it stands,
   * as the ABAP compiler reads it ("behind a statement or a part of a statement"); an EXEC SQL block is one statement
   * from EXEC SQL to ENDEXEC.
   */
  markersOf(statement: Nodes.StatementNode): ReadonlySet<string>;
  /** The line a statement's METHOD, FORM, FUNCTION or MODULE starts on; `undefined` outside any procedure. */
  procedureOf(statement: Nodes.StatementNode): number | undefined;
};

type Span = { node: Nodes.StatementNode; startRow: number; startCol: number; endRow: number; endCol: number };

const PROCEDURE_STARTS = [Statements.MethodImplementation, Statements.Form, Statements.FunctionModule, Statements.Module];
const PROCEDURE_ENDS = [Statements.EndMethod, Statements.EndForm, Statements.EndFunction, Statements.EndModule];

const PSEUDO_COMMENT = /"#EC\s+([A-Z0-9_*]+)/gi;

const before = (row: number, col: number, otherRow: number, otherCol: number): boolean => row < otherRow || (row === otherRow && col <= otherCol);

const spanOf = (node: Nodes.StatementNode): Span => {
  const start = node.getStart();
  const end = node.getEnd();
  return { node, startRow: start.getRow(), startCol: start.getCol(), endRow: end.getRow(), endCol: end.getCol() };
};

/** `##REGEX_POSIX[x]` → `##REGEX_POSIX`. */
const pragmaName = (text: string): string => text.replace(/\[.*$/, '').toUpperCase();

/**
 * Indexes a file's statements once, so that findings (which carry a position only) can be matched to the statement
 * they are about: for the pragmas and pseudo comments that acknowledge them, and to charge one remediation per
 * statement.
 *
 * @example
 * const index = indexStatements(file);
 * const statement = index.locate(12, 7);
 * statement && index.markersOf(statement).has('##REGEX_POSIX');
 */
const indexStatements = (file: ABAPFile): StatementIndex => {
  const spans: Span[] = [];
  // Pseudo comment codes by line: a statement looks up the lines it spans.
  const pseudoComments = new Map<number, string[]>();
  for (const node of file.getStatements()) {
    if (!(node.get() instanceof Comment)) {
      spans.push(spanOf(node));
      continue;
    }
    const codes = [...node.concatTokens().matchAll(PSEUDO_COMMENT)].map((match) => `"#EC ${match[1].toUpperCase()}`);
    if (codes.length > 0) pseudoComments.set(node.getStart().getRow(), [...(pseudoComments.get(node.getStart().getRow()) ?? []), ...codes]);
  }
  spans.sort((a, b) => a.startRow - b.startRow || a.startCol - b.startCol || a.endRow - b.endRow || a.endCol - b.endCol);
  // An EXEC SQL block reads as one statement: its pseudo comment stands on the ENDEXEC line.
  const blockEnd = new Map<Nodes.StatementNode, Span>();
  let open: Span | undefined;
  for (const span of spans) {
    const type = span.node.get();
    if (type instanceof Statements.ExecSQL) open = span;
    else if (type instanceof Statements.EndExec && open !== undefined) {
      blockEnd.set(open.node, span);
      open = undefined;
    }
  }
  // Procedures as line ranges: [start row of METHOD/FORM/FUNCTION/MODULE, end row of its END statement].
  const procedures: { start: number; end: number }[] = [];
  let procedureStart: number | undefined;
  for (const span of spans) {
    const type = span.node.get();
    if (PROCEDURE_STARTS.some((kind) => type instanceof kind)) procedureStart = span.startRow;
    else if (PROCEDURE_ENDS.some((kind) => type instanceof kind) && procedureStart !== undefined) {
      procedures.push({ start: procedureStart, end: span.endRow });
      procedureStart = undefined;
    }
  }
  const markers = new Map<Nodes.StatementNode, Set<string>>();

  const locate = (line: number, column: number): Nodes.StatementNode | undefined => {
    // The last statement starting at or before the position; chain siblings share that start.
    let low = 0;
    let high = spans.length - 1;
    let last = -1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      if (before(spans[middle].startRow, spans[middle].startCol, line, column)) {
        last = middle;
        low = middle + 1;
      } else high = middle - 1;
    }
    let found: Span | undefined;
    for (let index = last; index >= 0; index -= 1) {
      const span = spans[index];
      if (index < last && (span.startRow !== spans[last].startRow || span.startCol !== spans[last].startCol)) break;
      if (before(line, column, span.endRow, span.endCol) && (found === undefined || before(span.endRow, span.endCol, found.endRow, found.endCol))) found = span;
    }
    return found?.node;
  };

  const markersOf = (statement: Nodes.StatementNode): ReadonlySet<string> => {
    const known = markers.get(statement);
    if (known !== undefined) return known;
    const found = new Set<string>(statement.getPragmas().map((token) => pragmaName(token.getStr())));
    const start = statement.getStart().getRow();
    const end = (blockEnd.get(statement) ?? spanOf(statement)).endRow;
    for (let row = start; row <= end; row += 1) for (const code of pseudoComments.get(row) ?? []) found.add(code);
    markers.set(statement, found);
    return found;
  };

  const procedureOf = (statement: Nodes.StatementNode): number | undefined => {
    const row = statement.getStart().getRow();
    return procedures.find((procedure) => procedure.start <= row && row <= procedure.end)?.start;
  };

  return { locate, markersOf, procedureOf };
};

export type { StatementIndex };
export { indexStatements };
