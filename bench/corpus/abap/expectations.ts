/**
 * Expected findings written into labelled sources as comment markers, for the accuracy tests of the ABAP rule pack.
 *
 * A marker sits at the end of the line where the finding is reported:
 *
 * - ABAP: `" expect: s4_simplified_table/write, call_transaction_authority_check` — one or more `rule[/variant]`;
 *   a rule without `/variant` expects a finding without a variant.
 * - CDS: `// expect: s4_simplified_table/read-not-filled`.
 * - `" not: rule (why)` (or `// not: …`) documents a case that must NOT be reported. Every finding that no `expect`
 *   marker announces is a false positive anyway; `not` markers make the negative cases visible and countable.
 *
 * The marker is found as the last `"` (ABAP) or `//` (CDS) comment of the line that starts with `expect:` or `not:`.
 */

/** A finding as the accuracy scoring compares it: where, which rule, which variant. */
type FindingKey = { ruleId: string; variant?: string; file: string; line: number };

/** A documented must-not-report case. */
type NegativeCase = { ruleId: string; file: string; line: number; reason: string };

/** What the markers of one file say. */
type FileExpectations = { expected: FindingKey[]; negatives: NegativeCase[] };

/** A marker that cannot be read: names the file, line and what is wrong. */
class MarkerSyntaxError extends Error {
  public readonly file: string;
  public readonly line: number;

  public constructor(file: string, line: number, problem: string) {
    super(`${file}:${line}: ${problem}`);
    this.name = 'MarkerSyntaxError';
    this.file = file;
    this.line = line;
  }
}

const RULE_REFERENCE = /^([a-z][a-z0-9_]*)(?:\/([a-z0-9]+(?:-[a-z0-9]+)*))?$/;
const ABAP_MARKER = /"\s*(expect|not):(.*)$/;
const CDS_MARKER = /\/\/\s*(expect|not):(.*)$/;

const isCds = (path: string): boolean => /\.(asddls|acds|asdcls|asddlxs)$/i.test(path);

/**
 * Reads the markers of one source file.
 *
 * @throws MarkerSyntaxError for a marker that names no rule or a malformed `rule/variant`.
 * @example
 * parseExpectations('s4/zr.prog.abap', "SELECT * FROM vbuk INTO TABLE lt. \" expect: s4_simplified_table/read-not-filled");
 * // { expected: [{ ruleId: 's4_simplified_table', variant: 'read-not-filled', file: 's4/zr.prog.abap', line: 1 }], negatives: [] }
 */
const parseExpectations = (file: string, text: string): FileExpectations => {
  const expected: FindingKey[] = [];
  const negatives: NegativeCase[] = [];
  const marker = isCds(file) ? CDS_MARKER : ABAP_MARKER;
  text.split('\n').forEach((content, index) => {
    const line = index + 1;
    const match = marker.exec(content);
    if (match === null) return;
    const [, kind, rest] = match;
    if (kind === 'not') {
      const negative = /^\s*([a-z][a-z0-9_]*)\s*(?:\((.*)\))?\s*$/.exec(rest);
      if (negative === null) throw new MarkerSyntaxError(file, line, `"not:" must name one rule id and an optional (reason), got ${JSON.stringify(rest.trim())}`);
      negatives.push({ ruleId: negative[1], file, line, reason: negative[2] ?? '' });
      return;
    }
    const references = rest.split(',').map((part) => part.trim());
    if (references.length === 0 || references.some((reference) => reference === '')) {
      throw new MarkerSyntaxError(file, line, '"expect:" must list rule ids separated by commas');
    }
    for (const reference of references) {
      const parsed = RULE_REFERENCE.exec(reference);
      if (parsed === null) throw new MarkerSyntaxError(file, line, `${JSON.stringify(reference)} is not rule_id or rule_id/variant`);
      expected.push({ ruleId: parsed[1], ...(parsed[2] === undefined ? {} : { variant: parsed[2] }), file, line });
    }
  });
  return { expected, negatives };
};

export type { FileExpectations, FindingKey, NegativeCase };
export { MarkerSyntaxError, parseExpectations };
