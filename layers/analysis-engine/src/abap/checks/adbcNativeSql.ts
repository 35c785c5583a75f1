import { Expressions, Nodes, Statements } from '@abaplint/core';
import type { ABAPFile } from '@abaplint/core';

import { at } from './syntaxHelpers';
import type { AbapCheck, CheckHit } from './types';

/** Configuration of the check. */
type AdbcNativeSqlConfig = {
  /** ADBC statement classes, upper case: creating one of them means native SQL follows. */
  statementClasses: readonly string[];
  /** ADBC connection classes, upper case: their factory methods return statement objects. */
  connectionClasses: readonly string[];
  /** Methods of a connection that return a statement object, upper case. */
  factoryMethods: readonly string[];
};

const upper = (node: Nodes.ExpressionNode | undefined): string | undefined => node?.concatTokens().replace(/\s+/g, '').toUpperCase();

/**
 * Names declared in the file as references to the given classes: `DATA x TYPE REF TO cls`, method parameters typed so,
 * and inline declarations filled from a static call of the class (`DATA(x) = cl_sql_connection=>get_connection( )`).
 */
const referencesTo = (file: ABAPFile, classes: Set<string>): Set<string> => {
  const names = new Set<string>();
  for (const statement of file.getStatements()) {
    const type = statement.get();
    if (type instanceof Statements.Data || type instanceof Statements.ClassData || type instanceof Statements.Static || type instanceof Statements.MethodDef) {
      for (const definition of [...statement.findAllExpressions(Expressions.DataDefinition), ...statement.findAllExpressions(Expressions.MethodParam)]) {
        const typed = upper(definition.findFirstExpression(Expressions.TypeName));
        const isReference = definition.concatTokens().toUpperCase().includes(' REF TO ');
        const name = upper(definition.findDirectExpression(Expressions.DefinitionName) ?? definition.findDirectExpression(Expressions.MethodParamName));
        if (isReference && typed !== undefined && classes.has(typed) && name !== undefined) names.add(name);
      }
    } else if (type instanceof Statements.Move) {
      const inline = upper(statement.findDirectExpression(Expressions.Target)?.findDirectExpression(Expressions.InlineData)?.findFirstExpression(Expressions.TargetField));
      const fromClass = statement.findDirectExpression(Expressions.Source)?.findFirstExpression(Expressions.MethodCallChain)?.findDirectExpression(Expressions.ClassName);
      if (inline !== undefined && fromClass !== undefined && classes.has(upper(fromClass) ?? '')) names.add(inline);
    }
  }
  return names;
};

/** A `get_connection( … )` call that names a connection other than the default one: a secondary database. */
const opensSecondary = (call: Nodes.ExpressionNode): boolean => {
  if (upper(call.findDirectExpression(Expressions.MethodName)) !== 'GET_CONNECTION') return false;
  const argument = upper(call.findDirectExpression(Expressions.MethodCallParam))?.replace(/^\(|\)$/g, '').replace(/^CON_NAME=/, '') ?? '';
  return argument !== '' && argument !== "'DEFAULT'";
};

/** A method call chain that starts with `cl_sql_connection=>get_connection( <secondary> )`. */
const chainOnSecondary = (chain: Nodes.ExpressionNode, connectionClasses: Set<string>): boolean => {
  const [className, call] = expressionsOf(chain);
  return (
    className?.get() instanceof Expressions.ClassName &&
    connectionClasses.has(upper(className) ?? '') &&
    call?.get() instanceof Expressions.MethodCall &&
    opensSecondary(call)
  );
};

/** The expression children of a node, without its tokens (`=>`, `->`). */
const expressionsOf = (node: Nodes.ExpressionNode): Nodes.ExpressionNode[] =>
  node.getChildren().filter((child): child is Nodes.ExpressionNode => child instanceof Nodes.ExpressionNode);

/** Names the file fills with a connection to a secondary database (`lo_con = cl_sql_connection=>get_connection( 'EXT' )`). */
const secondaryConnections = (file: ABAPFile, connectionClasses: Set<string>): Set<string> => {
  const names = new Set<string>();
  for (const statement of file.getStatements()) {
    if (!(statement.get() instanceof Statements.Move)) continue;
    const chain = statement.findDirectExpression(Expressions.Source)?.findDirectExpression(Expressions.MethodCallChain);
    if (chain === undefined || !chainOnSecondary(chain, connectionClasses) || expressionsOf(chain).length !== 2) continue;
    const target = statement.findDirectExpression(Expressions.Target);
    const name = upper(target?.findDirectExpression(Expressions.InlineData)?.findFirstExpression(Expressions.TargetField) ?? target);
    if (name !== undefined) names.add(name);
  }
  return names;
};

