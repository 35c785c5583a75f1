import { Expressions, Statements } from '@abaplint/core';
import type { ABAPFile, Nodes } from '@abaplint/core';

import { at, tableName } from './syntaxHelpers';
import type { AbapCheck, AbapCheckContext, CheckHit } from './types';

/** Configuration of the check. */
type SelectOrderDependencyConfig = {
  /** Also report `LOOP AT … AT NEW / AT END OF` (control-level processing needs sorted data). */
  controlLevels: boolean;
};

/**
 * A SELECT into a table without ORDER BY. `uniqueBy`: the fields its rows are unique by (GROUP BY, or the selected
 * fields of a SELECT DISTINCT; `all` for DISTINCT *), when the database guarantees that.
 */
type PendingSelect = { line: number; column: number; uniqueBy?: ReadonlySet<string> | 'all' };

const fieldName = (node: Nodes.ExpressionNode): string => node.concatTokens().replace(/^.*~/, '').toUpperCase();

/** The fields a SELECT's rows are unique by, from GROUP BY or DISTINCT. */
const uniqueness = (statement: Nodes.StatementNode): PendingSelect['uniqueBy'] => {
  const groupBy = statement.findFirstExpression(Expressions.SQLGroupBy);
  if (groupBy !== undefined) return new Set(groupBy.findAllExpressions(Expressions.SQLFieldName).map(fieldName));
  if (!/^SELECT\s+(?:SINGLE\s+)?DISTINCT\b/i.test(statement.concatTokens())) return undefined;
  const list = statement.findFirstExpression(Expressions.SQLFieldList);
  if (list === undefined || /(^|~)\*$/.test(list.concatTokens().trim())) return 'all';
  return new Set(list.findAllExpressions(Expressions.SQLFieldName).map(fieldName));
};

/**
 * Whether DELETE ADJACENT DUPLICATES can remove a row of a result unique by `uniqueBy`: only when it compares fewer
 * fields than the result is unique by. Comparing all fields (no COMPARING, or COMPARING ALL FIELDS) of rows that are
 * unique removes nothing, in whatever order they come.
 */
const removesDuplicates = (statement: Nodes.StatementNode, uniqueBy: PendingSelect['uniqueBy']): boolean => {
  if (uniqueBy === undefined) return true;
  const comparing = statement.findDirectTokenByText('COMPARING');
  if (comparing === undefined || statement.findDirectTokenByText('ALL') !== undefined) return false;
  if (uniqueBy === 'all') return true;
  const compared = new Set(statement.findDirectExpressions(Expressions.SimpleFieldChain2).map(fieldName));
  return [...uniqueBy].some((field) => !compared.has(field));
};

/** Statements that open a procedure: its local tables are a new scope. */
const isProcedureStart = (statement: Nodes.StatementNode): boolean => {
  const type = statement.get();
  return (
    type instanceof Statements.MethodImplementation ||
    type instanceof Statements.Form ||
    type instanceof Statements.FunctionModule ||
    type instanceof Statements.Module
  );
};

const isProcedureEnd = (statement: Nodes.StatementNode): boolean => {
  const type = statement.get();
  return type instanceof Statements.EndMethod || type instanceof Statements.EndForm || type instanceof Statements.EndFunction || type instanceof Statements.EndModule;
};

/** Tables declared SORTED or HASHED in a file: they keep their own order, a SELECT into them cannot be unordered. */
const keyedTables = (file: ABAPFile): Set<string> => {
  const names = new Set<string>();
  for (const statement of file.getStatements()) {
    const type = statement.get();
    if (!(type instanceof Statements.Data || type instanceof Statements.ClassData || type instanceof Statements.Static)) continue;
    for (const definition of statement.findAllExpressions(Expressions.DataDefinition)) {
      const table = definition.findDirectExpression(Expressions.TypeTable);
      if (table !== undefined && (table.findDirectTokenByText('SORTED') !== undefined || table.findDirectTokenByText('HASHED') !== undefined)) {
        const name = definition.findDirectExpression(Expressions.DefinitionName)?.concatTokens().toUpperCase();
        if (name !== undefined) names.add(name);
      }
    }
  }
  return names;
};

