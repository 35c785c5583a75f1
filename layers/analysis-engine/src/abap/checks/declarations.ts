import { Expressions, Statements } from '@abaplint/core';
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
 * A program's TOP include is another object and is not seen: a global declared there is unknown here.
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

export { declaredDataObjects };
