import { Expressions, Statements, Structures } from '@abaplint/core';
import type { ABAPFile, Nodes } from '@abaplint/core';

import type { AbapCheckContext } from './types';

/** Declarations whose DefinitionName names a data object (TABLES is left out: it declares a database work area). */
const DEFINITION_STATEMENTS = [
  Statements.Data,
  Statements.DataBegin,
  Statements.ClassData,
  Statements.ClassDataBegin,
  Statements.Static,
  Statements.StaticBegin,
  Statements.Constant,
  Statements.ConstantBegin,
  Statements.Ranges,
];

/** `MODIFY name FROM wa.`: the one database-write form that is also valid for an internal table. */
const isShortModify = (statement: Nodes.StatementNode): boolean =>
  statement.get() instanceof Statements.ModifyDatabase && statement.getChildren().length === 5 && statement.findDirectTokenByText('FROM') !== undefined;

/** The name a short `MODIFY name FROM wa.` writes, upper case, when a data object of that name is declared in the context. */
const modifiedInternalTable = (statement: Nodes.StatementNode, context: AbapCheckContext): string | undefined => {
  if (!isShortModify(statement)) return undefined;
  const name = statement.findDirectExpression(Expressions.DatabaseTable)?.concatTokens().toUpperCase();
  if (name === undefined) return undefined;
  return context.memo(`declarations.declared.${name}`, () => declaredDataObjects(context, (upper) => upper === name)).has(name) ? name : undefined;
};

/**
 * The first `MODIFY` of a database table (not a declared internal table) in the innermost LOOP, DO or WHILE that
 * holds `statement`, other than `statement` itself.
 */
const databaseModifyInLoopOf = (file: ABAPFile, statement: Nodes.StatementNode, context: AbapCheckContext): Nodes.StatementNode | undefined => {
  const structure = file.getStructure();
  if (structure === undefined) return undefined;
  const loops = [Structures.Loop, Structures.Do, Structures.While]
    .flatMap((kind) => structure.findAllStructures(kind))
    .filter((loop) => loop.findAllStatementNodes().includes(statement))
    .sort((a, b) => a.findAllStatementNodes().length - b.findAllStatementNodes().length);
  return loops[0]
    ?.findAllStatements(Statements.ModifyDatabase)
    .find((candidate) => candidate !== statement && modifiedInternalTable(candidate, context) === undefined);
};

const declaredIn = (statement: Nodes.StatementNode): string[] => {
  const type = statement.get();
  if (DEFINITION_STATEMENTS.some((kind) => type instanceof kind)) {
    const name = statement.findFirstExpression(Expressions.DefinitionName);
    return name === undefined ? [] : [name.concatTokens()];
  }
  if (type instanceof Statements.Parameter || type instanceof Statements.SelectOption) {
    const name = statement.findDirectExpression(Expressions.FieldSub);
    return name === undefined ? [] : [name.concatTokens()];
  }
  if (type instanceof Statements.MethodDef) return statement.findAllExpressions(Expressions.MethodParamName).map((name) => name.concatTokens());
  if (type instanceof Statements.Form) return statement.findAllExpressions(Expressions.FormParamName).map((name) => name.concatTokens());
  return [];
};

/**
 * Upper-case names of the data objects declared in an object's ABAP files: DATA, CLASS-DATA, STATICS, CONSTANTS,
 * RANGES, PARAMETERS, SELECT-OPTIONS, method and FORM parameters and inline declarations. Only names for which
 * `relevant` is true are kept, so callers that care about a few names (the catalog's tables) keep a small set.
 *
 * For a program or function group the context holds all its files (the main program and its includes), so a global
 * declared in the TOP include is known in every include.
 *
 * @example
 * declaredDataObjects(context, (name) => name === 'KONV').has('KONV');
 */
const declaredDataObjects = (context: AbapCheckContext, relevant: (upperName: string) => boolean): Set<string> => {
  const names = new Set<string>();
  const add = (name: string): void => {
    const upper = name.toUpperCase();
    if (relevant(upper)) names.add(upper);
  };
  for (const file of context.objectFiles as readonly ABAPFile[]) {
    for (const statement of file.getStatements()) {
      for (const name of declaredIn(statement)) add(name);
      for (const inline of statement.findAllExpressions(Expressions.InlineData)) {
        const name = inline.findFirstExpression(Expressions.TargetField);
        if (name !== undefined) add(name.concatTokens());
      }
    }
  }
  return names;
};

export { databaseModifyInLoopOf, declaredDataObjects, isShortModify, modifiedInternalTable };
