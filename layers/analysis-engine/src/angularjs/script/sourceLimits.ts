/**
 * Cheap checks of a script before it is parsed. meriyah and babel parse nested brackets recursively: a few thousand
 * levels overflow the stack (meriyah then reports a syntax error that is none, babel throws). One pass over the text,
 * strings and comments skipped, finds such a file first, so it ends as `too-large` with the line and the figure.
 * Long lines are the splitter's business (minified files are skipped there); the parsers take them in their stride.
 */
import { NotAnalyzedCodes } from '../../constants';
import type { NotAnalyzedReason } from '../../types';

/** The limits {@link checkScriptLimits} enforces. */
type ScriptLimits = {
  /** Deepest nesting of `(`, `[`, `{` and template substitutions. */
  maxBracketDepth: number;
};

/**
 * The limits the AngularJS analyzer uses: far above hand-written code (a few dozen levels), below where the parsers
 * fail on a 1 MB main-thread stack (measured: about 2,000 levels).
 */
const SCRIPT_LIMITS: Readonly<ScriptLimits> = Object.freeze({ maxBracketDepth: 500 });

const formatCount = (value: number): string => value.toLocaleString('en-US');

/**
 * The deepest bracket nesting of a script and the line where it is reached. Regular expression literals are read as
 * code (telling them from division needs a parser); a bracket in one shifts the depth by one, which a limit in the
 * hundreds does not notice.
 */
const bracketDepth = (text: string, stopAbove: number): { depth: number; line: number } => {
  let depth = 0;
  let line = 1;
  // Open template literals: the bracket depth at which each `${…}` returns into its template.
  const templates: number[] = [];
  let index = 0;
  const length = text.length;
  const skipString = (quote: number): void => {
    for (index += 1; index < length; index += 1) {
      const code = text.charCodeAt(index);
      if (code === 0x5c) index += 1;
      else if (code === quote) return;
      else if (code === 0x0a) {
        line += 1;
        return; // an unterminated string ends at the line for the parser too
      }
    }
  };
  /** Reads template text up to its end or to a `${`; returns true when a substitution opens. */
  const skipTemplateText = (): boolean => {
    for (; index < length; index += 1) {
      const code = text.charCodeAt(index);
      if (code === 0x5c) index += 1;
      else if (code === 0x0a) line += 1;
      else if (code === 0x60) return false;
      else if (code === 0x24 && text.charCodeAt(index + 1) === 0x7b) {
        index += 1;
        return true;
      }
    }
    return false;
  };
  const openTemplate = (): void => {
    index += 1;
    if (skipTemplateText()) {
      templates.push(depth);
      depth += 1;
    }
  };
  for (; index < length; index += 1) {
    const code = text.charCodeAt(index);
    if (code === 0x0a) line += 1;
    else if (code === 0x27 || code === 0x22) skipString(code);
    else if (code === 0x60) {
      openTemplate();
      if (depth > stopAbove) return { depth, line };
    }
    else if (code === 0x2f && text.charCodeAt(index + 1) === 0x2f) {
      const end = text.indexOf('\n', index);
      index = (end < 0 ? length : end) - 1;
    } else if (code === 0x2f && text.charCodeAt(index + 1) === 0x2a) {
      const end = text.indexOf('*/', index + 2);
      const stop = end < 0 ? length : end + 2;
      for (let at = text.indexOf('\n', index); at >= 0 && at < stop; at = text.indexOf('\n', at + 1)) line += 1;
      index = stop - 1;
    } else if (code === 0x28 || code === 0x5b || code === 0x7b) {
      depth += 1;
      if (depth > stopAbove) return { depth, line };
    } else if (code === 0x29 || code === 0x5d || code === 0x7d) {
      depth = Math.max(0, depth - 1);
      if (code === 0x7d && templates.length > 0 && templates[templates.length - 1] === depth) {
        templates.pop();
        index += 1;
        if (skipTemplateText()) {
          templates.push(depth);
          depth += 1;
        }
      }
    }
  }
  return { depth, line };
};

/**
 * A `too-large` reason for the first script nested deeper than the limit, or `undefined`.
 *
 * @example
 * checkScriptLimits([{ path: 'gen.js', text: '['.repeat(5000) }])?.message; // 'gen.js line 1: brackets nested 501 deep (limit 500); …'
 */
const checkScriptLimits = (files: ReadonlyArray<{ path: string; text: string }>, limits: ScriptLimits = SCRIPT_LIMITS): NotAnalyzedReason | undefined => {
  for (const file of files) {
    const { depth, line } = bracketDepth(file.text, limits.maxBracketDepth);
    if (depth > limits.maxBracketDepth) {
      return {
        code: NotAnalyzedCodes.TOO_LARGE,
        message: `${file.path} line ${formatCount(line)}: brackets nested ${formatCount(depth)} deep (limit ${formatCount(limits.maxBracketDepth)}); too deep for the parser, so the unit was not analysed`,
      };
    }
  }
  return undefined;
};

export type { ScriptLimits };
export { SCRIPT_LIMITS, checkScriptLimits };
