import { Expressions, Statements } from '@abaplint/core';
import type { ABAPFile } from '@abaplint/core';

import type { RemovedTransaction } from '../catalog/removedTransactions';
import { at, fileConstants, literalValue } from './syntaxHelpers';
import type { AbapCheck, CheckHit } from './types';

/** Variants of `s4_removed_transaction`; their severity and effort are in the rule table. */
const RemovedTransactionVariants = {
  /** `CALL TRANSACTION … USING bdc_tab`: a batch-input recording of screens that no longer exist. */
  BATCH_INPUT: 'batch-input',
  /** `CALL TRANSACTION` without USING, or `LEAVE TO TRANSACTION`: the user is sent to a transaction that is gone. */
  DIALOG: 'dialog',
} as const;

/** Configuration of the check: the catalog. */
type RemovedTransactionsConfig = { transactions: readonly RemovedTransaction[] };

/**
 * Finds `CALL TRANSACTION` and `LEAVE TO TRANSACTION` of the catalog's transactions. The transaction code is taken
 * from a literal or from a constant declared in the same file; codes computed at runtime cannot be known statically
 * and are skipped.
 *
 * @example
 * removedTransactionsCheck({ transactions: REMOVED_TRANSACTIONS }).abap?.(abapFile);
 */
const removedTransactionsCheck = (config: RemovedTransactionsConfig): AbapCheck => {
  const byCode = new Map(config.transactions.map((entry) => [entry.tcode.toUpperCase(), entry]));
  const abap = (file: ABAPFile): CheckHit[] => {
    const hits: CheckHit[] = [];
    let constants: Map<string, string> | undefined;
    for (const statement of file.getStatements()) {
      const type = statement.get();
      const isCall = type instanceof Statements.CallTransaction;
      const isLeave = type instanceof Statements.Leave && statement.findDirectTokenByText('TRANSACTION') !== undefined;
      if (!isCall && !isLeave) continue;
      const source = statement.findDirectExpression(Expressions.Source);
      if (source === undefined) continue;
      const text = source.concatTokens();
      let code = literalValue(text);
      if (code === undefined) {
        constants ??= fileConstants(file);
        code = constants.get(text.toUpperCase());
      }
      const entry = code === undefined ? undefined : byCode.get(code);
      if (entry === undefined) continue;
      const variant =
        isCall && statement.findDirectTokenByText('USING') !== undefined
          ? RemovedTransactionVariants.BATCH_INPUT
          : RemovedTransactionVariants.DIALOG;
      const note = entry.note === undefined ? '' : `; SAP note ${entry.note}`;
      hits.push({ ...at(statement.getFirstToken()), variant, detail: `${entry.tcode} (${entry.item}${note}); use ${entry.replacement}` });
    }
    return hits;
  };
  return { abap };
};

export type { RemovedTransactionsConfig };
export { RemovedTransactionVariants, removedTransactionsCheck };
