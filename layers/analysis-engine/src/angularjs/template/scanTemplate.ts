/**
 * Scans an AngularJS template (an HTML file, an inline `template:` string or a `text/ng-template` script) with
 * htmlparser2: rule hits for ng-controller, ng-include, ng-bind-html and filters in expressions, and the template's
 * facts (directive candidates, filters, controllers). Comments and plain text are never looked at except for
 * `{{ }}` interpolations.
 */
import type { Parser } from 'htmlparser2';

import { lazyModule } from '../../lazyModule';

import { MAX_NAMES, emptyTemplateFacts } from '../facts';
import { FileRoles } from '../fileRole';
import type { TemplateFacts } from '../facts';
import { addName, bump } from '../hits';
import type { RuleHit } from '../hits';
import { createLineIndex } from '../lineIndex';
import { filtersIn, interpolationsIn } from './expressions';
import { normalizeDirectiveName } from './normalize';

/**
 * Where the template text sits in its file, when it is embedded in a script: the position of its first character, or
 * a function that maps each offset (a template concatenated from several string literals on several lines).
 */
type TemplateOrigin = { line: number; column: number } | ((offset: number) => { line: number; column: number });

/** What {@link scanTemplate} returns. */
type TemplateScan = { hits: RuleHit[]; facts: TemplateFacts };

// Loaded on the first template: an environment that analyses only ABAP or scripts never loads it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const htmlparser2 = lazyModule(() => require('htmlparser2') as typeof import('htmlparser2'));

/** Filters that have an Angular pipe of the same purpose. */
const BUILTIN_PIPE_FILTERS = new Set(['currency', 'date', 'json', 'lowercase', 'uppercase', 'number', 'limitTo']);
/** Filters Angular deliberately has no pipe for. */
const NO_PIPE_FILTERS = new Set(['filter', 'orderBy']);

/** ng-* attributes whose value is not an AngularJS expression that can hold filters. */
const NON_EXPRESSION_ATTRIBUTES = new Set([
  'ngApp',
  'ngController',
  'ngCsp',
  'ngJq',
  'ngList',
  'ngModel',
  'ngModelOptions',
  'ngNonBindable',
  'ngPattern',
  'ngStrictDi',
  'ngTrim',
  'ngView',
]);

/** Plain HTML attributes: never directive names worth listing. */
const HTML_ATTRIBUTES = new Set(
  (
    'accept action alt autocomplete autofocus charset checked class colspan cols content dir disabled download for form ' +
    'height hidden href id label lang max maxlength method min minlength multiple name novalidate pattern placeholder ' +
    'readonly rel required role rows rowspan selected size span src step style tabindex target title type value width'
  ).split(' '),
);

const isCustomElement = (name: string): boolean => name.includes('-') && !name.startsWith('ng-');

const filterVariant = (name: string): string | undefined =>
  BUILTIN_PIPE_FILTERS.has(name) ? 'builtin' : NO_PIPE_FILTERS.has(name) ? 'no-pipe' : undefined;

/** Offset and length of an attribute's raw value, from the raw attribute text starting at its name. */
const rawValueRange = (source: string, nameStart: number, limit: number): { start: number; end: number } | undefined => {
  let index = nameStart;
  while (index < limit && !/[\s=/>]/.test(source[index])) index += 1;
  while (index < limit && /\s/.test(source[index])) index += 1;
  if (source[index] !== '=') return undefined;
  index += 1;
  while (index < limit && /\s/.test(source[index])) index += 1;
  const quote = source[index];
  if (quote === '"' || quote === "'") {
    const close = source.indexOf(quote, index + 1);
    return { start: index + 1, end: close === -1 ? limit : close };
  }
  let end = index;
  while (end < limit && !/[\s>]/.test(source[end])) end += 1;
  return { start: index, end };
};

/**
 * Scans one template.
 *
 * @example
 * const { hits, facts } = scanTemplate('<div ng-controller="Main as vm">{{ vm.total | currency }}</div>');
 * hits.map((hit) => hit.ruleId); // ['tpl_ng_controller', 'tpl_filter']
 */
