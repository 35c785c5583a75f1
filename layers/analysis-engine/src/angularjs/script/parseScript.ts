/**
 * Parses one JavaScript or TypeScript file into an ESTree-like tree: meriyah for JavaScript (the bulk of an AngularJS
 * code base: fastest here and small), @babel/parser for TypeScript and for JavaScript meriyah refuses (babel recovers
 * from many errors and keeps a partial tree). See the README for the measurements behind the choice.
 */
import type { ParserPlugin } from '@babel/parser';

import { lazyModule } from '../../lazyModule';

import type { AstNode } from './ast';

/** What {@link parseSource} returns: a tree (possibly partial) and where parsing first failed, if it did. */
type ParsedSource = {
  /** The program node; absent when nothing could be recovered. */
  program?: AstNode;
  /** First syntax error: 1-based line and column. Its message is not kept: parsers quote the offending token. */
  error?: { line: number; column: number };
  /** Which parser produced the tree. */
  parser: 'meriyah' | 'babel';
};

// Loaded on the first file that needs them: an environment that analyses only ABAP never loads either parser.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const babel = lazyModule(() => require('@babel/parser') as typeof import('@babel/parser'));
// eslint-disable-next-line @typescript-eslint/no-require-imports
const meriyah = lazyModule(() => require('meriyah') as typeof import('meriyah'));

const MERIYAH_OPTIONS = { loc: true, next: true, webcompat: true } as const;

type ErrorWithLoc = { loc?: { line?: number; column?: number; start?: { line: number; column: number } } };

const errorPosition = (error: unknown): { line: number; column: number } => {
  const loc = (error as ErrorWithLoc)?.loc;
  // meriyah puts { start, end } on loc; babel puts a Position { line, column } there.
  const at = loc?.start ?? (loc !== undefined && typeof loc.line === 'number' ? { line: loc.line, column: loc.column ?? 0 } : undefined);
  return at === undefined ? { line: 1, column: 1 } : { line: at.line, column: at.column + 1 };
};

const babelPlugins = (typescript: boolean, jsx: boolean): ParserPlugin[] => {
  const plugins: ParserPlugin[] = ['decorators-legacy'];
  if (typescript) plugins.push('typescript');
  if (jsx) plugins.push('jsx');
  return plugins;
};

const parseWithBabel = (text: string, typescript: boolean, jsx: boolean): ParsedSource => {
  try {
    const file = babel().parse(text, {
      sourceType: 'unambiguous',
      errorRecovery: true,
      allowReturnOutsideFunction: true,
      allowUndeclaredExports: true,
      attachComment: false,
      plugins: babelPlugins(typescript, jsx),
    });
    const first = file.errors?.[0];
    return { program: file.program as unknown as AstNode, parser: 'babel', ...(first === undefined ? {} : { error: errorPosition(first) }) };
  } catch (error) {
    return { parser: 'babel', error: errorPosition(error) };
  }
};

/**
 * Parses a file. Never throws: a file that does not parse comes back with `error` (and a partial tree when the parser
 * could recover one).
 *
 * @example
 * const { program, error } = parseSource('angular.module("a", []);', { typescript: false, jsx: false });
 */
const parseSource = (text: string, options: { typescript: boolean; jsx: boolean }): ParsedSource => {
  if (options.typescript) return parseWithBabel(text, true, options.jsx);
  // Most AngularJS files are classic scripts; ES modules fail fast at their first import or export and are retried.
  try {
    return { program: meriyah().parseScript(text, { ...MERIYAH_OPTIONS, jsx: options.jsx }) as unknown as AstNode, parser: 'meriyah' };
  } catch {
    // Not a classic script: an ES module, or a syntax error.
  }
  try {
    return { program: meriyah().parseModule(text, { ...MERIYAH_OPTIONS, jsx: options.jsx }) as unknown as AstNode, parser: 'meriyah' };
  } catch {
    // Neither: babel decides (it accepts some syntax meriyah does not) and recovers a partial tree from real errors.
  }
  return parseWithBabel(text, false, options.jsx);
};

export type { ParsedSource };
export { parseSource };
