import { Expressions, Statements } from '@abaplint/core';
import type { ABAPFile, Nodes } from '@abaplint/core';

import { ReadImpacts } from '../catalog/simplifiedTables';
import type { SimplifiedTable } from '../catalog/simplifiedTables';
import { at } from './syntaxHelpers';
import type { AbapCheck, CheckHit } from './types';

/** Variants of `s4_simplified_table`; their severity and effort are in the rule table. */
const SimplifiedTableVariants = {
  /** Read of a table S/4HANA no longer fills. */
  READ_NOT_FILLED: 'read-not-filled',
  /** Read of a table replaced by a compatibility view. */
  READ_COMPATIBILITY_VIEW: 'read-compatibility-view',
  /** INSERT, UPDATE, MODIFY or DELETE on a catalog table. */
  WRITE: 'write',
} as const;

/** Configuration of the check: the catalog. */
type SimplifiedTablesConfig = { tables: readonly SimplifiedTable[] };

const isWrite = (statement: Nodes.StatementNode): boolean => {
  const type = statement.get();
  return (
    type instanceof Statements.InsertDatabase ||
    type instanceof Statements.UpdateDatabase ||
    type instanceof Statements.ModifyDatabase ||
    type instanceof Statements.DeleteDatabase
  );
};

/** Statements that can name a database table; anything else is skipped without searching its tree. */
const isSql = (statement: Nodes.StatementNode): boolean => {
  const type = statement.get();
  return (
    type instanceof Statements.Select ||
    type instanceof Statements.SelectLoop ||
    type instanceof Statements.OpenCursor ||
    type instanceof Statements.With ||
    type instanceof Statements.WithLoop ||
    isWrite(statement)
  );
};

const describeEntry = (entry: SimplifiedTable): string =>
  `${entry.table} (${entry.item}; SAP note ${entry.note}); use ${entry.replacement}`;

/**
 * Finds Open SQL reads and writes of the catalog's tables: SELECT (also joins, subqueries, OPEN CURSOR) and
 * INSERT/UPDATE/MODIFY/DELETE. Works on the parsed statements, so a table name in a comment, a literal or a variable
 * name is never mistaken for an access; dynamic table names (`FROM (lv_table)`) cannot be resolved and are skipped.
 *
 * @example
 * const check = simplifiedTablesCheck({ tables: SIMPLIFIED_TABLES });
 * check(abapFile); // [{ line: 12, column: 17, variant: 'read-not-filled', detail: 'VBUK (…)' }]
 */
const simplifiedTablesCheck = (config: SimplifiedTablesConfig): AbapCheck => {
  const byName = new Map(config.tables.map((entry) => [entry.table.toUpperCase(), entry]));
  return (file: ABAPFile): CheckHit[] => {
    const hits: CheckHit[] = [];
    for (const statement of file.getStatements()) {
      if (!isSql(statement)) continue;
      const tables = statement.findAllExpressions(Expressions.DatabaseTable);
      if (tables.length === 0) continue;
      // In INSERT/UPDATE/MODIFY/DELETE only the statement's own table is written; tables in a subquery are read.
      const written = isWrite(statement) ? statement.findDirectExpression(Expressions.DatabaseTable) : undefined;
      const seen = new Set<string>();
      for (const table of tables) {
        const entry = byName.get(table.concatTokens().toUpperCase());
        if (entry === undefined) continue;
        const variant =
          table === written
            ? SimplifiedTableVariants.WRITE
            : entry.readImpact === ReadImpacts.NOT_FILLED
              ? SimplifiedTableVariants.READ_NOT_FILLED
              : SimplifiedTableVariants.READ_COMPATIBILITY_VIEW;
        const key = `${entry.table}/${variant}`;
        if (seen.has(key)) continue;
        seen.add(key);
        hits.push({ ...at(table.getFirstToken()), variant, detail: describeEntry(entry) });
      }
    }
    return hits;
  };
};

export type { SimplifiedTablesConfig };
export { SimplifiedTableVariants, simplifiedTablesCheck };