/** A `con_ref = x` parameter naming a secondary connection. */
const passesSecondary = (node: Nodes.ExpressionNode | Nodes.StatementNode, secondary: Set<string>): boolean =>
  node
    .findAllExpressions(Expressions.ParameterS)
    .some((parameter) => upper(parameter.findDirectExpression(Expressions.ParameterName)) === 'CON_REF' && secondary.has(upper(parameter.findDirectExpression(Expressions.Source)) ?? ''));

/**
 * Finds the places where ABAP Database Connectivity (ADBC) creates a statement object, which then sends native SQL
 * written for the source database:
 *
 * - `NEW cl_sql_statement( … )`, `CREATE OBJECT … TYPE cl_sql_statement`, and `CREATE OBJECT ref` of a reference the
 *   file declares with an ADBC statement class;
 * - a connection's factory method (`create_statement( )`, `prepare_statement( )`) called on `cl_sql_connection=>…` or
 *   on a reference the file declares (or fills inline) with a connection class. A method of another class that happens
 *   to have the same name is not ADBC and is not reported.
 *
 * One finding per statement that creates a statement object, so an object reused for many queries counts once. A
 * statement object on a secondary connection (`get_connection( 'EXT' )`, passed as `con_ref` or called on) talks to
 * another database, which the move to SAP HANA does not change, and is not reported. The old `CALL METHOD` form and
 * references declared in other objects are not followed.
 *
 * @example
 * adbcNativeSqlCheck({ statementClasses: ['CL_SQL_STATEMENT'], connectionClasses: ['CL_SQL_CONNECTION'], factoryMethods: ['CREATE_STATEMENT'] })
 *   .abap?.(abapFile, context);
 */
const adbcNativeSqlCheck = (config: AdbcNativeSqlConfig): AbapCheck => {
  const statementClasses = new Set(config.statementClasses.map((name) => name.toUpperCase()));
  const connectionClasses = new Set(config.connectionClasses.map((name) => name.toUpperCase()));
  const factories = new Set(config.factoryMethods.map((name) => name.toUpperCase()));
  const marker = /cl_sql_/i;

  const abap = (file: ABAPFile): CheckHit[] => {
    const hits: CheckHit[] = [];
    if (!marker.test(file.getRaw())) return hits;
    const statementRefs = referencesTo(file, statementClasses);
    const connectionRefs = referencesTo(file, connectionClasses);
    const secondary = secondaryConnections(file, connectionClasses);

    /** A factory call in a method call chain whose receiver is a known connection. */
    const callsFactory = (chain: Nodes.ExpressionNode): boolean => {
      if (chainOnSecondary(chain, connectionClasses)) return false;
      const children = chain.getChildren();
      return children.some((child, index) => {
        if (!(child instanceof Nodes.ExpressionNode) || !(child.get() instanceof Expressions.MethodCall)) return false;
        if (!factories.has(upper(child.findDirectExpression(Expressions.MethodName)) ?? '')) return false;
        const before = children.slice(0, index);
        return before.some((node) => {
          if (!(node instanceof Nodes.ExpressionNode)) return false;
          if (node.get() instanceof Expressions.ClassName) return connectionClasses.has(upper(node) ?? '');
          return node.get() instanceof Expressions.FieldChain && connectionRefs.has(upper(node) ?? '') && !secondary.has(upper(node) ?? '');
        });
      });
    };

    for (const statement of file.getStatements()) {
      const type = statement.get();
      let creates = false;
      if (type instanceof Statements.CreateObject) {
        const named = upper(statement.findDirectExpression(Expressions.ClassName));
        const target = upper(statement.findDirectExpression(Expressions.Target));
        creates = (named === undefined ? target !== undefined && statementRefs.has(target) : statementClasses.has(named)) && !passesSecondary(statement, secondary);
      } else if (!(type instanceof Statements.Data || type instanceof Statements.ClassData || type instanceof Statements.MethodDef)) {
        creates =
          statement
            .findAllExpressions(Expressions.NewObject)
            .some((node) => statementClasses.has(upper(node.findFirstExpression(Expressions.TypeName)) ?? '') && !passesSecondary(node, secondary)) ||
          statement.findAllExpressions(Expressions.MethodCallChain).some((chain) => callsFactory(chain));
      }
      if (creates) hits.push({ ...at(statement.getFirstToken()) });
    }
    return hits;
  };
  return { abap };
};

export type { AdbcNativeSqlConfig };
export { adbcNativeSqlCheck };
