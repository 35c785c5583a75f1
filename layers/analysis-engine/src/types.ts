import type { EffortClasses, FindingDispositions, Languages, NotAnalyzedCodes, Severities } from './constants';

/** A language a unit can be written in: `abap`, `javascript`, `typescript` or `html`. */
type Language = (typeof Languages)[keyof typeof Languages];

/** How bad a finding is; see {@link Severities} for what each level means. */
type Severity = (typeof Severities)[keyof typeof Severities];

/** Whether a finding's work is required for the conversion or recommended clean-up; see {@link EffortClasses}. */
type EffortClass = (typeof EffortClasses)[keyof typeof EffortClasses];

/** Why a finding is reported apart with no effort; see {@link FindingDispositions}. */
type FindingDisposition = (typeof FindingDispositions)[keyof typeof FindingDispositions];

/** Low, likely and high effort, whole minutes. */
type EffortTotals = { low: number; likely: number; high: number };

/** Code of a {@link NotAnalyzedReason}. */
type NotAnalyzedCode = (typeof NotAnalyzedCodes)[keyof typeof NotAnalyzedCodes];

/** One file of a unit: its path inside the customer's archive and its decoded text. */
type UnitFile = {
  /** Path inside the uploaded archive, `/`-separated, for example `src/zcl_billing.clas.abap`. */
  path: string;
  /**
   * The file name the analyzer should use, when the splitter chose one (the abapGit name, or `<name>.prog.abap` for a
   * plain `.abap` file). Defaults to the path's base name.
   */
  name?: string;
  /** The file's text, already decoded (UTF-8) by the splitter. */
  text: string;
};

/**
 * The unit of analysis produced by the splitter: one source object with all its files.
 *
 * For ABAP that is one abapGit object, for example `zcl_x.clas.abap`, `zcl_x.clas.locals_imp.abap`,
 * `zcl_x.clas.testclasses.abap` and `zcl_x.clas.xml`; a plain `.abap` file arrives renamed to an abapGit-style name.
 */
type Unit = {
  /** Stable id of the unit within a run (the splitter derives it from the object's path). */
  unitId: string;
  /** Language of the unit, chooses the analyzer. */
  language: Language;
  /** abapGit object type, for example `CLAS`, `PROG`, `FUGR`, `INTF`, `DDLS`; absent for web files. */
  objectType?: string;
  /** Object name, for example `ZCL_BILLING`. */
  objectName?: string;
  /** Path of the object (its main file or folder) inside the archive. */
  path: string;
  /**
   * All files of the object. For an ABAP program that is the main program and the includes it names (abapGit PROG
   * objects or plain files): parsed together, so that macros, types and data of its TOP include are known, and each
   * finding names its own file.
   */
  files: UnitFile[];
  /**
   * Files parsed with the unit but not reported on: includes of another program whose macros this program calls. No
   * finding names them and their lines are not counted.
   */
  context?: UnitFile[];
  /** Lines of code as counted by the splitter. */
  loc: number;
};

/**
 * One finding of one rule at one place.
 *
 * Messages never quote source code: they name the rule, SAP standard objects (tables, transactions, function
 * modules) and ABAP keywords, never customer identifiers or code lines, because findings are cached in DynamoDB and
 * summarised in events.
 */
type Finding = {
  /** Rule id within its rule pack, for example `obsolete_statement` or `s4_simplified_table`. */
  ruleId: string;
  severity: Severity;
  /** What is wrong and what to do, without source text. */
  message: string;
  /** Path of the file as given in the unit (not the internal abaplint file name). */
  file: string;
  /** 1-based line. */
  line: number;
  /** 1-based column. */
  column: number;
  /**
   * Estimated remediation effort for this one finding, whole minutes, from the rule pack's effort table. 0 for a
   * finding reported apart ({@link disposition}), and for one whose statement is already charged by a more expensive
   * finding of the same effort class (one remediation per statement).
   */
  effortMinutes: number;
  /** Whether the work is required for the conversion or recommended clean-up; from the rule (or variant) row. */
  effortClass: EffortClass;
  /** Grouping for the report, for example `data-model`, `database`, `obsolete-syntax`. */
  category?: string;
  /**
   * Which variant of the rule applies, when the rule distinguishes several (for example `write` or
   * `read-compatibility-view` of `s4_simplified_table`, `move` of `obsolete_statement`); each variant has its own
   * severity and effort in the pack's effort table.
   */
  variant?: string;
  /**
   * Low and high estimate of the remediation effort, minutes, from the pack's effort table; `effortMinutes` is the
   * expected value within this range. Absent for packs without a range; `{ low: 0, high: 0 }` when the finding costs
   * nothing (reported apart, or charged with another finding of its statement).
   */
  effortRange?: { low: number; high: number };
  /** Present when the finding is reported apart with no effort: acknowledged in the code, or in generated code. */
  disposition?: FindingDisposition;
  /**
   * For an acknowledged finding: the pragma or pseudo comment that acknowledges it, as the rule table lists it
   * (`##REGEX_POSIX`, `"#EC CI_NOORDER`), never other text of the source.
   */
  acknowledgedBy?: string;
};

