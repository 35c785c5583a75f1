/**
 * THE table of the ABAP S/4HANA rule pack: which rules run, how they are configured, what each finding says and why
 * it matters for an ECC → S/4HANA conversion. Severity and effort of every rule and variant come from the effort model
 * (`data/abap/effort-model.json`, see `effortModel.ts`); the simplification items the S/4HANA checks look for come
 * from the catalog (`data/abap/simplification-items.json`). Everything a row holds, the resolved severities, efforts
 * and catalog rows included, is hashed into the rule-pack version, so any change here or in the data invalidates
 * cached findings.
 *
 * ## abaplint rules considered and left out
 *
 * - `check_syntax`, `unknown_types`, `check_include`, `implement_methods`, `uncaught_exception`, `unused_*`: need the
 *   whole system (DDIC, other classes, includes); a unit analysed alone would report every reference to another
 *   object. The analyzer also sets `errorNamespace` to match nothing, so rules that use the syntax tree treat unknown
 *   references as void instead of failing.
 * - `select_add_order_by`: reports every SELECT without ORDER BY, almost every SELECT of an ECC code base; only the
 *   SELECTs whose order is relied on are upgrade work, which `hana_select_order_dependency` finds.
 * - `unsecure_fae`: experimental, reports every FOR ALL ENTRIES without looking at the emptiness check.
 * - `select_performance`, `select_single_full_key`, `no_mandt_in_database_operations`: performance and style, or need
 *   DDIC metadata; not upgrade-specific.
 * - `modify_only_own_db_tables`: overlaps `s4_simplified_table` (writes) and needs the table's package to be precise.
 * - `form_tables_obsolete`, `fm_global_parameters_obsolete`: obsolete but valid on S/4HANA; every FORM of an ECC
 *   report would be reported, which is modernisation, not conversion work.
 * - `cloud_types`, `sy_read_restriction`, `strict_sql`, `sql_escape_host_variables`, `downport`: about ABAP Cloud or
 *   newer syntax, while the target here is on-premise S/4HANA where classic ABAP stays valid.
 * - `obsolete_statement` variant TYPE-POOLS: harmless since 7.02, no work worth counting; switched off.
 * - Naming, whitespace and Clean ABAP style rules: no upgrade work.
 */
import type { EffortClass, Severity } from '../types';
import { OBSOLETE_FUNCTION_MODULES, S4_REPLACED_FUNCTION_MODULES } from './catalog/obsoleteFunctionModules';
import { MATERIAL_NUMBER, REMOVED_PROGRAMS, REMOVED_TRANSACTIONS, SIMPLIFIED_TABLES } from './catalog/simplificationCatalog';
import type { AdbcNativeSqlConfig } from './checks/adbcNativeSql';
import type { DatabaseHintConfig } from './checks/databaseHint';
import type { DynamicCodeConfig } from './checks/dynamicCode';
import type { MaterialNumberLengthConfig } from './checks/materialNumberLength';
import type { NativeSqlConfig } from './checks/nativeSql';
import type { RemovedTransactionsConfig } from './checks/removedTransactions';
import type { SelectOrderDependencyConfig } from './checks/selectOrderDependency';
import type { SimplifiedTablesConfig } from './checks/simplifiedTables';
import { sizing } from './effortModel';

/**
 * Pragmas and pseudo comments that acknowledge a rule's (or variant's) finding on the statement that carries them: the
 * developer saw the check's message and kept the code. Names as SAP defines them, upper case: a pragma with its `##`,
 * a pseudo comment as the code after `"#EC ` (`CI_NOORDER`); a pseudo comment's `[…]` parameter (the SAP note of the
 * simplification item, by convention) is accepted with any value.
 */
type Acknowledgements = { pragmas?: readonly string[]; pseudoComments?: readonly string[] };

/** Severity, effort, message and reason of a rule or of one of its variants. */
type RuleOutcome = {
  severity: Severity;
  /** Expected remediation effort per finding, minutes (the effort model's PERT value). */
  effortMinutes: number;
  /** Low and high effort per finding, minutes. */
  effortRange?: { low: number; high: number };
  /** Whether the work is required for the conversion or recommended clean-up (the effort model's class). */
  effortClass: EffortClass;
  /** What acknowledges a finding in the code; a variant's list replaces the rule's. */
  acknowledgedBy?: Acknowledgements;
  /**
   * `'procedure'`: the work is a review done once per METHOD, FORM, FUNCTION or MODULE, so of the findings of this rule
   * and variant in one procedure the first is charged and the others cost nothing (four INSERT REPORT statements in
   * the branches of one IF are one review).
   */
  chargedOncePer?: 'procedure';
  /** Finding message: what is wrong and what to do, no source text. */
  message: string;
  /** Why this matters for the S/4HANA conversion (documentation, shown in the README and the report legend). */
  why: string;
};

