/**
 * The report model: what the builder takes (run, units with their findings, skipped files) and the versioned report
 * it produces. Input types are structural twins of the analysis engine's `Finding`, `RulePackInfo` and `UnitAnalysis`,
 * so the report does not depend on the engine layer.
 */
import type { EffortClasses, FindingDispositions, MigrationApproaches, REPORT_VERSION, ReportFormats, SEVERITIES } from './constants';

/** How bad a finding is, most severe first: blocker, critical, major, minor, info. */
type Severity = (typeof SEVERITIES)[number];

/** A count per severity; every severity is present (0 when none). */
type SeverityCounts = Record<Severity, number>;

/** Whether a finding's work is required for the conversion or recommended clean-up (the engine's `EffortClass`). */
type EffortClass = (typeof EffortClasses)[keyof typeof EffortClasses];

/** Why a finding is reported apart with no effort (the engine's `FindingDisposition`). */
type FindingDisposition = (typeof FindingDispositions)[keyof typeof FindingDispositions];

/** Low, likely and high effort, whole minutes: the sums of the findings' ranges and of their `effortMinutes`. */
type EffortTotals = { low: number; likely: number; high: number };

/** Effort per class. */
type EffortByClass = Record<EffortClass, EffortTotals>;

/** One finding of one rule at one place, as the analysis engine reports it. Messages carry no source code. */
type Finding = {
  ruleId: string;
  severity: Severity;
  message: string;
  /** Path of the file inside the customer's archive. */
  file: string;
  /** 1-based line. */
  line: number;
  /** 1-based column. */
  column: number;
  /** Estimated remediation effort of this finding, whole minutes (0 when reported apart or charged with another finding of its statement). */
  effortMinutes: number;
  /** Whether the work is required for the conversion or recommended clean-up. */
  effortClass: EffortClass;
  category?: string;
  /** The rule's variant, when it has several (`write`, `occurs`, …). */
  variant?: string;
  /** Low and high effort of this finding, minutes; `effortMinutes` lies within. */
  effortRange?: { low: number; high: number };
  /** Present when the finding is reported apart with no effort: acknowledged in the code, or in generated code. */
  disposition?: FindingDisposition;
  /** The pragma or pseudo comment that acknowledges the finding (`##REGEX_POSIX`), for an acknowledged one. */
  acknowledgedBy?: string;
};

/** A rule pack that analysed the run, with the version that identifies its rules, configuration and effort table. */
type RulePack = { id: string; version: string; language?: string };

/** Why a unit was not analysed (no analyzer for its language, no readable source). */
type NotAnalyzed = { code: string; message: string };

/** The run a report is about. */
type ReportRun = {
  customerId: string;
  runId: string;
  rulePacks: RulePack[];
  /** ISO 8601 timestamps. */
  startedAt: string;
  finishedAt: string;
  /** Name of the uploaded source archive (its file name or S3 key). */
  sourceArchive: string;
};

/** One analysed unit (one source object) with its findings. */
type ReportUnit = {
  unitId: string;
  /** Path of the object (its main file or folder) inside the archive. */
  path: string;
  language: string;
  /** abapGit object type (`CLAS`, `PROG`, …); absent for web files. */
  objectType?: string;
  /** Object name (`ZCL_BILLING`); absent for web files. */
  objectName?: string;
  loc: number;
  findings: Finding[];
  /** Findings the analyzer left out because of its cap (the least severe go first). @default 0 */
  omittedFindings?: number;
  /**
   * Effort of all findings including omitted ones, as the analyzer reports it. @default the sum over `findings`
   * (must not be below it).
   */
  effortMinutes?: number;
  /**
   * Effort per class of all findings including omitted ones, as the analyzer reports it. @default the sums over
   * `findings` (must not be below them).
   */
  effortByClass?: EffortByClass;
  /** Present when the unit was not analysed; then it has no findings. */
  notAnalyzed?: NotAnalyzed;
  /** Archive paths of the unit's files. @default one file, the unit's path */
  files?: string[];
};

/** A file of the archive that was not turned into a unit, and why (binary, undecodable, vendored, …). */
type SkippedFile = {
  path: string;
  reason: string;
  /** What exactly was seen (`NUL byte at offset 12`); never source text. */
  detail?: string;
  /** Non-blank lines, when the file was read as text. */
  lines?: number;
  /** For a skipped directory: how many files it held. */
  entries?: number;
};

/** How one file was decoded: `utf-8`, a Unicode encoding named by its BOM, or a legacy code page. */
type FileEncoding = {
  path: string;
  encoding: string;
  /** For a detected code page, the detector's confidence (0–100); absent when certain (Unicode) or assumed. */
  confidence?: number;
};

/** Units, files and lines of one part of what was not analysed. */
type NotAnalyzedCounts = { units: number; files: number; lines: number };

