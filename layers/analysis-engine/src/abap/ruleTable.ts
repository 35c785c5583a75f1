/**
 * THE table of the ABAP S/4HANA rule pack: which rules run, how they are configured, and for each rule (and variant)
 * the severity, the remediation effort per finding and why it matters for an ECC → S/4HANA conversion.
 *
 * Everything in this file is hashed into the rule-pack version (with the abaplint version and the syntax release), so
 * any change here invalidates cached findings.
 *
 * Effort figures are minutes per finding for an ABAP developer who knows the code: locate, change, unit-test. They are
 * planning estimates, not measurements; projects calibrate them by overriding this table.
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
 * - `cloud_types`, `sy_read_restriction`, `strict_sql`, `sql_escape_host_variables`, `downport`: about ABAP Cloud or
 *   newer syntax, while the target here is on-premise S/4HANA where classic ABAP stays valid.
 * - Naming, whitespace and Clean ABAP style rules: no upgrade work.
 */
import type { Severity } from '../types';
import { OBSOLETE_FUNCTION_MODULES } from './catalog/obsoleteFunctionModules';
import { REMOVED_TRANSACTIONS } from './catalog/removedTransactions';
import { SIMPLIFIED_TABLES } from './catalog/simplifiedTables';
import type { MaterialNumberLengthConfig } from './checks/materialNumberLength';
import type { RemovedTransactionsConfig } from './checks/removedTransactions';
import type { SelectOrderDependencyConfig } from './checks/selectOrderDependency';
import type { SimplifiedTablesConfig } from './checks/simplifiedTables';

/** Severity, effort, message and reason of a rule or of one of its variants. */
type RuleOutcome = {
  severity: Severity;
  /** Remediation effort per finding, minutes. */
  effortMinutes: number;
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
   * Append abaplint's own message in parentheses. Only for rules whose messages name ABAP keywords or SAP objects
   * alone; `parser_error`, for example, quotes the unrecognised source token and must not set this.
   */
  appendEngineMessage?: boolean;
};

/** A rule implemented by one of this engine's checks, with that check's configuration. */
type CheckRuleSource =
  | { engine: 'check'; check: 'simplifiedTables'; config: SimplifiedTablesConfig }
  | { engine: 'check'; check: 'removedTransactions'; config: RemovedTransactionsConfig }
  | { engine: 'check'; check: 'materialNumberLength'; config: MaterialNumberLengthConfig }
  | { engine: 'check'; check: 'selectOrderDependency'; config: SelectOrderDependencyConfig };

/** One row of the rule table. */
type AbapRuleDefinition = RuleOutcome & {
  /** Rule id reported in findings; unique in the table. */
  id: string;
  /** Report grouping. */
  category: string;
  source: AbaplintRuleSource | CheckRuleSource;
  /** Overrides per variant (a check's hit or an abaplint issue key chooses the variant). */
  variants?: Record<string, Partial<RuleOutcome>>;
};

/** Id and version of the pack this table defines. Bump the semver for changes a reader should notice. */
const ABAP_RULE_PACK = { id: 'abap-s4hana', semver: '1.0.0' } as const;

