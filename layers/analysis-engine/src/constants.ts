/**
 * Fixed value sets of the analysis engine. Union types are derived from these objects, so a value added here is
 * known to every switch and every validator at once.
 */

/** Languages a unit can be written in; the splitter assigns one per unit. */
const Languages = {
  ABAP: 'abap',
  JAVASCRIPT: 'javascript',
  TYPESCRIPT: 'typescript',
  HTML: 'html',
} as const;

/**
 * Severities, most severe first.
 *
 * - `blocker`: the code stops working on the target (for example it writes to a table that became a read-only view).
 * - `critical`: the code still runs but gives wrong results silently (a table no longer filled, an order no longer
 *   guaranteed).
 * - `major`: the code must be adapted, but fails visibly or only performs worse.
 * - `minor`: obsolete constructs that still compile; cleanup during the upgrade.
 * - `info`: worth knowing, no change required.
 */
const Severities = {
  BLOCKER: 'blocker',
  CRITICAL: 'critical',
  MAJOR: 'major',
  MINOR: 'minor',
  INFO: 'info',
} as const;

/** Severity order for sorting and for keeping the most important findings when a cap applies (lower is worse). */
const SEVERITY_RANK = {
  blocker: 0,
  critical: 1,
  major: 2,
  minor: 3,
  info: 4,
} as const;

/**
 * Whether the work a finding asks for is needed for the conversion or recommended beside it. Reports give the
 * required part as the headline and the clean-up part next to it, never one sum of both.
 *
 * - `required`: the code fails, stops compiling or gives other results on the target (S/4HANA data model changes,
 *   native SQL for the old database, order dependencies on SAP HANA, removed transactions, code that does not parse;
 *   for AngularJS every construct Angular does not have).
 * - `cleanup`: the target still runs the code as it is: obsolete but valid syntax, performance, security reviews.
 */
const EffortClasses = {
  REQUIRED: 'required',
  CLEANUP: 'cleanup',
} as const;

/**
 * Findings reported apart, with no effort: the code already acknowledges them, or nobody writes that code.
 *
 * - `acknowledged`: a pragma or pseudo comment on the statement says the finding was seen and accepted
 *   (`##REGEX_POSIX`, `"#EC CI_NOORDER`).
 * - `generated`: the code was written by a generator (SE54 table maintenance, Gateway model and data provider base
 *   classes); regenerating it on the target is not development work.
 */
const FindingDispositions = {
  ACKNOWLEDGED: 'acknowledged',
  GENERATED: 'generated',
} as const;

/**
 * Why a unit was not analysed. Plain words: they are the keys of the run summary's `notAnalyzed.byReason`, which the
 * report, the console and the web console show to customers (the splitter's skip reasons, such as `invalid-encoding`
 * or `binary`, share that key space).
 */
const NotAnalyzedCodes = {
  /** No analyzer is registered for the unit's language. */
  NO_ANALYZER: 'no-analyzer',
  /** The unit has no file the analyzer for its language can read (only metadata, for example). */
  NO_SOURCE: 'no-source',
  /** The analyzer stopped on the unit with an internal error (a parser that crashed, a stack that overflowed). */
  ANALYZER_ERROR: 'analyzer-error',
  /** The unit exceeds what the parser can take: a line, a statement or a nesting depth over the analyzer's limits. */
  TOO_LARGE: 'too-large',
  /** The analysis took longer than the per-unit time budget and was stopped. */
  TIME_BUDGET: 'time-budget',
  /** The analysis needed more memory than the per-unit memory budget and was stopped. */
  MEMORY_BUDGET: 'memory-budget',
} as const;

/** Rule id of the finding an analyzer reports when one of its rules crashed on an object (its findings there are missing). */
const ANALYZER_ERROR_RULE_ID = 'analyzer_error';

/**
 * Version of the engine code itself (mapping, runner, custom checks). Bump it when a change to the code alters the
 * findings for the same input; rule configuration, the effort table and the abaplint version are hashed into the
 * rule-pack version separately and need no bump here.
 */
const ENGINE_VERSION = '1.1.0';

export { ANALYZER_ERROR_RULE_ID, EffortClasses, ENGINE_VERSION, FindingDispositions, Languages, NotAnalyzedCodes, SEVERITY_RANK, Severities };