/** A JSON value: what {@link AnalysisResult.facts} may hold (it is cached and stored as JSON). */
type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** Identity of a rule pack: which rules, configured how, for which language. */
type RulePackInfo = {
  /** Rule-pack id, for example `abap-s4hana`. */
  id: string;
  /**
   * Version that changes whenever the pack's rules, configuration, effort table or underlying parser version
   * change, for example `1.0.0-abaplint.2.120.19-3f9a0c2b`.
   */
  version: string;
  language: Language;
};

/** What one analyzer reports for one unit. */
type AnalysisResult = {
  /** Findings in file, line, column order. */
  findings: Finding[];
  /** Non-blank lines of source the analyzer read (metadata files such as `.xml` excluded). */
  loc: number;
  /** Statements (or source files) the parser did not recognise; each also appears as a finding. */
  parseErrors: number;
  /**
   * Per-file facts for a pack's code-base phase ({@link assessCodebase}): names, kinds, counts and locations of what
   * the unit declares and uses, as JSON, never source text. Absent for packs without a code-base phase.
   */
  facts?: JsonValue;
};

/**
 * An analyzer for one language, bound to one rule pack.
 *
 * `analyze` is synchronous on purpose: analysis is CPU-bound (parse, walk, map) and an async signature would only add
 * a microtask per unit. Anything that needs I/O or an async import (loading a parser, reading a rule catalog) happens
 * in the analyzer's factory, before the first unit.
 *
 * @example
 * const analyzer = createAbapAnalyzer();
 * const { findings } = analyzer.analyze(unit);
 */
type Analyzer = {
  language: Language;
  rulePack: RulePackInfo;
  /** Analyses one unit. Throws only on engine defects; bad source gives parser-error findings, never an exception. */
  analyze(unit: Unit): AnalysisResult;
  /**
   * Cheap checks before the parser runs (line length, statement size, nesting depth): a `too-large` reason for a unit
   * the parser could not take, `undefined` when it may be analysed. Linear in the text.
   */
  checkLimits?(unit: Unit): NotAnalyzedReason | undefined;
};

/** Why a unit was not analysed (this is a result, not an error). */
type NotAnalyzedReason = {
  code: NotAnalyzedCode;
  /** Human-readable explanation, for the report. */
  message: string;
};

/** Result of {@link analyzeUnit} for one unit. */
type UnitAnalysis = AnalysisResult & {
  unitId: string;
  language: Language;
  /** The rule pack that analysed the unit; absent when the unit was not analysed. */
  rulePack?: RulePackInfo;
  /** Present when the unit was not analysed; then `findings` is empty. */
  notAnalyzed?: NotAnalyzedReason;
  /** Findings left out because of {@link AnalyzeUnitOptions.maxFindings} (the least severe go first). */
  omittedFindings: number;
  /** Sum of `effortMinutes` over all findings, including omitted ones (both effort classes). */
  effortMinutes: number;
  /**
   * Effort per class over all findings, omitted ones included: low, likely (the sum of `effortMinutes`) and high,
   * whole minutes. Findings reported apart count in neither.
   */
  effortByClass: Record<EffortClass, EffortTotals>;
};

/** Looks analyzers up by language. */
type AnalyzerRegistry = {
  /** The analyzer for a language, or `undefined` when there is none. */
  get(language: Language): Analyzer | undefined;
  /** All registered analyzers, in registration order. */
  analyzers(): readonly Analyzer[];
  /**
   * Combined version of all registered rule packs: the findings-cache key part (`CUSTOMER#{id}#CACHE#{version}`).
   * It changes when any pack's version changes or a pack is added or removed.
   */
  readonly version: string;
};

/** Options of {@link analyzeUnit}. */
type AnalyzeUnitOptions = {
  /**
   * Registry to pick the analyzer from.
   * @default the default registry (the ABAP S/4HANA pack)
   */
  registry?: AnalyzerRegistry;
  /**
   * Keep at most this many findings, most severe first, and count the rest in `omittedFindings`. A Distributed Map
   * child's result is limited to 256 KiB, so a caller that returns findings inline sets a cap.
   * @default no cap
   */
  maxFindings?: number;
};

export type {
  AnalysisResult,
  EffortClass,
  EffortTotals,
  FindingDisposition,
  Analyzer,
  AnalyzerRegistry,
  AnalyzeUnitOptions,
  Finding,
  JsonValue,
  Language,
  NotAnalyzedCode,
  NotAnalyzedReason,
  RulePackInfo,
  Severity,
  Unit,
  UnitAnalysis,
  UnitFile,
};
