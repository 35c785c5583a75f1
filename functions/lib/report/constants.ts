/**
 * Fixed values of the report: its schema version, the severity order, the person-day convention and the formats it
 * renders to.
 */

/**
 * Version of the report schema ({@link Report}); bump it on any incompatible change of the stored report. Additive
 * fields that readers may find absent (`assessments`) keep the version: parseReport fills in their empty value.
 */
const REPORT_VERSION = 2;

/** Severities, most severe first. The same five levels and meanings as the analysis engine's `Severities`. */
const SEVERITIES = ['blocker', 'critical', 'major', 'minor', 'info'] as const;

/** Position of each severity in {@link SEVERITIES} (lower is worse), for sorting and "at or above" counts. */
const SEVERITY_RANK = { blocker: 0, critical: 1, major: 2, minor: 3, info: 4 } as const;

/**
 * Effort classes: work required for the conversion, and recommended clean-up beside it (the engine's `EffortClasses`).
 * Reports show required as the headline and clean-up next to it, never one sum of both.
 */
const EffortClasses = {
  REQUIRED: 'required',
  CLEANUP: 'cleanup',
} as const;

/** Why a finding is reported apart with no effort (the engine's `FindingDispositions`). */
const FindingDispositions = {
  ACKNOWLEDGED: 'acknowledged',
  GENERATED: 'generated',
} as const;

/** A person-day is 8 working hours. */
const HOURS_PER_PERSON_DAY = 8;
const MINUTES_PER_PERSON_DAY = HOURS_PER_PERSON_DAY * 60;

/** How many objects the summary's "top objects by effort" lists unless told otherwise. */
const DEFAULT_TOP_OBJECTS = 10;

/** Migration approaches a code-base assessment can recommend (the analysis engine's `MigrationApproach`). */
const MigrationApproaches = {
  HYBRID_UPGRADE: 'hybrid-upgrade',
  REWRITE: 'rewrite',
} as const;

/** The formats a report renders to, as the report CLI's `--format` names them. */
const ReportFormats = {
  MARKDOWN: 'md',
  HTML: 'html',
  JSON: 'json',
} as const;

/**
 * Splitter skip reasons that count as "not analysed": a source file (by its name) whose content could not be read as
 * analysable text. The others (vendored, node_modules, unsupported types, metadata, empty, minified by name) are
 * left out on purpose and only listed.
 */
const NOT_ANALYSED_SKIP_REASONS: ReadonlySet<string> = new Set(['binary', 'invalid-encoding', 'too-large', 'encrypted', 'unsupported-compression', 'minified-content']);

export { DEFAULT_TOP_OBJECTS, EffortClasses, FindingDispositions, NOT_ANALYSED_SKIP_REASONS, HOURS_PER_PERSON_DAY, MigrationApproaches, MINUTES_PER_PERSON_DAY, REPORT_VERSION, ReportFormats, SEVERITIES, SEVERITY_RANK };
