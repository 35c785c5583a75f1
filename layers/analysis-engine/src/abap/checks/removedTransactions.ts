import { Expressions, Nodes, Statements } from '@abaplint/core';
import type { ABAPFile } from '@abaplint/core';

import type { RemovedProgram, RemovedTransaction, SimplificationItemRef } from '../catalog/simplificationCatalog';
import { at, literalValue, programConstants } from './syntaxHelpers';
import type { AbapCheck, AbapCheckContext, CheckHit } from './types';

/** Variants of `s4_removed_transaction`; their severity and effort are in the rule table. */
const RemovedTransactionVariants = {
  /** `CALL TRANSACTION … USING bdc_tab` (or ABAP4_CALL_TRANSACTION with USING_TAB): a batch-input recording. */
  BATCH_INPUT: 'batch-input',
  /** `CALL TRANSACTION` without USING, or `LEAVE TO TRANSACTION`: the user is sent to a transaction that is gone. */
  DIALOG: 'dialog',
  /** `SUBMIT` of a report of a removed function. */
  SUBMIT: 'submit',
} as const;

/** Configuration of the check: the catalog's transactions and programs. */
type RemovedTransactionsConfig = {
  transactions: readonly RemovedTransaction[];
  programs: readonly RemovedProgram[];
  /** Function modules that call the transaction passed in their TCODE parameter (USING_TAB makes it batch input). */
  callFunctions: readonly string[];
};

const describe = (name: string, item: SimplificationItemRef, replacement: string): string =>
  `${name} (${item.title}; ${item.citation}); use ${replacement}`;

/** The TCODE and USING_TAB parameters of a CALL FUNCTION statement. */
const functionParameters = (statement: Nodes.StatementNode): { tcode?: Nodes.ExpressionNode; usingTab: boolean } => {
  let tcode: Nodes.ExpressionNode | undefined;
  for (const parameter of statement.findAllExpressions(Expressions.FunctionExportingParameter)) {
    if (parameter.findDirectExpression(Expressions.ParameterName)?.concatTokens().toUpperCase() === 'TCODE') {
      tcode = parameter.findDirectExpression(Expressions.Source);
    }
  }
  const usingTab = statement
    .findAllExpressions(Expressions.ParameterName)
    .some((name) => name.concatTokens().toUpperCase() === 'USING_TAB');
  return { tcode, usingTab };
};

/**
 * Finds calls of the catalog's removed transactions and reports of removed functions: `CALL TRANSACTION`, `LEAVE TO
 * TRANSACTION`, `CALL FUNCTION 'ABAP4_CALL_TRANSACTION' EXPORTING tcode = …`, and `SUBMIT` of a catalog program.
 * Codes and program names are taken from literals or from constants declared in the same object or program (a TOP include's constants count for its includes); values computed at
 * runtime cannot be known statically and are skipped. A method or variable named like a transaction is not a call of
 * it and is never reported.
 *
 * @example
 * removedTransactionsCheck({ transactions: REMOVED_TRANSACTIONS, programs: REMOVED_PROGRAMS, callFunctions: ['ABAP4_CALL_TRANSACTION'] })
 *   .abap?.(abapFile, context);
 */
const removedTransactionsCheck = (config: RemovedTransactionsConfig): AbapCheck => {
  const byCode = new Map(config.transactions.map((entry) => [entry.tcode.toUpperCase(), entry]));
  const byProgram = new Map(config.programs.map((entry) => [entry.program.toUpperCase(), entry]));
  const callFunctions = new Set(config.callFunctions.map((name) => name.toUpperCase()));

  const abap = (file: ABAPFile, context: AbapCheckContext): CheckHit[] => {
    const hits: CheckHit[] = [];
    let constants: ReadonlyMap<string, string> | undefined;
    const valueOf = (node: Nodes.ExpressionNode | undefined): string | undefined => {
      if (node === undefined) return undefined;
      const text = node.concatTokens();
      const literal = literalValue(text);
      if (literal !== undefined) return literal;
      constants ??= programConstants(file, context);
      return constants.get(text.toUpperCase());
    };
    const transaction = (statement: Nodes.StatementNode, code: string | undefined, variant: string): void => {
      const entry = code === undefined ? undefined : byCode.get(code);
      if (entry !== undefined) hits.push({ ...at(statement.getFirstToken()), variant, detail: describe(entry.tcode, entry.item, entry.replacement) });
    };

    for (const statement of file.getStatements()) {
      const type = statement.get();
      if (type instanceof Statements.CallTransaction) {
        const variant = statement.findDirectTokenByText('USING') === undefined ? RemovedTransactionVariants.DIALOG : RemovedTransactionVariants.BATCH_INPUT;
        transaction(statement, valueOf(statement.findDirectExpression(Expressions.Source)), variant);
      } else if (type instanceof Statements.Leave) {
        if (statement.findDirectTokenByText('TRANSACTION') !== undefined) {
          transaction(statement, valueOf(statement.findDirectExpression(Expressions.Source)), RemovedTransactionVariants.DIALOG);
        }
      } else if (type instanceof Statements.CallFunction) {
        const name = literalValue(statement.findDirectExpression(Expressions.FunctionName)?.concatTokens() ?? '');
        if (name === undefined || !callFunctions.has(name)) continue;
        const { tcode, usingTab } = functionParameters(statement);
        transaction(statement, valueOf(tcode), usingTab ? RemovedTransactionVariants.BATCH_INPUT : RemovedTransactionVariants.DIALOG);
      } else if (type instanceof Statements.Submit) {
        const direct = statement.findDirectExpression(Expressions.IncludeName)?.concatTokens().toUpperCase();
        // SUBMIT ('NAME') or SUBMIT (constant): the expression between the parentheses.
        const dynamic = statement.findDirectExpression(Expressions.Dynamic)?.getChildren()[1];
        const program = direct ?? (dynamic instanceof Nodes.ExpressionNode ? valueOf(dynamic) : undefined);
        const entry = program === undefined ? undefined : byProgram.get(program);
        if (entry !== undefined) {
          hits.push({ ...at(statement.getFirstToken()), variant: RemovedTransactionVariants.SUBMIT, detail: describe(entry.program, entry.item, entry.replacement) });
        }
      }
    }
    return hits;
  };
  return { abap };
};

export type { RemovedTransactionsConfig };
export { RemovedTransactionVariants, removedTransactionsCheck };
