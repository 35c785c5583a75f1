import type { ABAPFile, Nodes } from '@abaplint/core';

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

/**
 * What a check may know beyond the file it looks at: the other ABAP files of the same object (a class's main file
 * and its includes, a function group's includes), and a per-object memo so that facts gathered over all of them
 * (declared names, for example) are computed once per object rather than once per file.
 */
type AbapCheckContext = {
  /**
   * Every ABAP file of the object the file belongs to, the file itself included; for a program or function group every
   * file of the program (its includes and context included), where its declarations are.
   */
  objectFiles: readonly ABAPFile[];
  /** Computes a value once per object and key. */
  memo<T>(key: string, compute: () => T): T;
};

/**
 * A custom check: over parsed ABAP files, over parsed CDS definitions, or both. Pure: the same input gives the same
 * hits.
 */
type AbapCheck = {
  /** Runs over each ABAP source file of the unit. */
  abap?: (file: ABAPFile, context: AbapCheckContext) => CheckHit[];
  /** Runs over the parse tree of each CDS data definition of the unit; hits are in its source file. */
  cds?: (tree: Nodes.ExpressionNode) => CheckHit[];
};

export type { AbapCheck, AbapCheckContext, CheckHit };
