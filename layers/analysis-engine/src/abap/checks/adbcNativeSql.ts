import { Expressions, Statements } from '@abaplint/core';
import type { ABAPFile, Nodes } from '@abaplint/core';

import { at } from './syntaxHelpers';
import type { AbapCheck, CheckHit } from './types';

/** Configuration of the check. */
type AdbcNativeSqlConfig = {
  /** ADBC statement classes, upper case: creating one of them means native SQL follows. */
  classes: readonly string[];
  /** Methods that return an ADBC statement object (CL_SQL_CONNECTION->CREATE_STATEMENT), upper case. */
  factoryMethods: readonly string[];
};

/** Names of data objects declared `TYPE REF TO` one of the classes in the file, upper case. */
const statementReferences = (file: ABAPFile, classes: Set<string>): Set<string> => {
  const names = new Set<string>();
  for (const statement of file.getStatements()) {
    const type = statement.get();
    if (!(type instanceof Statements.Data || type instanceof Statements.ClassData || type instanceof Statements.Static)) continue;
    for (const definition of statement.findAllExpressions(Expressions.DataDefinition)) {
      const typed = definition.findFirstExpression(Expressions.TypeName)?.concatTokens().toUpperCase();
      const isReference = definition.findFirstExpression(Expressions.Type)?.findDirectTokenByText('REF') !== undefined;
      const name = definition.findDirectExpression(Expressions.DefinitionName)?.concatTokens().toUpperCase();
      if (isReference && typed !== undefined && classes.has(typed) && name !== undefined) names.add(name);
    }
  }
  return names;
};

/**
 * Finds the places where ABAP Database Connectivity (ADBC) creates a statement object, which then sends native SQL
 * written for the source database: `NEW cl_sql_statement( )`, `CREATE OBJECT … TYPE cl_sql_statement`, `CREATE OBJECT
 * ref` of a reference typed with an ADBC statement class in the same file, and calls of the connection's factory
 * methods (`->create_statement( )`, `->prepare_statement( )`). One finding per statement that creates one, so a
 * statement object reused for many queries counts once.
 *
 * @example
 * adbcNativeSqlCheck({ classes: ['CL_SQL_STATEMENT'], factoryMethods: ['CREATE_STATEMENT'] }).abap?.(abapFile, context);
 */
const adbcNativeSqlCheck = (config: AdbcNativeSqlConfig): AbapCheck => {
  const classes = new Set(config.classes.map((name) => name.toUpperCase()));
  const factories = new Set(config.factoryMethods.map((name) => name.toUpperCase()));
  const marker = /cl_sql_|create_statement|prepare_statement/i;

  const abap = (file: ABAPFile): CheckHit[] => {
    const hits: CheckHit[] = [];
    if (!marker.test(file.getRaw())) return hits;
    let references: Set<string> | undefined;
    for (const statement of file.getStatements()) {
      const type = statement.get();
      let creates = false;
      if (type instanceof Statements.CreateObject) {
        const named = statement.findDirectExpression(Expressions.ClassName)?.concatTokens().toUpperCase();
        const target = statement.findDirectExpression(Expressions.Target)?.concatTokens().toUpperCase();
        references ??= statementReferences(file, classes);
        creates = named === undefined ? target !== undefined && references.has(target) : classes.has(named);
      } else if (!(type instanceof Statements.Data || type instanceof Statements.ClassData || type instanceof Statements.MethodDef)) {
        creates =
          statement.findAllExpressions(Expressions.NewObject).some((node: Nodes.ExpressionNode) =>
            classes.has(node.findFirstExpression(Expressions.TypeName)?.concatTokens().toUpperCase() ?? ''),
          ) ||
          statement.findAllExpressions(Expressions.MethodName).some((node) => factories.has(node.concatTokens().toUpperCase()));
      }
      if (creates) hits.push({ ...at(statement.getFirstToken()) });
    }
    return hits;
  };
  return { abap };
};

export type { AdbcNativeSqlConfig };
export { adbcNativeSqlCheck };
