/**
 * Cheap checks of ABAP source before abaplint parses it. abaplint's parser and several of its rules recurse once per
 * nested block, parenthesis or operator, and its statement matcher slows down faster than linearly on huge
 * statements: 50,000 nested IFs or 1,000 chained `&&` overflow the stack, a chained DATA statement of 30,000 parts
 * takes 40 s, and a one-line file of 7 MB runs into any time limit. One pass over the text (comments and literals
 * skipped) finds such a unit before the parser sees it, so it ends as `too-large` with the line and the figure
 * rather than as a crash or a timeout.
 *
 * The limits sit far above hand-written or abapGit-serialised code (the ABAP editor takes 255 characters per line;
 * abapGit's own tests hold a statement of 480 `&&`) and below where the parser fails or crawls. Blocks and
 * parentheses are limited below where a 1 MB main-thread stack overflows (measured: blocks ≈ 750 deep, parentheses
 * ≈ 1,000). Operators are limited for the unit sandbox's 16 MB stack (`createUnitSandbox`), where 2,000 `&&` take
 * 1.5 s and 5,000 take 10 s; on a 1 MB stack about 800 already overflow, and such a unit ends as `analyzer-error`.
 */
import { NotAnalyzedCodes } from '../constants';
import type { NotAnalyzedReason, UnitFile } from '../types';

/** The limits {@link checkAbapSourceLimits} enforces. */
type AbapSourceLimits = {
  /** Longest line, characters. */
  maxLineChars: number;
  /** Largest statement (a colon chain counts whole, up to its period), characters of code. */
  maxStatementChars: number;
  /** Most arithmetic and string operators (`+ - * / ** && & MOD DIV BIT-…`) in one statement or chain part. */
  maxOperators: number;
  /** Deepest parenthesis nesting within a statement. */
  maxParenthesisDepth: number;
  /** Deepest nesting of control blocks (IF, LOOP, DO, WHILE, CASE, TRY, PROVIDE, ON CHANGE OF). */
  maxBlockDepth: number;
};

/** The limits the ABAP analyzer uses. */
const ABAP_SOURCE_LIMITS: Readonly<AbapSourceLimits> = Object.freeze({
  maxLineChars: 10_000,
  maxStatementChars: 128 * 1024,
  maxOperators: 2_000,
  maxParenthesisDepth: 250,
  maxBlockDepth: 300,
});

const OPERATORS: ReadonlySet<string> = new Set(['+', '-', '*', '/', '**', '&&', '&', 'MOD', 'DIV', 'BIT-AND', 'BIT-OR', 'BIT-XOR']);
const BLOCK_OPENERS: ReadonlySet<string> = new Set(['IF', 'LOOP', 'DO', 'WHILE', 'CASE', 'TRY', 'PROVIDE', 'ON']);
const BLOCK_CLOSERS: ReadonlySet<string> = new Set(['ENDIF', 'ENDLOOP', 'ENDDO', 'ENDWHILE', 'ENDCASE', 'ENDTRY', 'ENDPROVIDE', 'ENDON']);
/** Files whose statements end with a period (CDS sources get the line check only). */
const ABAP_FILE = /\.abap$/i;

const formatCount = (value: number): string => value.toLocaleString('en-US');

/** `what` holds `{n}` where the figure goes: `a line of {n} characters`. */
const tooLarge = (file: string, line: number, what: string, actual: number, limit: number): NotAnalyzedReason => ({
  code: NotAnalyzedCodes.TOO_LARGE,
  message: `${file} line ${formatCount(line)}: ${what.replace('{n}', formatCount(actual))} (limit ${formatCount(limit)}); too large for the parser, so the unit was not analysed`,
});

/** Longest keyword or operator the check compares (`ENDPROVIDE`); longer tokens are neither. */
const LONGEST_KEYWORD = 10;

const isSeparator = (code: number): boolean =>
  code === 0x20 || code === 0x09 || code === 0x0d || code === 0x0b || code === 0x0c || code === 0x2e || code === 0x2c || code === 0x3a || code === 0x28 || code === 0x29;

