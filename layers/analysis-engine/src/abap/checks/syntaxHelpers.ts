import { Expressions, Nodes, Statements } from '@abaplint/core';
import type { ABAPFile, Token } from '@abaplint/core';

import type { AbapCheckContext } from './types';

/** Position of a token as a hit position. */
const at = (token: Token): { line: number; column: number } => ({ line: token.getRow(), column: token.getCol() });

/**
 * The value of a character literal (`'XD01'` or `` `XD01` ``), upper case and trimmed; `undefined` for anything else.
 * ABAP doubles the quote character inside a literal to escape it.
 */
const literalValue = (text: string): string | undefined => {
  const quote = text[0];
  if ((quote !== "'" && quote !== '`') || text.length < 2 || text[text.length - 1] !== quote) return undefined;
  return text.slice(1, -1).split(quote + quote).join(quote).trim().toUpperCase();
};

/**
 * Character constants declared in the file, by upper-case name: `CONSTANTS name TYPE … VALUE 'X'.` and components of
 * constant structures (`CONSTANTS BEGIN OF c_tcode, display … VALUE 'X', END OF c_tcode.` gives `C_TCODE-DISPLAY`).
 * Used to follow a constant to its value; a unit is analysed alone, so constants of other objects stay unknown.
 */
const fileConstants = (file: ABAPFile): Map<string, string> => {
  const constants = new Map<string, string>();
  const prefix: string[] = [];
  for (const statement of file.getStatements()) {
    const type = statement.get();
    if (type instanceof Statements.ConstantBegin) {
      prefix.push(statement.findDirectExpression(Expressions.DefinitionName)?.concatTokens().toUpperCase() ?? '');
      continue;
    }
    if (type instanceof Statements.ConstantEnd) {
      prefix.pop();
      continue;
    }
    if (!(type instanceof Statements.Constant)) continue;
    const name = statement.findDirectExpression(Expressions.DefinitionName)?.concatTokens().toUpperCase();
    const literal = statement.findDirectExpression(Expressions.Value)?.findFirstExpression(Expressions.ConstantString)?.concatTokens();
    const value = literal === undefined ? undefined : literalValue(literal);
    if (name !== undefined && value !== undefined) constants.set([...prefix, name].join('-'), value);
  }
  return constants;
};

/**
 * Character constants of the file and of the rest of its object or program (a TOP include declares them for every
 * include), by upper-case name; the file's own win over a namesake elsewhere. Memoised per file.
 *
 * @example
 * programConstants(file, context).get('C_TCODE'); // 'XD01'
 */
const programConstants = (file: ABAPFile, context: AbapCheckContext): ReadonlyMap<string, string> =>
  context.memo(`programConstants:${file.getFilename()}`, () => {
    const merged = new Map<string, string>();
    for (const other of context.objectFiles) {
      if (other === file) continue;
      for (const [name, value] of context.memo(`fileConstants:${other.getFilename()}`, () => fileConstants(other))) merged.set(name, value);
    }
    for (const [name, value] of context.memo(`fileConstants:${file.getFilename()}`, () => fileConstants(file))) merged.set(name, value);
    return merged;
  });

/** Name of an internal table as written in a statement, normalised: upper case, without `@`, `[]` or `DATA( )`. */
const tableName = (node: Nodes.ExpressionNode | undefined): string | undefined => {
  if (node === undefined) return undefined;
  const inline = node.findFirstExpression(Expressions.InlineData);
  const text = (inline?.findFirstExpression(Expressions.TargetField) ?? node).concatTokens();
  return text.replace(/^@/, '').replace(/\[\]$/, '').trim().toUpperCase();
};

/** Depth-first walk over a statement's expression nodes. */
const walkExpressions = (node: Nodes.StatementNode | Nodes.ExpressionNode, visit: (node: Nodes.ExpressionNode) => void): void => {
  for (const child of node.getChildren()) {
    if (child instanceof Nodes.ExpressionNode) {
      visit(child);
      walkExpressions(child, visit);
    }
  }
};

export { at, fileConstants, literalValue, programConstants, tableName, walkExpressions };