/** A rule implemented by abaplint. */
type AbaplintRuleSource = {
  engine: 'abaplint';
  /** abaplint rule key. */
  rule: string;
  /** Configuration merged over abaplint's defaults for that rule. */
  config?: Record<string, unknown>;
  /** Issue keys the abaplint rule emits, mapped to a variant of this row (`parser_error` also emits `structure`). */
  issueVariants?: Record<string, string>;
  /**
   * abaplint messages mapped to a variant of this row, for rules that tell their cases apart only by message
   * (`obsolete_statement`): the first case-insensitive regular expression matching the whole message wins. A message
   * no pattern matches takes the row's own outcome.
   */
  messageVariants?: readonly { pattern: string; variant: string }[];
  /**
   * Append abaplint's own message in parentheses. Only for rules whose messages name ABAP keywords or SAP objects
   * alone; `parser_error`, for example, quotes the unrecognised source token and must not set this.
   */
  appendEngineMessage?: boolean;
  /**
   * Drop the rule's findings on `MODIFY name FROM wa` when a data object `name` is declared in the program: the parser
   * reads that short form as a database write when it cannot know `name` is an internal table, ABAP gives the
   * declared internal table precedence (`db_operation_in_loop` on `LOOP AT lt_x … MODIFY lt_x FROM ls_x`).
   */
  skipInternalTableModify?: boolean;
};

/** A rule implemented by one of this engine's checks, with that check's configuration. */
type CheckRuleSource =
  | { engine: 'check'; check: 'simplifiedTables'; config: SimplifiedTablesConfig }
  | { engine: 'check'; check: 'removedTransactions'; config: RemovedTransactionsConfig }
  | { engine: 'check'; check: 'materialNumberLength'; config: MaterialNumberLengthConfig }
  | { engine: 'check'; check: 'selectOrderDependency'; config: SelectOrderDependencyConfig }
  | { engine: 'check'; check: 'adbcNativeSql'; config: AdbcNativeSqlConfig }
  | { engine: 'check'; check: 'nativeSql'; config: NativeSqlConfig }
  | { engine: 'check'; check: 'dynamicCode'; config: DynamicCodeConfig }
  | { engine: 'check'; check: 'databaseHint'; config: DatabaseHintConfig };

/** One row of the rule table. */
type AbapRuleDefinition = RuleOutcome & {
  /** Rule id reported in findings; unique in the table. */
  id: string;
  /** Report grouping. */
  category: string;
  source: AbaplintRuleSource | CheckRuleSource;
  /** Overrides per variant (a check's hit, an abaplint issue key or message chooses the variant). */
  variants?: Record<string, Partial<RuleOutcome>>;
};

/**
 * Id and version of the pack this table defines. Bump the semver for changes a reader should notice, and whenever
 * the code of a check changes its findings for the same table (the hash covers the table, not the check code).
 */
const ABAP_RULE_PACK = { id: 'abap-s4hana', semver: '3.0.0' } as const;

/** One obsolete statement variant: the abaplint message pattern, what to write instead and why. */
type ObsoleteVariant = { variant: string; pattern: string; message: string; why: string; acknowledgedBy?: Acknowledgements };

