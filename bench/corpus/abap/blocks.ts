/**
 * Routine bodies for the corpus generator: clean ones that no rule of the ABAP pack reports, and seeded ones that
 * carry a known finding at a known line. Every body declares what it uses and may read `iv_key` (a string parameter
 * every generated routine has), so that any body fits any routine; one body per routine keeps the seeds from
 * interfering (the order-dependency check, for example, follows a table within one procedure).
 */
import catalog from '../../../layers/analysis-engine/data/abap/simplification-items.json';
import type { Random } from '../random';
import { CLEAN_TABLES, CURRENT_TRANSACTIONS, UPDATE_FIELDS } from './vocabulary';

/** Where a body goes: FORM and function modules accept obsolete declarations that classes refuse. */
type RoutineKind = 'form' | 'method' | 'function';

/** A finding a seeded body carries, at a line offset within the body. */
type BodyHit = { offset: number; ruleId: string; variant?: string };

/** Lines of a routine body (without the FORM/METHOD/FUNCTION frame), indented by two, and the findings in it. */
type Body = { lines: string[]; hits: BodyHit[] };

/** A seeded finding kind: which rule and variant, how often, where it may go and how it is written. */
type Seed = {
  ruleId: string;
  variant?: string;
  /** Relative frequency among seeds. */
  weight: number;
  /** Routine kinds it is valid in. */
  kinds: readonly RoutineKind[];
  render(random: Random): Body;
};

type CatalogTable = { table: string; kind: string; computedFields?: string[] };

const TABLES = (catalog as unknown as { tables: CatalogTable[] }).tables;
const tablesOfKind = (kind: string): string[] => TABLES.filter((row) => row.kind === kind).map((row) => row.table.toLowerCase());
const NOT_FILLED = tablesOfKind('notFilled');
const COMPATIBILITY_VIEWS = tablesOfKind('compatibilityView');
const HYBRID = tablesOfKind('hybrid');
/** A stock (computed) field of a hybrid table: what makes a read or write of it a finding. */
const stockFieldOf = (table: string): string => (TABLES.find((row) => row.table.toLowerCase() === table)?.computedFields?.[0] ?? 'matnr').toLowerCase();
const TRANSACTIONS = (catalog as unknown as { transactions: { tcode: string; item: string }[] }).transactions;
const BATCH_INPUT_TCODES = TRANSACTIONS.filter((row) => row.item === 'business-partner' || row.item === 'inventory-mb-transactions').map((row) => row.tcode);
const ALL_REMOVED_TCODES = TRANSACTIONS.map((row) => row.tcode);
const PROGRAMS = (catalog as unknown as { programs: { program: string }[] }).programs.map((row) => row.program.toLowerCase());

const ALL_KINDS: readonly RoutineKind[] = ['form', 'method', 'function'];
const PROCEDURAL: readonly RoutineKind[] = ['form', 'function'];

const indent = (lines: readonly string[]): string[] => lines.map((line) => (line === '' ? '' : `  ${line}`));

/** A body whose hit is on the line that contains `marker` (the marker is removed). */
const withHit = (lines: readonly string[], ruleId: string, variant?: string): Body => {
  const offset = lines.findIndex((line) => line.includes('@@'));
  if (offset < 0) throw new Error(`seed ${ruleId}/${variant ?? ''} has no @@ marker`);
  return {
    lines: indent(lines.map((line) => line.replace('@@', ''))),
    hits: [{ offset, ruleId, ...(variant === undefined ? {} : { variant }) }],
  };
};

// ---------------------------------------------------------------------------------------------------------------
// Clean bodies

type CleanBody = (random: Random) => string[];

