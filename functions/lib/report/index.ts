/**
 * The analysis report: summary, full report model, stored form and renderers (Markdown, HTML, JSON). Pure domain
 * code: no Lambda events, no AWS clients.
 */
export type { BuildReportOptions } from './build';
export type { ChartOptions, ReportCharts } from './render';
export type { JsonFinding } from './render/json';
export type { SummaryOptions } from './summarize';
export type {
  ApartGroup,
  FileEncoding,
  NotAnalyzedCounts,
  NotAnalyzedSummary,
  ReportEncodings,
  AssessmentRecommendation,
  EffortByClass,
  EffortClass,
  EffortTotals,
  Finding,
  FindingDisposition,
  FindingsSummary,
  MigrationApproach,
  NotAnalyzed,
  NotAnalyzedUnit,
  ObjectGroup,
  Report,
  ReportAssessment,
  ReportFormat,
  ReportInput,
  ReportRun,
  ReportUnit,
  RuleGroup,
  RulePack,
  Severity,
  SeverityCounts,
  SeverityGroup,
  SkippedFile,
  SummaryUnit,
  UnitTotals,
} from './types';
export { buildReport } from './build';
export { EffortClasses, FindingDispositions, HOURS_PER_PERSON_DAY, MigrationApproaches, MINUTES_PER_PERSON_DAY, NOT_ANALYSED_SKIP_REASONS, REPORT_VERSION, ReportFormats, SEVERITIES } from './constants';
export { InvalidReportInputError, MalformedReportError, ReportError, UnknownReportFormatError, UnsupportedReportVersionError } from './errors';
export { CHART_TITLES, SEVERITY_COLORS, chartsSection, parseReportFormat, renderHtml, renderJson, renderMarkdown, renderReport, reportCharts } from './render';
export { notAnalyzedHeadline } from './render/text';
export { parseReport, serializeReport } from './serialize';
export { addEffort, FindingsSummarizer, summarizeFindings, unitTotals } from './summarize';
export { validateAssessment, validateFinding, validateReportInput } from './validate';
