import { Expressions, ExpressionsCDS, Statements } from '@abaplint/core';
import type { ABAPFile, Nodes } from '@abaplint/core';

import { TableKinds } from '../catalog/simplificationCatalog';
import type { SimplifiedTable } from '../catalog/simplificationCatalog';
import { declaredDataObjects, isShortModify } from './declarations';
import { staticTableName } from './dynamicCode';
import { at, programConstants } from './syntaxHelpers';
import type { AbapCheck, AbapCheckContext, CheckHit } from './types';

/** Variants of `s4_simplified_table`; their severity and effort are in the rule table. */
const SimplifiedTableVariants = {
  /** Read of a table S/4HANA no longer fills. */
  READ_NOT_FILLED: 'read-not-filled',
  /** Read of a table replaced by a compatibility view. */
  READ_COMPATIBILITY_VIEW: 'read-compatibility-view',
  /** Read of a hybrid table (master data kept, stock quantities computed). */
  READ_HYBRID_TABLE: 'read-hybrid-table',
  /** INSERT, UPDATE, MODIFY or DELETE on a table no longer filled or replaced by a view. */
  WRITE: 'write',
  /** INSERT, UPDATE, MODIFY or DELETE on a hybrid table. */
  WRITE_HYBRID_TABLE: 'write-hybrid-table',
} as const;

/** Configuration of the check: the catalog's tables. */
type SimplifiedTablesConfig = { tables: readonly SimplifiedTable[] };

const isDatabaseWrite = (type: unknown): boolean =>
  type instanceof Statements.InsertDatabase ||
  type instanceof Statements.UpdateDatabase ||
  type instanceof Statements.ModifyDatabase ||
  type instanceof Statements.DeleteDatabase;

/**
 * Short forms that the parser cannot tell from internal-table statements without declarations: `DELETE dbtab FROM
 * wa` parses as DELETE of an internal table. ABAP decides by the name: an internal table of that name wins, otherwise
 * it is the database table.
 */
const isAmbiguousWrite = (type: unknown): boolean =>
  type instanceof Statements.DeleteInternal || type instanceof Statements.ModifyInternal || type instanceof Statements.InsertInternal;

/** Statements that read database tables. */
const isRead = (type: unknown): boolean =>
  type instanceof Statements.Select ||
  type instanceof Statements.SelectLoop ||
  type instanceof Statements.OpenCursor ||
  type instanceof Statements.With ||
  type instanceof Statements.WithLoop;

const describeEntry = (entry: SimplifiedTable, fields?: string): string =>
  `${entry.table}${fields === undefined ? '' : ` ${fields}`} (${entry.item.title}; ${entry.item.citation}); use ${entry.replacement}`;

/** Field names a statement names, upper case, without a table or alias prefix (`b~labst` → `LABST`). */
const namedFields = (node: Nodes.StatementNode | Nodes.ExpressionNode, kind: typeof Expressions.SQLFieldName): string[] =>
  node.findAllExpressions(kind).map((name) => name.concatTokens().replace(/^.*~/, '').toUpperCase());

/** A select list of all fields (`*`, `t~*`) or of fields named at run time (`(lt_fields)`). */
const readsAllFields = (statement: Nodes.StatementNode): boolean =>
  statement.findAllExpressions(Expressions.SQLFieldList).some((list) => /(^|~)\*$/.test(list.concatTokens().trim()) || list.findDirectExpression(Expressions.Dynamic) !== undefined);

/**
 * What a statement does with the computed (stock) fields of a hybrid table: `undefined` when it names none of them
 * (master data only), otherwise the words for the message. A write without a SET list (`FROM wa`, INSERT, MODIFY,
 * DELETE) touches every field.
 */
const computedFieldsTouched = (statement: Nodes.StatementNode, entry: SimplifiedTable, write: boolean): string | undefined => {
  const computed = new Set(entry.computedFields ?? []);
  if (write) {
    const set = statement.findAllExpressions(Expressions.SQLFieldAndValue);
    if (set.length === 0) return 'whole rows';
    const stock = [...new Set(set.flatMap((assignment) => namedFields(assignment, Expressions.SQLFieldName)).filter((field) => computed.has(field)))];
    return stock.length === 0 ? undefined : `fields ${stock.join(', ')}`;
  }
  if (readsAllFields(statement)) return 'all fields';
  const stock = [...new Set(namedFields(statement, Expressions.SQLFieldName).filter((field) => computed.has(field)))];
  return stock.length === 0 ? undefined : `fields ${stock.join(', ')}`;
};

const readVariant = (entry: SimplifiedTable): string => {
  if (entry.kind === TableKinds.NOT_FILLED) return SimplifiedTableVariants.READ_NOT_FILLED;
  if (entry.kind === TableKinds.HYBRID) return SimplifiedTableVariants.READ_HYBRID_TABLE;
  return SimplifiedTableVariants.READ_COMPATIBILITY_VIEW;
};

const writeVariant = (entry: SimplifiedTable): string =>
  entry.kind === TableKinds.HYBRID ? SimplifiedTableVariants.WRITE_HYBRID_TABLE : SimplifiedTableVariants.WRITE;

