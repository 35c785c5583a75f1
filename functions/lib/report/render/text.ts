/**
 * Escaping and number formatting shared by the renderers. Customer paths, object names and messages can contain any
 * character (`<`, `&`, quotes, pipes, backticks, newlines), so every one goes through these functions.
 */
import { SEVERITY_RANK } from '../constants';
import type { NotAnalyzedSummary } from '../types';

const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Escapes text for HTML element content and for quoted attribute values.
 *
 * @example
 * escapeHtml('<a href="x">&</a>'); // '&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;'
 */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => HTML_ENTITIES[character]);
}

// Line breaks would end a table row or a heading; other control characters have no business in a report.
const LINE_BREAKS_AND_CONTROLS = /[\u0000-\u001f\u007f\u2028\u2029]+/g;

/**
 * Escapes text for Markdown inline content (table cells, headings, list items): line breaks become spaces, and every
 * character that could start emphasis, code, a link, raw HTML, an entity, strikethrough or a table cell boundary is
 * backslash-escaped (CommonMark allows a backslash before any ASCII punctuation).
 *
 * @example
 * escapeMarkdown('a|b <x> *y*'); // 'a\\|b \\<x\\> \\*y\\*'
 */
function escapeMarkdown(text: string): string {
  return text.replace(LINE_BREAKS_AND_CONTROLS, ' ').replace(/[\\`*_[\]<>|~&#!]/g, '\\$&');
}

/**
 * Text as a Markdown code span, shown literally. Uses a backtick fence longer than any backtick run inside
 * (CommonMark code spans); in a table, pipes are escaped too, because GFM splits cells before it parses code spans.
 *
 * @example
 * markdownCode('src/zcl_x.clas.abap'); // '`src/zcl_x.clas.abap`'
 */
function markdownCode(text: string, { inTable = false } = {}): string {
  let content = text.replace(LINE_BREAKS_AND_CONTROLS, ' ');
  if (content === '') return '';
  if (inTable) content = content.replace(/\|/g, '\\|');
  const longestRun = Math.max(0, ...(content.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const pad = content.startsWith('`') || content.endsWith('`') || (content.startsWith(' ') && content.endsWith(' ') && content.trim() !== '') ? ' ' : '';
  return `${fence}${pad}${content}${pad}${fence}`;
}

/**
 * An integer with thousands separators, independent of the machine's locale.
 *
 * @example
 * formatCount(1234567); // '1,234,567'
 */
function formatCount(value: number): string {
  const [whole, fraction] = String(value).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

/** Minutes or person-days with at most two decimals and thousands separators. */
function formatAmount(value: number): string {
  return formatCount(Math.round(value * 100) / 100);
}

/**
 * A count with its noun, singular for one.
 *
 * @example
 * counted(1, 'finding'); // '1 finding'
 * counted(1200, 'finding'); // '1,200 findings'
 */
function counted(value: number, noun: string): string {
  return `${formatCount(value)} ${value === 1 ? noun : `${noun}s`}`;
}

/**
 * A migration approach's display name.
 *
 * @example
 * approachLabel('hybrid-upgrade'); // 'Hybrid upgrade'
 */
function approachLabel(approach: string): string {
  return sentence(approach.replace(/-/g, ' '));
}

/**
 * What a report says for a rule pack that does not apply to the code base.
 *
 * @example
 * notApplicableText('no AngularJS found: …', 3);
 * // 'No AngularJS found: …; no recommendation. 3 findings of the file scan on these files are withdrawn.'
 */
function notApplicableText(notApplicable: string, withdrawn = 0): string {
  return (
    `${sentence(notApplicable)}; no recommendation.` +
    (withdrawn === 0 ? '' : ` ${counted(withdrawn, 'finding')} of the file scan on these files ${withdrawn === 1 ? 'is' : 'are'} withdrawn.`)
  );
}

/**
 * What a report says of file-scan findings a rule pack withdrew from files it does not assess.
 *
 * @example
 * withdrawnText(4); // '4 findings of the file scan on files this rule pack does not assess (end-to-end tests, tooling, …) are withdrawn.'
 */
function withdrawnText(withdrawn: number): string {
  return `${counted(withdrawn, 'finding')} of the file scan on files this rule pack does not assess (end-to-end tests, tooling, …) ${withdrawn === 1 ? 'is' : 'are'} withdrawn.`;
}

/**
 * Plain words as the start of a sentence: the first letter in upper case.
 *
 * @example
 * sentence('no AngularJS found: …'); // 'No AngularJS found: …'
 */
function sentence(words: string): string {
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * A rule pack's code-base findings per rule, most first, then by rule id.
 *
 * @example
 * rulesByCount({ b: 1, a: 3 }); // [['a', 3], ['b', 1]]
 */
function rulesByCount(byRule: Readonly<Record<string, number>>): Array<[string, number]> {
  return Object.entries(byRule).sort(([idA, a], [idB, b]) => b - a || (idA < idB ? -1 : idA > idB ? 1 : 0));
}

/**
 * An effort class's display name.
 *
 * @example
 * effortClassLabel('cleanup'); // 'clean-up'
 */
function effortClassLabel(effortClass: string): string {
  return effortClass === 'cleanup' ? 'clean-up' : effortClass;
}

/**
 * How a finding is charged, for its row: the class, or why it is reported apart (with the acknowledging marker).
 *
 * @example
 * chargeLabel({ effortClass: 'cleanup', disposition: 'acknowledged', acknowledgedBy: '##REGEX_POSIX' }); // 'acknowledged (##REGEX_POSIX), no effort'
 */
function chargeLabel(finding: { effortClass: string; disposition?: string; acknowledgedBy?: string }): string {
  if (finding.disposition === 'acknowledged') return `acknowledged${finding.acknowledgedBy === undefined ? '' : ` (${finding.acknowledgedBy})`}, no effort`;
  if (finding.disposition === 'generated') return 'generated code, no effort';
  return effortClassLabel(finding.effortClass);
}

/**
 * Low–high minutes of a finding, or an empty string without a range.
 *
 * @example
 * rangeLabel({ low: 10, high: 60 }); // '10–60'
 */
function rangeLabel(range: { low: number; high: number } | undefined): string {
  return range === undefined ? '' : `${formatAmount(range.low)}–${formatAmount(range.high)}`;
}

/**
 * An effort total in words: person-days, minutes and the low–high range.
 *
 * @example
 * effortPhrase(12.5, { low: 3000, likely: 6000, high: 14000 }); // '12.5 person-days (6,000 minutes; low 3,000, high 14,000)'
 */
function effortPhrase(personDays: number, range: { low: number; likely: number; high: number }): string {
  return `${formatAmount(personDays)} person-days (${formatAmount(range.likely)} minutes; low ${formatAmount(range.low)}, high ${formatAmount(range.high)})`;
}

/** A severity's display name. */
function severityLabel(severity: keyof typeof SEVERITY_RANK): string {
  return severity.charAt(0).toUpperCase() + severity.slice(1);
}

/**
 * The not-analysed headline in plain words: `none`, or files and lines with the units among them and each reason.
 * The same words in every format and on the console.
 *
 * @example
 * notAnalyzedHeadline(summary.notAnalyzed); // '3 files, 1,204 lines (2 units): too-large 1 unit, 1 file, 1,100 lines; invalid-encoding 1 file, 104 lines'
 */
function notAnalyzedHeadline(notAnalyzed: NotAnalyzedSummary): string {
  if (notAnalyzed.files === 0 && notAnalyzed.units === 0) return 'none';
  const units = notAnalyzed.units > 0 ? ` (${counted(notAnalyzed.units, 'unit')})` : '';
  const reasons = Object.entries(notAnalyzed.byReason)
    .map(([reason, counts]) => `${reason} ${[counts.units > 0 ? counted(counts.units, 'unit') : '', counted(counts.files, 'file'), counted(counts.lines, 'line')].filter(Boolean).join(', ')}`)
    .join('; ');
  return `${counted(notAnalyzed.files, 'file')}, ${counted(notAnalyzed.lines, 'line')}${units}: ${reasons}`;
}

/** `cp949 (detected, 98 %)`, `windows-1252 (assumed)`, or just `utf-8`. */
function encodingLabel(file: { encoding: string; confidence?: number }, unicode: boolean): string {
  if (unicode) return file.encoding;
  return file.confidence === undefined ? `${file.encoding} (assumed)` : `${file.encoding} (detected, ${file.confidence} %)`;
}

/** Encodings that need no detection: UTF-8 and the Unicode encodings a BOM names. */
function isUnicode(encoding: string): boolean {
  return encoding.startsWith('utf-');
}

export {
  approachLabel,
  chargeLabel,
  counted,
  effortClassLabel,
  effortPhrase,
  encodingLabel,
  escapeHtml,
  escapeMarkdown,
  formatAmount,
  formatCount,
  isUnicode,
  markdownCode,
  notAnalyzedHeadline,
  notApplicableText,
  rangeLabel,
  rulesByCount,
  sentence,
  severityLabel,
  withdrawnText,
};