const CLEAN_BODIES: readonly CleanBody[] = [
  (random) => {
    const table = random.pick(CLEAN_TABLES);
    return [
      'DATA lv_total TYPE p LENGTH 15 DECIMALS 2.',
      `SELECT ${table.key}, ${table.amount} FROM ${table.name}`,
      `  WHERE ${table.key} IS NOT INITIAL`,
      `  ORDER BY ${table.key}`,
      `  INTO TABLE @DATA(lt_rows) UP TO ${random.int(10, 500)} ROWS.`,
      'LOOP AT lt_rows ASSIGNING FIELD-SYMBOL(<ls_row>).',
      `  lv_total = lv_total + <ls_row>-${table.amount}.`,
      'ENDLOOP.',
      `IF lv_total > ${random.int(100, 100000)}.`,
      "  MESSAGE |Total { lv_total } exceeds the limit| TYPE 'S'.",
      'ENDIF.',
    ];
  },
  () => [
    'DATA lv_text TYPE string.',
    'DATA lt_parts TYPE string_table.',
    'lv_text = condense( iv_key ).',
    "SPLIT lv_text AT ';' INTO TABLE lt_parts.",
    'LOOP AT lt_parts INTO DATA(lv_part).',
    '  TRANSLATE lv_part TO UPPER CASE.',
    '  CONCATENATE lv_text lv_part INTO lv_text SEPARATED BY space.',
    'ENDLOOP.',
    'IF strlen( lv_text ) > 60.',
    '  lv_text = lv_text(60).',
    'ENDIF.',
  ],
  (random) => {
    const size = random.int(3, 9);
    return [
      'TYPES: BEGIN OF ty_entry,',
      '         key   TYPE c LENGTH 10,',
      '         value TYPE i,',
      '       END OF ty_entry.',
      'DATA lt_entries TYPE STANDARD TABLE OF ty_entry WITH EMPTY KEY.',
      'DATA ls_entry TYPE ty_entry.',
      `DO ${size} TIMES.`,
      '  APPEND VALUE #( key = |K{ sy-index }| value = sy-index * 10 ) TO lt_entries.',
      'ENDDO.',
      'SORT lt_entries BY key.',
      `READ TABLE lt_entries INTO ls_entry WITH KEY key = 'K${random.int(1, size)}' BINARY SEARCH.`,
      'IF sy-subrc = 0.',
      '  ls_entry-value = ls_entry-value + 1.',
      '  MODIFY lt_entries FROM ls_entry INDEX sy-tabix.',
      'ENDIF.',
    ];
  },
  () => [
    'DATA lv_category TYPE c LENGTH 1.',
    'CASE iv_key.',
    "  WHEN 'A' OR 'B'.",
    "    lv_category = 'H'.",
    "  WHEN 'C'.",
    "    lv_category = 'M'.",
    '  WHEN OTHERS.',
    "    lv_category = 'L'.",
    'ENDCASE.',
  ],
  () => [
    'DATA lv_amount TYPE p LENGTH 13 DECIMALS 2.',
    'TRY.',
    '    lv_amount = CONV #( iv_key ).',
    '  CATCH cx_sy_conversion_error INTO DATA(lx_error).',
    "    MESSAGE lx_error TYPE 'S' DISPLAY LIKE 'E'.",
    '    RETURN.',
    'ENDTRY.',
    'lv_amount = round( val = lv_amount dec = 2 ).',
  ],
  () => [
    'FORMAT COLOR COL_HEADING.',
    "WRITE: / 'Key', 20 'Date', 40 'User'.",
    'FORMAT COLOR OFF.',
    'ULINE.',
    'WRITE: / iv_key, 20 sy-datum, 40 sy-uname.',
  ],
  (random) => {
    const table = random.pick(CLEAN_TABLES);
    return [
      `SELECT SINGLE ${table.key}, ${table.text} FROM ${table.name}`,
      `  WHERE ${table.key} = @iv_key`,
      `  INTO @DATA(ls_${table.name}).`,
      'IF sy-subrc <> 0.',
      "  MESSAGE |{ iv_key } not found| TYPE 'S'.",
      '  RETURN.',
      'ENDIF.',
    ];
  },
  (random) => [
    `AUTHORITY-CHECK OBJECT 'S_TCODE' ID 'TCD' FIELD '${random.pick(CURRENT_TRANSACTIONS)}'.`,
    'IF sy-subrc <> 0.',
    "  MESSAGE 'No authorization' TYPE 'E'.",
    'ENDIF.',
  ],
  (random) => [
    'TYPES ty_numbers TYPE STANDARD TABLE OF i WITH EMPTY KEY.',
    `DATA(lt_numbers) = VALUE ty_numbers( FOR i = 1 UNTIL i > ${random.int(5, 20)} ( i * i ) ).`,
    'DATA(lv_sum) = REDUCE i( INIT s = 0 FOR lv_n IN lt_numbers NEXT s = s + lv_n ).',
    'IF lv_sum > 100.',
    '  CLEAR lt_numbers.',
    'ENDIF.',
  ],
  () => [
    'DATA ls_return TYPE bapiret2.',
    "CALL FUNCTION 'BAPI_TRANSACTION_COMMIT'",
    '  EXPORTING',
    '    wait   = abap_true',
    '  IMPORTING',
    '    return = ls_return.',
    "IF ls_return-type = 'E'.",
    "  CALL FUNCTION 'BAPI_TRANSACTION_ROLLBACK'.",
    'ENDIF.',
  ],
  (random) => {
    const table = random.pick(CLEAN_TABLES);
    return [
      `SELECT ${table.key}, ${table.amount} FROM ${table.name}`,
      `  ORDER BY ${table.key}`,
      '  INTO TABLE @DATA(lt_grouped) UP TO 200 ROWS.',
      'LOOP AT lt_grouped INTO DATA(ls_grouped).',
      `  AT NEW ${table.key}.`,
      `    WRITE / ls_grouped-${table.key}.`,
      '  ENDAT.',
      'ENDLOOP.',
    ];
  },
  () => [
    'SELECT vbeln, kunnr FROM vbak',
    '  WHERE erdat = @sy-datum',
    '  ORDER BY vbeln',
    '  INTO TABLE @DATA(lt_heads) UP TO 100 ROWS.',
    'IF lt_heads IS NOT INITIAL.',
    '  SELECT vbeln, posnr, matnr FROM vbap',
    '    FOR ALL ENTRIES IN @lt_heads',
    '    WHERE vbeln = @lt_heads-vbeln',
    '    INTO TABLE @DATA(lt_items).',
    'ENDIF.',
  ],
  (random) => {
    const table = random.pick(CLEAN_TABLES);
    return [
      `DATA ls_data TYPE ${table.name}.`,
      'FIELD-SYMBOLS <lv_field> TYPE any.',
      `ASSIGN COMPONENT '${table.text.toUpperCase()}' OF STRUCTURE ls_data TO <lv_field>.`,
      'IF <lv_field> IS ASSIGNED.',
      '  <lv_field> = iv_key.',
      'ENDIF.',
    ];
  },
];

