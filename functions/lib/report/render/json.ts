/**
 * The report as JSON for tools: run facts, rule packs, the summary, the code-base assessments, and every finding as one flat record (rule,
 * variant, severity, file, line, column, message, effort class, effort and its range, disposition, with its object), one per line so large reports stay greppable
 * and diffable while remaining one valid JSON document.
 */
import type { Report } from '../types';

/** One finding in the JSON rendering: the finding with the object it belongs to. */
type JsonFinding = {
  unitId: string;
  objectType?: string;
  objectName?: string;
  path: string;
  ruleId: string;
  severity: string;
  category?: string;
  file: string;
  line: number;
  column: number;
  message: string;
  variant?: string;
  effortClass: string;
  effortMinutes: number;
  effortRange?: { low: number; high: number };
  disposition?: string;
  acknowledgedBy?: string;
};

function indent(json: string, spaces: number): string {
  return json.replace(/\n/g, `\n${' '.repeat(spaces)}`);
}

function member(name: string, value: unknown): string {
  return `  ${JSON.stringify(name)}: ${indent(JSON.stringify(value, null, 2), 2)}`;
}

function list(name: string, items: ReadonlyArray<string>): string {
  return items.length === 0 ? `  ${JSON.stringify(name)}: []` : `  ${JSON.stringify(name)}: [\n    ${items.join(',\n    ')}\n  ]`;
}

/**
 * Renders the report as JSON: `{ reportVersion, generatedAt, run, rulePacks, summary, apart, assessments, findings,
 * notAnalyzedUnits, skippedFiles, encodings }`, with `findings` listing every finding of every object (objects by effort, findings by position).
 *
 * @example
 * const { findings } = JSON.parse(renderJson(report));
 */
function renderJson(report: Report): string {
  const findings: string[] = [];
  for (const group of report.objects) {
    for (const finding of group.findings) {
      const record: JsonFinding = {
        unitId: group.unitId,
        ...(group.objectType === undefined ? {} : { objectType: group.objectType }),
        ...(group.objectName === undefined ? {} : { objectName: group.objectName }),
        path: group.path,
        ruleId: finding.ruleId,
        severity: finding.severity,
        ...(finding.category === undefined ? {} : { category: finding.category }),
        file: finding.file,
        line: finding.line,
        column: finding.column,
        message: finding.message,
        ...(finding.variant === undefined ? {} : { variant: finding.variant }),
        effortClass: finding.effortClass,
        effortMinutes: finding.effortMinutes,
        ...(finding.effortRange === undefined ? {} : { effortRange: { low: finding.effortRange.low, high: finding.effortRange.high } }),
        ...(finding.disposition === undefined ? {} : { disposition: finding.disposition }),
        ...(finding.acknowledgedBy === undefined ? {} : { acknowledgedBy: finding.acknowledgedBy }),
      };
      findings.push(JSON.stringify(record));
    }
  }
  const members = [
    member('reportVersion', report.reportVersion),
    member('generatedAt', report.generatedAt),
    member('run', report.run),
    member('rulePacks', report.rulePacks),
    member('summary', report.summary),
    member('apart', report.apart),
    member('assessments', report.assessments),
    list('findings', findings),
    list('notAnalyzedUnits', report.notAnalyzedUnits.map((unit) => JSON.stringify(unit))),
    list('skippedFiles', report.skippedFiles.map((file) => JSON.stringify(file))),
    member('encodings', report.encodings),
  ];
  return `{\n${members.join(',\n')}\n}\n`;
}

export type { JsonFinding };
export { renderJson };
