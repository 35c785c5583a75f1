import { Expressions, ExpressionsCDS, Statements } from '@abaplint/core';
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

const readVariant = (entry: SimplifiedTable): string =>
  entry.readImpact === ReadImpacts.NOT_FILLED ? SimplifiedTableVariants.READ_NOT_FILLED : SimplifiedTableVariants.READ_COMPATIBILITY_VIEW;

/**
 * Finds reads and writes of the catalog's tables: in ABAP, Open SQL SELECT (also joins, subqueries, OPEN CURSOR) and
 * INSERT/UPDATE/MODIFY/DELETE; in CDS, the data sources of a view (FROM, JOIN and association targets), which can only read. Works on the
 * parse trees, so a table name in a comment, a literal or a variable name is never mistaken for an access; dynamic
 * table names (`FROM (lv_table)`) cannot be resolved and are skipped.
 *
 * @example
 * const check = simplifiedTablesCheck({ tables: SIMPLIFIED_TABLES });
 * check.abap?.(abapFile); // [{ line: 12, column: 17, variant: 'read-not-filled', detail: 'VBUK (…)' }]
 */
const simplifiedTablesCheck = (config: SimplifiedTablesConfig): AbapCheck => {
  const byName = new Map(config.tables.map((entry) => [entry.table.toUpperCase(), entry]));

  const cds = (tree: Nodes.ExpressionNode): CheckHit[] => {
    const hits: CheckHit[] = [];
    // FROM and JOIN sources carry a CDSName; an association's target is the first token of its CDSRelation.
    const names = [
      ...tree.findAllExpressions(ExpressionsCDS.CDSSource).map((source) => source.findFirstExpression(ExpressionsCDS.CDSName)?.getFirstToken()),
      ...tree.findAllExpressions(ExpressionsCDS.CDSRelation).map((relation) => relation.getFirstToken()),
    ];
    for (const token of names) {
      const entry = token === undefined ? undefined : byName.get(token.getStr().toUpperCase());
      if (token !== undefined && entry !== undefined) hits.push({ ...at(token), variant: readVariant(entry), detail: describeEntry(entry) });
    }
    return hits;
  };

  const abap = (file: ABAPFile): CheckHit[] => {
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
        const variant = table === written ? SimplifiedTableVariants.WRITE : readVariant(entry);
        const key = `${entry.table}/${variant}`;
        if (seen.has(key)) continue;
        seen.add(key);
        hits.push({ ...at(table.getFirstToken()), variant, detail: describeEntry(entry) });
      }
    }
    return hits;
  };

  return { abap, cds };
};

export type { SimplifiedTablesConfig };
export { SimplifiedTableVariants, simplifiedTablesCheck };