/**
 * What the run did not analyse: units that were not (by their reason: `analyzer-error`, `time-budget`,
 * `memory-budget`, `too-large`, …) and source files the splitter could not read (`invalid-encoding`, `binary`,
 * `too-large`, …). Files left out on purpose (vendored, unsupported types, metadata) are not counted here; the
 * skipped-files list names them. This is the headline next to findings and effort.
 */
type NotAnalyzedSummary = NotAnalyzedCounts & { byReason: Record<string, NotAnalyzedCounts> };

/** A migration approach a code-base assessment can recommend: `hybrid-upgrade` or `rewrite`. */
type MigrationApproach = (typeof MigrationApproaches)[keyof typeof MigrationApproaches];

/** The overall recommendation of a rule pack's code-base phase: the approach, the score compared with the threshold and why. */
type AssessmentRecommendation = {
  approach: MigrationApproach;
  /** What is compared with the threshold (for the AngularJS pack: lines of code). */
  score: number;
  /** At or below this score the recommendation is `rewrite`. */
  threshold: number;
  /** Each factor that moved the threshold, and the comparison, in plain words (no customer identifiers, no code). */
  reasons: string[];
};

/**
 * The code-base assessment of one rule pack (what can only be judged across files). Its findings are not listed here:
 * each one is placed in a unit and listed, counted and summed with that unit's findings; this records how many.
 */
type ReportAssessment = {
  rulePack: RulePack;
  /** Absent when the pack's code-base phase gives no recommendation. */
  recommendation?: AssessmentRecommendation;
  /** Set when the code base has nothing the pack assesses ("no AngularJS found: …"), in plain words; then there is no recommendation. */
  notApplicable?: string;
  /** How many findings of the file scan on files the pack does not assess were withdrawn (they are in no total). */
  withdrawnFindings?: number;
  /** Counts over the code base (lines, files, modules, controllers, …), in the order the pack gives them. */
  metrics: Record<string, number>;
  /** Cross-file findings of this assessment, placed in units. */
  findings: number;
  /** Those findings per rule id. */
  findingsByRule: Record<string, number>;
};

/** Everything the report is built from. */
type ReportInput = {
  run: ReportRun;
  /** Units with their findings, the code-base findings already merged into the units they are placed in. */
  units: ReportUnit[];
  skippedFiles: SkippedFile[];
  /**
   * The encoding of every file read into a unit.
   * @default []
   */
  encodings?: FileEncoding[];
  /**
   * Code-base assessments, one per rule pack with a code-base phase.
   * @default []
   */
  assessments?: ReportAssessment[];
};

/** The minimum of a unit the summary needs. */
type SummaryUnit = Pick<ReportUnit, 'unitId' | 'loc' | 'findings'> &
  Partial<Pick<ReportUnit, 'omittedFindings' | 'effortMinutes' | 'effortByClass' | 'notAnalyzed' | 'files'>>;

/** Totals of one unit: what a per-unit DynamoDB row holds (no source text, no messages). */
type UnitTotals = {
  /** Findings that carry effort, including omitted ones; those reported apart are not among them. */
  findings: number;
  omittedFindings: number;
  /** Findings acknowledged in the code (pragma, pseudo comment): listed, no effort. */
  acknowledgedFindings: number;
  /** Findings in generated code: listed, no effort. */
  generatedFindings: number;
  /** Listed findings that carry effort, per severity. */
  bySeverity: SeverityCounts;
  /** Effort required for the conversion, whole minutes, omitted findings included. */
  requiredEffortMinutes: number;
  /** Recommended clean-up effort, whole minutes, omitted findings included. */
  cleanupEffortMinutes: number;
  /** Both, with low and high. */
  effortByClass: EffortByClass;
  /** The most severe listed finding that carries effort, `null` when there is none. */
  highestSeverity: Severity | null;
};

/**
 * The summary of a run: counts, effort and rule ids only (no paths, names, messages or code), because it is written to
 * DynamoDB and published in the `Analysis Report Published` event.
 */