const findDependencies = (config: SelectOrderDependencyConfig, file: ABAPFile, context: AbapCheckContext): CheckHit[] => {
  const hits: CheckHit[] = [];
  // A program's sorted tables are often declared in its TOP include.
  const keyed = context.memo('selectOrderDependency.keyed', () => new Set(context.objectFiles.flatMap((other) => [...keyedTables(other)])));
  let scope = new Map<string, PendingSelect>();
  let outer: Map<string, PendingSelect> | undefined;
  const loops: (string | undefined)[] = [];

  const report = (name: string | undefined, statement: Nodes.StatementNode, use: string): void => {
    if (name === undefined) return;
    const pending = scope.get(name);
    if (pending === undefined) return;
    scope.delete(name);
    hits.push({ line: pending.line, column: pending.column, detail: `the result is ${use} at line ${statement.getStart().getRow()} without a SORT in between` });
  };

  for (const statement of file.getStatements()) {
    const type = statement.get();
    if (isProcedureStart(statement)) {
      outer = scope;
      scope = new Map();
    } else if (isProcedureEnd(statement)) {
      scope = outer ?? new Map();
      outer = undefined;
    } else if (type instanceof Statements.Select) {
      const into = statement.findFirstExpression(Expressions.SQLIntoTable);
      const name = tableName(into?.findFirstExpression(Expressions.Target));
      if (name === undefined || keyed.has(name)) continue;
      if (statement.findFirstExpression(Expressions.SQLOrderBy) === undefined) scope.set(name, { ...at(statement.getFirstToken()), uniqueBy: uniqueness(statement) });
      else scope.delete(name);
    } else if (type instanceof Statements.Sort) {
      const name = tableName(statement.findDirectExpression(Expressions.Target));
      if (name !== undefined) scope.delete(name);
    } else if (type instanceof Statements.ReadTable) {
      if (statement.findDirectTokenByText('BINARY') !== undefined) {
        report(tableName(statement.findDirectExpression(Expressions.SimpleSource2)), statement, 'read with READ TABLE ... BINARY SEARCH');
      }
    } else if (type instanceof Statements.DeleteInternal) {
      if (statement.findDirectTokenByText('ADJACENT') !== undefined) {
        const name = tableName(statement.findDirectExpression(Expressions.Target));
        const pending = name === undefined ? undefined : scope.get(name);
        // Rows unique by GROUP BY or DISTINCT have no adjacent duplicates to lose, sorted or not.
        if (pending !== undefined && !removesDuplicates(statement, pending.uniqueBy)) scope.delete(name as string);
        else report(name, statement, 'deduplicated with DELETE ADJACENT DUPLICATES');
      }
    } else if (type instanceof Statements.Loop) {
      loops.push(tableName(statement.findDirectExpression(Expressions.LoopSource)));
    } else if (type instanceof Statements.EndLoop) {
      loops.pop();
    } else if (config.controlLevels && type instanceof Statements.At) {
      const level = statement.findDirectTokenByText('NEW') ?? statement.findDirectTokenByText('END');
      if (level !== undefined) report(loops[loops.length - 1], statement, 'grouped with AT NEW / AT END OF');
    }
  }
  return hits;
};

/**
 * Finds a SELECT into an internal table without ORDER BY whose result is then processed as if it were sorted —
 * `READ TABLE … BINARY SEARCH`, `DELETE ADJACENT DUPLICATES`, or (optionally) control levels `AT NEW` / `AT END OF` —
 * with no SORT of that table in between. Other databases often returned rows in primary-key order by accident; SAP
 * HANA does not, so such code silently misses rows after the migration. This is the data flow SAP's Code Inspector
 * check "ORDER / BINARY SEARCH: assumptions on order of db content" looks for.
 *
 * A SELECT whose rows the database makes unique (GROUP BY, DISTINCT) followed by DELETE ADJACENT DUPLICATES comparing at
 * least the fields they are unique by removes nothing in any order, and is not reported.
 *
 * The flow is followed within one procedure (METHOD, FORM, FUNCTION, MODULE) and within the program's event blocks,
 * in statement order; a SELECT in one procedure and the READ in another is not followed. The hit is on the SELECT,
 * where ORDER BY belongs.
 *
 * @example
 * selectOrderDependencyCheck({ controlLevels: true }).abap?.(abapFile);
 */
const selectOrderDependencyCheck = (config: SelectOrderDependencyConfig): AbapCheck => ({ abap: (file, context) => findDependencies(config, file, context) });

export type { SelectOrderDependencyConfig };
export { selectOrderDependencyCheck };