/**
 * Finds reads and writes of the catalog's tables from the parse trees, so that a table name in a comment, a literal
 * or a type reference is never taken for an access:
 *
 * - ABAP SQL reads: SELECT (joins and subqueries included), OPEN CURSOR, WITH;
 * - writes: INSERT, UPDATE, MODIFY, DELETE on the database table; tables in their subqueries are reads;
 * - the short forms `DELETE dbtab FROM wa`, `MODIFY dbtab FROM wa`, `INSERT dbtab FROM wa`: a write when no data
 *   object of that name is declared in the object (ABAP gives a declared internal table precedence), and an internal
 *   table named like a catalog table is never reported;
 * - CDS: the data sources of a view (FROM, JOIN, association targets), which can only read;
 * - hybrid tables (MARC, MARD, MCHB, MBEW …) by the fields the statement names: a read or write of master data fields
 *   only is no finding; a read of a stock field, of all fields (`*`) or of fields named at run time is, and so is a
 *   write of a stock field or of whole rows.
 *
 * Dynamic table names that are a literal or a constant of the file (`FROM ('VBUK')`, `FROM (c_table)`) are resolved;
 * other dynamic names (`FROM (lv_table)`) are for `review_dynamic_code`, and internal tables as data source
 * (`FROM @itab`) are not database reads: both are skipped.
 *
 * @example
 * const check = simplifiedTablesCheck({ tables: SIMPLIFIED_TABLES });
 * check.abap?.(abapFile, context); // [{ line: 12, column: 17, variant: 'read-not-filled', detail: 'VBUK (…)' }]
 */
const simplifiedTablesCheck = (config: SimplifiedTablesConfig): AbapCheck => {
  const byName = new Map(config.tables.map((entry) => [entry.table.toUpperCase(), entry]));
  const declared = (context: AbapCheckContext): Set<string> =>
    context.memo('simplifiedTables.declared', () => declaredDataObjects(context, (name) => byName.has(name)));

  const cds = (tree: Nodes.ExpressionNode): CheckHit[] => {
    const hits: CheckHit[] = [];
    // FROM and JOIN sources carry a CDSName; an association's target is the first token of its CDSRelation.
    const names = [
      ...tree.findAllExpressions(ExpressionsCDS.CDSSource).map((source) => source.findFirstExpression(ExpressionsCDS.CDSName)?.getFirstToken()),
      ...tree.findAllExpressions(ExpressionsCDS.CDSRelation).map((relation) => relation.getFirstToken()),
    ];
    // A CDS view names its fields; a hybrid table read for master data fields only is no finding.
    const viewFields = new Set(tree.findAllExpressions(ExpressionsCDS.CDSName).map((name) => name.concatTokens().toUpperCase()));
    for (const token of names) {
      const entry = token === undefined ? undefined : byName.get(token.getStr().toUpperCase());
      if (token === undefined || entry === undefined) continue;
      let fields: string | undefined;
      if (entry.kind === TableKinds.HYBRID) {
        const stock = (entry.computedFields ?? []).filter((field) => viewFields.has(field));
        if (stock.length === 0) continue;
        fields = `fields ${stock.join(', ')}`;
      }
      hits.push({ ...at(token), variant: readVariant(entry), detail: describeEntry(entry, fields) });
    }
    return hits;
  };

  const abap = (file: ABAPFile, context: AbapCheckContext): CheckHit[] => {
    const hits: CheckHit[] = [];
    const constants = programConstants(file, context);
    for (const statement of file.getStatements()) {
      const type = statement.get();
      if (isAmbiguousWrite(type)) {
        // Only the short form with FROM wa names a database table; INTO TABLE, INDEX, WHERE and friends are internal.
        const target = statement.findDirectExpression(Expressions.Target);
        const name = target?.concatTokens().toUpperCase();
        const entry = name === undefined ? undefined : byName.get(name);
        // KEYWORD name FROM wa . : five children exactly, anything more (INDEX, WHERE, TRANSPORTING) is internal.
        if (target === undefined || entry === undefined || statement.findDirectTokenByText('FROM') === undefined) continue;
        if (statement.getChildren().length !== 5 || declared(context).has(entry.table)) continue;
        hits.push({ ...at(target.getFirstToken()), variant: writeVariant(entry), detail: describeEntry(entry, entry.kind === TableKinds.HYBRID ? 'whole rows' : undefined) });
        continue;
      }
      const write = isDatabaseWrite(type);
      if (!write && !isRead(type)) continue;
      const tables = statement.findAllExpressions(Expressions.DatabaseTable);
      if (tables.length === 0) continue;
      // In INSERT/UPDATE/MODIFY/DELETE only the statement's own table is written; tables in a subquery are read.
      const written = write ? statement.findDirectExpression(Expressions.DatabaseTable) : undefined;
      const seen = new Set<string>();
      for (const table of tables) {
        // A dynamic name that is a literal or a constant of the file names its table as plainly as written out.
        const name = staticTableName(table, constants);
        const entry = name === undefined ? undefined : byName.get(name);
        if (entry === undefined) continue;
        // MODIFY itab FROM wa parses as a database write when the parser cannot know itab is an internal table.
        if (table === written && isShortModify(statement) && declared(context).has(entry.table)) continue;
        const variant = table === written ? writeVariant(entry) : readVariant(entry);
        const key = `${entry.table}/${variant}`;
        if (seen.has(key)) continue;
        seen.add(key);
        // A hybrid table keeps its master data: only its stock (computed) fields changed.
        const fields = entry.kind === TableKinds.HYBRID ? computedFieldsTouched(statement, entry, table === written) : undefined;
        if (entry.kind === TableKinds.HYBRID && fields === undefined) continue;
        hits.push({ ...at(table.getFirstToken()), variant, detail: describeEntry(entry, fields) });
      }
    }
    return hits;
  };

  return { abap, cds };
};

export type { SimplifiedTablesConfig };
export { SimplifiedTableVariants, simplifiedTablesCheck };