const OBSOLETE_STATEMENTS: readonly ObsoleteVariant[] = [
  { variant: 'move', pattern: '^Statement "MOVE" is obsolete$', message: 'MOVE ... TO is obsolete; write the assignment target = source', why: 'Obsolete in classes; the assignment operator is the current form.' },
  { variant: 'compute', pattern: '^Statement "COMPUTE" is obsolete$', message: 'COMPUTE is obsolete; drop the keyword (or use EXACT #( ) for COMPUTE EXACT)', why: 'The keyword has no function; removing it is part of moving code into classes.' },
  { variant: 'add', pattern: '^Statement "ADD" is obsolete$', message: 'ADD ... TO is obsolete; write b = b + a (or b += a)', why: 'Obsolete arithmetic statement, not allowed in newer language versions.' },
  { variant: 'subtract', pattern: '^Statement "SUBTRACT" is obsolete$', message: 'SUBTRACT ... FROM is obsolete; write b = b - a (or b -= a)', why: 'Obsolete arithmetic statement, not allowed in newer language versions.' },
  { variant: 'multiply', pattern: '^Statement "MULTIPLY" is obsolete$', message: 'MULTIPLY ... BY is obsolete; write b = b * a (or b *= a)', why: 'Obsolete arithmetic statement, not allowed in newer language versions.' },
  { variant: 'divide', pattern: '^Statement "DIVIDE" is obsolete$', message: 'DIVIDE ... BY is obsolete; write b = b / a (or b /= a)', why: 'Obsolete arithmetic statement, not allowed in newer language versions.' },
  { variant: 'refresh', pattern: '^Statement "REFRESH" is obsolete$', message: 'REFRESH is obsolete; use CLEAR (and an explicit work area instead of a header line)', why: 'REFRESH exists for tables with header lines, which are obsolete themselves.' },
  { variant: 'load', pattern: '^Statement "(CLASS|INTERFACE)" is obsolete$', message: 'CLASS/INTERFACE ... LOAD is obsolete; delete the statement', why: 'The LOAD addition has had no function since release 7.02.' },
  { variant: 'is-requested', pattern: '^IS REQUESTED is obsolete$', message: 'IS REQUESTED is obsolete; use IS SUPPLIED', why: 'Obsolete predicate for output parameters.' },
  { variant: 'occurs', pattern: '^OCCURS is obsolete$', message: 'OCCURS is obsolete; declare a table type and an explicit work area', why: 'OCCURS declares a header line implicitly; header lines break when the surrounding code is adapted and are not allowed in classes.' },
  { variant: 'with-header-line', pattern: '^WITH HEADER LINE is obsolete$', message: 'WITH HEADER LINE is obsolete; declare an explicit work area and use it in every access', why: 'The same name denotes table and work area, which makes every adaptation of the code error-prone; not allowed in classes.' },
  { variant: 'ranges', pattern: '^Use LIKE RANGE OF instead of RANGES$', message: 'RANGES is obsolete; use TYPE RANGE OF (or LIKE RANGE OF) with an explicit work area', why: 'RANGES declares a header line implicitly.' },
  { variant: 'parameter', pattern: '^Use PARAMETERS instead of PARAMETER$', message: 'PARAMETER is obsolete; write PARAMETERS', why: 'Obsolete spelling of the statement.' },
  { variant: 'set-extended-check', pattern: '^SET EXTENDED CHECK is obsolete$', message: 'SET EXTENDED CHECK is obsolete; use pragmas or pseudo comments', why: 'Switching the extended check off hides findings that conversions must clear.' },
  { variant: 'field-symbol-structure', pattern: '^FIELD-SYMBOLS \\.\\.\\. STRUCTURE is obsolete$', message: 'FIELD-SYMBOLS ... STRUCTURE is obsolete; type the field symbol and use CASTING', why: 'Obsolete typing that casts implicitly; breaks silently when the structure changes, as structures with extended fields (MATNR) do.' },
  { variant: 'communication', pattern: '^COMMUNICATION is obsolete$', message: 'COMMUNICATION (CPI-C) is obsolete; use RFC or another supported protocol', why: 'CPI-C is an outdated program-to-program protocol; the partner side must change with it.' },
  { variant: 'pack', pattern: '^PACK is obsolete$', message: 'PACK is obsolete; assign to a packed field', why: 'Obsolete conversion statement.' },
  { variant: 'select-without-into', pattern: '^SELECT without INTO$', message: 'SELECT without INTO is obsolete; add INTO with an explicit target', why: 'Reads into the implicit TABLES work area, which hides where data flows and is not allowed in classes.' },
  { variant: 'free-memory', pattern: '^Statement "FREE MEMORY" without ID is obsolete$', message: 'FREE MEMORY without ID is obsolete; free the ABAP memory IDs the program owns', why: 'Clears all ABAP memory of the session, including other programs\' data.' },
  { variant: 'exit-from-sql', pattern: '^Statement "EXIT FROM SQL" is obsolete$', message: 'EXIT FROM SQL is obsolete; rework the native SQL loop', why: 'Belongs to native SQL processing, which is rewritten for SAP HANA anyway.' },
  { variant: 'sort-by-field-symbol', pattern: '^Statement "SORT itab BY <fs>" is obsolete$', message: 'SORT itab BY <fs> is obsolete; name the components or use a dynamic sort table', why: 'Obsolete dynamic sort specification.' },
  { variant: 'call-transformation-objects', pattern: '^Use PARAMETERS instead of OBJECTS$', message: 'CALL TRANSFORMATION ... OBJECTS is obsolete; use PARAMETERS', why: 'Obsolete addition.' },
  { variant: 'posix-regex', pattern: '^(REGEX obsolete, use PCRE|create_posix obsolete, use create_pcre|posix methods obsolete, use pcre methods)$', message: 'POSIX regular expressions are obsolete; rewrite the expression as PCRE', why: 'POSIX regular expressions are obsolete from ABAP 7.56 on (S/4HANA 2021); PCRE is the supported engine and matches differently in edge cases.', acknowledgedBy: { pragmas: ['##REGEX_POSIX'] } },
  { variant: 'occurences', pattern: '^Use "OCCURRENCES"$', message: 'OCCURENCES is an obsolete misspelling; write OCCURRENCES', why: 'Accepted only for compatibility.' },
  { variant: 'client-specified', pattern: '^Use USING CLIENT$', message: 'CLIENT SPECIFIED is obsolete; use USING CLIENT or USING ALL CLIENTS', why: 'CLIENT SPECIFIED is obsolete from ABAP 7.54 on (S/4HANA 1909).' },
  { variant: 'form-definition', pattern: '^FORM DEFINITION$', message: 'FORM ... DEFINITION is obsolete; remove it', why: 'Obsolete subroutine declaration.' },
  { variant: 'form-implementation', pattern: '^FORM IMPLEMENTATION$', message: 'FORM ... IMPLEMENTATION is obsolete; remove the addition', why: 'Obsolete subroutine declaration.' },
  { variant: 'common-part', pattern: '^COMMON PART is obsolete$', message: 'DATA BEGIN OF COMMON PART is obsolete; pass the data as parameters or keep it in a class', why: 'Interface work areas share global data between programs invisibly.' },
  { variant: 'field-groups', pattern: '^FIELD-GROUPS is obsolete$', message: 'FIELD-GROUPS (extract datasets) is obsolete; use internal tables', why: 'Extract datasets are obsolete and not allowed in classes.' },
  { variant: 'replace-into', pattern: '^REPLACE INTO is obsolete$', message: 'REPLACE ... INTO is obsolete; use REPLACE ... IN ... WITH', why: 'Obsolete form of the statement.' },
  { variant: 'loop-extract', pattern: '^LOOP extract$', message: 'LOOP over an extract dataset is obsolete; use internal tables', why: 'Extract datasets are obsolete and not allowed in classes.' },
  { variant: 'sort-extract', pattern: '^SORT extract$', message: 'SORT of an extract dataset is obsolete; use internal tables', why: 'Extract datasets are obsolete and not allowed in classes.' },
];

