import { ArtifactsABAP } from '@abaplint/core';

/**
 * Which kind of statement the parser did not recognise. A statement that starts with a word which is no ABAP keyword,
 * and is neither an assignment nor a method call, is the call of a macro whose definition the unit does not hold: one
 * of SAP's (the `swc_*` workflow container macros of include <CNTN01>, `rp_provide_from_last` and the other global
 * macros of table TRMAC) or one in an include outside the archive. Such a call is valid code the engine could not
 * expand; it is not analysed, and nothing is charged for it. Any other unknown statement is a syntax error or syntax
 * the parser does not know.
 */

let keywords: ReadonlySet<string> | undefined;
const abapKeywords = (): ReadonlySet<string> => {
  keywords ??= new Set(ArtifactsABAP.getKeywords().map(({ word }) => word.toUpperCase()));
  return keywords;
};

/** The token abaplint quotes in its parser_error message: `… (or a parser error), "swc_set_element"`. */
const QUOTED_TOKEN = /"([^"]+)"\s*$/;
const NAME = /^[A-Za-z_/][\w/]*$/;
/** Directly after the first word: a component, attribute or method access (`x-f`, `o->m(`, `c=>m(`, `i~m`, `t[ `). */
const ACCESS = /^(?:->|=>|-|~|\(|\[)/;
/** After the first word and a blank: an assignment (`x = …`, `x ?= …`, `x += …`). */
const ASSIGNMENT = /^\s+(?:[-+*/]|&&|\?)?=/;

/**
 * `'macro'` when the unknown statement at `line`/`column` of `source` is the call of a macro the unit does not define,
 * else undefined. `message` is abaplint's parser_error message.
 */
const unknownStatementVariant = (message: string, source: string, line: number, column: number): 'macro' | undefined => {
  const token = QUOTED_TOKEN.exec(message)?.[1];
  if (token === undefined || !NAME.test(token) || abapKeywords().has(token.toUpperCase())) return undefined;
  const text = source.split('\n')[line - 1];
  if (text === undefined) return undefined;
  const start = column - 1;
  if (text.slice(start, start + token.length).toUpperCase() !== token.toUpperCase()) return undefined;
  const rest = text.slice(start + token.length);
  if (ACCESS.test(rest) || ASSIGNMENT.test(rest)) return undefined;
  return 'macro';
};

export { unknownStatementVariant };
