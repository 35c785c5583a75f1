/**
 * Renders a report in the format the report CLI's `--format` names.
 */
import { ReportFormats } from '../constants';
import { UnknownReportFormatError } from '../errors';
import type { Report, ReportFormat } from '../types';
import { renderHtml } from './html';
import { renderJson } from './json';
import { renderMarkdown } from './markdown';

const RENDERERS: Record<ReportFormat, (report: Report) => string> = {
  [ReportFormats.MARKDOWN]: renderMarkdown,
  [ReportFormats.HTML]: renderHtml,
  [ReportFormats.JSON]: renderJson,
};

/**
 * Checks a `--format` value. Throws {@link UnknownReportFormatError} listing the known formats.
 *
 * @example
 * const format = parseReportFormat(args.format ?? 'md');
 */
function parseReportFormat(value: string): ReportFormat {
  const formats = Object.values(ReportFormats) as string[];
  if (!formats.includes(value)) throw new UnknownReportFormatError(value, formats);
  return value as ReportFormat;
}

/**
 * Renders the report as Markdown (`md`), a self-contained HTML page (`html`) or JSON (`json`).
 *
 * @example
 * process.stdout.write(renderReport(report, parseReportFormat('html')));
 */
function renderReport(report: Report, format: ReportFormat): string {
  return RENDERERS[parseReportFormat(format)](report);
}

export { parseReportFormat, renderReport };
export { CHART_TITLES, SEVERITY_COLORS, chartsSection, reportCharts } from './charts';
export type { ChartOptions, ReportCharts } from './charts';
export { renderHtml } from './html';
export { renderJson } from './json';
export { renderMarkdown } from './markdown';