/**
 * A body no rule reports: a statement mix typical of maintained custom code (ordered reads, expressions, string and
 * table handling, BAPI calls, output).
 */
const cleanBody = (random: Random): Body => ({ lines: indent(random.pick(CLEAN_BODIES)(random)), hits: [] });

// ---------------------------------------------------------------------------------------------------------------
// Seeded bodies

const obsoleteArithmetic = (variant: string, statement: string): Seed => ({
  ruleId: 'obsolete_statement',
  variant,
  weight: 3,
  kinds: ALL_KINDS,
  render: () => withHit(['DATA lv_counter TYPE i.', 'lv_counter = strlen( iv_key ).', `@@${statement}`, 'WRITE / lv_counter.'], 'obsolete_statement', variant),
});

const SEEDS: readonly Seed[] = [
  {
    ruleId: 'obsolete_statement',
    variant: 'move',
    weight: 8,
    kinds: ALL_KINDS,
    render: () => withHit(['DATA lv_copy TYPE string.', '@@MOVE iv_key TO lv_copy.', 'WRITE / lv_copy.'], 'obsolete_statement', 'move'),
  },
  obsoleteArithmetic('add', 'ADD 1 TO lv_counter.'),
  obsoleteArithmetic('subtract', 'SUBTRACT 1 FROM lv_counter.'),
  obsoleteArithmetic('multiply', 'MULTIPLY lv_counter BY 2.'),
  obsoleteArithmetic('divide', 'DIVIDE lv_counter BY 2.'),
  obsoleteArithmetic('compute', 'COMPUTE lv_counter = lv_counter * 3.'),
  {
    ruleId: 'obsolete_statement',
    variant: 'refresh',
    weight: 5,
    kinds: ALL_KINDS,
    render: () =>
      withHit(['DATA lt_buffer TYPE STANDARD TABLE OF string WITH EMPTY KEY.', 'APPEND iv_key TO lt_buffer.', '@@REFRESH lt_buffer.'], 'obsolete_statement', 'refresh'),
  },
  {
    ruleId: 'obsolete_statement',
    variant: 'occurs',
    weight: 4,
    kinds: PROCEDURAL,
    render: () =>
      withHit(
        ['@@DATA: BEGIN OF lt_legacy OCCURS 10,', '        key   TYPE c LENGTH 10,', '        count TYPE i,', '      END OF lt_legacy.', 'lt_legacy-key = iv_key.', 'APPEND lt_legacy.'],
        'obsolete_statement',
        'occurs',
      ),
  },
  {
    ruleId: 'obsolete_statement',
    variant: 'with-header-line',
    weight: 3,
    kinds: PROCEDURAL,
    render: () =>
      withHit(['@@DATA lt_lines TYPE STANDARD TABLE OF string WITH HEADER LINE.', 'lt_lines = iv_key.', 'APPEND lt_lines.'], 'obsolete_statement', 'with-header-line'),
  },
  {
    ruleId: 'obsolete_statement',
    variant: 'ranges',
    weight: 2,
    kinds: PROCEDURAL,
    render: () => withHit(['@@RANGES lr_dates FOR sy-datum.', "lr_dates-sign = 'I'.", "lr_dates-option = 'EQ'.", 'lr_dates-low = sy-datum.', 'APPEND lr_dates.'], 'obsolete_statement', 'ranges'),
  },
  {
    ruleId: 'obsolete_statement',
    variant: 'client-specified',
    weight: 1,
    kinds: ALL_KINDS,
    render: (random) => {
      const table = random.pick(CLEAN_TABLES);
      return withHit(
        [`@@SELECT ${table.key} FROM ${table.name} CLIENT SPECIFIED`, "  WHERE mandt = '000'", `  ORDER BY ${table.key}`, '  INTO TABLE @DATA(lt_all_clients) UP TO 10 ROWS.'],
        'obsolete_statement',
        'client-specified',
      );
    },
  },
  {
    ruleId: 'obsolete_statement',
    variant: 'posix-regex',
    weight: 1,
    kinds: ALL_KINDS,
    render: () => withHit(["@@FIND REGEX '^[0-9]+$' IN iv_key.", 'IF sy-subrc = 0.', "  MESSAGE 'Numeric key' TYPE 'S'.", 'ENDIF.'], 'obsolete_statement', 'posix-regex'),
  },
  {
    ruleId: 'hana_native_sql',
    weight: 2,
    kinds: ALL_KINDS,
    render: () =>
      withHit(
        ['DATA lv_rows TYPE i.', '@@EXEC SQL.', '  SELECT COUNT(*) INTO :lv_rows FROM t000 WHERE ROWNUM < 100', 'ENDEXEC.', 'WRITE / lv_rows.'],
        'hana_native_sql',
      ),
  },
  {
    ruleId: 'hana_adbc_native_sql',
    weight: 1,
    kinds: ['method'],
    render: () =>
      withHit(
        ['TRY.', '@@    DATA(lo_sql) = NEW cl_sql_statement( ).', '    DATA(lo_result) = lo_sql->execute_query( `SELECT COUNT(*) FROM T000` ).', '    lo_result->close( ).', '  CATCH cx_sql_exception INTO DATA(lx_sql).', "    MESSAGE lx_sql TYPE 'S'.", 'ENDTRY.'],
        'hana_adbc_native_sql',
      ),
  },
  {
    ruleId: 'hana_database_hint',
    weight: 1,
    kinds: ALL_KINDS,
    render: (random) => {
      const table = random.pick(CLEAN_TABLES);
      return withHit(
        // Hints close the statement, after WHERE: the classic position the parser accepts.
        [`SELECT ${table.key} FROM ${table.name}`, '  INTO TABLE @DATA(lt_hinted)', `  WHERE ${table.key} = @iv_key`, `@@  %_HINTS ORACLE 'INDEX("${table.name.toUpperCase()}" "${table.name.toUpperCase()}~0")'.`],
        'hana_database_hint',
      );
    },
  },
  {
    ruleId: 'hana_select_order_dependency',
    weight: 5,
    kinds: ALL_KINDS,
    render: (random) => {
      const table = random.pick(CLEAN_TABLES);
      return withHit(
        [
          `TYPES: BEGIN OF ty_row,`,
          `         ${table.key} TYPE ${table.name}-${table.key},`,
          `         ${table.amount} TYPE ${table.name}-${table.amount},`,
          '       END OF ty_row.',
          'DATA lt_rows TYPE STANDARD TABLE OF ty_row WITH EMPTY KEY.',
          'DATA ls_row TYPE ty_row.',
          `@@SELECT ${table.key}, ${table.amount} FROM ${table.name}`,
          `  WHERE ${table.key} IS NOT INITIAL`,
          '  INTO TABLE @lt_rows.',
          `READ TABLE lt_rows INTO ls_row WITH KEY ${table.key} = iv_key BINARY SEARCH.`,
        ],
        'hana_select_order_dependency',
      );
    },
  },
  {
    ruleId: 'db_operation_in_loop',
    weight: 6,
    kinds: ALL_KINDS,
    render: () =>
      withHit(
        [
          'SELECT vbeln, kunnr FROM vbak',
          '  WHERE erdat = @sy-datum',
          '  ORDER BY vbeln',
          '  INTO TABLE @DATA(lt_orders) UP TO 50 ROWS.',
          'LOOP AT lt_orders INTO DATA(ls_order).',
          '@@  SELECT SINGLE name1 FROM kna1 WHERE kunnr = @ls_order-kunnr INTO @DATA(lv_name).',
          '  WRITE / lv_name.',
          'ENDLOOP.',
        ],
        'db_operation_in_loop',
      ),
  },
  {
    ruleId: 's4_simplified_table',
    variant: 'read-not-filled',
    weight: 6,
    kinds: ALL_KINDS,
    render: (random) => {
      const table = random.pick(NOT_FILLED);
      return withHit(
        [`@@SELECT * FROM ${table}`, '  WHERE mandt = @sy-mandt', '  ORDER BY PRIMARY KEY', `  INTO TABLE @DATA(lt_${table}) UP TO 100 ROWS.`, `WRITE / lines( lt_${table} ).`],
        's4_simplified_table',
        'read-not-filled',
      );
    },
  },
  {
    ruleId: 's4_simplified_table',
    variant: 'read-compatibility-view',
    weight: 10,
    kinds: ALL_KINDS,
    render: (random) => {
      const table = random.pick(COMPATIBILITY_VIEWS);
      return withHit([`@@SELECT SINGLE * FROM ${table}`, '  WHERE mandt = @sy-mandt', `  INTO @DATA(ls_${table}).`], 's4_simplified_table', 'read-compatibility-view');
    },
  },
  {
    ruleId: 's4_simplified_table',
    variant: 'read-hybrid-table',
    weight: 4,
    kinds: ALL_KINDS,
    render: (random) => {
      const table = random.pick(HYBRID);
      return withHit([`@@SELECT matnr, ${stockFieldOf(table)} FROM ${table}`, '  WHERE matnr = @iv_key', '  ORDER BY matnr', `  INTO TABLE @DATA(lt_${table}) UP TO 20 ROWS.`], 's4_simplified_table', 'read-hybrid-table');
    },
  },
  {
    ruleId: 's4_simplified_table',
    variant: 'write',
    weight: 3,
    kinds: ALL_KINDS,
    render: (random) => {
      const table = random.pick([...NOT_FILLED, ...COMPATIBILITY_VIEWS].filter((name) => UPDATE_FIELDS[name.toUpperCase()] !== undefined));
      return withHit([`@@UPDATE ${table} SET ${UPDATE_FIELDS[table.toUpperCase()]} = @iv_key`, '  WHERE mandt = @sy-mandt.', 'IF sy-subrc <> 0.', '  ROLLBACK WORK.', 'ENDIF.'], 's4_simplified_table', 'write');
    },
  },
  {
    ruleId: 's4_simplified_table',
    variant: 'write-hybrid-table',
    weight: 1,
    kinds: ALL_KINDS,
    render: (random) => {
      const table = random.pick(HYBRID);
      return withHit([`@@UPDATE ${table} SET ${stockFieldOf(table)} = @iv_key`, '  WHERE matnr = @iv_key.'], 's4_simplified_table', 'write-hybrid-table');
    },
  },
  {
    ruleId: 's4_removed_transaction',
    variant: 'batch-input',
    weight: 3,
    kinds: ALL_KINDS,
    render: (random) =>
      withHit(
        [
          'DATA lt_bdc TYPE STANDARD TABLE OF bdcdata WITH EMPTY KEY.',
          "APPEND VALUE #( program = 'SAPMF02D' dynpro = '0100' dynbegin = abap_true ) TO lt_bdc.",
          "APPEND VALUE #( fnam = 'RF02D-KUNNR' fval = iv_key ) TO lt_bdc.",
          `@@CALL TRANSACTION '${random.pick(BATCH_INPUT_TCODES)}' WITH AUTHORITY-CHECK USING lt_bdc MODE 'N' UPDATE 'S'.`,
          'IF sy-subrc <> 0.',
          "  MESSAGE 'Batch input failed' TYPE 'S'.",
          'ENDIF.',
        ],
        's4_removed_transaction',
        'batch-input',
      ),
  },
  {
    ruleId: 's4_removed_transaction',
    variant: 'dialog',
    weight: 3,
    kinds: ALL_KINDS,
    render: (random) =>
      withHit(
        random.chance(0.5)
          ? [`SET PARAMETER ID 'KUN' FIELD iv_key.`, `@@CALL TRANSACTION '${random.pick(ALL_REMOVED_TCODES)}' WITH AUTHORITY-CHECK AND SKIP FIRST SCREEN.`]
          : [`@@LEAVE TO TRANSACTION '${random.pick(ALL_REMOVED_TCODES)}'.`],
        's4_removed_transaction',
        'dialog',
      ),
  },
  {
    ruleId: 's4_removed_transaction',
    variant: 'submit',
    weight: 1,
    kinds: ALL_KINDS,
    render: (random) => withHit([`@@SUBMIT ${random.pick(PROGRAMS)} AND RETURN.`], 's4_removed_transaction', 'submit'),
  },
  {
    ruleId: 's4_material_number_length',
    variant: 'declaration',
    weight: 3,
    kinds: ALL_KINDS,
    render: () => withHit(['@@DATA lv_matnr(18) TYPE c.', 'lv_matnr = iv_key.', 'WRITE / lv_matnr.'], 's4_material_number_length', 'declaration'),
  },
  {
    ruleId: 's4_material_number_length',
    variant: 'offset-length',
    weight: 2,
    kinds: ALL_KINDS,
    render: () =>
      withHit(
        ['DATA lv_prefix TYPE string.', 'SELECT SINGLE matnr FROM mara WHERE matnr = @iv_key INTO @DATA(lv_matnr).', '@@lv_prefix = lv_matnr+0(18).', 'WRITE / lv_prefix.'],
        's4_material_number_length',
        'offset-length',
      ),
  },
  {
    ruleId: 's4_material_number_length',
    variant: 'move-truncation',
    weight: 2,
    kinds: ALL_KINDS,
    render: () =>
      withHit(
        ['DATA lv_label_key TYPE c LENGTH 18.', 'DATA ls_mara TYPE mara.', 'SELECT SINGLE * FROM mara WHERE matnr = @iv_key INTO @ls_mara.', '@@lv_label_key = ls_mara-matnr.', 'WRITE / lv_label_key.'],
        's4_material_number_length',
        'move-truncation',
      ),
  },
  {
    ruleId: 'obsolete_function_module',
    weight: 3,
    kinds: ALL_KINDS,
    render: (random) =>
      random.chance(0.5)
        ? withHit(['DATA lv_guid TYPE c LENGTH 32.', "@@CALL FUNCTION 'GUID_CREATE'", '  IMPORTING', '    ev_guid_32 = lv_guid.'], 'obsolete_function_module')
        : withHit(
            ['DATA lt_file TYPE STANDARD TABLE OF string WITH EMPTY KEY.', "@@CALL FUNCTION 'WS_UPLOAD'", '  EXPORTING', '    filename = iv_key', '  TABLES', '    data_tab = lt_file.'],
            'obsolete_function_module',
          ),
  },
  {
    ruleId: 'call_transaction_authority_check',
    weight: 3,
    kinds: ALL_KINDS,
    render: (random) => withHit([`SET PARAMETER ID 'AUN' FIELD iv_key.`, `@@CALL TRANSACTION '${random.pick(CURRENT_TRANSACTIONS)}' AND SKIP FIRST SCREEN.`], 'call_transaction_authority_check'),
  },
  {
    ruleId: 'parser_error',
    variant: 'statement',
    weight: 0.2,
    kinds: ALL_KINDS,
    render: () => withHit(['DATA lv_total TYPE i.', 'lv_total = strlen( iv_key ).', '@@lv_total = lv_total +.', 'WRITE / lv_total.'], 'parser_error', 'statement'),
  },
];

/** Options of {@link seededBody}. */
type SeedOptions = {
  /**
   * Whether the seed may be a statement that does not parse (`parser_error`).
   * @default true
   */
  parserErrors?: boolean;
};

/**
 * A seeded body for a routine of the given kind.
 *
 * @example
 * const body = seededBody(random, 'method'); // body.hits[0].ruleId
 */
const seededBody = (random: Random, kind: RoutineKind, options: SeedOptions = {}): Body => {
  const allowed = SEEDS.filter((seed) => seed.kinds.includes(kind) && (options.parserErrors !== false || seed.ruleId !== 'parser_error'));
  return random.weighted(allowed.map((seed) => ({ weight: seed.weight, value: seed }))).render(random);
};

export type { Body, BodyHit, RoutineKind, Seed, SeedOptions };
export { SEEDS, cleanBody, seededBody };
