import { Expressions, Statements } from '@abaplint/core';
import type { ABAPFile, Nodes } from '@abaplint/core';

import { at, literalValue, programConstants } from './syntaxHelpers';
import type { AbapCheck, AbapCheckContext, CheckHit } from './types';

/** Variants of `review_dynamic_code`; their severity and effort are in the rule table. */
const DynamicCodeVariants = {
  /** ABAP SQL on a table whose name is known only at run time. */
  DYNAMIC_TABLE: 'dynamic-table',
  /** INSERT REPORT: writes a program's source at run time. */
  INSERT_REPORT: 'insert-report',
  /** GENERATE SUBROUTINE POOL: compiles source built at run time. */
  GENERATE_SUBROUTINE_POOL: 'generate-subroutine-pool',
} as const;

/** Configuration of the check: which of its variants to report. */
type DynamicCodeConfig = { variants: readonly string[] };

/** Statements that name database tables in ABAP SQL. */
const isDatabaseStatement = (type: unknown): boolean =>
  type instanceof Statements.Select ||
  type instanceof Statements.SelectLoop ||
  type instanceof Statements.OpenCursor ||
  type instanceof Statements.With ||
  type instanceof Statements.WithLoop ||
  type instanceof Statements.InsertDatabase ||
  type instanceof Statements.UpdateDatabase ||
  type instanceof Statements.ModifyDatabase ||
  type instanceof Statements.DeleteDatabase;

/**
 * The table a `DatabaseTable` names, upper case: written out, or a dynamic name that is a literal (`('VBUK')`) or a
 * constant of the file (`(c_table)` with `CONSTANTS c_table … VALUE 'VBUK'`). `undefined` when only the run time knows.
 *
 * @example
 * staticTableName(node, constants); // 'VBUK'
 */
const staticTableName = (table: Nodes.ExpressionNode, constants: ReadonlyMap<string, string>): string | undefined => {
  const dynamic = table.findDirectExpression(Expressions.Dynamic);
  if (dynamic === undefined) return table.concatTokens().toUpperCase();
  const inner = dynamic.concatTokens().replace(/^\(\s*/, '').replace(/\s*\)$/, '');
  return literalValue(inner) ?? constants.get(inner.toUpperCase());
};

/**
 * Finds code that hides from every other check what it works on, so that a person has to look: ABAP SQL on a table
 * named only at run time (`FROM (lv_table)`, `UPDATE (lv_table)`; a literal or a constant of the file is resolved and
 * not reported), `INSERT REPORT` and `GENERATE SUBROUTINE POOL` (source written or compiled at run time). A dynamic
 * WHERE, field list or ORDER BY is not reported: the table is still known.
 *
 * @example
 * dynamicCodeCheck({ variants: ['dynamic-table', 'insert-report', 'generate-subroutine-pool'] }).abap?.(abapFile, context);
 */
const dynamicCodeCheck = (config: DynamicCodeConfig): AbapCheck => {
  const wanted = new Set(config.variants);
  const abap = (file: ABAPFile, context: AbapCheckContext): CheckHit[] => {
    const hits: CheckHit[] = [];
    const constants = programConstants(file, context);
    for (const statement of file.getStatements()) {
      const type = statement.get();
      if (type instanceof Statements.InsertReport) {
        if (wanted.has(DynamicCodeVariants.INSERT_REPORT)) hits.push({ ...at(statement.getFirstToken()), variant: DynamicCodeVariants.INSERT_REPORT });
      } else if (type instanceof Statements.GenerateSubroutine) {
        if (wanted.has(DynamicCodeVariants.GENERATE_SUBROUTINE_POOL)) hits.push({ ...at(statement.getFirstToken()), variant: DynamicCodeVariants.GENERATE_SUBROUTINE_POOL });
      } else if (isDatabaseStatement(type) && wanted.has(DynamicCodeVariants.DYNAMIC_TABLE)) {
        const hidden = statement.findAllExpressions(Expressions.DatabaseTable).find((table) => staticTableName(table, constants) === undefined);
        if (hidden !== undefined) hits.push({ ...at(hidden.getFirstToken()), variant: DynamicCodeVariants.DYNAMIC_TABLE });
      }
    }
    return hits;
  };
  return { abap };
};

export type { DynamicCodeConfig };
export { DynamicCodeVariants, dynamicCodeCheck, staticTableName };
