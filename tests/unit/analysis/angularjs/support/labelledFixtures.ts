/**
 * Labelled fixtures of the AngularJS pack: reads the `expect:` / `expect-codebase:` markers of every fixture file and
 * compares them with what the analyzers and the code-base phase report.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

import type { Language, Unit } from 'analysis-engine';

/** A finding reduced to what the labels say: file, line and `rule` or `rule/variant`. */
type Label = { file: string; line: number; rule: string };

/** A fixture file with its labels. */
type LabelledFile = { path: string; language: Language; text: string; expected: Label[]; expectedCodebase: Label[] };

/** A marker segment: `expect:` or `expect-codebase:` followed by rule ids, up to the next segment or the comment end. */
const SEGMENT = /(expect-codebase|expect):\s*([\w/\s-]*?)\s*(?=expect-codebase:|expect:|-->|$)/g;

const LANGUAGE_BY_EXTENSION: Record<string, Language> = { js: 'javascript', mjs: 'javascript', ts: 'typescript', html: 'html' };

/** Every fixture file under `root`, with its labels; paths are relative to `root`. */
const readLabelledFiles = (root: string): LabelledFile[] => {
  const walk = (dir: string): string[] =>
    readdirSync(dir)
      .sort()
      .flatMap((name) => (statSync(join(dir, name)).isDirectory() ? walk(join(dir, name)) : [join(dir, name)]));
  return walk(root).flatMap((absolute) => {
    const language = LANGUAGE_BY_EXTENSION[absolute.split('.').pop() ?? ''];
    if (language === undefined) return [];
    const path = relative(root, absolute);
    const text = readFileSync(absolute, 'utf8');
    const expected: Label[] = [];
    const expectedCodebase: Label[] = [];
    text.split('\n').forEach((line, index) => {
      const comment = /(?:\/\/|<!--)\s*expect/.exec(line);
      if (comment === null) return;
      for (const match of line.slice(comment.index).matchAll(SEGMENT)) {
        const into = match[1] === 'expect' ? expected : expectedCodebase;
        for (const rule of match[2].split(/\s+/).filter(Boolean)) into.push({ file: path, line: index + 1, rule });
      }
    });
    return [{ path, language, text, expected, expectedCodebase }];
  });
};

/** The unit of one fixture file, as the splitter would make it. */
const unitOf = (file: LabelledFile, prefix = ''): Unit => ({
  unitId: `${prefix}${file.path}`,
  language: file.language,
  path: `${prefix}${file.path}`,
  files: [{ path: `${prefix}${file.path}`, text: file.text }],
  loc: file.text.split('\n').filter((line) => line.trim() !== '').length,
});

const keyOf = (label: Label): string => `${label.file}:${label.line}:${label.rule}`;

/** Per-rule true positives, false positives and false negatives (labels are matched as a multiset). */
type Tally = Map<string, { tp: number; fp: number; fn: number }>;

/**
 * Compares expected and reported labels.
 *
 * @example
 * const { tally, falsePositives, misses } = compareLabels(expected, reported);
 */
const compareLabels = (expected: readonly Label[], reported: readonly Label[]) => {
  const tally: Tally = new Map();
  const bump = (rule: string, field: 'tp' | 'fp' | 'fn') => {
    const ruleId = rule.split('/')[0];
    const entry = tally.get(ruleId) ?? { tp: 0, fp: 0, fn: 0 };
    entry[field] += 1;
    tally.set(ruleId, entry);
  };
  const remaining = new Map<string, number>();
  for (const label of expected) remaining.set(keyOf(label), (remaining.get(keyOf(label)) ?? 0) + 1);
  const falsePositives: string[] = [];
  for (const label of reported) {
    const left = remaining.get(keyOf(label)) ?? 0;
    if (left > 0) {
      remaining.set(keyOf(label), left - 1);
      bump(label.rule, 'tp');
    } else {
      falsePositives.push(keyOf(label));
      bump(label.rule, 'fp');
    }
  }
  const misses: string[] = [];
  for (const [key, left] of remaining) {
    for (let i = 0; i < left; i += 1) {
      misses.push(key);
      bump(key.split(':').pop() ?? '', 'fn');
    }
  }
  return { tally, falsePositives, misses };
};

/** Precision and recall of a tally (1 when there is nothing to get wrong). */
const scores = (tally: Tally): { precision: number; recall: number; tp: number; fp: number; fn: number } => {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const entry of tally.values()) {
    tp += entry.tp;
    fp += entry.fp;
    fn += entry.fn;
  }
  return { precision: tp + fp === 0 ? 1 : tp / (tp + fp), recall: tp + fn === 0 ? 1 : tp / (tp + fn), tp, fp, fn };
};

export type { Label, LabelledFile, Tally };
export { compareLabels, readLabelledFiles, scores, unitOf };
