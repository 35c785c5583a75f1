import type { ABAPFile } from '@abaplint/core';

/**
 * One place a custom check found. `detail` may name SAP standard objects (tables, transactions) and ABAP keywords
 * only, never customer identifiers or source text: it ends up in the finding's message.
 */
type CheckHit = {
  /** 1-based line. */
  line: number;
  /** 1-based column. */
  column: number;
  /** Which variant of the rule applies (its severity and effort come from the rule table). */
  variant?: string;
  /** Extra explanation appended to the rule's message. */
  detail?: string;
};

/** A custom check over one parsed ABAP file. Pure: the same file gives the same hits. */
type AbapCheck = (file: ABAPFile) => CheckHit[];

export type { AbapCheck, CheckHit };