const scanTemplate = (text: string, origin?: TemplateOrigin): TemplateScan => {
  const hits: RuleHit[] = [];
  const facts: TemplateFacts = emptyTemplateFacts(FileRoles.APP);
  const seen = { directives: new Set<string>(), filters: new Set<string>(), controllers: new Set<string>() };
  const lineOf = createLineIndex(text);

  const at = (offset: number): { line: number; column: number } => {
    if (typeof origin === 'function') return origin(offset);
    const position = lineOf(offset);
    if (origin === undefined) return position;
    return { line: origin.line + position.line - 1, column: position.line === 1 ? origin.column + position.column - 1 : position.column };
  };
  const hit = (ruleId: string, offset: number, variant?: string): void => {
    hits.push({ ruleId, ...(variant === undefined ? {} : { variant }), ...at(offset) });
    bump(facts.counts, ruleId);
    if (variant !== undefined) bump(facts.counts, `${ruleId}/${variant}`);
  };
  const scanFilters = (start: number, end: number): void => {
    for (const use of filtersIn(text, start, end)) {
      hit('tpl_filter', use.offset, filterVariant(use.name));
      addName(facts.filters, seen.filters, use.name, MAX_NAMES);
    }
  };
  const scanInterpolations = (start: number, end: number): boolean => {
    const found = interpolationsIn(text, start, end);
    for (const interpolation of found) {
      bump(facts.counts, 'interpolations');
      scanFilters(interpolation.start, interpolation.end);
    }
    return found.length > 0;
  };

  const scanRange = (start: number, end: number): void => {
    const source = text.slice(start, end);
    let textStart = -1;
    let textEnd = -1;
    let inNgTemplate = false;
    let inRawText = false;
    const flushText = (): void => {
      if (textStart >= 0 && !inRawText) scanInterpolations(start + textStart, start + textEnd + 1);
      textStart = -1;
    };
    const parser: Parser = new (htmlparser2().Parser)(
      {
        onattribute(name, value) {
          flushText();
          const nameStart = parser.startIndex;
          const normalized = normalizeDirectiveName(name);
          const offset = start + nameStart;
          if (normalized === 'ngController') {
            hit('tpl_ng_controller', offset);
            const controller = /^\s*([A-Za-z_$][\w$.]*)/.exec(value)?.[1];
            if (controller !== undefined) addName(facts.controllers, seen.controllers, controller, MAX_NAMES);
          } else if (normalized === 'ngInclude') {
            hit('tpl_ng_include', offset);
          } else if (normalized === 'ngBindHtml') {
            hit('tpl_ng_bind_html', offset);
          }
          if (/^ng[A-Z]/.test(normalized)) bump(facts.counts, 'ngAttributes');
          else if (!HTML_ATTRIBUTES.has(normalized) && !normalized.startsWith('aria') && !/^on[a-z]/.test(normalized)) {
            addName(facts.directives, seen.directives, normalized, MAX_NAMES);
          }
          if (value === '') return;
          const range = rawValueRange(source, nameStart, source.length);
          if (range === undefined) return;
          if (scanInterpolations(start + range.start, start + range.end)) return;
          if (/^ng[A-Z]/.test(normalized) && !NON_EXPRESSION_ATTRIBUTES.has(normalized)) scanFilters(start + range.start, start + range.end);
        },
        onopentag(name, attributes) {
          flushText();
          if (name === 'ng-include') hit('tpl_ng_include', start + parser.startIndex);
          else if (isCustomElement(name)) addName(facts.directives, seen.directives, normalizeDirectiveName(name), MAX_NAMES);
          if (name === 'script') {
            inRawText = true;
            inNgTemplate = (attributes.type ?? '').toLowerCase() === 'text/ng-template';
          } else if (name === 'style') {
            inRawText = true;
          }
        },
        ontext() {
          if (textStart < 0) textStart = parser.startIndex;
          textEnd = parser.endIndex;
          if (inNgTemplate) {
            // The script's raw text is a template of its own (ng-template): scan it as one.
            const innerStart = parser.startIndex;
            const innerEnd = parser.endIndex + 1;
            textStart = -1;
            scanRange(start + innerStart, start + innerEnd);
          }
        },
        onclosetag() {
          flushText();
          inRawText = false;
          inNgTemplate = false;
        },
        oncomment() {
          // Text before the comment is text; the comment's own content is never scanned.
          flushText();
        },
      },
      { recognizeSelfClosing: true, decodeEntities: true },
    );
    parser.end(source);
    flushText();
  };

  scanRange(0, text.length);
  hits.sort((a, b) => a.line - b.line || a.column - b.column);
  return { hits, facts };
};

export type { TemplateOrigin, TemplateScan };
export { scanTemplate };