/** The rule table. */
const ABAP_RULES: readonly AbapRuleDefinition[] = [
  {
    id: 'parser_error',
    category: 'syntax',
    severity: 'critical',
    effortMinutes: 30,
    message: 'Statement not recognised for the target ABAP release (syntax error, or syntax the parser does not know); no other rule looked at it',
    why: 'Code that does not parse for the target release will not activate after the conversion, and hides any other finding in that statement.',
    source: { engine: 'abaplint', rule: 'parser_error', issueVariants: { parser_error: 'statement', structure: 'structure' } },
    variants: {
      structure: {
        message: 'Block structure not recognised (for example IF without ENDIF, or a statement outside any block); structure-based rules skipped this file',
      },
    },
  },
  {
    id: 'cds_parser_error',
    category: 'syntax',
    severity: 'critical',
    effortMinutes: 30,
    message: 'CDS source not recognised (syntax error, or syntax the parser does not know)',
    why: 'A CDS view that does not parse cannot be activated on the target release.',
    source: { engine: 'abaplint', rule: 'cds_parser_error' },
  },
  {
    id: 'obsolete_statement',
    category: 'obsolete-syntax',
    severity: 'minor',
    effortMinutes: 5,
    message: 'Obsolete language element; replace it with its current form',
    why:
      'Obsolete statements still compile in reports but not in classes, block moving code into methods, and hide header lines and implicit work areas that break when the surrounding code is adapted (OCCURS, WITH HEADER LINE, RANGES). CLIENT SPECIFIED and POSIX regular expressions are obsolete in the target release itself.',
    source: {
      engine: 'abaplint',
      rule: 'obsolete_statement',
      // Everything abaplint knows, except TYPE-POOLS: harmless since 7.02 and no work worth counting.
      config: { typePools: false },
      appendEngineMessage: true,
    },
  },
  {
    id: 'hana_native_sql',
    category: 'hana-database',
    severity: 'critical',
    effortMinutes: 120,
    message: 'Native SQL (EXEC SQL) is written for the source database; rewrite it in Open SQL or for SAP HANA',
    why: 'S/4HANA runs only on SAP HANA: native SQL in the dialect of Oracle, DB2 or SQL Server, and its database hints, fail or behave differently there.',
    source: {
      engine: 'abaplint',
      rule: 'dangerous_statement',
      // Only native SQL is upgrade work; the other "dangerous" statements are a security topic.
      config: {
        execSQL: true,
        kernelCall: false,
        systemCall: false,
        insertReport: false,
        generateDynpro: false,
        generateReport: false,
        generateSubroutine: false,
        deleteReport: false,
        deleteTextpool: false,
        insertTextpool: false,
        deleteDynpro: false,
        exportDynpro: false,
        editorCallForReport: false,
        dynamicSQL: false,
      },
    },
  },
  {
    id: 'hana_select_order_dependency',
    category: 'hana-database',
    severity: 'critical',
    effortMinutes: 20,
    message: 'SELECT without ORDER BY fills a table that is then processed as sorted; add ORDER BY (or SORT before use)',
    why: 'Other databases often returned rows in primary-key order by accident; SAP HANA does not, so BINARY SEARCH, DELETE ADJACENT DUPLICATES and control levels silently miss rows after the migration.',
    source: { engine: 'check', check: 'selectOrderDependency', config: { controlLevels: true } },
  },
  {
    id: 'db_operation_in_loop',
    category: 'performance',
    severity: 'major',
    effortMinutes: 30,
    message: 'Database access inside LOOP/DO/WHILE; read or write the set at once (JOIN, FOR ALL ENTRIES, array operations)',
    why: 'Row-by-row access costs a round trip per row; on SAP HANA, and on compatibility views that compute their rows on every read, it turns into the conversion\'s typical performance regression.',
    source: { engine: 'abaplint', rule: 'db_operation_in_loop' },
  },
  {
    id: 's4_simplified_table',
    category: 's4-data-model',
    severity: 'critical',
    effortMinutes: 60,
    message: 'Access to a table whose role changed in S/4HANA',
    why: 'S/4HANA simplified the data model: some tables are no longer filled, others became read-only compatibility views over new tables.',
    source: { engine: 'check', check: 'simplifiedTables', config: { tables: SIMPLIFIED_TABLES } },
    variants: {
      'read-not-filled': {
        severity: 'critical',
        effortMinutes: 60,
        message: 'Reads a table that S/4HANA no longer fills; the read returns nothing after the conversion',
        why: 'The code keeps running but works on empty results (for example order status from VBUK, document conditions from KONV).',
      },
      'read-compatibility-view': {
        severity: 'minor',
        effortMinutes: 15,
        message: 'Reads a table that S/4HANA replaced by a compatibility view; the read works but computes its rows on every access',
        why: 'Reads keep working through the view, but aggregates are computed at runtime: check performance and move to the new table when the code is touched.',
      },
      write: {
        severity: 'blocker',
        effortMinutes: 240,
        message: 'Writes to a table that S/4HANA no longer uses or replaced by a read-only view; the write fails or has no effect',
        why: 'Compatibility views cannot be written, and tables no longer read by the application make such writes useless: the logic must move to the new data model or to a released API.',
      },
    },
  },
  {
    id: 's4_removed_transaction',
    category: 's4-transaction',
    severity: 'major',
    effortMinutes: 60,
    message: 'Calls a transaction that S/4HANA no longer offers',
    why: 'Customer and vendor master transactions were replaced by the business partner (BP), and the MB goods-movement transactions by MIGO.',
    source: { engine: 'check', check: 'removedTransactions', config: { transactions: REMOVED_TRANSACTIONS } },
    variants: {
      'batch-input': {
        severity: 'blocker',
        effortMinutes: 480,
        message: 'Batch input (CALL TRANSACTION ... USING) into a transaction that S/4HANA no longer offers; the recording cannot run',
        why: 'The recorded screens no longer exist; the logic must be rebuilt on the business partner or goods-movement API.',
      },
      dialog: {
        severity: 'major',
        effortMinutes: 60,
        message: 'Sends the user to a transaction that S/4HANA no longer offers',
        why: 'The call fails or is redirected; the navigation must point to the successor transaction or app.',
      },
    },
  },
  {
    id: 's4_material_number_length',
    category: 's4-field-length',
    severity: 'major',
    effortMinutes: 20,
    message: 'Assumes the ECC material number length of 18 characters',
    why: 'S/4HANA extends MATNR from 18 to 40 characters (SAP note 2215424); fixed 18-character fields and offsets truncate extended material numbers.',
    source: {
      engine: 'check',
      check: 'materialNumberLength',
      config: { namePattern: 'matnr|matno|material', legacyLength: 18, legacyTypeNames: ['CHAR18'] },
    },
    variants: {
      declaration: { effortMinutes: 20 },
      'offset-length': { effortMinutes: 30 },
    },
  },
  {
    id: 'obsolete_function_module',
    category: 'obsolete-api',
    severity: 'minor',
    effortMinutes: 20,
    message: 'Calls an obsolete function module; use the recommended replacement',
    why: 'Obsolete function modules are not maintained and some are not released for S/4HANA; the pricing reader changed with the KONV replacement.',
    source: {
      engine: 'abaplint',
      rule: 'function_module_recommendations',
      config: { recommendations: OBSOLETE_FUNCTION_MODULES },
      appendEngineMessage: true,
    },
  },
  {
    id: 'call_transaction_authority_check',
    category: 'security',
    severity: 'minor',
    effortMinutes: 10,
    message: 'CALL TRANSACTION without WITH AUTHORITY-CHECK or WITHOUT AUTHORITY-CHECK; state whether the start authorization is checked',
    why: 'The extended program check of current releases reports CALL TRANSACTION without an explicit authority-check addition; conversions are when such findings are cleared.',
    source: { engine: 'abaplint', rule: 'call_transaction_authority_check' },
  },
  {
    id: 'cds_legacy_view',
    category: 'cds',
    severity: 'minor',
    effortMinutes: 60,
    message: 'CDS DDIC-based view (DEFINE VIEW); migrate it to a CDS view entity',
    why: 'DDIC-based CDS views are obsolete from ABAP 7.55 (S/4HANA 2020) on; view entities replace them.',
    source: { engine: 'abaplint', rule: 'cds_legacy_view' },
  },
];

export type { AbapRuleDefinition, AbaplintRuleSource, CheckRuleSource, RuleOutcome };
export { ABAP_RULE_PACK, ABAP_RULES };
