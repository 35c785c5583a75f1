import { Statements, Unknown } from '@abaplint/core';
import type { ABAPFile } from '@abaplint/core';

/** Declaration keywords a structure with anonymous components can be declared with. */
const DECLARATIONS = new Set(['DATA', 'STATICS', 'CLASS-DATA']);

const isTextLiteral = (text: string): boolean => text.length >= 2 && ((text.startsWith("'") && text.endsWith("'")) || (text.startsWith('`') && text.endsWith('`')));

/**
 * The file's text with every anonymous structure component (`DATA: BEGIN OF line, f TYPE i, '|', … END OF line.`, an
 * obsolete but valid form outside classes) replaced by a named one of the same width, or `undefined` when it has none.
 * abaplint does not know the form and reports each such component as an unparsable statement; the name keeps every
 * other token where it was, so findings keep their lines and columns.
 *
 * @example
 * nameAnonymousComponents(file); // "DATA: BEGIN OF line,\n        zzz,\n      END OF line." for "… '|', …"
 */
const nameAnonymousComponents = (file: ABAPFile): string | undefined => {
  let lines: string[] | undefined;
  let depth = 0;
  for (const statement of file.getStatements()) {
    const type = statement.get();
    if (type instanceof Statements.DataBegin || type instanceof Statements.StaticBegin || type instanceof Statements.ClassDataBegin) depth += 1;
    else if (type instanceof Statements.DataEnd || type instanceof Statements.StaticEnd || type instanceof Statements.ClassDataEnd) depth = Math.max(0, depth - 1);
    // Only inside a structure: anywhere else a lone literal is a real syntax error.
    if (depth === 0 || !(type instanceof Unknown)) continue;
    const tokens = statement.getTokens();
    if (tokens.length !== 3 || !DECLARATIONS.has(tokens[0].getStr().toUpperCase()) || !isTextLiteral(tokens[1].getStr())) continue;
    if (tokens[2].getStr() !== ',' && tokens[2].getStr() !== '.') continue;
    const literal = tokens[1];
    lines ??= file.getRaw().split('\n');
    const row = literal.getRow() - 1;
    const column = literal.getCol() - 1;
    const width = literal.getStr().length;
    // An ABAP name has at most 30 characters; the rest of a long literal becomes blanks.
    const name = 'z'.repeat(Math.min(width, 30)).padEnd(width, ' ');
    lines[row] = lines[row].slice(0, column) + name + lines[row].slice(column + width);
  }
  return lines?.join('\n');
};

export { nameAnonymousComponents };