type FindingsSummary = {
  /** All findings, including those the analyzer omitted. */
  findings: number;
  /** Findings the analyzer left out because of its cap; they count in `findings` and `effort`, not in the breakdowns. */
  omittedFindings: number;
  /** Listed findings per severity. */
  bySeverity: SeverityCounts;
  /** Findings acknowledged in the code by a pragma or pseudo comment: reported apart, no effort. */
  acknowledgedFindings: number;
  /** Findings in generated code (SE54 table maintenance, Gateway base classes): reported apart, no effort. */
  generatedFindings: number;
  /**
   * Listed findings that carry effort, per rule id, most effort first: their count, effort (whole minutes) and the
   * effort class of their work (`mixed` when the rule's variants differ, as reads and writes of a table do).
   */
  byRule: Record<string, { count: number; effortMinutes: number; effortClass: EffortClass | 'mixed' }>;
  /** The headline: effort required for the conversion, whole minutes (the likely value), omitted findings included. */
  requiredEffortMinutes: number;
  /** Recommended clean-up effort beside it, whole minutes: shown next to the headline, never added to it. */
  cleanupEffortMinutes: number;
  /** The required effort as low, likely (= `requiredEffortMinutes`) and high. */
  requiredEffortRange: EffortTotals;
  /** The clean-up effort as low, likely (= `cleanupEffortMinutes`) and high. */
  cleanupEffortRange: EffortTotals;
  /** Both efforts in person-days of `hoursPerPersonDay` hours, two decimals. */
  personDays: Record<EffortClass, number>;
  hoursPerPersonDay: number;
  units: number;
  unitsNotAnalyzed: number;
  linesOfCode: number;
  /**
   * Units with at least one finding that carries effort at or above each severity: `major` counts the units with a
   * blocker, critical or major finding; `info` the units with any finding.
   */
  impactedUnits: SeverityCounts;
  skippedFiles: number;
  /** What was not analysed, by reason: the headline beside findings and effort. */
  notAnalyzed: NotAnalyzedSummary;
  /** The units with the most required effort, most first (ties: more clean-up effort, more findings, unit id). */
  topObjects: Array<{ unitId: string; findings: number; requiredEffortMinutes: number; cleanupEffortMinutes: number; highestSeverity: Severity | null }>;
};

/** A unit's findings in the report, with its totals. */
type ObjectGroup = {
  unitId: string;
  path: string;
  language: string;
  objectType?: string;
  objectName?: string;
  loc: number;
  /** Findings that carry effort, including omitted ones. */
  findingCount: number;
  omittedFindings: number;
  /** Findings reported apart: acknowledged in the code, or in generated code. */
  acknowledgedFindings: number;
  generatedFindings: number;
  requiredEffortMinutes: number;
  cleanupEffortMinutes: number;
  bySeverity: SeverityCounts;
  highestSeverity: Severity | null;
  /** Listed findings in file, line, column order, those reported apart included (they carry `disposition`). */
  findings: Finding[];
};

/** One rule's findings that carry effort, across the run. */
type RuleGroup = {
  ruleId: string;
  /** The most severe severity the rule reported in this run. */
  severity: Severity;
  category?: string;
  /** The effort class of the rule's findings, `mixed` when its variants differ. */
  effortClass: EffortClass | 'mixed';
  count: number;
  /** Effort of these findings, whole minutes (of the class above). */
  effortMinutes: number;
  /** Distinct units the rule fired in. */
  units: number;
};

/** One severity's findings that carry effort, across the run. */
type SeverityGroup = { severity: Severity; count: number; requiredEffortMinutes: number; cleanupEffortMinutes: number; units: number };

/** Findings reported apart with no effort, per rule and why. */
type ApartGroup = { ruleId: string; disposition: FindingDisposition; count: number; units: number };

/** A unit that was not analysed, and why. */
type NotAnalyzedUnit = Pick<ReportUnit, 'unitId' | 'path' | 'language' | 'objectType' | 'objectName' | 'loc'> & { reason: NotAnalyzed };

/** The encodings of the files read, in the report: files per encoding, and every file with its own. */
type ReportEncodings = {
  /** Files per encoding, most first. */
  byEncoding: Array<{ encoding: string; files: number }>;
  /** Every file read into a unit, by path. */
  files: FileEncoding[];
};

/** The full report: what is encrypted with the customer's key and stored as `reports/{customerId}/{runId}.report.enc`. */
type Report = {
  reportVersion: typeof REPORT_VERSION;
  /** ISO 8601. */
  generatedAt: string;
  run: Omit<ReportRun, 'rulePacks'>;
  rulePacks: RulePack[];
  summary: FindingsSummary;
  /** All five severities, most severe first. */
  bySeverity: SeverityGroup[];
  /** Rules by effort, most first. */
  byRule: RuleGroup[];
  /** Findings reported apart (acknowledged in the code, in generated code), by rule: most first. */
  apart: ApartGroup[];
  /** Units with at least one finding, by effort, most first. */
  objects: ObjectGroup[];
  notAnalyzedUnits: NotAnalyzedUnit[];
  skippedFiles: SkippedFile[];
  /** How the files were decoded. Added to version 1 as an additive field: {@link parseReport} reads it absent as empty. */
  encodings: ReportEncodings;
  /**
   * Code-base assessments (migration recommendation and metrics per rule pack); {@link parseReport} reads a report
   * without them as `[]`.
   */
  assessments: ReportAssessment[];
};

/** A format name: `md`, `html` or `json`. */
type ReportFormat = (typeof ReportFormats)[keyof typeof ReportFormats];

export type {
  ApartGroup,
  AssessmentRecommendation,
  EffortByClass,
  EffortClass,
  EffortTotals,
  FileEncoding,
  NotAnalyzedCounts,
  NotAnalyzedSummary,
  ReportEncodings,
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
};