/** Checks one file's text; the first limit exceeded, or `undefined`. */
const checkFile = (file: UnitFile, limits: AbapSourceLimits): NotAnalyzedReason | undefined => {
  const { text } = file;
  const statements = ABAP_FILE.test(file.name ?? file.path);
  let lineNumber = 0;
  let statementChars = 0;
  let statementLine = 1;
  let operators = 0;
  let parentheses = 0;
  let blocks = 0;
  let atStatementStart = true;
  let tokenStart = -1;
  let tokenHasLiteral = false;

  /** Judges the token that ends before `end`: a block keyword when it starts a statement, an operator anywhere. */
  const endToken = (end: number): NotAnalyzedReason | undefined => {
    if (tokenStart < 0) return undefined;
    const length = end - tokenStart;
    const word = tokenHasLiteral || length > LONGEST_KEYWORD ? undefined : text.slice(tokenStart, end).toUpperCase();
    tokenStart = -1;
    tokenHasLiteral = false;
    const first = atStatementStart;
    atStatementStart = false;
    if (word === undefined) return undefined;
    if (first && BLOCK_OPENERS.has(word)) {
      blocks += 1;
      if (blocks > limits.maxBlockDepth) return tooLarge(file.path, lineNumber, 'control blocks nested {n} deep', blocks, limits.maxBlockDepth);
    } else if (first && BLOCK_CLOSERS.has(word)) {
      blocks = Math.max(0, blocks - 1);
    }
    if (OPERATORS.has(word)) {
      operators += 1;
      if (operators > limits.maxOperators) return tooLarge(file.path, lineNumber, '{n} operators in one statement', operators, limits.maxOperators);
    }
    return undefined;
  };

  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    lineNumber += 1;
    const length = end - start;
    if (length > limits.maxLineChars) return tooLarge(file.path, lineNumber, 'a line of {n} characters', length, limits.maxLineChars);
    // A `*` in the first column makes the whole line a comment.
    if (statements && text.charCodeAt(start) !== 0x2a) {
      let literal = 0;
      let index = start;
      for (; index < end; index += 1) {
        const code = text.charCodeAt(index);
        if (literal !== 0) {
          // '…' and `…` escape their quote by doubling it, which reads as closing and reopening: the same outcome.
          if (code === literal) literal = 0;
          statementChars += 1;
          continue;
        }
        if (code === 0x22) break; // `"`: the rest of the line is a comment
        if (statementChars === 0) statementLine = lineNumber;
        statementChars += 1;
        if (statementChars > limits.maxStatementChars) return tooLarge(file.path, statementLine, 'a statement of {n} characters', statementChars, limits.maxStatementChars);
        if (code === 0x27 || code === 0x60 || code === 0x7c) {
          literal = code; // ' ` |
          if (tokenStart < 0) tokenStart = index;
          tokenHasLiteral = true;
          continue;
        }
        if (!isSeparator(code)) {
          if (tokenStart < 0) tokenStart = index;
          continue;
        }
        const exceeded = endToken(index);
        if (exceeded !== undefined) return exceeded;
        if (code === 0x28) {
          parentheses += 1;
          if (parentheses > limits.maxParenthesisDepth) return tooLarge(file.path, lineNumber, 'parentheses nested {n} deep', parentheses, limits.maxParenthesisDepth);
        } else if (code === 0x29) {
          parentheses = Math.max(0, parentheses - 1);
        } else if (code === 0x2c || code === 0x3a) {
          operators = 0; // a chain part is a statement of its own for the parser
        } else if (code === 0x2e) {
          statementChars = 0;
          operators = 0;
          parentheses = 0;
          atStatementStart = true;
        }
      }
      const exceeded = endToken(index);
      if (exceeded !== undefined) return exceeded;
    }
    start = end + 1;
  }
  return undefined;
};

/**
 * The first limit a unit's source exceeds, as a `too-large` reason naming the file, the line and the figure; or
 * `undefined` when the unit is within every limit. Linear in the text, no allocation per character.
 *
 * @example
 * checkAbapSourceLimits(unit.files)?.message; // 'src/zgen.prog.abap line 1: a line of 7,340,032 characters (limit 10,000); …'
 */
const checkAbapSourceLimits = (files: readonly UnitFile[], limits: AbapSourceLimits = ABAP_SOURCE_LIMITS): NotAnalyzedReason | undefined => {
  for (const file of files) {
    const exceeded = checkFile(file, limits);
    if (exceeded !== undefined) return exceeded;
  }
  return undefined;
};

export type { AbapSourceLimits };
export { ABAP_SOURCE_LIMITS, checkAbapSourceLimits };