const obsoleteVariants = Object.fromEntries(
  OBSOLETE_STATEMENTS.map(({ variant, message, why, acknowledgedBy }) => [
    variant,
    { ...sizing('obsolete_statement', variant), message, why, ...(acknowledgedBy === undefined ? {} : { acknowledgedBy }) },
  ]),
);

/** The rule table. */
const ABAP_RULES: readonly AbapRuleDefinition[] = [
  {
    id: 'parser_error',
    category: 'syntax',
    ...sizing('parser_error'),
    message: 'Statement not recognised for the target ABAP release (syntax error, or syntax the parser does not know); no other rule looked at it',
    why: 'Code that does not parse for the target release will not activate after the conversion, and hides any other finding in that statement.',
    source: { engine: 'abaplint', rule: 'parser_error', issueVariants: { parser_error: 'statement', structure: 'structure' } },
    variants: {
      statement: { ...sizing('parser_error', 'statement') },
      macro: {
        ...sizing('parser_error', 'macro'),
        message: 'Call of a macro the unit does not define (an SAP macro such as the workflow container or TRMAC macros, or one in an include outside the archive); the statement is not analysed and nothing is charged',
      },
      structure: {
        ...sizing('parser_error', 'structure'),
        message: 'Block structure not recognised (for example IF without ENDIF, or a statement outside any block); structure-based rules skipped this file',
      },
    },
  },
  {
    id: 'cds_parser_error',
    category: 'syntax',
    ...sizing('cds_parser_error'),
    message: 'CDS source not recognised (syntax error, or syntax the parser does not know)',
    why: 'A CDS view that does not parse cannot be activated on the target release.',
    source: { engine: 'abaplint', rule: 'cds_parser_error' },
  },
  {
    id: 'obsolete_statement',
    category: 'obsolete-syntax',
    ...sizing('obsolete_statement'),
    message: 'Obsolete language element; replace it with its current form',
    why: 'Obsolete statements still compile in reports but not in classes, block moving code into methods, and hide header lines and implicit work areas that break when the surrounding code is adapted. CLIENT SPECIFIED and POSIX regular expressions are obsolete in the target release itself.',
    source: {
      engine: 'abaplint',
      rule: 'obsolete_statement',
      // Every variant abaplint knows but TYPE-POOLS (see the list of rules left out above).
      config: { typePools: false },
      messageVariants: OBSOLETE_STATEMENTS.map(({ pattern, variant }) => ({ pattern, variant })),
    },
    variants: obsoleteVariants,
  },
  {
    id: 'hana_native_sql',
    category: 'hana-database',
    ...sizing('hana_native_sql'),
    message: 'Native SQL (EXEC SQL) on the primary database connection is written for the source database; rewrite it in ABAP SQL or for SAP HANA',
    why: 'S/4HANA runs only on SAP HANA: native SQL in the dialect of Oracle, DB2 or SQL Server, and its database hints, fail or behave differently there.',
    acknowledgedBy: { pseudoComments: ['CI_EXECSQL'] },
    // abaplint's dangerous_statement reports every EXEC SQL; SQL on a secondary connection is left out by our check.
    source: { engine: 'check', check: 'nativeSql', config: { followConnections: true } },
  },
  {
    id: 'hana_adbc_native_sql',
    category: 'hana-database',
    ...sizing('hana_adbc_native_sql'),
    message: 'Creates an ADBC statement (CL_SQL_STATEMENT / CL_SQL_PREPARED_STATEMENT): the native SQL it sends is written for the source database; translate it for SAP HANA or rewrite it in ABAP SQL',
    why: 'ADBC passes native SQL strings to the database as EXEC SQL does; their dialect, functions and hints must change with the move to SAP HANA.',
    source: {
      engine: 'check',
      check: 'adbcNativeSql',
      config: {
        statementClasses: ['CL_SQL_STATEMENT', 'CL_SQL_PREPARED_STATEMENT'],
        connectionClasses: ['CL_SQL_CONNECTION'],
        factoryMethods: ['CREATE_STATEMENT', 'PREPARE_STATEMENT'],
      },
    },
  },
  {
    id: 'hana_database_hint',
    category: 'hana-database',
    ...sizing('hana_database_hint'),
    message: 'Database hint (%_HINTS) for a database other than SAP HANA; remove it and check the access path on SAP HANA',
    why: 'Hints for the source database are ignored on SAP HANA; the performance they bought must be checked again.',
    source: {
      engine: 'check',
      check: 'databaseHint',
      config: { targetDatabases: ['HDB'], knownDatabases: ['ADABAS', 'AS400', 'DB2', 'DB4', 'DB6', 'HDB', 'INFORMIX', 'MSSQLNT', 'ORACLE', 'SYBASE'] },
    },
  },
  {
    id: 'hana_select_order_dependency',
    category: 'hana-database',
    ...sizing('hana_select_order_dependency'),
    message: 'SELECT without ORDER BY fills a table that is then processed as sorted; add ORDER BY (or SORT before use)',
    why: 'Other databases often returned rows in primary-key order by accident; SAP HANA does not, so BINARY SEARCH, DELETE ADJACENT DUPLICATES and control levels silently miss rows after the migration.',
    acknowledgedBy: { pseudoComments: ['CI_NOORDER'] },
    source: { engine: 'check', check: 'selectOrderDependency', config: { controlLevels: true } },
  },
  {
    id: 'db_operation_in_loop',
    category: 'performance',
    ...sizing('db_operation_in_loop'),
    message: 'Database access inside LOOP/DO/WHILE; read or write the set at once (JOIN, FOR ALL ENTRIES, array operations)',
    why: 'Row-by-row access costs a round trip per row; on SAP HANA, and on compatibility views that compute their rows on every read, it turns into the conversion\'s typical performance regression.',
    acknowledgedBy: { pseudoComments: ['CI_SEL_NESTED'] },
    source: { engine: 'abaplint', rule: 'db_operation_in_loop', skipInternalTableModify: true },
  },
  {
    id: 's4_simplified_table',
    category: 's4-data-model',
    ...sizing('s4_simplified_table'),
    message: 'Access to a table whose role changed in S/4HANA',
    why: 'S/4HANA simplified the data model: some tables are no longer filled, others became read-only compatibility views over new tables.',
    acknowledgedBy: { pseudoComments: ['CI_DB_OPERATION_OK'] },
    source: { engine: 'check', check: 'simplifiedTables', config: { tables: SIMPLIFIED_TABLES } },
    variants: {
      'read-not-filled': {
        ...sizing('s4_simplified_table', 'read-not-filled'),
        message: 'Reads a table that S/4HANA no longer fills; the read returns nothing after the conversion',
        why: 'The code keeps running but works on empty results (for example order status from VBUK, document conditions from KONV).',
      },
      'read-compatibility-view': {
        ...sizing('s4_simplified_table', 'read-compatibility-view'),
        message: 'Reads a table that S/4HANA replaced by a compatibility view; the read works but computes its rows on every access',
        why: 'Reads keep working through the view, but aggregates and joins are computed at runtime: check performance and move to the new table when the code is touched.',
      },
      'read-hybrid-table': {
        ...sizing('s4_simplified_table', 'read-hybrid-table'),
        message: 'Reads a table whose stock quantities S/4HANA computes from MATDOC; master data fields are unchanged, stock fields are computed on every access',
        why: 'Hybrid tables keep master data; only their stock quantity fields moved to MATDOC.',
      },
      write: {
        ...sizing('s4_simplified_table', 'write'),
        message: 'Writes to a table that S/4HANA no longer uses or replaced by a read-only view; the write fails or has no effect',
        why: 'Compatibility views cannot be written, and tables no longer read by the application make such writes useless: the logic must move to the new data model or to a released API.',
      },
      'write-hybrid-table': {
        ...sizing('s4_simplified_table', 'write-hybrid-table'),
        message: 'Writes to a table whose stock quantities S/4HANA no longer stores there; stock changes are lost, master data changes belong in the material master API',
        why: 'Stock quantities are derived from material documents only; writing them directly has no effect.',
      },
    },
  },
  {
    id: 's4_removed_transaction',
    category: 's4-transaction',
    ...sizing('s4_removed_transaction'),
    message: 'Calls a transaction that S/4HANA no longer offers',
    why: 'Customer and vendor master transactions were replaced by the business partner (BP), the MB goods-movement transactions by MIGO, and FI-AR-CR credit management by SAP Credit Management.',
    acknowledgedBy: { pseudoComments: ['CI_USAGE_OK'] },
    source: { engine: 'check', check: 'removedTransactions', config: { transactions: REMOVED_TRANSACTIONS, programs: REMOVED_PROGRAMS, callFunctions: ['ABAP4_CALL_TRANSACTION'] } },
    variants: {
      'batch-input': {
        ...sizing('s4_removed_transaction', 'batch-input'),
        message: 'Batch input (CALL TRANSACTION ... USING) into a transaction that S/4HANA no longer offers; the recording cannot run',
        why: 'The recorded screens no longer exist; the logic must be rebuilt on the business partner or goods-movement API.',
      },
      dialog: {
        ...sizing('s4_removed_transaction', 'dialog'),
        message: 'Sends the user to a transaction that S/4HANA no longer offers',
        why: 'The call fails or lands in a redirect with other parameters; the navigation must point to the successor transaction or app.',
      },
      submit: {
        ...sizing('s4_removed_transaction', 'submit'),
        message: 'Submits a report of a function that S/4HANA no longer offers',
        why: 'The report belongs to a removed application; its successor has other selections and results.',
      },
    },
  },
  {
    id: 's4_material_number_length',
    category: 's4-field-length',
    ...sizing('s4_material_number_length'),
    message: 'Assumes the ECC material number length of 18 characters',
    why: 'S/4HANA extends MATNR from 18 to 40 characters (SAP note 2215424); fixed 18-character fields and offsets truncate extended material numbers.',
    acknowledgedBy: { pseudoComments: ['CI_FLDEXT_OK'] },
    source: {
      engine: 'check',
      check: 'materialNumberLength',
      config: {
        namePattern: MATERIAL_NUMBER.namePattern,
        legacyLength: MATERIAL_NUMBER.legacyLength,
        newLength: MATERIAL_NUMBER.newLength,
        legacyTypeNames: MATERIAL_NUMBER.legacyTypeNames,
        dataElements: MATERIAL_NUMBER.dataElements,
      },
    },
    variants: {
      declaration: { ...sizing('s4_material_number_length', 'declaration') },
      'offset-length': { ...sizing('s4_material_number_length', 'offset-length') },
      'move-truncation': { ...sizing('s4_material_number_length', 'move-truncation') },
    },
  },
  {
    id: 'review_dynamic_code',
    category: 'review',
    ...sizing('review_dynamic_code'),
    message: 'Works on something named only at run time; review by hand what it reaches on S/4HANA',
    chargedOncePer: 'procedure',
    why: 'A table named at run time, or source written or compiled at run time, hides from every other check whether it reaches a simplified table or a removed object.',
    source: { engine: 'check', check: 'dynamicCode', config: { variants: ['dynamic-table', 'insert-report', 'generate-subroutine-pool'] } },
    variants: {
      'dynamic-table': {
        ...sizing('review_dynamic_code', 'dynamic-table'),
        message: 'ABAP SQL on a table named only at run time; review by hand which tables it can reach and whether any of them changed in S/4HANA',
      },
      'insert-report': {
        ...sizing('review_dynamic_code', 'insert-report'),
        message: 'INSERT REPORT writes program source at run time; review by hand that the generated source is valid on the target and uses no simplified object',
      },
      'generate-subroutine-pool': {
        ...sizing('review_dynamic_code', 'generate-subroutine-pool'),
        message: 'GENERATE SUBROUTINE POOL compiles source built at run time; review by hand that it is valid on the target and uses no simplified object',
      },
    },
  },
  {
    id: 'obsolete_function_module',
    category: 'obsolete-api',
    ...sizing('obsolete_function_module'),
    message: 'Calls an obsolete function module; use the recommended replacement',
    why: 'Obsolete function modules are not maintained and some are not released for S/4HANA; the pricing reader changed with the KONV replacement.',
    source: {
      engine: 'abaplint',
      rule: 'function_module_recommendations',
      config: { recommendations: OBSOLETE_FUNCTION_MODULES },
      appendEngineMessage: true,
      messageVariants: [{ pattern: `^Recommendation: Replace Function (${S4_REPLACED_FUNCTION_MODULES.join('|')}) with: .*$`, variant: 's4-replaced' }],
    },
    variants: {
      's4-replaced': {
        ...sizing('obsolete_function_module', 's4-replaced'),
        message: 'Calls a function module that reads a data model S/4HANA replaced; use the successor API',
        acknowledgedBy: { pseudoComments: ['CI_USAGE_OK'] },
        why: 'The data the function module reads is no longer stored where it looks (document conditions moved from KONV to PRCD_ELEMENTS).',
      },
    },
  },
  {
    id: 'call_transaction_authority_check',
    category: 'security',
    ...sizing('call_transaction_authority_check'),
    message: 'CALL TRANSACTION without WITH AUTHORITY-CHECK; add it, or confirm that skipping the start authorization check (WITHOUT AUTHORITY-CHECK) is intended',
    why: 'Current releases warn about CALL TRANSACTION without an authority-check addition; conversions are when such findings are cleared. abaplint (like abapOpenChecks check 54) also reports an explicit WITHOUT AUTHORITY-CHECK, so that switching the check off is reviewed.',
    acknowledgedBy: { pseudoComments: ['CI_CALLTA'] },
    source: { engine: 'abaplint', rule: 'call_transaction_authority_check' },
  },
  {
    id: 'cds_legacy_view',
    category: 'cds',
    ...sizing('cds_legacy_view'),
    message: 'CDS DDIC-based view (DEFINE VIEW); migrate it to a CDS view entity',
    why: 'DDIC-based CDS views are obsolete from ABAP 7.55 (S/4HANA 2020) on; view entities replace them.',
    source: { engine: 'abaplint', rule: 'cds_legacy_view' },
  },
];

export type { Acknowledgements, AbapRuleDefinition, AbaplintRuleSource, CheckRuleSource, RuleOutcome };
export { ABAP_RULE_PACK, ABAP_RULES, OBSOLETE_STATEMENTS };
