import { Expressions, Statements } from '@abaplint/core';
import type { ABAPFile, Nodes } from '@abaplint/core';

import { at, tableName } from './syntaxHelpers';
import type { AbapCheck, CheckHit } from './types';

/** Configuration of the check. */
type SelectOrderDependencyConfig = {
  /** Also report `LOOP AT … AT NEW / AT END OF` (control-level processing needs sorted data). */
  controlLevels: boolean;
};

type PendingSelect = { line: number; column: number };

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

/** Tables declared SORTED or HASHED in the file: they keep their own order, a SELECT into them cannot be unordered. */
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

const findDependencies = (config: SelectOrderDependencyConfig, file: ABAPFile): CheckHit[] => {
  const hits: CheckHit[] = [];
  const keyed = keyedTables(file);
  let scope = new Map<string, PendingSelect>();
  let outer: Map<string, PendingSelect> | undefined;
  const loops: (string | undefined)[] = [];

  const report = (name: string | undefined, statement: Nodes.StatementNode, use: string): void => {
    if (name === undefined) return;
    const pending = scope.get(name);
    if (pending === undefined) return;
    scope.delete(name);
    hits.push({ ...pending, detail: `the result is ${use} at line ${statement.getStart().getRow()} without a SORT in between` });
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
      if (statement.findFirstExpression(Expressions.SQLOrderBy) === undefined) scope.set(name, at(statement.getFirstToken()));
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
        report(tableName(statement.findDirectExpression(Expressions.Target)), statement, 'deduplicated with DELETE ADJACENT DUPLICATES');
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
 * The flow is followed within one procedure (METHOD, FORM, FUNCTION, MODULE) and within the program's event blocks,
 * in statement order; a SELECT in one procedure and the READ in another is not followed. The hit is on the SELECT,
 * where ORDER BY belongs.
 *
 * @example
 * selectOrderDependencyCheck({ controlLevels: true }).abap?.(abapFile);
 */
const selectOrderDependencyCheck = (config: SelectOrderDependencyConfig): AbapCheck => ({ abap: (file) => findDependencies(config, file) });

export type { SelectOrderDependencyConfig };
export { selectOrderDependencyCheck };
